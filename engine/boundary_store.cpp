#include "engine/boundary_store.hpp"

#include "engine/wkb.hpp"

namespace samenkaart {

std::vector<Boundary> loadBoundaries(Project& project) {
    Statement st(project.db(), "SELECT fid, name, AsBinary(geom), * FROM boundaries ORDER BY fid");
    std::vector<Boundary> out;
    const int columns = st.columnCount();
    while (st.step()) {
        Boundary b;
        b.fid = st.columnInt(0);
        b.name = st.columnText(1);
        auto [wkb, size] = st.columnBlobView(2);
        if (auto mp = multiPolygonFromWkb(wkb, size)) b.geometry = std::move(*mp);
        b.bounds = bboxOf(b.geometry);
        for (int c = 3; c < columns; ++c) {
            const std::string name = st.columnName(c);
            if (name == "fid" || name == "name" || name == "geom" || st.isNull(c)) continue;
            b.attributes.emplace_back(name, st.columnText(c));
        }
        out.push_back(std::move(b));
    }
    return out;
}

}  // namespace samenkaart
