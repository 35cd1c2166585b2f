#include "engine/export/selection.hpp"

#include <ogr_geometry.h>
#include <ogr_spatialref.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <future>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "engine/boundary_locator.hpp"
#include "engine/boundary_store.hpp"
#include "engine/error.hpp"
#include "engine/gdal_support.hpp"
#include "engine/pseudonym.hpp"
#include "engine/spatial_reference.hpp"

namespace samenkaart {
namespace {

std::string upper(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return s;
}

std::vector<BoundaryColumn> boundaryColumns(Database& db) {
    std::vector<BoundaryColumn> out;
    Statement st(db, "PRAGMA table_info(boundaries)");
    while (st.step()) {
        const std::string name = st.columnText(1);
        if (name == "fid" || name == "name" || name == "geom") continue;
        const std::string type = upper(st.columnText(2));
        BoundaryColumn c{name, BoundaryColumn::Type::Text};
        if (type.find("INT") != std::string::npos)
            c.type = BoundaryColumn::Type::Integer;
        else if (type.find("REAL") != std::string::npos || type.find("FLOA") != std::string::npos ||
                 type.find("DOUB") != std::string::npos)
            c.type = BoundaryColumn::Type::Real;
        out.push_back(c);
    }
    return out;
}

// An export reads whole tables: mapped into memory, SQLite's pages need no read() call each.
void readThroughMemoryMap(Database& db) { db.exec("PRAGMA mmap_size = 4294967296"); }

Point coarsen(Point p, double cell) {
    return {(std::floor(p.x / cell) + 0.5) * cell, (std::floor(p.y / cell) + 0.5) * cell};
}

// The export's pin selection, the one place its filters and consent rule live: the rows of pins
// that pass the filters go to `onPin` (columns as in the SELECT below); those the consent rule
// leaves out are only counted (the return value). Both the export and the dialog's count use it.
// `onlyIds`: a JSON array of pin ids to look at instead of all pins.
template <class OnPin>
int64_t selectExportPins(Database& db, const ExportOptions& opt, OnPin&& onPin, const std::string* onlyIds = nullptr) {
    std::string sql =
        "SELECT p.id, p.session_id, p.category, p.title, p.description, p.contributor, p.attributes, X(p.geom), "
        "Y(p.geom), p.created_at, p.updated_at, p.deleted_at, s.consent FROM pins p JOIN sessions s ON s.id = "
        "p.session_id WHERE 1";
    if (!opt.includeDeleted) sql += " AND p.deleted_at IS NULL";
    if (opt.from) sql += " AND substr(p.created_at, 1, 10) >= ?1";
    if (opt.to) sql += " AND substr(p.created_at, 1, 10) <= ?2";
    if (onlyIds) sql += " AND p.id IN (SELECT value FROM json_each(?3))";
    sql += " ORDER BY p.created_at, p.id";
    Statement st(db, sql);
    if (opt.from) st.bind(1, *opt.from);
    if (opt.to) st.bind(2, *opt.to);
    if (onlyIds) st.bind(3, *onlyIds);
    const std::unordered_set<int64_t> wantedSessions(opt.sessions.begin(), opt.sessions.end());
    const std::unordered_set<std::string> wantedCategories(opt.categories.begin(), opt.categories.end());
    int64_t leftOutUnconsented = 0;
    while (st.step()) {
        if (!wantedSessions.empty() && !wantedSessions.contains(st.columnInt(1))) continue;
        if (!wantedCategories.empty() && !wantedCategories.contains(std::string(st.columnTextView(2)))) continue;
        if (st.columnInt(12) == 0 && !opt.includeUnconsented) {
            ++leftOutUnconsented;
            continue;
        }
        onPin(st);
    }
    return leftOutUnconsented;
}

// Pins that pass the filters (true map positions, no privacy applied yet), read on their own
// connection so that this runs beside the boundary work.
struct PinRows {
    std::vector<ExportPin> pins;
    int64_t leftOutUnconsented = 0;
    int64_t maxHistoryId = 0;
};

PinRows readPinRows(const std::string& projectPath, const ExportOptions& opt, const std::string* onlyIds) {
    auto project = Project::open(projectPath, true);
    Database& db = project->db();
    readThroughMemoryMap(db);
    PinRows rows;
    if (!onlyIds) rows.pins.reserve(static_cast<size_t>(db.queryInt("SELECT count(*) FROM pins").value_or(0)));
    auto onPin = [&rows](Statement& st) {
        ExportPin p;
        p.id = st.columnText(0);
        p.sessionId = st.columnInt(1);
        p.category = st.columnText(2);
        p.title = st.columnText(3);
        p.description = st.columnText(4);
        p.contributor = st.columnOptionalText(5);
        p.attributes = st.columnText(6);
        p.position = {st.columnDouble(7), st.columnDouble(8)};
        p.createdAt = st.columnText(9);
        p.updatedAt = st.columnText(10);
        p.deletedAt = st.columnOptionalText(11);
        rows.pins.push_back(std::move(p));
    };
    rows.leftOutUnconsented = selectExportPins(db, opt, onPin, onlyIds);
    rows.maxHistoryId = db.queryInt("SELECT max(id) FROM pin_history").value_or(0);
    return rows;
}

}  // namespace

ExportPinCount countExportPins(Database& db, const ExportOptions& options) {
    ExportPinCount count;
    count.leftOutUnconsented = selectExportPins(db, options, [&count](Statement&) { ++count.exported; });
    return count;
}

ProjectSelection::ProjectSelection() = default;
ProjectSelection::~ProjectSelection() = default;
ProjectSelection::ProjectSelection(ProjectSelection&&) noexcept = default;
ProjectSelection& ProjectSelection::operator=(ProjectSelection&&) noexcept = default;

namespace {

// A boundary row (fid, name, geom) into the selection and the locator.
void addBoundary(Database& db, Statement& st, ProjectSelection& sel, BoundaryLocator& locator) {
    ExportBoundary b;
    b.fid = st.columnInt(0);
    b.name = st.columnText(1);
    auto [data, size] = st.columnBlobView(2);
    locator.add(boundaryGeometry(db, data, size));
    b.counts.assign(sel.categories.size(), 0);
    sel.boundaries.push_back(std::move(b));
}

// The boundaries a locator needs for `pins`: those whose box (the spatial index's, rounded outwards)
// holds one of them, in fid order, so that locate() gives the lowest fid that contains a pin, as
// with every boundary. False when the project has no spatial index of its boundaries.
bool addBoundariesAround(Database& db, const std::vector<ExportPin>& pins, ProjectSelection& sel,
                         BoundaryLocator& locator) {
    if (!db.queryInt("SELECT count(*) FROM sqlite_master WHERE name = 'idx_boundaries_geom'").value_or(0)) return false;
    std::set<int64_t> fids;
    {
        Statement st(db,
                     "SELECT pkid FROM idx_boundaries_geom WHERE xmin <= ?1 AND xmax >= ?1 AND ymin <= ?2 AND "
                     "ymax >= ?2");
        for (const ExportPin& p : pins) {
            st.bind(1, p.position.x).bind(2, p.position.y);
            while (st.step()) fids.insert(st.columnInt(0));
            st.reset();
        }
    }
    Statement st(db, "SELECT fid, name, geom FROM boundaries WHERE fid = ?");
    for (int64_t fid : fids) {
        st.bind(1, fid);
        if (st.step()) addBoundary(db, st, sel, locator);
        st.reset();
    }
    sel.maxBoundaryFid = db.queryInt("SELECT max(fid) FROM boundaries").value_or(0);
    return true;
}

void addAllBoundaries(Database& db, ProjectSelection& sel, BoundaryLocator& locator) {
    // Sizes come from the records' headers: an upper bound of the vertices without reading them.
    const auto bytes = db.queryInt("SELECT sum(length(geom)) FROM boundaries").value_or(0);
    const auto count = db.queryInt("SELECT count(*) FROM boundaries").value_or(0);
    locator.reserve(static_cast<size_t>(count), static_cast<size_t>(bytes) / sizeof(Point));
    sel.boundaries.reserve(static_cast<size_t>(count));
    Statement st(db, "SELECT fid, name, geom FROM boundaries ORDER BY fid");
    while (st.step()) {
        addBoundary(db, st, sel, locator);
        sel.maxBoundaryFid = std::max(sel.maxBoundaryFid, sel.boundaries.back().fid);
    }
}

ProjectSelection select(Project& project, const std::string& label, const ExportOptions& opt,
                        const OGRSpatialReference& exportSrs, const std::vector<std::string>* onlyIds) {
    ensureGdalRegistered();
    Database& db = project.db();
    readThroughMemoryMap(db);
    ProjectSelection sel;
    sel.label = label;
    sel.path = project.path();
    sel.mapCrs = project.mapCrs();
    sel.createdAt = project.meta("created_at");
    sel.createdBy = project.meta("created_by");
    sel.categories = CategoryStore(db).list();
    for (const std::string& code : opt.categories)
        if (!CategoryStore(db).find(code))
            throw Error("category " + code, "does not exist in " + project.path() + " (see: samenkaart category list)");

    const bool anonymize =
        opt.anonymize == Anonymize::Always ||
        (opt.anonymize == Anonymize::WhenPersonal && exportsPersonalCategory(sel.categories, opt.categories));
    std::unordered_set<std::string> personal;
    std::unordered_map<std::string, size_t> categoryIndex;
    for (size_t i = 0; i < sel.categories.size(); ++i) {
        categoryIndex[sel.categories[i].code] = i;
        if (sel.categories[i].personal) personal.insert(sel.categories[i].code);
    }

    const std::unordered_set<int64_t> wantedSessions(opt.sessions.begin(), opt.sessions.end());
    SessionStore sessions(db);
    for (int64_t id : opt.sessions) sessions.get(id);  // an unknown id is an error, not an empty export
    for (Session& s : sessions.list()) {
        sel.maxSessionId = std::max(sel.maxSessionId, s.id);
        if (wantedSessions.empty() || wantedSessions.contains(s.id)) sel.sessions.push_back(std::move(s));
    }

    // All pins: they and the edit log are read on a second connection while this thread does the
    // boundaries. A few pins: they first, then only the boundaries around them.
    const std::string idsJson = onlyIds ? nlohmann::json(*onlyIds).dump() : std::string();
    std::future<PinRows> pinRows;
    PinRows rows;
    if (onlyIds)
        rows = readPinRows(project.path(), opt, &idsJson);
    else
        pinRows =
            std::async(std::launch::async, [path = project.path(), &opt] { return readPinRows(path, opt, nullptr); });

    const SpatialRefPtr mapSrs = makeSpatialRef(sel.mapCrs.definition, project.path());
    const SpatialRefPtr wgs84 = makeSpatialRef("EPSG:4326", "WGS 84");
    const TransformPtr toExport = makeTransform(*mapSrs, exportSrs, project.path());
    const TransformPtr toLonLat = makeTransform(*mapSrs, *wgs84, project.path());

    // Boundaries: fid, name and geometry for the locator, in the map CRS. The writer copies their
    // attributes and geometry into the export itself.
    sel.boundaryColumns = boundaryColumns(db);
    BoundaryLocator locator;
    if (!onlyIds || !addBoundariesAround(db, rows.pins, sel, locator)) addAllBoundaries(db, sel, locator);
    locator.build();

    if (!onlyIds) rows = pinRows.get();
    sel.leftOutUnconsented = rows.leftOutUnconsented;
    sel.pins = std::move(rows.pins);
    std::vector<double> xs, ys;
    xs.reserve(sel.pins.size());
    ys.reserve(sel.pins.size());
    for (ExportPin& p : sel.pins) {
        Point at = p.position;
        // The boundary comes from the true position: exact counts even when the points are coarsened.
        p.boundary = locator.locate(at);
        if (p.boundary) {
            ExportBoundary& b = sel.boundaries[*p.boundary];
            if (auto it = categoryIndex.find(p.category); it != categoryIndex.end()) ++b.counts[it->second];
            ++b.total;
        } else {
            ++sel.pinsOutsideBoundaries;
        }
        if (opt.pseudonymKey || anonymize) {
            if (!opt.pseudonymKey)
                p.contributor.reset();
            else if (p.contributor && !p.contributor->empty())
                p.contributor = pseudonym(*opt.pseudonymKey, *p.contributor);
            if (personal.contains(p.category)) p.attributes = "{}";
        }
        if (p.contributor && !p.contributor->empty()) ++sel.aliasesWritten;
        if (opt.coarsenMetres) at = coarsen(at, *opt.coarsenMetres);
        p.position = at;
        xs.push_back(at.x);
        ys.push_back(at.y);
    }

    // Both transformations in bulk: one PROJ call per layer instead of one per pin.
    if (!xs.empty()) {
        std::vector<double> lx = xs, ly = ys;
        std::vector<int> ok(xs.size(), TRUE);
        if (toLonLat) transformPoints(*toLonLat, lx, ly, ok);
        if (toExport) {
            std::vector<int> ok2(xs.size(), TRUE);
            transformPoints(*toExport, xs, ys, ok2);
            for (size_t i = 0; i < ok2.size(); ++i)
                if (!ok2[i])
                    throw Error(project.path(), "pin " + sel.pins[i].id + " cannot be transformed to " +
                                                    std::string(exportSrs.GetName() ? exportSrs.GetName() : "the CRS"));
        }
        for (size_t i = 0; i < sel.pins.size(); ++i) {
            sel.pins[i].position = {xs[i], ys[i]};
            sel.pins[i].lonLat = ok[i] ? Point{lx[i], ly[i]} : Point{std::nan(""), std::nan("")};
        }
    }

    sel.maxHistoryId = rows.maxHistoryId;
    return sel;
}

}  // namespace

ProjectSelection selectForExport(Project& project, const std::string& label, const ExportOptions& opt,
                                 const OGRSpatialReference& exportSrs) {
    return select(project, label, opt, exportSrs, nullptr);
}

ProjectSelection selectPinsForExport(Project& project, const std::string& label, const ExportOptions& opt,
                                     const OGRSpatialReference& exportSrs, const std::vector<std::string>& ids) {
    return select(project, label, opt, exportSrs, &ids);
}

SnapshotRewriter::SnapshotRewriter(const ProjectSelection& sel, const ExportOptions& opt,
                                   const OGRSpatialReference& exportSrs)
    : anonymize_(opt.anonymize == Anonymize::Always ||
                 (opt.anonymize == Anonymize::WhenPersonal && exportsPersonalCategory(sel.categories, opt.categories))),
      pseudonymKey_(opt.pseudonymKey),
      coarsenMetres_(opt.coarsenMetres) {
    const SpatialRefPtr mapSrs = makeSpatialRef(sel.mapCrs.definition, sel.path);
    toExport_ = makeTransform(*mapSrs, exportSrs, sel.path);
    for (const Category& c : sel.categories)
        if (c.personal) personal_.insert(c.code);
}

std::string SnapshotRewriter::operator()(std::string_view text) const {
    if (!needed()) return std::string(text);
    nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
    if (!j.is_object()) return std::string(text);
    if (pseudonymKey_ || anonymize_) {
        if (!pseudonymKey_) {
            if (j.contains("contributor")) j["contributor"] = nullptr;
        } else if (j.contains("contributor") && j["contributor"].is_string() &&
                   !j["contributor"].get<std::string>().empty()) {
            j["contributor"] = pseudonym(*pseudonymKey_, j["contributor"].get<std::string>());
        }
        if (j.contains("category") && j["category"].is_string() && personal_.contains(j["category"].get<std::string>()))
            j["attributes"] = nlohmann::json::object();
    }
    if (j.contains("x") && j.contains("y") && j["x"].is_number() && j["y"].is_number()) {
        Point p{j["x"].get<double>(), j["y"].get<double>()};
        if (coarsenMetres_) p = coarsen(p, *coarsenMetres_);
        if (toExport_) toExport_->Transform(1, &p.x, &p.y);
        j["x"] = p.x;
        j["y"] = p.y;
    }
    return j.dump();
}

}  // namespace samenkaart
