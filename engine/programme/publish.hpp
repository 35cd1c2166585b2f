// `samenkaart publish`: sends what is new or changed in a project file since its last successful
// publish to the programme store, in one transaction, and checks the server's counts afterwards.
//
// What goes out is what the research export writes by default (engine/export/selection.hpp): pins
// of sessions without recorded consent stay home unless asked, contributor aliases become
// pseudonyms under a key that only the project file holds (engine/pseudonym.hpp), personal
// categories' extra fields are left out, and --coarsen moves pins as in export. Soft-deleted pins go
// out with their deleted_at, so the server knows they were deleted.
//
// What was sent is remembered in the project file per store (tables publish_state and
// publish_log, made on the first publish): a digest of every published row, so the next publish
// sends only rows whose digest changed, and withdraws pins that are no longer published (e.g. a
// session's consent was taken back). Triggers note which pins change between publishes
// (publish_changes), so that the next publish reads only those (publish.cpp says when it reads all).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "engine/programme/pg_connection.hpp"

namespace samenkaart {
class Project;
}

namespace samenkaart::programme {

struct PublishOptions {
    std::optional<std::string> werkplaats;  // required on a project's first publish to a store
    bool includeUnconsented = false;
    std::optional<double> coarsenMetres;
    // Send everything again, as if this store had never had a publish of the project (after an
    // administrator removed rows, or when the receipt's counts differed). Nothing is duplicated:
    // rows the server has are replaced by the same values.
    bool resendAll = false;
    // Called with a step's words and the share of the work done (0..1).
    std::function<void(const std::string& step, double done)> progress;
};

struct RefusedPin {
    std::string id;
    std::string reason;
};

struct PublishReceipt {
    std::string server;      // the server's label (no password)
    std::string werkplaats;  // the werkplaats the project is published under
    std::string projectUid;
    std::string publishedAt;  // ISO 8601 UTC; empty when nothing was sent
    bool nothingNew = false;  // nothing changed since the last publish to this store
    // Only the pins noted as changed since the last publish to this store were read (else the whole
    // project: the first publish, --resend-all, or when options, consent or boundaries changed).
    bool changesOnly = false;
    int64_t pinsSent = 0, pinsNew = 0, pinsChanged = 0, pinsDeleted = 0;
    int64_t pinsWithdrawn = 0;  // published before, no longer published (removed from the server)
    std::vector<RefusedPin> refused;
    int64_t sessionsSent = 0, categoriesSent = 0, historySent = 0, boundariesSent = 0;
    int64_t leftOutUnconsented = 0;  // pins of sessions without consent that stayed home
    // The server's own counts of this project's pins after the commit, and what they should be.
    int64_t serverPins = 0, serverDeletedPins = 0;
    int64_t expectedPins = 0, expectedDeletedPins = 0;
    // Set when the server took the publish but the project file could not record it (its words):
    // nothing is lost, the next publish sends the same rows again.
    std::string notRecorded;
    bool countsMatch() const { return serverPins == expectedPins && serverDeletedPins == expectedDeletedPins; }
};

// Publishes `projectPath` into the store `c` is connected to. Throws Error naming the server or the
// file; on any failure the server holds nothing of this publish and the project file records none.
PublishReceipt publishProject(const std::string& projectPath, pg::Connection& c, const PublishOptions& options);

// A successful publish as the project file recorded it.
struct PublishRecord {
    std::string server, werkplaats, publishedAt;
    int64_t pinsNew = 0, pinsChanged = 0, pinsDeleted = 0, pinsWithdrawn = 0, pinsRefused = 0, serverPins = 0;
};
// Newest first; empty when the project was never published (the tables need not exist).
std::vector<PublishRecord> publishHistory(Project& project);

}  // namespace samenkaart::programme
