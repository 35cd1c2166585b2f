#include "engine/project_summary.hpp"

#include "engine/boundary_store.hpp"

namespace samenkaart {

ProjectSummary summarizeProject(Project& project) {
    Database& db = project.db();
    ProjectSummary s;
    s.path = project.path();
    s.mapCrs = project.mapCrs();
    s.boundaries = db.queryInt("SELECT count(*) FROM boundaries").value_or(0);
    s.extent = boundaryExtent(project);  // through the spatial index, exact
    s.sessions = db.queryInt("SELECT count(*) FROM sessions").value_or(0);
    s.openSessions = db.queryInt("SELECT count(*) FROM sessions WHERE ended_at IS NULL").value_or(0);
    s.livePins = db.queryInt("SELECT count(*) FROM pins WHERE deleted_at IS NULL").value_or(0);
    s.deletedPins = db.queryInt("SELECT count(*) FROM pins WHERE deleted_at IS NOT NULL").value_or(0);
    s.historyEntries = db.queryInt("SELECT count(*) FROM pin_history").value_or(0);
    Statement st(db,
                 "SELECT c.code, c.label_nl, c.label_en, count(p.id) FROM categories c "
                 "LEFT JOIN pins p ON p.category = c.code AND p.deleted_at IS NULL "
                 "GROUP BY c.code ORDER BY c.sort_order, c.code");
    while (st.step())
        s.pinsPerCategory.push_back({st.columnText(0), st.columnText(1), st.columnText(2), st.columnInt(3)});
    return s;
}

nlohmann::json ProjectSummary::toJson() const {
    nlohmann::json cats = nlohmann::json::array();
    for (const auto& c : pinsPerCategory)
        cats.push_back({{"code", c.code}, {"label_nl", c.labelNl}, {"label_en", c.labelEn}, {"pins", c.livePins}});
    nlohmann::json ext = nullptr;
    if (!extent.empty()) ext = {extent.minx, extent.miny, extent.maxx, extent.maxy};
    return {{"path", path},
            {"crs", mapCrs.definition.rfind("EPSG:", 0) == 0 ? mapCrs.definition : "custom"},
            {"crs_name", mapCrs.name},
            {"srid", mapCrs.srid},
            {"extent", ext},
            {"boundaries", boundaries},
            {"sessions", sessions},
            {"open_sessions", openSessions},
            {"pins", livePins},
            {"deleted_pins", deletedPins},
            {"history_entries", historyEntries},
            {"pins_per_category", cats}};
}

}  // namespace samenkaart
