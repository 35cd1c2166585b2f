#include "engine/pin_bulk_write.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>

#include <sqlite3.h>

#include "engine/error.hpp"
#include "engine/rtree_pack.hpp"
#include "engine/sqlite_db.hpp"

namespace samenkaart {
namespace {

// The bulk insert binds every value itself (the geometry as SpatiaLite's own BLOB, no JSON on the
// way) and writes many rows per statement: running a statement has a fixed cost in SQLite (and
// pin_history's AUTOINCREMENT reads and rewrites sqlite_sequence each time), which a bulk write then
// pays once per kRowsPerStatement rows instead of once per row.
constexpr size_t kRowsPerStatement = 64;
constexpr const char* kBulkPinInsertHead =
    "INSERT INTO pins (id, session_id, category, title, description, contributor, attributes, created_at, "
    "updated_at, deleted_at, geom) VALUES ";
constexpr const char* kBulkPinRow = "(?,?,?,?,?,?,?,?,?,?,?)";
constexpr int kBulkPinColumns = 11;
constexpr const char* kBulkHistoryInsertHead = "INSERT INTO pin_history (pin_id, action, before, after, at) VALUES ";
constexpr const char* kBulkHistoryRow = "(?,'create',NULL,?,?)";
constexpr int kBulkHistoryColumns = 3;

std::string multiRowSql(const char* head, const char* row, size_t rows) {
    std::string sql = head;
    for (size_t i = 0; i < rows; ++i) {
        if (i) sql += ',';
        sql += row;
    }
    return sql;
}

// A multi-row INSERT whose values are bound without copies (SQLITE_STATIC): the rows it binds stay
// alive until it has run. Copying every text into SQLite and freeing it again (Statement::bind) was
// a tenth of the writing thread's time.
class BulkInsert {
public:
    BulkInsert(Database& db, std::string sql) : db_(db), sql_(std::move(sql)) {
        const int rc = sqlite3_prepare_v2(db_.handle(), sql_.c_str(), static_cast<int>(sql_.size()), &stmt_, nullptr);
        if (rc != SQLITE_OK) db_.fail(rc, sql_);
    }
    ~BulkInsert() { sqlite3_finalize(stmt_); }
    BulkInsert(const BulkInsert&) = delete;
    BulkInsert& operator=(const BulkInsert&) = delete;

    void text(int index, const std::string& value) {
        check(sqlite3_bind_text64(stmt_, index, value.data(), value.size(), SQLITE_STATIC, SQLITE_UTF8));
    }
    void text(int index, const std::optional<std::string>& value) {
        if (value)
            text(index, *value);
        else
            check(sqlite3_bind_null(stmt_, index));
    }
    void integer(int index, int64_t value) { check(sqlite3_bind_int64(stmt_, index, value)); }
    void blob(int index, const void* data, size_t size) {
        check(sqlite3_bind_blob64(stmt_, index, data, size, SQLITE_STATIC));
    }
    void run() {
        const int rc = sqlite3_step(stmt_);
        sqlite3_reset(stmt_);
        if (rc != SQLITE_DONE) db_.fail(rc, sql_);
    }

private:
    void check(int rc) {
        if (rc != SQLITE_OK) db_.fail(rc, "bind");
    }

    Database& db_;
    std::string sql_;
    sqlite3_stmt* stmt_ = nullptr;
};

void putLittleEndian(uint8_t* out, uint64_t value, int bytes) {
    for (int i = 0; i < bytes; ++i, value >>= 8) out[i] = static_cast<uint8_t>(value & 0xFF);
}

// SpatiaLite's geometry BLOB for a 2-D point, byte for byte what MakePoint(x, y, srid) returns:
// start 0x00, little-endian 0x01, SRID, MBR (min x, min y, max x, max y), 0x7C, class 1 (POINT),
// x, y, end 0xFE.
std::array<uint8_t, 60> pointBlob(Point p, int srid) {
    std::array<uint8_t, 60> b{};
    b[0] = 0x00;
    b[1] = 0x01;
    putLittleEndian(&b[2], static_cast<uint32_t>(srid), 4);
    const uint64_t x = std::bit_cast<uint64_t>(p.x), y = std::bit_cast<uint64_t>(p.y);
    putLittleEndian(&b[6], x, 8);
    putLittleEndian(&b[14], y, 8);
    putLittleEndian(&b[22], x, 8);
    putLittleEndian(&b[30], y, 8);
    b[38] = 0x7C;
    putLittleEndian(&b[39], 1, 4);
    putLittleEndian(&b[43], x, 8);
    putLittleEndian(&b[51], y, 8);
    b[59] = 0xFE;
    return b;
}

// Connection settings for one bulk write, restored afterwards (also when it fails). A multi-row
// INSERT keeps a statement journal (in memory it is cheap, in a temporary file a dozen writes a
// statement), hence temp_store = MEMORY. The page cache stays at the connection's size: the rows go
// in id order, so every index is swept once, and a 256 MiB cache (tried before) cost more in fresh
// pages than it saved.
class BulkWriteSettings {
public:
    explicit BulkWriteSettings(Database& db) : db_(db) {
        tempStore_ = db_.queryInt("PRAGMA temp_store").value_or(0);
        db_.exec("PRAGMA temp_store = MEMORY");
    }
    ~BulkWriteSettings() {
        try {
            db_.exec("PRAGMA temp_store = " + std::to_string(tempStore_));
        } catch (...) {  // a destructor must not throw; the setting ends with the connection anyway
        }
    }
    BulkWriteSettings(const BulkWriteSettings&) = delete;
    BulkWriteSettings& operator=(const BulkWriteSettings&) = delete;

private:
    Database& db_;
    int64_t tempStore_ = 0;
};

// A new row's place in the pins' R-tree: its rowid and point.
struct NewEntry {
    int64_t rowid = 0;
    Point position;
};

// SpatiaLite keeps the pins' geometry checked and indexed with per-row insert triggers; one of them
// (RTreeAlign) builds and parses an SQL statement for every row, a third of a bulk import's time.
// Inside the bulk transaction those insert triggers are set aside and their work is done once, set
// based, over the new rows; the triggers are put back, with their exact text, before the commit.
// Everything happens in the one transaction, so a failure anywhere rolls all of it back.
class SetBasedGeometryTriggers {
public:
    SetBasedGeometryTriggers(Database& db, int srid) : db_(db), srid_(srid) {
        firstNewRowId_ = db_.queryInt("SELECT coalesce(max(rowid), 0) FROM pins").value_or(0);
        Statement st(db_,
                     "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'pins' AND "
                     "name IN ('ggi_pins_geom', 'gii_pins_geom', 'tmi_pins_geom')");
        while (st.step()) triggers_.emplace_back(st.columnText(0), st.columnText(1));
        for (const auto& [name, sql] : triggers_) db_.exec("DROP TRIGGER \"" + name + "\"");
    }
    ~SetBasedGeometryTriggers() = default;
    SetBasedGeometryTriggers(const SetBasedGeometryTriggers&) = delete;
    SetBasedGeometryTriggers& operator=(const SetBasedGeometryTriggers&) = delete;

    int64_t firstNewRowId() const { return firstNewRowId_; }

    // `added` holds every new row with its rowid when the writer could follow them (nullopt: read
    // them back from the table).
    void finish(const std::optional<std::vector<NewEntry>>& added) {
        auto has = [&](const char* name) {
            return std::any_of(triggers_.begin(), triggers_.end(), [&](const auto& t) { return t.first == name; });
        };
        const std::string newRows = " FROM pins WHERE rowid > " + std::to_string(firstNewRowId_);
        if (has("ggi_pins_geom")) {
            // What the trigger checks per row: each geometry against the column's registered type and
            // SRID. Rows the writer followed hold its own point BLOBs with this SRID, so asking the
            // registry once answers for all of them; otherwise every new row is asked.
            const bool violated =
                added ? db_.queryInt(
                               "SELECT count(*) FROM geometry_columns WHERE Lower(f_table_name) = 'pins' AND "
                               "Lower(f_geometry_column) = 'geom' AND geometry_type = 1 AND srid = " +
                               std::to_string(srid_))
                                .value_or(0) != 1
                      : db_.queryInt("SELECT count(*)" + newRows + " AND (geom IS NULL OR ST_Srid(geom) <> " +
                                     std::to_string(srid_) + " OR GeometryType(geom) <> 'POINT')")
                                .value_or(0) > 0;
            if (violated)
                throw Error("pins",
                            "a new pin's position violates the geometry constraint (not a point in the map CRS)");
        }
        if (has("gii_pins_geom")) fillSpatialIndex(newRows, added);
        if (has("tmi_pins_geom"))
            db_.exec(
                "UPDATE geometry_columns_time SET last_insert = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') "
                "WHERE Lower(f_table_name) = 'pins' AND Lower(f_geometry_column) = 'geom'");
        for (const auto& [name, sql] : triggers_) db_.exec(sql);
        triggers_.clear();
    }

private:
    std::vector<NewEntry> readBack(const std::string& newRows) {
        std::vector<NewEntry> out;
        Statement st(db_, "SELECT rowid, X(geom), Y(geom)" + newRows + " AND geom IS NOT NULL");
        while (st.step()) out.push_back({st.columnInt(0), {st.columnDouble(1), st.columnDouble(2)}});
        return out;
    }

    // What the insert trigger (gii_pins_geom: delete the row's entry, then RTreeAlign) does per row.
    // When the new rows are at least as many as the entries already indexed, the whole R-tree is
    // rebuilt packed (rtree_pack.hpp), far cheaper than one insert per pin; otherwise the new entries
    // go in through the R-tree itself, in x order so that neighbours share nodes.
    void fillSpatialIndex(const std::string& newRows, const std::optional<std::vector<NewEntry>>& known) {
        const std::vector<NewEntry> added = known ? *known : readBack(newRows);
        const int64_t indexed = db_.queryInt("SELECT count(*) FROM idx_pins_geom_rowid").value_or(0);
        const std::string first = std::to_string(firstNewRowId_);
        if (static_cast<int64_t>(added.size()) < indexed) {
            db_.exec("DELETE FROM idx_pins_geom WHERE pkid > " + first);
            std::vector<const NewEntry*> byX;
            byX.reserve(added.size());
            for (const NewEntry& e : added) byX.push_back(&e);
            std::stable_sort(byX.begin(), byX.end(),
                             [](const NewEntry* a, const NewEntry* b) { return a->position.x < b->position.x; });
            Statement insert(db_, "INSERT INTO idx_pins_geom (pkid, xmin, xmax, ymin, ymax) VALUES (?, ?, ?, ?, ?)");
            for (const NewEntry* e : byX) {
                insert.bind(1, e->rowid).bind(2, e->position.x).bind(3, e->position.x);
                insert.bind(4, e->position.y).bind(5, e->position.y).run();
                insert.reset();
            }
            return;
        }
        std::vector<RtreeEntry> entries;
        entries.reserve(static_cast<size_t>(indexed) + added.size());
        // Entries of rows older than this write stay; one with a new row's id would be stale.
        Statement old(db_, "SELECT pkid, xmin, xmax, ymin, ymax FROM idx_pins_geom WHERE pkid <= " + first);
        while (old.step())
            entries.push_back(rtreeEntry(old.columnInt(0), old.columnDouble(1), old.columnDouble(2),
                                         old.columnDouble(3), old.columnDouble(4)));
        for (const NewEntry& e : added)
            entries.push_back(rtreeEntry(e.rowid, e.position.x, e.position.x, e.position.y, e.position.y));
        packRtree(db_, "idx_pins_geom", std::move(entries));
    }

    Database& db_;
    int srid_;
    int64_t firstNewRowId_ = 0;
    std::vector<std::pair<std::string, std::string>> triggers_;
};

}  // namespace

struct PinBulkWrite::State {
    State(Project& project, bool withHistory)
        : writeHistory(withHistory),
          db(project.db()),
          srid(project.mapCrs().srid),
          settings(db),
          tx(db),
          triggers(db, srid),
          rowsPerStatement(kRowsPerStatement),
          pinInsert(db, multiRowSql(kBulkPinInsertHead, kBulkPinRow, rowsPerStatement)),
          historyInsert(db, multiRowSql(kBulkHistoryInsertHead, kBulkHistoryRow, rowsPerStatement)) {
        // A new change ends the redo branch, as in every editor.
        db.exec("UPDATE pin_history SET state = 'dropped' WHERE state = 'undone'");
        pending.reserve(rowsPerStatement);
    }

    // Writes the pending rows: a full statement, or at the end one made for the rows that remain.
    void flush() {
        if (pending.empty()) return;
        std::optional<BulkInsert> tailPins, tailHistory;
        BulkInsert* pins = &pinInsert;
        BulkInsert* history = &historyInsert;
        if (pending.size() != rowsPerStatement) {
            pins = &tailPins.emplace(db, multiRowSql(kBulkPinInsertHead, kBulkPinRow, pending.size()));
            history = &tailHistory.emplace(db, multiRowSql(kBulkHistoryInsertHead, kBulkHistoryRow, pending.size()));
        }
        geoms.resize(pending.size());
        for (size_t i = 0; i < pending.size(); ++i) {
            const PreparedPin& p = pending[i];
            geoms[i] = pointBlob(p.position, srid);
            const int c = static_cast<int>(i) * kBulkPinColumns + 1;
            pins->text(c, p.id);
            pins->integer(c + 1, p.sessionId);
            pins->text(c + 2, p.category);
            pins->text(c + 3, p.title);
            pins->text(c + 4, p.description);
            pins->text(c + 5, p.contributor);
            pins->text(c + 6, p.attributes);
            pins->text(c + 7, p.createdAt);
            pins->text(c + 8, p.updatedAt.empty() ? p.createdAt : p.updatedAt);
            pins->text(c + 9, p.deletedAt);
            pins->blob(c + 10, geoms[i].data(), geoms[i].size());
            if (!writeHistory) continue;
            // The change happened when the pin was made: the history row carries the pin's own time.
            const int h = static_cast<int>(i) * kBulkHistoryColumns + 1;
            history->text(h, p.id);
            history->text(h + 1, p.snapshot);
            history->text(h + 2, p.createdAt);
        }
        pins->run();
        // The rowids SQLite gave the rows (one past the largest so far, one after another) are followed
        // here for the spatial index; should they ever be otherwise, the index reads them back.
        if (entries) {
            const int64_t first = db.lastInsertRowId() - static_cast<int64_t>(pending.size()) + 1;
            if (first != triggers.firstNewRowId() + 1 + static_cast<int64_t>(written)) {
                entries.reset();
            } else {
                for (size_t i = 0; i < pending.size(); ++i)
                    entries->push_back({first + static_cast<int64_t>(i), pending[i].position});
            }
        }
        if (writeHistory) history->run();
        written += pending.size();
        pending.clear();
    }

    bool writeHistory;
    Database& db;
    int srid;
    BulkWriteSettings settings;
    Transaction tx;
    SetBasedGeometryTriggers triggers;
    size_t rowsPerStatement;
    BulkInsert pinInsert, historyInsert;
    std::vector<PreparedPin> pending;
    std::vector<std::array<uint8_t, 60>> geoms;  // the pending rows' geometry BLOBs, bound in place
    std::optional<std::vector<NewEntry>> entries = std::vector<NewEntry>();
    size_t written = 0;
};

PinBulkWrite::PinBulkWrite(Project& project, bool writeHistory)
    : state_(std::make_unique<State>(project, writeHistory)) {}
PinBulkWrite::~PinBulkWrite() = default;

void PinBulkWrite::add(PreparedPin pin) {
    state_->pending.push_back(std::move(pin));
    if (state_->pending.size() == state_->rowsPerStatement) state_->flush();
}

size_t PinBulkWrite::count() const { return state_->written + state_->pending.size(); }

void PinBulkWrite::commit() {
    state_->flush();
    state_->triggers.finish(state_->entries);
    state_->tx.commit();
}

}  // namespace samenkaart
