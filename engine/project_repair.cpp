#include "engine/project_repair.hpp"

#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <utility>

#include "engine/clock.hpp"
#include "engine/crs.hpp"
#include "engine/error.hpp"
#include "engine/file_damage.hpp"
#include "engine/project.hpp"
#include "engine/safe_write.hpp"

namespace samenkaart {
namespace {

namespace fs = std::filesystem;

// The tables a project keeps its content in, in the order they are copied (what refers to a row
// comes after it).
constexpr const char* kTables[] = {"project_meta", "categories",  "sessions",      "boundaries",
                                   "pins",         "pin_history", "context_layers"};

// A raw read-only-in-spirit connection to the working copy of the damaged file: no SpatiaLite (the
// copy only reads values), and a schema whose broken entries are skipped instead of refusing all.
class DamagedSource {
public:
    explicit DamagedSource(std::string path) : path_(std::move(path)) { open(); }
    ~DamagedSource() { close(); }
    DamagedSource(const DamagedSource&) = delete;
    DamagedSource& operator=(const DamagedSource&) = delete;

    sqlite3* handle() { return db_; }

    void reopen() {
        close();
        open();
    }

    // Runs `sql` and collects each row's first column as text; nullopt when SQLite refuses.
    std::optional<std::vector<std::string>> column(const std::string& sql) {
        sqlite3_stmt* st = nullptr;
        if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) {
            sqlite3_finalize(st);
            return std::nullopt;
        }
        std::vector<std::string> out;
        int rc;
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
            const auto* text = sqlite3_column_text(st, 0);
            out.emplace_back(text ? reinterpret_cast<const char*>(text) : "");
        }
        sqlite3_finalize(st);
        if (rc != SQLITE_DONE) return std::nullopt;
        return out;
    }

    bool readable(const std::string& table) {
        sqlite3_stmt* st = nullptr;
        const bool ok =
            sqlite3_prepare_v2(db_, ("SELECT * FROM \"" + table + "\" LIMIT 0").c_str(), -1, &st, nullptr) == SQLITE_OK;
        sqlite3_finalize(st);
        return ok;
    }

    // The columns of `table` with their declared types; empty when the table cannot be read.
    std::vector<std::pair<std::string, std::string>> columns(const std::string& table) {
        std::vector<std::pair<std::string, std::string>> out;
        sqlite3_stmt* st = nullptr;
        if (sqlite3_prepare_v2(db_, ("PRAGMA table_info(\"" + table + "\")").c_str(), -1, &st, nullptr) == SQLITE_OK)
            while (sqlite3_step(st) == SQLITE_ROW) {
                const auto* name = sqlite3_column_text(st, 1);
                const auto* type = sqlite3_column_text(st, 2);
                if (name)
                    out.emplace_back(reinterpret_cast<const char*>(name),
                                     type ? reinterpret_cast<const char*>(type) : "");
            }
        sqlite3_finalize(st);
        return out;
    }

private:
    void open() {
        if (sqlite3_open_v2(path_.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK) {
            close();
            throw DamagedFileError(path_, "it cannot be opened at all", "; nothing can be rescued");
        }
        // writable_schema also lets SQLite skip schema entries it cannot parse (SQLITE_NoSchemaError)
        // instead of refusing every table; the working copy is ours to change.
        sqlite3_exec(db_, "PRAGMA writable_schema = ON", nullptr, nullptr, nullptr);
    }
    void close() {
        if (db_) sqlite3_close_v2(db_);
        db_ = nullptr;
    }

    std::string path_;
    sqlite3* db_ = nullptr;
};

// How a scan of one table went.
struct TableCopy {
    int64_t saved = 0;
    int64_t refused = 0;     // read, but the new project would not take the row (a damaged value)
    int64_t unreadable = 0;  // rowids skipped over damaged pages: at most this many rows
    bool trailingLost = false;
};

// Reads `table` in rowid order, handing each row to `take` (the statement's columns: rowid, then
// `columns`). Where a page cannot be read, it looks for the first rowid after it that can: doubling
// steps forward, then halving back, so one damaged page costs only its own rows.
class TolerantScan {
public:
    TolerantScan(sqlite3* db, const std::string& table, const std::vector<std::string>& columns) : db_(db) {
        std::string list = "rowid";
        for (const std::string& c : columns) list += ", \"" + c + "\"";
        scanSql_ = "SELECT " + list + " FROM \"" + table + "\" WHERE rowid >= ?1 ORDER BY rowid";
        // The probe reads whole rows too: a row whose overflow page is lost fails it as the scan did.
        probeSql_ = "SELECT " + list + " FROM \"" + table + "\" WHERE rowid >= ?1 ORDER BY rowid LIMIT 1";
    }

    // `take` returns false when the row was refused.
    TableCopy run(const std::function<bool(sqlite3_stmt*)>& take) {
        TableCopy copy;
        // Every table of a project numbers its rows from 1 (AUTOINCREMENT, or SQLite's own rowid).
        int64_t from = 1;
        while (true) {
            sqlite3_stmt* st = nullptr;
            if (sqlite3_prepare_v2(db_, scanSql_.c_str(), -1, &st, nullptr) != SQLITE_OK) {
                sqlite3_finalize(st);
                copy.trailingLost = true;
                return copy;
            }
            sqlite3_bind_int64(st, 1, from);
            int64_t last = from - 1;
            int rc;
            while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
                const int64_t rowid = sqlite3_column_int64(st, 0);
                if (rowid < last) continue;  // a damaged page that lists rows out of order
                last = rowid;
                if (take(st))
                    ++copy.saved;
                else
                    ++copy.refused;
            }
            sqlite3_finalize(st);
            if (rc == SQLITE_DONE) return copy;
            // A damaged page: find the first rowid after `last` that can be read again.
            const auto resume = firstReadableAfter(last);
            if (!resume) {
                copy.trailingLost = true;
                return copy;
            }
            copy.unreadable += std::max<int64_t>(0, resume->second - last - 1);
            from = resume->first;
        }
    }

private:
    enum class Probe { Row, End, Damaged };
    Probe probe(int64_t from, int64_t& rowid) {
        sqlite3_stmt* st = nullptr;
        if (sqlite3_prepare_v2(db_, probeSql_.c_str(), -1, &st, nullptr) != SQLITE_OK) {
            sqlite3_finalize(st);
            return Probe::Damaged;
        }
        sqlite3_bind_int64(st, 1, from);
        const int rc = sqlite3_step(st);
        if (rc == SQLITE_ROW) rowid = sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
        return rc == SQLITE_ROW ? Probe::Row : rc == SQLITE_DONE ? Probe::End : Probe::Damaged;
    }

    // {where to scan from, the first rowid found there}; nullopt when nothing after `last` can be read.
    std::optional<std::pair<int64_t, int64_t>> firstReadableAfter(int64_t last) {
        int64_t bad = last, good = 0, found = 0;
        bool haveGood = false;
        for (int64_t step = 1; step > 0 && step <= (int64_t{1} << 40); step *= 2) {
            if (last > std::numeric_limits<int64_t>::max() - step) break;
            int64_t rowid = 0;
            const Probe p = probe(last + step, rowid);
            if (p == Probe::End) return std::nullopt;  // the rest of the table is past the damage: none
            if (p == Probe::Row) {
                good = last + step;
                found = rowid;
                haveGood = true;
                break;
            }
            bad = last + step;
        }
        if (!haveGood) return std::nullopt;
        while (good - bad > 1) {
            const int64_t mid = bad + (good - bad) / 2;
            int64_t rowid = 0;
            if (probe(mid, rowid) == Probe::Row) {
                good = mid;
                found = rowid;
            } else {
                bad = mid;
            }
        }
        return std::make_pair(good, found);
    }

    sqlite3* db_;
    std::string scanSql_, probeSql_;
};

// The new project's side of a copy: one INSERT with the shared columns, values bound as read.
class RowInserter {
public:
    RowInserter(Database& db, const std::string& table, const std::vector<std::string>& columns,
                const char* verb = "INSERT")
        : db_(db) {
        std::string list, marks;
        for (size_t i = 0; i < columns.size(); ++i) {
            list += (i ? ", \"" : "\"") + columns[i] + "\"";
            marks += i ? ", ?" : "?";
        }
        const std::string sql = std::string(verb) + " INTO \"" + table + "\" (" + list + ") VALUES (" + marks + ")";
        if (sqlite3_prepare_v2(db.handle(), sql.c_str(), -1, &st_, nullptr) != SQLITE_OK) db.fail(SQLITE_ERROR, sql);
    }
    ~RowInserter() { sqlite3_finalize(st_); }
    RowInserter(const RowInserter&) = delete;
    RowInserter& operator=(const RowInserter&) = delete;

    // Binds source column `from + i` to parameter i + 1; `override` replaces single values.
    bool insert(sqlite3_stmt* source, int from, const std::map<int, int64_t>& override = {}) {
        sqlite3_reset(st_);
        sqlite3_clear_bindings(st_);
        const int n = sqlite3_bind_parameter_count(st_);
        for (int i = 0; i < n; ++i) {
            if (auto it = override.find(i); it != override.end())
                sqlite3_bind_int64(st_, i + 1, it->second);
            else
                sqlite3_bind_value(st_, i + 1, sqlite3_column_value(source, from + i));
        }
        // A savepoint per row: a refused row (a damaged geometry, a broken constraint) leaves nothing.
        sqlite3_exec(db_.handle(), "SAVEPOINT repair_row", nullptr, nullptr, nullptr);
        const int rc = sqlite3_step(st_);
        const bool ok = rc == SQLITE_DONE;
        sqlite3_exec(db_.handle(), ok ? "RELEASE repair_row" : "ROLLBACK TO repair_row; RELEASE repair_row", nullptr,
                     nullptr, nullptr);
        if (!ok && ((rc & 0xff) == SQLITE_FULL || (rc & 0xff) == SQLITE_IOERR)) db_.fail(rc, "repair");
        return ok;
    }

private:
    Database& db_;
    sqlite3_stmt* st_ = nullptr;
};

// The map CRS the damaged project was made in: its project_meta, else what SpatiaLite recorded.
std::optional<std::string> damagedMapCrs(DamagedSource& source) {
    if (auto v = source.column("SELECT value FROM project_meta WHERE key = 'map_crs'"); v && !v->empty())
        return v->front();
    for (const char* sql : {"SELECT srid FROM geometry_columns WHERE f_table_name IN ('pins', 'boundaries')",
                            "SELECT value FROM project_meta WHERE key = 'map_srid'"}) {
        if (auto v = source.column(sql); v && !v->empty()) {
            const std::string srid = v->front();
            if (!srid.empty() && srid.find_first_not_of("0123456789") == std::string::npos && std::stol(srid) < 900000)
                return "EPSG:" + srid;
            if (auto wkt = source.column("SELECT srtext FROM spatial_ref_sys WHERE srid = " + srid);
                wkt && !wkt->empty())
                return wkt->front();
        }
    }
    return std::nullopt;
}

std::string rowsWord(int64_t n) { return std::to_string(n) + (n == 1 ? " row" : " rows"); }

}  // namespace

std::string rescuePathFor(const std::string& damagedPath, const std::string& fallbackFolder) {
    const fs::path p = fs::absolute(damagedPath);
    const std::string stem = p.stem().string();
    const std::string ext = p.extension().empty() ? ".sqlite" : p.extension().string();
    const fs::path folder = fallbackFolder.empty() || ::access(p.parent_path().c_str(), W_OK) == 0
                                ? p.parent_path()
                                : fs::path(fallbackFolder);
    std::error_code ec;
    for (int n = 1;; ++n) {
        const fs::path candidate =
            folder / (stem + "-gered" + (n == 1 ? std::string() : "-" + std::to_string(n)) + ext);
        if (!fs::exists(candidate, ec)) return candidate.string();
    }
}

RepairReport repairProject(const std::string& damagedPath, const std::string& outPath) {
    std::error_code ec;
    if (!fs::is_regular_file(damagedPath, ec))
        throw Error(damagedPath, fs::exists(damagedPath, ec) ? "is not a file" : "no such file", ErrorKind::NotFound);
    if (fs::exists(outPath, ec))
        throw Error(outPath, "already exists; Samenkaart never overwrites a project (choose another name)",
                    ErrorKind::Exists);

    const SqliteFileCheck check = checkSqliteFile(damagedPath);
    switch (check.shape) {
        case SqliteFileShape::NotSqlite:
            throw Error(damagedPath,
                        "is not a Samenkaart project file (" + check.words + "); there is nothing to rescue",
                        ErrorKind::Unsupported);
        case SqliteFileShape::Empty:
        case SqliteFileShape::Zeros:
            throw DamagedFileError(damagedPath, check.words, "; nothing can be rescued");
        case SqliteFileShape::CutShort:  // what is there can still be read
        case SqliteFileShape::Sqlite:
            break;
    }

    // The damaged file is never written: its copy (with its write-ahead log, which may hold the
    // last commits) is what gets its table definitions mended.
    removeAbandonedPartials(outPath);
    removeAbandonedPartials(outPath + ".source");
    PendingFile file(outPath, Existing::Keep);
    // The copy is scratch: never committed, it is removed when the repair ends, however it ends.
    PendingFile scratch(outPath + ".source", Existing::Keep);
    const std::string& sourceCopy = scratch.path();
    const std::string& temp = file.path();
    RepairReport report;
    report.outPath = outPath;
    {
        fs::copy_file(damagedPath, sourceCopy, ec);
        if (ec) throw Error(outPath, "cannot be written beside it: " + ec.message(), errorKindFromErrno(ec.value()));
        if (fs::is_regular_file(damagedPath + "-wal", ec)) fs::copy_file(damagedPath + "-wal", sourceCopy + "-wal", ec);

        DamagedSource source(sourceCopy);
        if (!source.column("SELECT name FROM sqlite_master"))
            throw DamagedFileError(damagedPath, "its list of tables cannot be read", "; nothing can be rescued");

        const std::optional<std::string> crsDefinition = damagedMapCrs(source);
        if (!crsDefinition) throw DamagedFileError(damagedPath, "its map CRS is lost", "; nothing can be rescued");
        CrsDescription crs;
        try {
            crs = describeCrs(*crsDefinition);
        } catch (const Error&) {
            throw DamagedFileError(damagedPath, "its map CRS cannot be read", "; nothing can be rescued");
        }

        auto project = Project::createEmpty(temp, crs);
        Database& db = project->db();
        db.exec("PRAGMA journal_mode = OFF");
        db.exec("PRAGMA synchronous = OFF");

        // A table whose definition cannot be parsed gets this build's definition back (the rows'
        // layout is the same); its root page in the schema row is kept, so its rows can be read.
        bool mended = false;
        for (const char* table : kTables) {
            if (source.readable(table)) continue;
            const auto present = source.column(
                std::string("SELECT name FROM sqlite_master WHERE type = 'table' AND name = '") + table + "'");
            if (!present || present->empty()) continue;
            Statement definition(db, "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?1");
            definition.bind(1, table);
            if (!definition.step()) continue;
            sqlite3_stmt* mend = nullptr;
            sqlite3_prepare_v2(source.handle(), "UPDATE sqlite_master SET sql = ?1 WHERE type = 'table' AND name = ?2",
                               -1, &mend, nullptr);
            sqlite3_bind_text(mend, 1, definition.columnText(0).c_str(), -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(mend, 2, table, -1, SQLITE_STATIC);
            if (sqlite3_step(mend) == SQLITE_DONE) mended = true;
            sqlite3_finalize(mend);
        }
        if (mended) source.reopen();

        Transaction tx(db);
        auto lose = [&report](const std::string& table, const TableCopy& c) {
            if (c.unreadable > 0)
                report.lost.push_back(table + ": at most " + rowsWord(c.unreadable) +
                                      " on a damaged part of the file could not be read");
            if (c.trailingLost)
                report.lost.push_back(table + ": the rows after a damaged part of the file could not be read");
            if (c.refused > 0)
                report.lost.push_back(table + ": " + rowsWord(c.refused) + " held damaged values and were left out");
        };
        // The columns both files have, in the new file's order (a boundary's source columns are
        // added first, as `samenkaart new` added them).
        auto shared = [&](const std::string& table) {
            const auto from = source.columns(table);
            std::set<std::string> have;
            for (const auto& c : from) have.insert(c.first);
            std::vector<std::string> out;
            Statement info(db, "PRAGMA table_info(" + quoteIdentifier(table) + ")");
            while (info.step())
                if (have.contains(info.columnText(1))) out.push_back(info.columnText(1));
            return out;
        };
        auto unreadableTable = [&](const std::string& table) {
            if (source.readable(table)) return false;
            if (table != "context_layers") report.lost.push_back(table + ": the whole table could not be read");
            return true;
        };

        // project_meta: the damaged project's own record, but the map CRS as this file has it.
        if (!unreadableTable("project_meta")) {
            const auto cols = shared("project_meta");
            RowInserter insert(db, "project_meta", cols, "INSERT OR REPLACE");
            TolerantScan scan(source.handle(), "project_meta", cols);
            lose("project_meta", scan.run([&](sqlite3_stmt* row) {
                const auto* key = sqlite3_column_text(row, 1);
                const std::string k = key ? reinterpret_cast<const char*>(key) : "";
                if (k == "map_srid" || k == "map_crs" || k == "map_crs_name") return true;
                return insert.insert(row, 1);
            }));
        }
        project->setMeta("repaired_from", fs::absolute(damagedPath).string());
        project->setMeta("repaired_at", nowIso8601());

        std::set<std::string> categories;
        {
            Statement st(db, "SELECT code FROM categories");
            while (st.step()) categories.insert(st.columnText(0));
        }
        if (!unreadableTable("categories")) {
            const auto cols = shared("categories");
            RowInserter insert(db, "categories", cols, "INSERT OR REPLACE");
            TolerantScan scan(source.handle(), "categories", cols);
            const TableCopy c = scan.run([&](sqlite3_stmt* row) {
                if (!insert.insert(row, 1)) return false;
                const auto* code = sqlite3_column_text(row, 1);
                if (code) categories.insert(reinterpret_cast<const char*>(code));
                return true;
            });
            report.categories = c.saved;
            lose("categories", c);
        }

        std::set<int64_t> sessions;
        if (!unreadableTable("sessions")) {
            const auto cols = shared("sessions");
            RowInserter insert(db, "sessions", cols);
            TolerantScan scan(source.handle(), "sessions", cols);
            const auto idAt = std::find(cols.begin(), cols.end(), "id") - cols.begin();
            const TableCopy c = scan.run([&](sqlite3_stmt* row) {
                if (!insert.insert(row, 1)) return false;
                sessions.insert(sqlite3_column_int64(row, 1 + static_cast<int>(idAt)));
                return true;
            });
            report.sessions = c.saved;
            lose("sessions", c);
        }

        if (!unreadableTable("boundaries")) {
            // The source's own attribute columns, as `samenkaart new` made them.
            Statement info(db, "PRAGMA table_info(boundaries)");
            std::set<std::string> have;
            while (info.step()) have.insert(info.columnText(1));
            for (const auto& [name, type] : source.columns("boundaries"))
                if (!have.contains(name))
                    db.exec("ALTER TABLE boundaries ADD COLUMN " + quoteIdentifier(name) + " " +
                            (type.empty() ? std::string("TEXT") : type));
            const auto cols = shared("boundaries");
            RowInserter insert(db, "boundaries", cols);
            TolerantScan scan(source.handle(), "boundaries", cols);
            const TableCopy c = scan.run([&](sqlite3_stmt* row) { return insert.insert(row, 1); });
            report.boundaries = c.saved;
            lose("boundaries", c);
        }
        db.exec("SELECT CreateSpatialIndex('boundaries', 'geom')");

        if (!unreadableTable("pins")) {
            const auto cols = shared("pins");
            const auto at = [&cols](const char* name) {
                return static_cast<int>(std::find(cols.begin(), cols.end(), name) - cols.begin());
            };
            const int sessionAt = at("session_id"), categoryAt = at("category"), createdAt = at("created_at");
            RowInserter insert(db, "pins", cols);
            std::optional<int64_t> orphanSession;
            TolerantScan scan(source.handle(), "pins", cols);
            const TableCopy c = scan.run([&](sqlite3_stmt* row) {
                std::map<int, int64_t> override;
                // A pin whose session was lost goes into one session made for them: pins are what
                // the evening was for.
                if (sessionAt < static_cast<int>(cols.size()) &&
                    !sessions.contains(sqlite3_column_int64(row, 1 + sessionAt))) {
                    if (!orphanSession) {
                        Statement add(db, "INSERT INTO sessions (title, started_at, notes) VALUES (?1, ?2, ?3)");
                        const auto* started = createdAt < static_cast<int>(cols.size())
                                                  ? sqlite3_column_text(row, 1 + createdAt)
                                                  : nullptr;
                        add.bind(1, "Geredde pins / Rescued pins")
                            .bind(2, started ? reinterpret_cast<const char*>(started) : nowIso8601())
                            .bind(3, "Made by samenkaart repair for pins whose session could not be read")
                            .run();
                        orphanSession = db.lastInsertRowId();
                        sessions.insert(*orphanSession);
                        ++report.sessions;
                        report.lost.emplace_back(
                            "sessions: pins whose session could not be read are in the new session '"
                            "Geredde pins / Rescued pins'");
                    }
                    override[sessionAt] = *orphanSession;
                }
                // A category whose row was lost comes back plain, under its own code.
                if (categoryAt < static_cast<int>(cols.size())) {
                    const auto* code = sqlite3_column_text(row, 1 + categoryAt);
                    if (code && !categories.contains(reinterpret_cast<const char*>(code))) {
                        Statement add(db,
                                      "INSERT OR IGNORE INTO categories (code, label_nl, label_en, colour, sort_order) "
                                      "VALUES (?1, ?1, ?1, '#808080', 99)");
                        add.bind(1, reinterpret_cast<const char*>(code)).run();
                        categories.insert(reinterpret_cast<const char*>(code));
                    }
                }
                return insert.insert(row, 1, override);
            });
            report.pins = c.saved;
            lose("pins", c);
        }

        if (!unreadableTable("pin_history")) {
            const auto cols = shared("pin_history");
            RowInserter insert(db, "pin_history", cols);
            TolerantScan scan(source.handle(), "pin_history", cols);
            const TableCopy c = scan.run([&](sqlite3_stmt* row) { return insert.insert(row, 1); });
            report.historyRows = c.saved;
            lose("pin_history", c);
        }

        if (!unreadableTable("context_layers")) {
            const auto cols = shared("context_layers");
            RowInserter insert(db, "context_layers", cols);
            TolerantScan scan(source.handle(), "context_layers", cols);
            const TableCopy c = scan.run([&](sqlite3_stmt* row) { return insert.insert(row, 1); });
            report.contextLayers = c.saved;
            lose("context_layers", c);
        }

        if (report.rescued() == 0)
            throw DamagedFileError(damagedPath, "no session, pin, history row or boundary can be read",
                                   "; nothing can be rescued");
        tx.commit();
        const std::string verdict = db.queryText("PRAGMA integrity_check(1)").value_or("no answer");
        if (verdict != "ok")
            throw Error(outPath, "the rescued file does not pass SQLite's integrity check: " + verdict);
        project.reset();
        {
            // A project is kept in WAL mode; a fresh connection switches it (the copy's one still
            // holds SpatiaLite's R-tree statements, which keep its checkpoint from truncating).
            Database finished(temp, Database::Mode::ReadWrite);
            finished.exec("PRAGMA wal_checkpoint(TRUNCATE)");
        }  // closed: everything is on disk before the file gets its real name
    }
    file.commit();
    return report;
}

}  // namespace samenkaart
