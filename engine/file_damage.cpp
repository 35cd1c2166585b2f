#include "engine/file_damage.hpp"

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <vector>

#include <sqlite3.h>

#include "engine/sqlite_db.hpp"
#include "engine/text_encoding.hpp"

namespace samenkaart {
namespace {

uint32_t bigEndian(const unsigned char* p, int n) {
    uint32_t v = 0;
    for (int i = 0; i < n; ++i) v = (v << 8) | p[i];
    return v;
}

// The file's first bytes, read through SQLite's own file layer rather than a stream of our own.
// Closing any descriptor of a file drops every POSIX lock this process holds on it, the locks of
// open SQLite connections included; another program closing the database then took itself for
// the last user and deleted the write-ahead log under the window, with the pins saved since (the
// window said "saved", the file had nothing). SQLite's layer keeps such a descriptor open until its
// connections let go. Returns how many bytes were there (at most `size`).
size_t readFirstBytes(const std::string& path, unsigned char* buffer, size_t size) {
    sqlite3_vfs* vfs = sqlite3_vfs_find(nullptr);
    if (!vfs) throw Error(path, "cannot be read: SQLite has no file layer");
    std::vector<char> full(static_cast<size_t>(vfs->mxPathname) + 1, '\0');
    if (vfs->xFullPathname(vfs, path.c_str(), vfs->mxPathname + 1, full.data()) != SQLITE_OK)
        throw Error(path, "cannot be read");
    std::vector<char> handle(static_cast<size_t>(vfs->szOsFile), '\0');
    auto* file = reinterpret_cast<sqlite3_file*>(handle.data());
    int flags = 0;
    if (vfs->xOpen(vfs, full.data(), file, SQLITE_OPEN_READONLY | SQLITE_OPEN_MAIN_DB, &flags) != SQLITE_OK) {
        if (file->pMethods) file->pMethods->xClose(file);
        throw Error(path, "cannot be read");
    }
    sqlite3_int64 bytes = 0;
    const int sized = file->pMethods->xFileSize(file, &bytes);
    const int read = file->pMethods->xRead(file, buffer, static_cast<int>(size), 0);  // a short read fills zeros
    file->pMethods->xClose(file);
    if (sized != SQLITE_OK || (read != SQLITE_OK && read != SQLITE_IOERR_SHORT_READ))
        throw Error(path, "cannot be read");
    return static_cast<size_t>(std::min<sqlite3_int64>(bytes, static_cast<sqlite3_int64>(size)));
}

}  // namespace

std::string damagedProjectCause(const std::string& detail) { return "the project file is damaged (" + detail + ")"; }

SqliteFileCheck checkSqliteFile(const std::string& path) {
    SqliteFileCheck check;
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    if (ec) throw Error(path, "cannot be read: " + ec.message());
    check.bytes = static_cast<int64_t>(size);
    if (size == 0) {
        check.shape = SqliteFileShape::Empty;
        check.words = "it is empty: 0 bytes";
        return check;
    }
    unsigned char header[100] = {};
    const size_t got = readFirstBytes(path, header, sizeof header);
    if (std::all_of(header, header + got, [](unsigned char c) { return c == 0; })) {
        check.shape = SqliteFileShape::Zeros;
        check.words = "its first bytes are all zeros, as a disk leaves what was never written";
        return check;
    }
    if (got < 16 || std::memcmp(header, "SQLite format 3\0", 16) != 0) {
        check.shape = SqliteFileShape::NotSqlite;
        check.words = "it is not an SQLite database";
        return check;
    }
    if (got < 100) {
        check.shape = SqliteFileShape::CutShort;
        check.words = "it is cut short: only " + std::to_string(got) + " bytes are there";
        return check;
    }
    // Page size (1 means 65536) and the page count, which is valid when the "version valid for"
    // number equals the change counter (SQLite's file format, section 1.3).
    uint32_t pageSize = bigEndian(header + 16, 2);
    if (pageSize == 1) pageSize = 65536;
    const uint32_t pages = bigEndian(header + 28, 4);
    const bool pagesValid = pages > 0 && bigEndian(header + 92, 4) == bigEndian(header + 24, 4);
    const bool pageSizeValid = pageSize >= 512 && (pageSize & (pageSize - 1)) == 0;
    // With a write-ahead log beside it, the log may hold pages the file does not have yet (a
    // checkpoint cut off after it wrote page 1): SQLite's recovery finishes that, and judges.
    const auto walBytes = std::filesystem::file_size(path + "-wal", ec);
    if (!ec && walBytes > 0) return check;
    if (pageSizeValid && pagesValid) {
        check.expectedBytes = static_cast<int64_t>(pages) * pageSize;
        if (check.bytes < check.expectedBytes) {
            check.shape = SqliteFileShape::CutShort;
            check.words = "it is cut short: " + std::to_string(check.bytes) + " of its " +
                          std::to_string(check.expectedBytes) + " bytes are there";
        }
    } else if (pageSizeValid && check.bytes % pageSize != 0) {
        check.shape = SqliteFileShape::CutShort;
        check.words = "it is cut short in the middle of a page";
    }
    return check;
}

void checkAllPagesReadable(Database& db) {
    // quick_check reads every page and each record; it stops at the first problem (the limit 1) and
    // says "ok" when there is none. Mapped into memory, SQLite's pages need no read() call each: the
    // 56 MB benchmark project (14,000 buurten) is checked in about 60 ms instead of about 115 ms. The
    // mapped pages count as the window's memory until the check ends, so only the first 256 MB are
    // mapped: a project of a million pins (760 MB) added its whole size to the window's peak.
    db.exec("PRAGMA mmap_size = 268435456");
    std::string verdict;
    try {
        verdict = db.queryText("PRAGMA quick_check(1)").value_or("no answer");
    } catch (...) {
        db.exec("PRAGMA mmap_size = 0");
        throw;
    }
    db.exec("PRAGMA mmap_size = 0");
    if (verdict == "ok") return;
    // "*** in database main ***\nPage 5: btreeInitPage() returns error code 11": one line of UTF-8.
    std::string words;
    for (char c : toUtf8Lenient(verdict)) {
        if (c == '\n') {
            words += words.empty() || words.back() == ' ' ? "" : " ";
            continue;
        }
        words += static_cast<unsigned char>(c) < 0x20 ? '?' : c;
    }
    const std::string prefix = "*** in database main *** ";
    if (words.rfind(prefix, 0) == 0) words.erase(0, prefix.size());
    throw DamagedFileError(db.path(), "part of it cannot be read; SQLite says: " + words);
}

}  // namespace samenkaart
