// Reading the programme store back into project files, as the programme view and the export from
// the store both do, inside the caller's (read-only snapshot) transaction: many rows through a
// cursor, a batch at a time, so that a million pins never sit in memory twice (the server's result
// and the copy made of it); the pins with the bulk writer; the categories.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "engine/pin_bulk_write.hpp"
#include "engine/programme/pg_connection.hpp"
#include "engine/sqlite_db.hpp"

namespace samenkaart::programme {

// Runs `select` (no parameters) through a cursor and hands each batch of rows to `batch`.
void fetchInBatches(pg::Connection& c, const std::string& select, const std::function<void(const pg::Result&)>& batch);

// The pins `select` returns, in this order: id, session_id, category, title, description,
// contributor, attributes (as text), created_at, updated_at, deleted_at, x, y, then whatever
// `sessionOf` reads to give the pin's session in the project written (nullopt: the pin is left out).
// Returns how many were written; `progress` gets the count after each batch.
int64_t copyStorePins(pg::Connection& c, const std::string& select, PinBulkWrite& write,
                      const std::function<std::optional<int64_t>(const pg::Result&, int row)>& sessionOf,
                      const std::function<void(int64_t rowsRead)>& progress = {});

// The categories `select` returns (code, label_nl, label_en, colour, icon, kind, description,
// personal, fields as text, sort_order; with `params`) into the project file's `categories`, after
// the ones a new project file starts with are removed.
void copyStoreCategories(pg::Connection& c, Database& db, const std::string& select, const pg::Params& params = {});

// For a project file written from the store that is thrown away when the writing fails (a view's
// .part file, the export's temporary copies): no journal and no waiting for the disk while it is
// written, which otherwise writes every page twice (log, then file) and syncs each commit.
void writeWithoutJournal(Database& db);

// A uuid as the store gives it, checked to be nothing else, for a query written out in full.
std::string uuidLiteral(const std::string& uuid);

}  // namespace samenkaart::programme
