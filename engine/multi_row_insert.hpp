// Many rows per INSERT for bulk writes (pin import, the GeoPackage export).
#pragma once

#include <algorithm>
#include <optional>
#include <string>

#include "engine/sqlite_db.hpp"

namespace samenkaart {

// Running a statement has a fixed cost in SQLite (and an AUTOINCREMENT table reads and rewrites
// sqlite_sequence each time), which a bulk write then pays once per kRowsPerStatement rows instead
// of once per row. The row count is known in advance, so the last,
// shorter statement is prepared with exactly the rows that remain.
class MultiRowInsert {
public:
    static constexpr size_t kRowsPerStatement = 64;

    MultiRowInsert(Database& db, const char* head, const char* rowPlaceholders, int columns, size_t totalRows)
        : db_(db), head_(head), row_(rowPlaceholders), columns_(columns), remaining_(totalRows) {}

    // The statement the next row binds to; nextRow() is the index of that row's first parameter (1-based).
    Statement& statement() {
        if (!current_) {
            const size_t rows = std::min(kRowsPerStatement, remaining_);
            if (rows == kRowsPerStatement && full_) {
                current_ = &*full_;
            } else {
                std::string sql = head_;
                for (size_t i = 0; i < rows; ++i) sql += (i ? "," : "") + row_;
                (rows == kRowsPerStatement ? full_ : tail_).emplace(db_, sql);
                current_ = rows == kRowsPerStatement ? &*full_ : &*tail_;
            }
            rowsInStatement_ = rows;
            bound_ = 0;
        }
        return *current_;
    }
    int nextRow() const { return static_cast<int>(bound_) * columns_ + 1; }
    // Runs the statement once all its rows are bound.
    void rowDone() {
        --remaining_;
        if (++bound_ < rowsInStatement_) return;
        current_->run();
        current_->reset();
        current_ = nullptr;
    }

private:
    Database& db_;
    std::string head_, row_;
    int columns_;
    size_t remaining_;
    std::optional<Statement> full_, tail_;
    Statement* current_ = nullptr;
    size_t rowsInStatement_ = 0, bound_ = 0;
};

}  // namespace samenkaart
