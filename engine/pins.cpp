#include "engine/pins.hpp"

#include <algorithm>
#include <cmath>

#include "engine/categories.hpp"
#include "engine/clock.hpp"
#include "engine/error.hpp"
#include "engine/pin_bulk_write.hpp"
#include "engine/pin_rules.hpp"
#include "engine/sessions.hpp"
#include "engine/text_encoding.hpp"

namespace samenkaart {
namespace {

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

std::optional<std::string> optionalString(const nlohmann::json& j, const char* key) {
    if (!j.contains(key) || j[key].is_null()) return std::nullopt;
    return j[key].get<std::string>();
}

constexpr const char* kInsertPinSql =
    "INSERT INTO pins (id, session_id, category, title, description, contributor, attributes, created_at, "
    "updated_at, deleted_at, geom) VALUES (?,?,?,?,?,?,?,?,?,?, MakePoint(?, ?, ?))";
// add() and undo/redo write through this upsert; a bulk add of new ids (which cannot conflict) writes
// plain multi-row inserts instead (pin_bulk_write.hpp).
const std::string kUpsertPinSql =
    std::string(kInsertPinSql) +
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
    if (before.is_null())
        st.bindNull(3);
    else
        st.bind(3, before.dump());
    if (after.is_null())
        st.bindNull(4);
    else
        st.bind(4, after.dump());
    st.bind(5, nowIso8601());
}

// openSessions caches sessions already found open during one call.
void requireOpenSession(Database& db, int64_t sessionId, std::set<int64_t>& openSessions) {
    if (openSessions.contains(sessionId)) return;
    Session s = SessionStore(db).get(sessionId);
    if (!s.isOpen())
        throw Error("session " + std::to_string(sessionId), "is closed; start or reopen a session to add pins");
    openSessions.insert(sessionId);
}

}  // namespace

PinStore::PinStore(Project& project) : project_(project), db_(project.db()) {}
PinStore::~PinStore() = default;

const CoordinateTransform& PinStore::toWgs84() {
    if (!toWgs84_) toWgs84_ = std::make_unique<CoordinateTransform>(project_.mapCrs().definition, "EPSG:4326");
    return *toWgs84_;
}

void PinStore::checkMapPoint(Point p) { samenkaart::checkMapPoint(toWgs84(), project_.mapCrs().name, p); }

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
    checkPinFields(pinRef, category, title, description, contributor, attributes, [&](const std::string& code) {
        if (knownCategories_.contains(code)) return true;
        if (!CategoryStore(db_).find(code)) return false;
        knownCategories_.insert(code);
        return true;
    });
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
    requireOpenSession(db_, n.sessionId, openSessions);
    checkMapPoint(n.position);

    Pin p;
    p.id = newUuid();
    p.sessionId = n.sessionId;
    p.category = std::move(n.category);
    p.title = std::move(n.title);
    p.description = std::move(n.description);
    p.contributor = storedContributor(n.contributor);
    p.attributes = n.attributes.is_object() ? std::move(n.attributes) : nlohmann::json::object();
    p.position = n.position;
    p.createdAt = p.updatedAt = nowIso8601();
    return p;
}

std::string PinStore::add(const NewPin& n) {
    std::set<int64_t> openSessions;
    const Pin p = prepareNew(n, openSessions);
    Transaction tx(db_);
    const nlohmann::json created = pinSnapshot(p);
    applySnapshot(p.id, created);
    recordHistory(p.id, "create", nullptr, created);
    tx.commit();
    return p.id;
}

std::vector<std::string> PinStore::addMany(std::vector<NewPin> pins, const RejectedPin& onRejected) {
    std::set<int64_t> openSessions;
    const NewPinCheck check(NewPinCheck::categoryCodes(project_), project_.mapCrs());
    std::vector<PreparedPin> accepted;
    accepted.reserve(pins.size());
    for (size_t i = 0; i < pins.size(); ++i) {
        try {
            // prepareNew's checks, in its order: fields, session, position.
            check.fields(pins[i]);
            requireOpenSession(db_, pins[i].sessionId, openSessions);
            check.position(pins[i].position);
            accepted.push_back(prepareNewPin(std::move(pins[i]), newUuid()));
        } catch (const Error& e) {
            if (!onRejected) throw;
            onRejected(i, e);
        }
    }
    std::vector<std::string> ids;
    ids.reserve(accepted.size());
    for (const PreparedPin& p : accepted) ids.push_back(p.id);
    if (accepted.empty()) return ids;
    // Written in id order: the random UUID keys then land on neighbouring index pages.
    std::sort(accepted.begin(), accepted.end(), [](const PreparedPin& a, const PreparedPin& b) { return a.id < b.id; });
    PinBulkWrite write(project_);
    for (PreparedPin& p : accepted) write.add(std::move(p));
    write.commit();
    return ids;
}

void PinStore::edit(const std::string& id, const PinEdit& e) {
    const std::string ref = "pin " + id;
    validateText(ref, e);
    Transaction tx(db_);
    Pin p = get(id);
    if (!p.isLive()) throw Error(ref, "is deleted; restore it (undo) before editing");
    const nlohmann::json before = pinSnapshot(p);
    if (e.category) p.category = *e.category;
    if (e.title) p.title = *e.title;
    if (e.description) p.description = *e.description;
    if (e.contributor) p.contributor = storedContributor(e.contributor);
    if (e.attributes) p.attributes = *e.attributes;
    p.updatedAt = nowIso8601();
    nlohmann::json after = pinSnapshot(p);
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
    const nlohmann::json before = pinSnapshot(p);
    p.position = position;
    p.updatedAt = nowIso8601();
    nlohmann::json after = pinSnapshot(p);
    applySnapshot(id, after);
    recordHistory(id, "move", before, after);
    tx.commit();
}

void PinStore::remove(const std::string& id) {
    Transaction tx(db_);
    Pin p = get(id);
    if (!p.isLive()) throw Error("pin " + id, "is already deleted");
    const nlohmann::json before = pinSnapshot(p);
    p.deletedAt = p.updatedAt = nowIso8601();
    nlohmann::json after = pinSnapshot(p);
    applySnapshot(id, after);
    recordHistory(id, "delete", before, after);
    tx.commit();
}

void PinStore::restore(const std::string& id) {
    Transaction tx(db_);
    Pin p = get(id);
    if (p.isLive()) throw Error("pin " + id, "is not deleted");
    const nlohmann::json before = pinSnapshot(p);
    p.deletedAt.reset();
    p.updatedAt = nowIso8601();
    nlohmann::json after = pinSnapshot(p);
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
    Statement st(db_,
                 "SELECT id, pin_id, action, before, after FROM pin_history WHERE state = 'done' "
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
    Statement st(db_,
                 "SELECT id, pin_id, action, before, after FROM pin_history WHERE state = 'undone' "
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

Statement PinStore::filtered(const PinFilter& f, std::string_view select, bool ordered) {
    // The same rule as matches(pin): created_at sorts as text (nowIso8601), so the period compares text.
    std::string sql = std::string(select) + " WHERE (?1 IS NULL OR session_id = ?1)";
    if (!f.includeDeleted) sql += " AND deleted_at IS NULL";
    if (f.categories) sql += " AND category IN (SELECT value FROM json_each(?2))";
    if (f.createdFrom) sql += " AND created_at >= ?3";
    if (f.createdBefore) sql += " AND created_at < ?4";
    if (f.sessionIds) sql += " AND session_id IN (SELECT value FROM json_each(?5))";
    if (ordered) sql += " ORDER BY created_at, id";
    Statement st(db_, sql);
    st.bind(1, f.sessionId);
    if (f.categories) st.bind(2, nlohmann::json(*f.categories).dump());
    if (f.createdFrom) st.bind(3, *f.createdFrom);
    if (f.createdBefore) st.bind(4, *f.createdBefore);
    if (f.sessionIds) st.bind(5, nlohmann::json(*f.sessionIds).dump());
    return st;
}

std::vector<Pin> PinStore::list(const PinFilter& f) {
    // In the order pins were made, as ORDER BY created_at, id would give. Rows are stored nearly always
    // in that order already, so they are read as stored and sorted here only when they are not: SQLite
    // sorted every read through a temporary B-tree of whole rows (1,000,000 pins: 1.7 of 2.0 s).
    Statement st = filtered(f, kSelect, false);
    std::vector<Pin> out;
    while (st.step()) out.push_back(readPin(st));
    auto madeBefore = [](const Pin& a, const Pin& b) {
        const int byTime = a.createdAt.compare(b.createdAt);  // bytewise, as SQLite's BINARY collation
        return byTime != 0 ? byTime < 0 : a.id < b.id;
    };
    if (!std::is_sorted(out.begin(), out.end(), madeBefore)) std::sort(out.begin(), out.end(), madeBefore);
    return out;
}

PinPlaces PinStore::listPlaces(const PinFilter& f) {
    // In list()'s order. Read as stored while the rows come in that order (nearly always); at the
    // first that does not, read again sorted by SQLite (it keeps only these few columns to sort).
    // Room for every pin the file holds (a filter keeps fewer): reserved pages that stay unused take
    // no memory, and the buffers never grow by copying (which doubled them at times).
    const auto stored = static_cast<size_t>(db_.queryInt("SELECT count(*) FROM pins").value_or(0));
    for (const bool ordered : {false, true}) {
        Statement st = filtered(f, "SELECT id, category, X(geom), Y(geom), created_at FROM pins", ordered);
        PinPlaces places;
        places.reserve(stored);
        std::string lastMade;
        std::string lastId;
        bool inOrder = true;
        while (st.step()) {
            const std::string_view id = st.columnTextView(0);
            const std::string_view made = st.columnTextView(4);
            if (!ordered) {
                const int byTime = made.compare(lastMade);  // bytewise, as SQLite's BINARY collation
                if (byTime < 0 || (byTime == 0 && id < std::string_view(lastId))) {
                    inOrder = false;
                    break;
                }
                lastMade.assign(made);
                lastId.assign(id);
            }
            places.add(id, st.columnTextView(1), {st.columnDouble(2), st.columnDouble(3)});
        }
        if (inOrder) return places;
    }
    return {};  // not reached: the sorted read is always in order
}

void PinStore::checkFilter(const PinFilter& f) {
    if (f.sessionId) SessionStore(db_).get(*f.sessionId);
    if (!f.categories) return;
    CategoryStore categories(db_);
    for (const std::string& code : *f.categories)
        if (!categories.find(code)) {
            std::string known;
            for (const Category& c : categories.list()) known += (known.empty() ? "" : ", ") + c.code;
            throw Error("category " + code, "is not in this project (its categories: " + known + ")",
                        ErrorKind::NotFound);
        }
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
