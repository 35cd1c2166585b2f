// Reading many rows back from the programme store: through a cursor, a batch at a time, so that a
// million pins never sit in memory twice (the server's result and the copy made of it); and the
// store's pins written into a project file with the bulk writer. The programme view and the export
// from the store both read this way. Both run inside the caller's (read-only snapshot) transaction.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "engine/pin_bulk_write.hpp"
#include "engine/programme/pg_connection.hpp"

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

// A uuid as the store gives it, checked to be nothing else, for a query written out in full.
std::string uuidLiteral(const std::string& uuid);

}  // namespace samenkaart::programme
