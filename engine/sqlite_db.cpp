#include "engine/sqlite_db.hpp"

#include <sqlite3.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cerrno>

#include <algorithm>

#include "engine/error.hpp"
#include "engine/file_damage.hpp"
#include "engine/text_encoding.hpp"

namespace samenkaart {
namespace {

constexpr const char* kReadOnly =
    "the project file is read-only (check the file's permissions or the USB stick's lock)";
constexpr const char* kDiskReadOnly =
    "the disk holding the project file is read-only (a USB stick's lock, or the system made it read-only after a disk "
    "error)";
constexpr const char* kDiskFull = "the disk is full; free some space and try again";

// SQLite's message as one line of valid UTF-8: a damaged schema's names and SQL come back in it byte
// for byte (flipped bits, control characters).
std::string oneLine(const char* message) {
    std::string text = toUtf8Lenient(message ? message : "");
    for (char& c : text)
        if (static_cast<unsigned char>(c) < 0x20) c = '?';
    return text;
}

struct PlainCause {
    std::string words;
    ErrorKind kind = ErrorKind::Other;  // Damaged: words come from damagedProjectCause
};

[[noreturn]] void raise(const std::string& path, const PlainCause& cause) {
    if (cause.kind == ErrorKind::Damaged) throw DamagedFileError(path, cause.words);
    throw Error(path, cause.words, cause.kind);
}

// What a file SQLite calls "not a database" is: another kind of file, or a project whose first
// bytes are gone (zeros, cut short). The file's own header tells.
PlainCause notADatabase(const std::string& path) {
    try {
        const SqliteFileCheck check = checkSqliteFile(path);
        if (check.shape == SqliteFileShape::NotSqlite)
            return {"is not a Samenkaart project file (" + check.words + ")", ErrorKind::Unsupported};
        if (check.damaged()) return {check.words, ErrorKind::Damaged};
    } catch (const Error&) {
    }
    return {"its first page cannot be read", ErrorKind::Damaged};
}

// SQLite's own words are for programmers; a facilitator needs to know what to do. `osErrno` is the
// errno of SQLite's last failed system call: SQLite calls a full disk FULL only when a write says
// so; a sync or truncate that the full disk refuses, and every write to a file system that turned
// read-only (EROFS), come as plain I/O errors. Damage is told apart from every other cause: a
// damaged file must never be blamed on a read-only disk or a lock.
PlainCause plainCause(int rc, const char* rawMessage, int osErrno, const std::string& path) {
    const std::string message = oneLine(rawMessage);
    const char* sqliteMessage = message.c_str();
    if ((rc & 0xff) == SQLITE_IOERR) {
        if (osErrno == ENOSPC || osErrno == EDQUOT) return {kDiskFull, ErrorKind::DiskFull};
        if (osErrno == EROFS) return {kDiskReadOnly, ErrorKind::ReadOnly};
        if (osErrno == EACCES || osErrno == EPERM) return {"permission denied", ErrorKind::ReadOnly};
    }
    switch (rc & 0xff) {
        case SQLITE_READONLY:
            return {kReadOnly, ErrorKind::ReadOnly};
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
            return {"the project file is locked by another program; close it there and try again", ErrorKind::Locked};
        case SQLITE_FULL:
            return {kDiskFull, ErrorKind::DiskFull};
        case SQLITE_IOERR:
            return {std::string("the disk reported an input/output error (") + sqliteMessage + ")"};
        case SQLITE_CORRUPT:
            return {std::string("part of it cannot be read; SQLite says: ") + sqliteMessage, ErrorKind::Damaged};
        case SQLITE_NOTADB:
            return notADatabase(path);
        case SQLITE_CANTOPEN:
            return {"cannot open the file (does the folder exist, and may we write there?)"};
        case SQLITE_PERM:
        case SQLITE_AUTH:
            return {"permission denied", ErrorKind::ReadOnly};
        default:
            return {sqliteMessage};
    }
}

}  // namespace

Database::Database(const std::string& path, Mode mode) : path_(path) {
    int flags = SQLITE_OPEN_NOMUTEX;
    switch (mode) {
        case Mode::ReadOnly:
            flags |= SQLITE_OPEN_READONLY;
            break;
        case Mode::ReadWrite:
        case Mode::PlainReadWrite:
            flags |= SQLITE_OPEN_READWRITE;
            break;
        case Mode::ReadWriteCreate:
            flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
            break;
    }
    int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
    if (rc != SQLITE_OK) {
        PlainCause cause =
            plainCause(rc, db_ ? sqlite3_errmsg(db_) : "cannot open", db_ ? sqlite3_system_errno(db_) : 0, path);
        sqlite3_close_v2(db_);
        db_ = nullptr;
        raise(path, cause);
    }
    sqlite3_extended_result_codes(db_, 1);
    sqlite3_busy_timeout(db_, busyTimeoutMs_);

    if (mode == Mode::PlainReadWrite) {
        try {
            queryInt("SELECT count(*) FROM sqlite_master");
        } catch (...) {
            sqlite3_close_v2(db_);
            db_ = nullptr;
            throw;
        }
        return;
    }

    sqlite3_db_config(db_, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 1, nullptr);
    char* err = nullptr;
    rc = sqlite3_load_extension(db_, "mod_spatialite", nullptr, &err);
    sqlite3_db_config(db_, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, nullptr);
    if (rc != SQLITE_OK) {
        std::string cause = "cannot load SpatiaLite (mod_spatialite): ";
        cause += err ? err : "unknown error";
        sqlite3_free(err);
        sqlite3_close_v2(db_);
        db_ = nullptr;
        throw Error(path, cause + " (install libsqlite3-mod-spatialite)");
    }

    // Reading the schema is the first real access: it tells a non-database file apart early.
    try {
        exec("PRAGMA foreign_keys = ON");
        if (mode != Mode::ReadOnly) {
            exec("PRAGMA journal_mode = WAL");
            // FULL: a commit is on disk when it returns, so "saved" in the UI is true even on power loss.
            exec("PRAGMA synchronous = FULL");
        }
        queryInt("SELECT count(*) FROM sqlite_master");
    } catch (...) {
        sqlite3_close_v2(db_);
        db_ = nullptr;
        throw;
    }
}

void Database::setBusyTimeout(int milliseconds) {
    busyTimeoutMs_ = milliseconds;
    sqlite3_busy_timeout(db_, busyTimeoutMs_);
}

bool Database::reserveWriteAheadLog(int64_t bytes) {
    // Not worth waiting for: another writer busy now means no reserve this time.
    sqlite3_busy_timeout(db_, 0);
    bool ok = false;
    try {
        if (queryText("PRAGMA journal_mode").value_or("") == "wal") {
            Transaction tx(*this);
            const std::string wal = path_ + "-wal";
            if (const int fd = ::open(wal.c_str(), O_WRONLY | O_CLOEXEC); fd >= 0) {
                ok = true;
                struct stat st {};
                if (::fstat(fd, &st) == 0 && st.st_size < bytes) {
                    const std::vector<char> zeros(1 << 20, 0);
                    for (off_t at = st.st_size; ok && at < bytes;) {
                        const auto n =
                            static_cast<size_t>(std::min<int64_t>(static_cast<int64_t>(zeros.size()), bytes - at));
                        const ssize_t written = ::pwrite(fd, zeros.data(), n, at);
                        ok = written > 0;
                        at += written > 0 ? written : 0;
                    }
                    ok = ok && ::fdatasync(fd) == 0;
                }
                ::close(fd);
            }
            tx.commit();
        }
    } catch (const Error&) {
        ok = false;
    }
    sqlite3_busy_timeout(db_, busyTimeoutMs_);
    return ok;
}

Database::~Database() {
    if (db_) sqlite3_close_v2(db_);
}

void Database::fail(int rc, std::string_view context, int callErrno) const {
    // SQLite keeps the errno of a failure inside a statement; a COMMIT that the disk refuses leaves
    // it 0, but then errno just after the call still holds the refused write's (the rollback that
    // follows makes no failing call).
    const int osErrno = sqlite3_system_errno(db_) != 0 ? sqlite3_system_errno(db_) : callErrno;
    PlainCause cause = plainCause(rc, sqlite3_errmsg(db_), osErrno, path_);
    if ((rc & 0xff) == SQLITE_ERROR || (rc & 0xff) == SQLITE_CONSTRAINT || (rc & 0xff) == SQLITE_MISMATCH) {
        cause.words = oneLine(sqlite3_errmsg(db_));
        if (!context.empty()) cause.words += " (while running: " + std::string(context.substr(0, 80)) + ")";
    }
    raise(path_, cause);
}

void Database::exec(std::string_view sql) {
    char* err = nullptr;
    std::string text(sql);
    errno = 0;
    int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &err);
    const int callErrno = errno;
    sqlite3_free(err);
    if (rc != SQLITE_OK) fail(rc, sql, callErrno);
}

int64_t Database::lastInsertRowId() const { return sqlite3_last_insert_rowid(db_); }
int Database::changes() const { return sqlite3_changes(db_); }

std::optional<int64_t> Database::queryInt(std::string_view sql) {
    Statement st(*this, sql);
    if (!st.step() || st.isNull(0)) return std::nullopt;
    return st.columnInt(0);
}

std::optional<std::string> Database::queryText(std::string_view sql) {
    Statement st(*this, sql);
    if (!st.step() || st.isNull(0)) return std::nullopt;
    return st.columnText(0);
}

Statement::Statement(Database& db, std::string_view sql) : db_(&db) {
    int rc = sqlite3_prepare_v2(db.handle(), sql.data(), static_cast<int>(sql.size()), &stmt_, nullptr);
    if (rc != SQLITE_OK) db.fail(rc, sql);
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement::Statement(Statement&& other) noexcept : db_(other.db_), stmt_(other.stmt_) { other.stmt_ = nullptr; }

Statement& Statement::bind(int index, std::string_view text) {
    int rc = sqlite3_bind_text64(stmt_, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
    if (rc != SQLITE_OK) db_->fail(rc, "bind");
    return *this;
}

Statement& Statement::bind(int index, int64_t value) {
    int rc = sqlite3_bind_int64(stmt_, index, value);
    if (rc != SQLITE_OK) db_->fail(rc, "bind");
    return *this;
}

Statement& Statement::bind(int index, double value) {
    int rc = sqlite3_bind_double(stmt_, index, value);
    if (rc != SQLITE_OK) db_->fail(rc, "bind");
    return *this;
}

Statement& Statement::bindBlob(int index, const void* data, size_t size) {
    int rc = sqlite3_bind_blob64(stmt_, index, data, size, SQLITE_TRANSIENT);
    if (rc != SQLITE_OK) db_->fail(rc, "bind");
    return *this;
}

Statement& Statement::bindNull(int index) {
    int rc = sqlite3_bind_null(stmt_, index);
    if (rc != SQLITE_OK) db_->fail(rc, "bind");
    return *this;
}

Statement& Statement::bind(int index, const std::optional<std::string>& text) {
    return text ? bind(index, std::string_view(*text)) : bindNull(index);
}

Statement& Statement::bind(int index, const std::optional<int64_t>& value) {
    return value ? bind(index, *value) : bindNull(index);
}

bool Statement::step() {
    errno = 0;
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    const int callErrno = errno;
    sqlite3_reset(stmt_);
    db_->fail(rc, sqlite3_sql(stmt_) ? sqlite3_sql(stmt_) : "", callErrno);
}

void Statement::run() {
    while (step()) {
    }
}

void Statement::reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
}

bool Statement::isNull(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }
int64_t Statement::columnInt(int column) const { return sqlite3_column_int64(stmt_, column); }
double Statement::columnDouble(int column) const { return sqlite3_column_double(stmt_, column); }

std::string_view Statement::columnTextView(int column) const {
    const auto* text = sqlite3_column_text(stmt_, column);
    if (!text) return {};
    return {reinterpret_cast<const char*>(text), static_cast<size_t>(sqlite3_column_bytes(stmt_, column))};
}

std::string Statement::columnText(int column) const { return std::string(columnTextView(column)); }

std::optional<std::string> Statement::columnOptionalText(int column) const {
    if (isNull(column)) return std::nullopt;
    return columnText(column);
}

std::optional<int64_t> Statement::columnOptionalInt(int column) const {
    if (isNull(column)) return std::nullopt;
    return columnInt(column);
}

std::pair<const uint8_t*, size_t> Statement::columnBlobView(int column) const {
    const auto* data = static_cast<const uint8_t*>(sqlite3_column_blob(stmt_, column));
    return {data, static_cast<size_t>(sqlite3_column_bytes(stmt_, column))};
}

std::vector<uint8_t> Statement::columnBlob(int column) const {
    auto [data, size] = columnBlobView(column);
    return data ? std::vector<uint8_t>(data, data + size) : std::vector<uint8_t>{};
}

int Statement::columnCount() const { return sqlite3_column_count(stmt_); }
std::string Statement::columnName(int column) const { return sqlite3_column_name(stmt_, column); }

Transaction::Transaction(Database& db) : db_(db) {
    db_.exec("BEGIN IMMEDIATE");
    open_ = true;
}

Transaction::~Transaction() {
    if (open_) sqlite3_exec(db_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void Transaction::commit() {
    db_.exec("COMMIT");
    open_ = false;
}

std::string quoteIdentifier(std::string_view name) {
    std::string out = "\"";
    for (char c : name) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

RestingTriggers::RestingTriggers(Database& db, const std::string& table, const std::vector<std::string>& only)
    : db_(db) {
    std::vector<std::string> names;
    Statement triggers(db, "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?1");
    triggers.bind(1, table);
    while (triggers.step()) {
        const std::string name = triggers.columnText(0);
        if (!only.empty() && std::find(only.begin(), only.end(), name) == only.end()) continue;
        names.push_back(name);
        sql_.push_back(triggers.columnText(1));
    }
    for (const std::string& name : names) db.exec("DROP TRIGGER " + quoteIdentifier(name));
}

void RestingTriggers::restore() {
    for (const std::string& sql : sql_) db_.exec(sql);
    sql_.clear();
}

}  // namespace samenkaart
