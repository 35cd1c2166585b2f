// Thin RAII wrappers over SQLite: a connection with SpatiaLite loaded, prepared statements, and
// transactions that roll back unless committed. Errors become samenkaart::Error naming the file.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace samenkaart {

class Database;

class Statement {
public:
    Statement(Database& db, std::string_view sql);
    ~Statement();
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&&) = delete;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    // Binding is 1-based as in SQLite. Text is bound byte for byte (SQLITE_TRANSIENT).
    Statement& bind(int index, std::string_view text);
    Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
    Statement& bind(int index, const std::string& text) { return bind(index, std::string_view(text)); }
    Statement& bind(int index, int64_t value);
    Statement& bind(int index, int value) { return bind(index, static_cast<int64_t>(value)); }
    Statement& bind(int index, double value);
    Statement& bindBlob(int index, const void* data, size_t size);
    Statement& bindNull(int index);
    Statement& bind(int index, const std::optional<std::string>& text);
    Statement& bind(int index, const std::optional<int64_t>& value);

    // Returns true while a row is available; false when done. Throws on error.
    bool step();
    // Runs to completion, ignoring rows.
    void run();
    void reset();

    bool isNull(int column) const;
    int64_t columnInt(int column) const;
    double columnDouble(int column) const;
    std::string columnText(int column) const;
    // Pointer into SQLite's buffer, valid until the next step/reset; empty for NULL.
    std::string_view columnTextView(int column) const;
    std::optional<std::string> columnOptionalText(int column) const;
    std::optional<int64_t> columnOptionalInt(int column) const;
    std::vector<uint8_t> columnBlob(int column) const;
    // Pointer into SQLite's buffer, valid until the next step/reset.
    std::pair<const uint8_t*, size_t> columnBlobView(int column) const;
    int columnCount() const;
    std::string columnName(int column) const;

private:
    Database* db_;
    sqlite3_stmt* stmt_ = nullptr;
};

class Database {
public:
    // PlainReadWrite: an existing SQLite file that is not a project (e.g. a GeoPackage being
    // written): no SpatiaLite, and the file's own journal and sync settings are left alone.
    enum class Mode { ReadWrite, ReadWriteCreate, ReadOnly, PlainReadWrite };

    // Opens (or creates) the file, loads mod_spatialite, turns on foreign keys, WAL and a busy timeout
    // (PlainReadWrite: only the busy timeout).
    Database(const std::string& path, Mode mode);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    void exec(std::string_view sql);
    int64_t lastInsertRowId() const;
    int changes() const;
    const std::string& path() const { return path_; }
    sqlite3* handle() { return db_; }

    // Single-value conveniences for metadata queries.
    std::optional<int64_t> queryInt(std::string_view sql);
    std::optional<std::string> queryText(std::string_view sql);

    // Makes the write-ahead log at least `bytes` long with zeros written ahead of SQLite, so that the
    // commits of a session overwrite blocks the file already has: on Linux file systems the fsync
    // of a commit that does not grow the file skips the metadata journal (about 0.3 ms instead of
    // 1-12 ms here). Zeros after the last frame are what a reset log holds anyway: recovery stops at
    // the first frame whose checksum fails. Runs inside a write transaction so that no other
    // connection appends frames meanwhile. False (and nothing changed) when the database is not in
    // WAL mode or the disk refuses; callers go on without it.
    bool reserveWriteAheadLog(int64_t bytes);

    // How long a statement waits for another connection's lock before the file counts as busy
    // ("locked by another program"); 5 s unless set.
    void setBusyTimeout(int milliseconds);

    // Throws an Error naming this database's file with SQLite's message turned into plain words.
    // `callErrno`: errno just after the failed call (see there).
    [[noreturn]] void fail(int rc, std::string_view context, int callErrno = 0) const;

private:
    std::string path_;
    sqlite3* db_ = nullptr;
    int busyTimeoutMs_ = 5000;
};

// BEGIN IMMEDIATE on construction (so a writer never deadlocks on upgrade), ROLLBACK on destruction
// unless commit() was called.
class Transaction {
public:
    explicit Transaction(Database& db);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit();

private:
    Database& db_;
    bool open_ = false;
};

// A name as an SQL identifier: in double quotes, inner quotes doubled.
std::string quoteIdentifier(std::string_view name);

// Takes a table's triggers away (all of them, or only those named in `only`) until restore() puts
// them back exactly as they were written. For bulk writes that do themselves what the triggers would
// do per row (index entries, counters, checks). Run inside the caller's transaction: a rollback
// brings the triggers back too.
class RestingTriggers {
public:
    RestingTriggers(Database& db, const std::string& table, const std::vector<std::string>& only = {});
    void restore();

private:
    Database& db_;
    std::vector<std::string> sql_;
};

}  // namespace samenkaart
