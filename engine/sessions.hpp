// Mapping sessions: one evening in a community centre, with a facilitator and residents.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/sqlite_db.hpp"

namespace samenkaart {

struct Session {
    int64_t id = 0;
    std::string title;
    std::optional<std::string> facilitator;
    std::optional<std::string> location;
    std::string startedAt;
    std::optional<std::string> endedAt;
    std::optional<int64_t> participantCount;
    std::optional<std::string> notes;
    bool consent = false;
    std::optional<std::string> consentAt;

    bool isOpen() const { return !endedAt.has_value(); }
    nlohmann::json toJson() const;
};

// (Every member has an initializer so that designated initializers may name only some.)
struct NewSession {
    std::string title{};
    std::optional<std::string> facilitator{};
    std::optional<std::string> location{};
    std::optional<int64_t> participantCount{};
    std::optional<std::string> notes{};
    bool consent = false;
};

class SessionStore {
public:
    explicit SessionStore(Database& db) : db_(db) {}

    // What becomes of sessions still open when one starts or is reopened. The window keeps one open
    // session per project (Close: the evening's pins go to one place, and what the window shows as
    // open is what is open); the command line and a merge may leave several open (Keep).
    enum class OtherOpen { Keep, Close };

    // With OtherOpen::Close the others end at the moment this one starts, in the same transaction.
    int64_t start(const NewSession& s, OtherOpen others = OtherOpen::Keep);
    void close(int64_t id);
    // Opens a closed session again (its pins can be added to and edited); refused when it is open.
    void reopen(int64_t id) { reopen(id, OtherOpen::Keep); }
    void reopen(int64_t id, OtherOpen others);
    void recordConsent(int64_t id);
    std::vector<Session> list();
    std::optional<Session> find(int64_t id);
    // Throws Error("session N", "does not exist") when it is not there.
    Session get(int64_t id);
    // The most recently started session that is still open, if any.
    std::optional<Session> latestOpen();

private:
    Database& db_;
};

}  // namespace samenkaart
