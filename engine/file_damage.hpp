// A damaged project file, told apart from every other failure: the error kind front ends catch
// (the window offers a rescue, `samenkaart repair` makes one), and what a file's own bytes say
// before SQLite is asked (empty, only zeros, no SQLite header, shorter than its header says).
// SQLite alone calls all of these "not a database" or "malformed", and a front end must never blame
// them on anything else (a read-only disk, a lock).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "engine/error.hpp"

namespace samenkaart {

class Database;

// The cause a damaged project file is reported with: "the project file is damaged (DETAIL)".
std::string damagedProjectCause(const std::string& detail);

// The file's bytes are damaged (a pulled USB stick, a disk error, cut short); `samenkaart repair`
// may rescue what can still be read. Code decides on this type, never on the message's words.
class DamagedFileError : public Error {
public:
    DamagedFileError(std::string subject, const std::string& detail, const std::string& more = "")
        : Error(std::move(subject), damagedProjectCause(detail) + more, ErrorKind::Damaged), detail_(detail) {}
    // What is damaged, without "the project file is damaged": "it is cut short: ...".
    const std::string& detail() const { return detail_; }

private:
    std::string detail_;
};

enum class SqliteFileShape {
    Sqlite,     // a SQLite header and at least as many bytes as it announces
    Empty,      // 0 bytes
    Zeros,      // the header is zeros (the whole file, or its first page)
    NotSqlite,  // some other kind of file
    CutShort,   // a SQLite header, but fewer bytes than its pages need (and no write-ahead log beside it)
};

struct SqliteFileCheck {
    SqliteFileShape shape = SqliteFileShape::Sqlite;
    int64_t bytes = 0;          // the file's size
    int64_t expectedBytes = 0;  // CutShort: what the header announces
    // The cause in plain words ("it is cut short: 12288 of 40960 bytes are there"); empty for Sqlite.
    std::string words;
    bool damaged() const { return shape != SqliteFileShape::Sqlite && shape != SqliteFileShape::NotSqlite; }
};

// Reads the first 100 bytes and the size. Throws Error naming the file when it cannot be read at all.
SqliteFileCheck checkSqliteFile(const std::string& path);

// Reads every page (PRAGMA quick_check); throws DamagedFileError naming the file when part of it
// cannot be read. Opening a project reads only its schema; a window checks the rest before it starts.
void checkAllPagesReadable(Database& db);

}  // namespace samenkaart
