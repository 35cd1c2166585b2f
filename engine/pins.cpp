#include "engine/pins.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>

#include "engine/categories.hpp"
#include "engine/clock.hpp"
#include "engine/error.hpp"
#include "engine/multi_row_insert.hpp"
#include "engine/rtree_pack.hpp"
#include "engine/sessions.hpp"
#include "engine/text_encoding.hpp"

namespace samenkaart {
namespace {

constexpr size_t kMaxTitleBytes = 500;
constexpr size_t kMaxDescriptionBytes = 20000;
constexpr size_t kMaxContributorBytes = 200;

constexpr const char* kSelect =
    "SELECT id, session_id, category, title, description, contributor, attributes, X(geom), Y(geom), created_at, "
    "updated_at, deleted_at FROM pins";

Pin readPin(Statement& st) {
    Pin p;
    p.id = st.columnText(0);
    p.sessionId = st.columnInt(1);
    p.category = st.columnText(2);
    p.title = st.columnText(3);
    p.description = st.columnText(4);
    p.contributor = st.columnOptionalText(5);
    p.attributes = nlohmann::json::parse(st.columnText(6), nullptr, false);
    if (!p.attributes.is_object()) p.attributes = nlohmann::json::object();
    p.position = {st.columnDouble(7), st.columnDouble(8)};
    p.createdAt = st.columnText(9);
    p.updatedAt = st.columnText(10);
    p.deletedAt = st.columnOptionalText(11);
    return p;
}

void checkText(const std::string& pinRef, const std::string& text, const char* what, size_t maxBytes) {
    if (!isValidUtf8(text)) throw Error(pinRef, std::string(what) + " is not valid UTF-8 text");
    if (text.size() > maxBytes)
        throw Error(pinRef, std::string(what) + " is too long (" + std::to_string(text.size()) + " bytes; at most " +
                                std::to_string(maxBytes) + ")");
}

std::optional<std::string> emptyToNull(const std::optional<std::string>& s) {
    if (!s || trimmed(*s).empty()) return std::nullopt;
    return s;
}

std::optional<std::string> optionalString(const nlohmann::json& j, const char* key) {
    if (!j.contains(key) || j[key].is_null()) return std::nullopt;
    return j[key].get<std::string>();
}

constexpr const char* kInsertPinSql =
    "INSERT INTO pins (id, session_id, category, title, description, contributor, attributes, created_at, "
    "updated_at, deleted_at, geom) VALUES (?,?,?,?,?,?,?,?,?,?, MakePoint(?, ?, ?))";
// add() and undo/redo write through this upsert; a bulk add of new ids (which cannot conflict) writes
// plain multi-row inserts instead (kBulkPinInsertHead below).
const std::string kUpsertPinSql = std::string(kInsertPinSql) +
    " ON CONFLICT(id) DO UPDATE SET session_id = excluded.session_id, category = excluded.category, "
    "title = excluded.title, description = excluded.description, contributor = excluded.contributor, "
    "attributes = excluded.attributes, updated_at = excluded.updated_at, "
    "deleted_at = excluded.deleted_at, geom = excluded.geom";
constexpr const char* kInsertHistorySql =
    "INSERT INTO pin_history (pin_id, action, before, after, at) VALUES (?,?,?,?,?)";
constexpr const char* kDropRedoSql = "UPDATE pin_history SET state = 'dropped' WHERE state = 'undone'";

void bindSnapshot(Statement& st, const std::string& pinId, const nlohmann::json& s, int srid) {
    st.bind(1, pinId).bind(2, s["session_id"].get<int64_t>()).bind(3, s["category"].get<std::string>());
    st.bind(4, s["title"].get<std::string>()).bind(5, s["description"].get<std::string>());
    st.bind(6, optionalString(s, "contributor")).bind(7, s["attributes"].dump());
    st.bind(8, s["created_at"].get<std::string>()).bind(9, s["updated_at"].get<std::string>());
    st.bind(10, optionalString(s, "deleted_at"));
    st.bind(11, s["x"].get<double>()).bind(12, s["y"].get<double>()).bind(13, srid);
}

void bindHistory(Statement& st, const std::string& pinId, const char* action, const nlohmann::json& before,
                 const nlohmann::json& after) {
    st.bind(1, pinId).bind(2, action);
    if (before.is_null()) st.bindNull(3); else st.bind(3, before.dump());
    if (after.is_null()) st.bindNull(4); else st.bind(4, after.dump());
    st.bind(5, nowIso8601());
}

// The bulk insert binds every value itself (the geometry as SpatiaLite's own BLOB, no JSON on the
// way) and writes many rows per statement.
constexpr const char* kBulkPinInsertHead =
    "INSERT INTO pins (id, session_id, category, title, description, contributor, attributes, created_at, "
    "updated_at, deleted_at, geom) VALUES ";
constexpr const char* kBulkPinRow = "(?,?,?,?,?,?,?,?,?,NULL,?)";
constexpr int kBulkPinColumns = 10;
constexpr const char* kBulkHistoryInsertHead = "INSERT INTO pin_history (pin_id, action, before, after, at) VALUES ";
constexpr const char* kBulkHistoryRow = "(?,'create',NULL,?,?)";
constexpr int kBulkHistoryColumns = 3;

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

// JSON text as nlohmann::json::dump() writes it: UTF-8 kept, quote, backslash and control characters
// escaped (the text was checked to be valid UTF-8 before).
void appendJsonString(std::string& out, const std::string& text) {
    static const char* const kHex = "0123456789abcdef";
    out += '"';
    for (const char c : text) {
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\b':
                out += "\\b";
                break;
            case '\f':
                out += "\\f";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            default:
                if (static_cast<unsigned char>(c) < 0x20) {
                    out += "\\u00";
                    out += kHex[(c >> 4) & 0xF];
                    out += kHex[c & 0xF];
                } else {
                    out += c;
                }
        }
    }
    out += '"';
}

void appendJsonOptional(std::string& out, const std::optional<std::string>& text) {
    if (text)
        appendJsonString(out, *text);
    else
        out += "null";
}

// A new pin's snapshot as the text snapshot(p).dump() gives (keys sorted, as nlohmann's object keeps
// them), written directly: building and dumping a JSON object per pin was a tenth of a bulk import.
// attributesJson is p.attributes already dumped. Undo and redo read it back like any other snapshot.
std::string newPinSnapshotText(const Pin& p, const std::string& attributesJson) {
    std::string out;
    out.reserve(160 + p.title.size() + p.description.size() + attributesJson.size());
    out += "{\"attributes\":";
    out += attributesJson;
    out += ",\"category\":";
    appendJsonString(out, p.category);
    out += ",\"contributor\":";
    appendJsonOptional(out, p.contributor);
    out += ",\"created_at\":";
    appendJsonString(out, p.createdAt);
    out += ",\"deleted_at\":";
    appendJsonOptional(out, p.deletedAt);
    out += ",\"description\":";
    appendJsonString(out, p.description);
    out += ",\"session_id\":";
    out += std::to_string(p.sessionId);
    out += ",\"title\":";
    appendJsonString(out, p.title);
    out += ",\"updated_at\":";
    appendJsonString(out, p.updatedAt);
    // Numbers exactly as nlohmann writes doubles (shortest text that reads back as the same double).
    out += ",\"x\":";
    out += nlohmann::json(p.position.x).dump();
    out += ",\"y\":";
    out += nlohmann::json(p.position.y).dump();
    out += '}';
    return out;
}

// Connection settings for one bulk write, restored afterwards (also when it fails). The page cache
// stays at the connection's size: the rows go in id order, so every index is swept once, and a
// 256 MiB cache (tried before) cost more in fresh pages than it saved (100,000 pins: 2.1-2.4 s of
// CPU with SQLite's default 2 MiB against 2.5-2.6 s, also for 50,000 pins into a project of 100,000).
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

// SpatiaLite keeps the pins' geometry checked and indexed with per-row insert triggers; one of them
// (RTreeAlign) builds and parses an SQL statement for every row, a third of a bulk import's time.
// Inside the bulk transaction those insert triggers are set aside and their work is done once, set
// based, over the new rows; the triggers are put back, with their exact text, before the commit.
// Everything happens in the one transaction, so a failure anywhere rolls all of it back.
class SetBasedGeometryTriggers {
public:
    SetBasedGeometryTriggers(Database& db, int srid) : db_(db), srid_(srid) {
        firstNewRowId_ = db_.queryInt("SELECT coalesce(max(rowid), 0) FROM pins").value_or(0);
        Statement st(db_, "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'pins' AND "
                          "name IN ('ggi_pins_geom', 'gii_pins_geom', 'tmi_pins_geom')");
        while (st.step()) triggers_.emplace_back(st.columnText(0), st.columnText(1));
        for (const auto& [name, sql] : triggers_) db_.exec("DROP TRIGGER \"" + name + "\"");
    }
    SetBasedGeometryTriggers(const SetBasedGeometryTriggers&) = delete;
    SetBasedGeometryTriggers& operator=(const SetBasedGeometryTriggers&) = delete;

    void finish() {
        auto has = [&](const char* name) {
            return std::any_of(triggers_.begin(), triggers_.end(), [&](const auto& t) { return t.first == name; });
        };
        const std::string newRows = " FROM pins WHERE rowid > " + std::to_string(firstNewRowId_);
        if (has("ggi_pins_geom") &&
            db_.queryInt("SELECT count(*)" + newRows + " AND (geom IS NULL OR ST_Srid(geom) <> " +
                         std::to_string(srid_) + " OR GeometryType(geom) <> 'POINT')").value_or(0) > 0)
            throw Error("pins", "a new pin's position violates the geometry constraint (not a point in the map CRS)");
        if (has("gii_pins_geom")) fillSpatialIndex(newRows);
        if (has("tmi_pins_geom"))
            db_.exec("UPDATE geometry_columns_time SET last_insert = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') "
                     "WHERE Lower(f_table_name) = 'pins' AND Lower(f_geometry_column) = 'geom'");
        for (const auto& [name, sql] : triggers_) db_.exec(sql);
        triggers_.clear();
    }

private:
    // What the insert trigger (gii_pins_geom: delete the row's entry, then RTreeAlign) does per row.
    // When the new rows are at least as many as the entries already indexed, the whole R-tree is
    // rebuilt packed (rtree_pack.hpp), far cheaper than one insert per pin; otherwise the new entries
    // go in through the R-tree itself, in x order so that neighbours share nodes.
    void fillSpatialIndex(const std::string& newRows) {
        const int64_t indexed = db_.queryInt("SELECT count(*) FROM idx_pins_geom_rowid").value_or(0);
        const int64_t added = db_.queryInt("SELECT count(*)" + newRows + " AND geom IS NOT NULL").value_or(0);
        const std::string first = std::to_string(firstNewRowId_);
        if (added < indexed) {
            db_.exec("DELETE FROM idx_pins_geom WHERE pkid > " + first);
            db_.exec(
                "INSERT INTO idx_pins_geom (pkid, xmin, xmax, ymin, ymax) SELECT rowid, MbrMinX(geom), "
                "MbrMaxX(geom), MbrMinY(geom), MbrMaxY(geom)" +
                newRows + " AND geom IS NOT NULL ORDER BY MbrMinX(geom)");
            return;
        }
        std::vector<RtreeEntry> entries;
        entries.reserve(static_cast<size_t>(indexed + added));
        // Entries of rows older than this write stay; one with a new row's id would be stale.
        Statement old(db_, "SELECT pkid, xmin, xmax, ymin, ymax FROM idx_pins_geom WHERE pkid <= " + first);
        while (old.step())
            entries.push_back(rtreeEntry(old.columnInt(0), old.columnDouble(1), old.columnDouble(2),
                                         old.columnDouble(3), old.columnDouble(4)));
        Statement added_(db_, "SELECT rowid, MbrMinX(geom), MbrMaxX(geom), MbrMinY(geom), MbrMaxY(geom)" + newRows +
                                  " AND geom IS NOT NULL");
        while (added_.step())
            entries.push_back(rtreeEntry(added_.columnInt(0), added_.columnDouble(1), added_.columnDouble(2),
                                         added_.columnDouble(3), added_.columnDouble(4)));
        packRtree(db_, "idx_pins_geom", std::move(entries));
    }

    Database& db_;
    int srid_;
    int64_t firstNewRowId_ = 0;
    std::vector<std::pair<std::string, std::string>> triggers_;
};

}  // namespace

PinStore::PinStore(Project& project) : project_(project), db_(project.db()) {}
PinStore::~PinStore() = default;

const CoordinateTransform& PinStore::toWgs84() {
    if (!toWgs84_) toWgs84_ = std::make_unique<CoordinateTransform>(project_.mapCrs().definition, "EPSG:4326");
    return *toWgs84_;
}

void PinStore::checkMapPoint(Point p) {
    // The subject is only spelled out for a point that fails (a bulk import checks every point).
    auto where = [&] { return "coordinates " + std::to_string(p.x) + " " + std::to_string(p.y); };
    if (!std::isfinite(p.x) || !std::isfinite(p.y)) throw Error(where(), "are not finite numbers");
    auto ll = toWgs84().forward(p);
    if (!ll || std::abs(ll->x) > 180.0 || std::abs(ll->y) > 90.0)
        throw Error(where(), "lie outside the world of the map's CRS (" + project_.mapCrs().name + ")");
    // A projection may wrap far-away points back onto the earth; the round trip must come home.
    auto back = toWgs84().inverse(*ll);
    if (!back || std::hypot(back->x - p.x, back->y - p.y) > 1.0)
        throw Error(where(), "lie outside the area where the map's CRS (" + project_.mapCrs().name + ") is defined");
}

Point PinStore::fromLonLat(double lon, double lat) {
    const std::string where = "longitude/latitude " + std::to_string(lon) + " " + std::to_string(lat);
    if (!std::isfinite(lon) || !std::isfinite(lat) || std::abs(lon) > 180.0 || std::abs(lat) > 90.0)
        throw Error(where, "cannot exist (longitude -180..180, latitude -90..90)");
    auto p = toWgs84().inverse({lon, lat});
    if (!p) throw Error(where, "cannot be shown in the map's CRS (" + project_.mapCrs().name + ")");
    return *p;
}

Point PinStore::toLonLat(Point mapPoint) {
    auto ll = toWgs84().forward(mapPoint);
    return ll ? *ll : Point{std::nan(""), std::nan("")};
}

void PinStore::validateText(const std::string& pinRef, const PinEdit& e) {
    auto given = [](const auto& optional) { return optional ? &*optional : nullptr; };
    validateFields(pinRef, given(e.category), given(e.title), given(e.description), given(e.contributor),
                   given(e.attributes));
}

void PinStore::validateFields(const std::string& pinRef, const std::string* category, const std::string* title,
                              const std::string* description, const std::string* contributor,
                              const nlohmann::json* attributes) {
    if (title) {
        if (trimmed(*title).empty()) throw Error(pinRef, "a title is required");
        checkText(pinRef, *title, "the title", kMaxTitleBytes);
    }
    if (description) checkText(pinRef, *description, "the description", kMaxDescriptionBytes);
    if (contributor) checkText(pinRef, *contributor, "the contributor alias", kMaxContributorBytes);
    if (category && !knownCategories_.contains(*category)) {
        if (!CategoryStore(db_).find(*category))
            throw Error("category " + *category, "does not exist in this project (see: samenkaart category list)");
        knownCategories_.insert(*category);
    }
    if (attributes && !attributes->is_object())
        throw Error(pinRef, "extra fields must be a JSON object of field names and values");
}

nlohmann::json PinStore::snapshot(const Pin& p) const {
    return {{"session_id", p.sessionId},
            {"category", p.category},
            {"title", p.title},
            {"description", p.description},
            {"contributor", p.contributor ? nlohmann::json(*p.contributor) : nlohmann::json(nullptr)},
            {"attributes", p.attributes},
            {"x", p.position.x},
            {"y", p.position.y},
            {"created_at", p.createdAt},
            {"updated_at", p.updatedAt},
            {"deleted_at", p.deletedAt ? nlohmann::json(*p.deletedAt) : nlohmann::json(nullptr)}};
}

void PinStore::recordHistory(const std::string& pinId, const char* action, const nlohmann::json& before,
                             const nlohmann::json& after) {
    // A new change ends the redo branch, as in every editor.
    db_.exec(kDropRedoSql);
    Statement st(db_, kInsertHistorySql);
    bindHistory(st, pinId, action, before, after);
    st.run();
}

Pin PinStore::prepareNew(NewPin n, std::set<int64_t>& openSessions) {
    const std::string ref = "new pin";
    validateFields(ref, &n.category, &n.title, &n.description, n.contributor ? &*n.contributor : nullptr,
                   &n.attributes);
    if (!openSessions.contains(n.sessionId)) {
        Session s = SessionStore(db_).get(n.sessionId);
        if (!s.isOpen())
            throw Error("session " + std::to_string(n.sessionId), "is closed; start or reopen a session to add pins");
        openSessions.insert(n.sessionId);
    }
    checkMapPoint(n.position);

    Pin p;
    p.id = newUuid();
    p.sessionId = n.sessionId;
    p.category = std::move(n.category);
    p.title = std::move(n.title);
    p.description = std::move(n.description);
    p.contributor = emptyToNull(n.contributor);
    p.attributes = n.attributes.is_object() ? std::move(n.attributes) : nlohmann::json::object();
    p.position = n.position;
    p.createdAt = p.updatedAt = nowIso8601();
    return p;
}

std::string PinStore::add(const NewPin& n) {
    std::set<int64_t> openSessions;
    const Pin p = prepareNew(n, openSessions);
    Transaction tx(db_);
    applySnapshot(p.id, snapshot(p));
    recordHistory(p.id, "create", nullptr, snapshot(p));
    tx.commit();
    return p.id;
}

std::vector<std::string> PinStore::addMany(std::vector<NewPin> pins, const RejectedPin& onRejected) {
    std::set<int64_t> openSessions;
    std::vector<Pin> accepted;
    accepted.reserve(pins.size());
    for (size_t i = 0; i < pins.size(); ++i) {
        try {
            accepted.push_back(prepareNew(std::move(pins[i]), openSessions));
        } catch (const Error& e) {
            if (!onRejected) throw;
            onRejected(i, e);
        }
    }
    std::vector<std::string> ids;
    ids.reserve(accepted.size());
    if (accepted.empty()) return ids;

    // The rows add() writes, through statements prepared once, with every value bound directly and
    // many rows per statement. A multi-row INSERT keeps a statement journal (in memory it is cheap, in
    // a temporary file a dozen writes a statement), hence temp_store = MEMORY.
    const int srid = project_.mapCrs().srid;
    BulkWriteSettings bulk(db_);
    Transaction tx(db_);
    SetBasedGeometryTriggers triggers(db_, srid);
    db_.exec(kDropRedoSql);
    // Written in id order: the random UUID keys then land on neighbouring index pages.
    std::vector<const Pin*> order;
    order.reserve(accepted.size());
    for (const Pin& p : accepted) order.push_back(&p);
    std::sort(order.begin(), order.end(), [](const Pin* a, const Pin* b) { return a->id < b->id; });
    MultiRowInsert pinRows(db_, kBulkPinInsertHead, kBulkPinRow, kBulkPinColumns, order.size());
    MultiRowInsert historyRows(db_, kBulkHistoryInsertHead, kBulkHistoryRow, kBulkHistoryColumns, order.size());
    std::string attributes, snapshotText;
    for (const Pin* pp : order) {
        const Pin& p = *pp;
        attributes = p.attributes.empty() ? "{}" : p.attributes.dump();
        const auto geom = pointBlob(p.position, srid);
        Statement& row = pinRows.statement();
        const int c = pinRows.nextRow();
        row.bind(c, p.id).bind(c + 1, p.sessionId).bind(c + 2, p.category).bind(c + 3, p.title);
        row.bind(c + 4, p.description).bind(c + 5, p.contributor).bind(c + 6, attributes);
        row.bind(c + 7, p.createdAt).bind(c + 8, p.updatedAt).bindBlob(c + 9, geom.data(), geom.size());
        pinRows.rowDone();
        // The change happened when the pin was made: the history row carries the pin's own time.
        snapshotText = newPinSnapshotText(p, attributes);
        Statement& change = historyRows.statement();
        const int h = historyRows.nextRow();
        change.bind(h, p.id).bind(h + 1, snapshotText).bind(h + 2, p.createdAt);
        historyRows.rowDone();
    }
    for (const Pin& p : accepted) ids.push_back(p.id);
    triggers.finish();
    tx.commit();
    return ids;
}

void PinStore::edit(const std::string& id, const PinEdit& e) {
    const std::string ref = "pin " + id;
    validateText(ref, e);
    Transaction tx(db_);
    Pin p = get(id);
    if (!p.isLive()) throw Error(ref, "is deleted; restore it (undo) before editing");
    const nlohmann::json before = snapshot(p);
    if (e.category) p.category = *e.category;
    if (e.title) p.title = *e.title;
    if (e.description) p.description = *e.description;
    if (e.contributor) p.contributor = emptyToNull(e.contributor);
    if (e.attributes) p.attributes = *e.attributes;
    p.updatedAt = nowIso8601();
    nlohmann::json after = snapshot(p);
    applySnapshot(id, after);
    recordHistory(id, "edit", before, after);
    tx.commit();
}

void PinStore::move(const std::string& id, Point position) {
    const std::string ref = "pin " + id;
    checkMapPoint(position);
    Transaction tx(db_);
    Pin p = get(id);
    if (!p.isLive()) throw Error(ref, "is deleted; restore it (undo) before moving it");
    const nlohmann::json before = snapshot(p);
    p.position = position;
    p.updatedAt = nowIso8601();
    nlohmann::json after = snapshot(p);
    applySnapshot(id, after);
    recordHistory(id, "move", before, after);
    tx.commit();
}

void PinStore::remove(const std::string& id) {
    Transaction tx(db_);
    Pin p = get(id);
    if (!p.isLive()) throw Error("pin " + id, "is already deleted");
    const nlohmann::json before = snapshot(p);
    p.deletedAt = p.updatedAt = nowIso8601();
    nlohmann::json after = snapshot(p);
    applySnapshot(id, after);
    recordHistory(id, "delete", before, after);
    tx.commit();
}

void PinStore::restore(const std::string& id) {
    Transaction tx(db_);
    Pin p = get(id);
    if (p.isLive()) throw Error("pin " + id, "is not deleted");
    const nlohmann::json before = snapshot(p);
    p.deletedAt.reset();
    p.updatedAt = nowIso8601();
    nlohmann::json after = snapshot(p);
    applySnapshot(id, after);
    recordHistory(id, "restore", before, after);
    tx.commit();
}

void PinStore::applySnapshot(const std::string& pinId, const nlohmann::json& s) {
    if (s.is_null()) {
        Statement del(db_, "DELETE FROM pins WHERE id = ?");
        del.bind(1, pinId).run();
        return;
    }
    Statement st(db_, kUpsertPinSql);
    bindSnapshot(st, pinId, s, project_.mapCrs().srid);
    st.run();
}

std::optional<HistoryStep> PinStore::undo() {
    Transaction tx(db_);
    Statement st(db_, "SELECT id, pin_id, action, before, after FROM pin_history WHERE state = 'done' "
                      "ORDER BY id DESC LIMIT 1");
    if (!st.step()) return std::nullopt;
    HistoryStep step{st.columnInt(0), st.columnText(2), st.columnText(1), {}};
    const nlohmann::json before = st.isNull(3) ? nlohmann::json() : nlohmann::json::parse(st.columnText(3));
    const nlohmann::json after = st.isNull(4) ? nlohmann::json() : nlohmann::json::parse(st.columnText(4));
    step.title = (after.is_object() ? after : before).value("title", "");
    applySnapshot(step.pinId, before);
    Statement mark(db_, "UPDATE pin_history SET state = 'undone', undone_at = ? WHERE id = ?");
    mark.bind(1, nowIso8601()).bind(2, step.historyId).run();
    tx.commit();
    return step;
}

std::optional<HistoryStep> PinStore::redo() {
    Transaction tx(db_);
    Statement st(db_, "SELECT id, pin_id, action, before, after FROM pin_history WHERE state = 'undone' "
                      "ORDER BY id ASC LIMIT 1");
    if (!st.step()) return std::nullopt;
    HistoryStep step{st.columnInt(0), st.columnText(2), st.columnText(1), {}};
    const nlohmann::json before = st.isNull(3) ? nlohmann::json() : nlohmann::json::parse(st.columnText(3));
    const nlohmann::json after = st.isNull(4) ? nlohmann::json() : nlohmann::json::parse(st.columnText(4));
    step.title = (after.is_object() ? after : before).value("title", "");
    applySnapshot(step.pinId, after);
    Statement mark(db_, "UPDATE pin_history SET state = 'done', undone_at = NULL WHERE id = ?");
    mark.bind(1, step.historyId).run();
    tx.commit();
    return step;
}

bool PinStore::canUndo() {
    return db_.queryInt("SELECT count(*) FROM pin_history WHERE state = 'done'").value_or(0) > 0;
}

bool PinStore::canRedo() {
    return db_.queryInt("SELECT count(*) FROM pin_history WHERE state = 'undone'").value_or(0) > 0;
}

std::optional<Pin> PinStore::find(const std::string& id) {
    Statement st(db_, std::string(kSelect) + " WHERE id = ?");
    st.bind(1, id);
    if (!st.step()) return std::nullopt;
    return readPin(st);
}

Pin PinStore::get(const std::string& id) {
    auto p = find(id);
    if (!p) throw Error("pin " + id, "does not exist in this project");
    return *p;
}

std::vector<Pin> PinStore::list(const PinFilter& f) {
    std::string sql = std::string(kSelect) + " WHERE (?1 IS NULL OR session_id = ?1)";
    if (!f.includeDeleted) sql += " AND deleted_at IS NULL";
    sql += " ORDER BY created_at, id";
    Statement st(db_, sql);
    st.bind(1, f.sessionId);
    std::vector<Pin> out;
    while (st.step()) out.push_back(readPin(st));
    return out;
}

nlohmann::json PinStore::toJson(const Pin& p) {
    const Point ll = toLonLat(p.position);
    auto opt = [](const std::optional<std::string>& v) { return v ? nlohmann::json(*v) : nlohmann::json(nullptr); };
    return {{"id", p.id},
            {"session_id", p.sessionId},
            {"category", p.category},
            {"title", p.title},
            {"description", p.description},
            {"contributor", opt(p.contributor)},
            {"attributes", p.attributes},
            {"x", p.position.x},
            {"y", p.position.y},
            {"lon", ll.x},
            {"lat", ll.y},
            {"created_at", p.createdAt},
            {"updated_at", p.updatedAt},
            {"deleted_at", opt(p.deletedAt)}};
}

}  // namespace samenkaart
