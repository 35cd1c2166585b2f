#include "engine/boundary_store.hpp"

#include <algorithm>
#include <cmath>

#include "engine/wkb.hpp"

namespace samenkaart {

namespace {

// boundaryGeometry into `into`, reusing the vectors it holds (row after row, no fresh memory).
void decodeBoundaryGeometry(Database& db, const uint8_t* blob, size_t size, MultiPolygon& into) {
    if (blob && multiPolygonFromSpatialite(blob, size, into)) return;
    into.clear();
    if (!blob) return;
    // Compressed or otherwise unusual blobs: SpatiaLite converts them to WKB.
    Statement asBinary(db, "SELECT AsBinary(?1)");
    asBinary.bindBlob(1, blob, size);
    if (asBinary.step()) {
        auto [wkb, wkbSize] = asBinary.columnBlobView(0);
        if (auto mp = multiPolygonFromWkb(wkb, wkbSize)) into = std::move(*mp);
    }
}

}  // namespace

MultiPolygon boundaryGeometry(Database& db, const uint8_t* blob, size_t size) {
    MultiPolygon mp;
    decodeBoundaryGeometry(db, blob, size, mp);
    return mp;
}

Bbox boundaryExtent(Project& project) {
    Database& db = project.db();
    std::optional<Bbox> rough;
    try {
        // SQLite's R-tree stores each box in floats rounded outwards (so does engine/rtree_pack.cpp).
        Statement st(db, "SELECT min(xmin), min(ymin), max(xmax), max(ymax) FROM idx_boundaries_geom");
        if (st.step()) {
            if (!st.isNull(0))
                rough = Bbox{st.columnDouble(0), st.columnDouble(1), st.columnDouble(2), st.columnDouble(3)};
            else if (!db.queryInt("SELECT 1 FROM boundaries LIMIT 1"))
                return {};
        }
    } catch (const std::exception&) {
        // No spatial index: measure every geometry below.
    }
    if (rough) {
        // A buurt reaching an edge of the extent has its float box within a few float steps of that edge
        // (a float step is about 1e-7 of the value); a margin of 1e-5 of it, plus a millimetre, leaves
        // none out and takes in only the buurten along that edge.
        auto margin = [](double v) { return 1e-5 * std::abs(v) + 1e-3; };
        Statement st(db,
                     "SELECT (SELECT min(MbrMinX(geom)) FROM boundaries WHERE fid IN "
                     "(SELECT pkid FROM idx_boundaries_geom WHERE xmin <= ?1)), "
                     "(SELECT min(MbrMinY(geom)) FROM boundaries WHERE fid IN "
                     "(SELECT pkid FROM idx_boundaries_geom WHERE ymin <= ?2)), "
                     "(SELECT max(MbrMaxX(geom)) FROM boundaries WHERE fid IN "
                     "(SELECT pkid FROM idx_boundaries_geom WHERE xmax >= ?3)), "
                     "(SELECT max(MbrMaxY(geom)) FROM boundaries WHERE fid IN "
                     "(SELECT pkid FROM idx_boundaries_geom WHERE ymax >= ?4))");
        st.bind(1, rough->minx + margin(rough->minx))
            .bind(2, rough->miny + margin(rough->miny))
            .bind(3, rough->maxx - margin(rough->maxx))
            .bind(4, rough->maxy - margin(rough->maxy));
        if (st.step() && !st.isNull(0) && !st.isNull(1) && !st.isNull(2) && !st.isNull(3))
            return {st.columnDouble(0), st.columnDouble(1), st.columnDouble(2), st.columnDouble(3)};
    }
    Statement st(db,
                 "SELECT min(MbrMinX(geom)), min(MbrMinY(geom)), max(MbrMaxX(geom)), max(MbrMaxY(geom)) "
                 "FROM boundaries");
    if (st.step() && !st.isNull(0))
        return {st.columnDouble(0), st.columnDouble(1), st.columnDouble(2), st.columnDouble(3)};
    return {};
}

void forEachBoundary(Project& project, const std::optional<Bbox>& within, const std::function<void(Boundary&)>& visit) {
    // The geometry as SpatiaLite stores it: decoding its BLOB here is cheaper than AsBinary() per row.
    std::string sql = "SELECT fid, name, geom, * FROM boundaries";
    if (within)
        sql +=
            " WHERE fid IN (SELECT pkid FROM idx_boundaries_geom WHERE xmax >= ?1 AND xmin <= ?3 AND "
            "ymax >= ?2 AND ymin <= ?4)";
    sql += " ORDER BY fid";
    Statement st(project.db(), sql);
    if (within) st.bind(1, within->minx).bind(2, within->miny).bind(3, within->maxx).bind(4, within->maxy);
    std::vector<int64_t> allFids;  // for the order of a partial read
    if (within) {
        Statement fids(project.db(), "SELECT fid FROM boundaries ORDER BY fid");
        while (fids.step()) allFids.push_back(fids.columnInt(0));
    }
    const int columns = st.columnCount();
    std::vector<std::string> columnNames;
    columnNames.reserve(static_cast<size_t>(columns));
    for (int c = 0; c < columns; ++c) columnNames.push_back(st.columnName(c));
    Boundary b;  // reused row after row: its geometry's buffers too, unless `visit` takes them
    size_t count = 0;
    while (st.step()) {
        b.fid = st.columnInt(0);
        b.name = st.columnText(1);
        auto [blob, size] = st.columnBlobView(2);
        decodeBoundaryGeometry(project.db(), blob, size, b.geometry);
        b.bounds = bboxOf(b.geometry);
        b.attributes.clear();
        for (int c = 3; c < columns; ++c) {
            const std::string& name = columnNames[static_cast<size_t>(c)];
            if (name == "fid" || name == "name" || name == "geom" || st.isNull(c)) continue;
            b.attributes.emplace_back(name, st.columnText(c));
        }
        b.order = within
                      ? static_cast<size_t>(std::lower_bound(allFids.begin(), allFids.end(), b.fid) - allFids.begin())
                      : count;
        ++count;
        visit(b);
    }
}

std::vector<Boundary> loadBoundaries(Project& project, const std::optional<Bbox>& within) {
    std::vector<Boundary> out;
    forEachBoundary(project, within, [&out](Boundary& b) { out.push_back(std::move(b)); });
    return out;
}

}  // namespace samenkaart
