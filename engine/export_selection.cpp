#include "engine/export_selection.hpp"

#include <ogr_geometry.h>
#include <ogr_spatialref.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include "engine/boundary_locator.hpp"
#include "engine/error.hpp"
#include "engine/gdal_support.hpp"
#include "engine/spatial_reference.hpp"

namespace samenkaart {
namespace {

std::string upper(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return s;
}

std::string quoteIdentifier(const std::string& name) {
    std::string out = "\"";
    for (char c : name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
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

// The engine's geometry types for the locator; rings lose their closing point.
MultiPolygon toMultiPolygon(const OGRGeometry& g) {
    MultiPolygon out;
    auto addPolygon = [&out](const OGRPolygon& poly) {
        Polygon p;
        for (const OGRLinearRing* ring : poly) {
            Ring r;
            const int n = ring->getNumPoints();
            r.reserve(static_cast<size_t>(n));
            for (int i = 0; i < n; ++i) r.push_back({ring->getX(i), ring->getY(i)});
            if (r.size() > 1 && r.front() == r.back()) r.pop_back();
            p.push_back(std::move(r));
        }
        out.push_back(std::move(p));
    };
    const OGRwkbGeometryType type = wkbFlatten(g.getGeometryType());
    if (type == wkbPolygon) addPolygon(*g.toPolygon());
    if (type == wkbMultiPolygon)
        for (const OGRPolygon* poly : *g.toMultiPolygon()) addPolygon(*poly);
    return out;
}

Point coarsen(Point p, double cell) {
    return {(std::floor(p.x / cell) + 0.5) * cell, (std::floor(p.y / cell) + 0.5) * cell};
}

// Applies the export's privacy and CRS to one history snapshot (the JSON PinStore writes).
struct SnapshotRewriter {
    bool anonymize = false;
    std::optional<double> coarsenMetres;
    const OGRCoordinateTransformation* toExport = nullptr;
    const std::unordered_set<std::string>* personal = nullptr;

    bool needed() const { return anonymize || coarsenMetres || toExport; }

    std::optional<std::string> operator()(const std::optional<std::string>& text) const {
        if (!text || !needed()) return text;
        nlohmann::json j = nlohmann::json::parse(*text, nullptr, false);
        if (!j.is_object()) return text;
        if (anonymize) {
            if (j.contains("contributor")) j["contributor"] = nullptr;
            if (j.contains("category") && j["category"].is_string() &&
                personal->contains(j["category"].get<std::string>()))
                j["attributes"] = nlohmann::json::object();
        }
        if (j.contains("x") && j.contains("y") && j["x"].is_number() && j["y"].is_number()) {
            Point p{j["x"].get<double>(), j["y"].get<double>()};
            if (coarsenMetres) p = coarsen(p, *coarsenMetres);
            if (toExport) const_cast<OGRCoordinateTransformation*>(toExport)->Transform(1, &p.x, &p.y);
            j["x"] = p.x;
            j["y"] = p.y;
        }
        return j.dump();
    }
};

}  // namespace

void OgrGeometryDeleter::operator()(OGRGeometry* geometry) const { OGRGeometryFactory::destroyGeometry(geometry); }

ProjectSelection::ProjectSelection() = default;
ProjectSelection::~ProjectSelection() = default;
ProjectSelection::ProjectSelection(ProjectSelection&&) noexcept = default;
ProjectSelection& ProjectSelection::operator=(ProjectSelection&&) noexcept = default;

ProjectSelection selectForExport(Project& project, const std::string& label, const ExportOptions& opt,
                                 const OGRSpatialReference& exportSrs) {
    ensureGdalRegistered();
    Database& db = project.db();
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

    const SpatialRefPtr mapSrs = makeSpatialRef(sel.mapCrs.definition, project.path());
    const SpatialRefPtr wgs84 = makeSpatialRef("EPSG:4326", "WGS 84");
    const TransformPtr toExport = makeTransform(*mapSrs, exportSrs, project.path());
    const TransformPtr toLonLat = makeTransform(*mapSrs, *wgs84, project.path());

    // Boundaries: geometry once from WKB, located in the map CRS, then moved to the export CRS.
    sel.boundaryColumns = boundaryColumns(db);
    BoundaryLocator locator;
    {
        std::string sql = "SELECT fid, name";
        for (const BoundaryColumn& c : sel.boundaryColumns) sql += ", " + quoteIdentifier(c.name);
        sql += ", AsBinary(geom) FROM boundaries ORDER BY fid";
        Statement st(db, sql);
        const int geomColumn = static_cast<int>(sel.boundaryColumns.size()) + 2;
        while (st.step()) {
            ExportBoundary b;
            b.fid = st.columnInt(0);
            sel.maxBoundaryFid = std::max(sel.maxBoundaryFid, b.fid);
            b.name = st.columnText(1);
            for (size_t i = 0; i < sel.boundaryColumns.size(); ++i) {
                const int col = static_cast<int>(i) + 2;
                if (st.isNull(col))
                    b.values.emplace_back(std::monostate{});
                else if (sel.boundaryColumns[i].type == BoundaryColumn::Type::Integer)
                    b.values.emplace_back(st.columnInt(col));
                else if (sel.boundaryColumns[i].type == BoundaryColumn::Type::Real)
                    b.values.emplace_back(st.columnDouble(col));
                else
                    b.values.emplace_back(st.columnText(col));
            }
            auto [data, size] = st.columnBlobView(geomColumn);
            OGRGeometry* g = nullptr;
            if (data && OGRGeometryFactory::createFromWkb(data, nullptr, &g, size) == OGRERR_NONE && g) {
                b.geometry.reset(g);
                locator.add(toMultiPolygon(*g));
                if (toExport && g->transform(toExport.get()) != OGRERR_NONE)
                    throw Error(project.path(), "boundary " + std::to_string(b.fid) + " cannot be transformed to " +
                                                    std::string(exportSrs.GetName() ? exportSrs.GetName() : "the CRS"));
            } else {
                locator.add({});
            }
            b.counts.assign(sel.categories.size(), 0);
            sel.boundaries.push_back(std::move(b));
        }
    }
    locator.build();

    // Pins that pass the filters.
    std::string sql =
        "SELECT p.id, p.session_id, p.category, p.title, p.description, p.contributor, p.attributes, X(p.geom), "
        "Y(p.geom), p.created_at, p.updated_at, p.deleted_at, s.consent FROM pins p JOIN sessions s ON s.id = "
        "p.session_id WHERE 1";
    if (!opt.includeDeleted) sql += " AND p.deleted_at IS NULL";
    if (opt.from) sql += " AND substr(p.created_at, 1, 10) >= ?1";
    if (opt.to) sql += " AND substr(p.created_at, 1, 10) <= ?2";
    sql += " ORDER BY p.created_at, p.id";
    Statement st(db, sql);
    if (opt.from) st.bind(1, *opt.from);
    if (opt.to) st.bind(2, *opt.to);
    const std::unordered_set<std::string> wantedCategories(opt.categories.begin(), opt.categories.end());
    std::vector<double> xs, ys;
    while (st.step()) {
        ExportPin p;
        p.sessionId = st.columnInt(1);
        p.category = st.columnText(2);
        if (!wantedSessions.empty() && !wantedSessions.contains(p.sessionId)) continue;
        if (!wantedCategories.empty() && !wantedCategories.contains(p.category)) continue;
        if (st.columnInt(12) == 0 && !opt.includeUnconsented) {
            ++sel.leftOutUnconsented;
            continue;
        }
        p.id = st.columnText(0);
        p.title = st.columnText(3);
        p.description = st.columnText(4);
        p.contributor = st.columnOptionalText(5);
        p.attributes = st.columnText(6);
        Point at{st.columnDouble(7), st.columnDouble(8)};
        p.createdAt = st.columnText(9);
        p.updatedAt = st.columnText(10);
        p.deletedAt = st.columnOptionalText(11);

        // The boundary comes from the true position: exact counts even when the points are coarsened.
        p.boundary = locator.locate(at);
        if (p.boundary) {
            ExportBoundary& b = sel.boundaries[*p.boundary];
            if (auto it = categoryIndex.find(p.category); it != categoryIndex.end()) ++b.counts[it->second];
            ++b.total;
        } else {
            ++sel.pinsOutsideBoundaries;
        }
        if (opt.anonymize) {
            p.contributor.reset();
            if (personal.contains(p.category)) p.attributes = "{}";
        }
        if (opt.coarsenMetres) at = coarsen(at, *opt.coarsenMetres);
        p.position = at;
        sel.pins.push_back(std::move(p));
        xs.push_back(at.x);
        ys.push_back(at.y);
    }

    // Both transformations in bulk: one PROJ call per layer instead of one per pin.
    if (!xs.empty()) {
        std::vector<double> lx = xs, ly = ys;
        std::vector<int> ok(xs.size(), TRUE);
        if (toLonLat) toLonLat->Transform(lx.size(), lx.data(), ly.data(), nullptr, ok.data());
        if (toExport) {
            std::vector<int> ok2(xs.size(), TRUE);
            toExport->Transform(xs.size(), xs.data(), ys.data(), nullptr, ok2.data());
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

    // The edit log of the exported pins only, with the same privacy.
    std::unordered_set<std::string> exported;
    for (const ExportPin& p : sel.pins) exported.insert(p.id);
    SnapshotRewriter rewrite{opt.anonymize, opt.coarsenMetres, toExport.get(), &personal};
    Statement hist(db, "SELECT id, pin_id, action, before, after, at, state, undone_at FROM pin_history ORDER BY id");
    while (hist.step()) {
        const int64_t id = hist.columnInt(0);
        sel.maxHistoryId = std::max(sel.maxHistoryId, id);
        std::string pinId = hist.columnText(1);
        if (!exported.contains(pinId)) continue;
        ExportHistoryRow h;
        h.id = id;
        h.pinId = std::move(pinId);
        h.action = hist.columnText(2);
        h.before = rewrite(hist.columnOptionalText(3));
        h.after = rewrite(hist.columnOptionalText(4));
        h.at = hist.columnText(5);
        h.state = hist.columnText(6);
        h.undoneAt = hist.columnOptionalText(7);
        sel.history.push_back(std::move(h));
    }
    return sel;
}

}  // namespace samenkaart
