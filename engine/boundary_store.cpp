#include "engine/boundary_store.hpp"

#include <algorithm>

#include "engine/wkb.hpp"

namespace samenkaart {

MultiPolygon boundaryGeometry(Database& db, const uint8_t* blob, size_t size) {
    if (!blob) return {};
    if (auto mp = multiPolygonFromSpatialite(blob, size)) return std::move(*mp);
    Statement asBinary(db, "SELECT AsBinary(?1)");
    asBinary.bindBlob(1, blob, size);
    if (asBinary.step()) {
        auto [wkb, wkbSize] = asBinary.columnBlobView(0);
        if (auto mp = multiPolygonFromWkb(wkb, wkbSize)) return std::move(*mp);
    }
    return {};
}

std::vector<Boundary> loadBoundaries(Project& project, const std::optional<Bbox>& within) {
    // The geometry as SpatiaLite stores it: decoding its BLOB here is cheaper than AsBinary() per row.
    std::string sql = "SELECT fid, name, geom, * FROM boundaries";
    if (within)
        sql += " WHERE fid IN (SELECT pkid FROM idx_boundaries_geom WHERE xmax >= ?1 AND xmin <= ?3 AND "
               "ymax >= ?2 AND ymin <= ?4)";
    sql += " ORDER BY fid";
    Statement st(project.db(), sql);
    if (within) st.bind(1, within->minx).bind(2, within->miny).bind(3, within->maxx).bind(4, within->maxy);
    std::vector<int64_t> allFids;  // for the order of a partial read
    if (within) {
        Statement fids(project.db(), "SELECT fid FROM boundaries ORDER BY fid");
        while (fids.step()) allFids.push_back(fids.columnInt(0));
    }
    std::vector<Boundary> out;
    const int columns = st.columnCount();
    while (st.step()) {
        Boundary b;
        b.fid = st.columnInt(0);
        b.name = st.columnText(1);
        auto [blob, size] = st.columnBlobView(2);
        b.geometry = boundaryGeometry(project.db(), blob, size);
        b.bounds = bboxOf(b.geometry);
        for (int c = 3; c < columns; ++c) {
            const std::string name = st.columnName(c);
            if (name == "fid" || name == "name" || name == "geom" || st.isNull(c)) continue;
            b.attributes.emplace_back(name, st.columnText(c));
        }
        b.order = within ? static_cast<size_t>(std::lower_bound(allFids.begin(), allFids.end(), b.fid) - allFids.begin())
                         : out.size();
        out.push_back(std::move(b));
    }
    return out;
}

}  // namespace samenkaart
