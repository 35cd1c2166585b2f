#include "engine/export/metadata.hpp"

#include <filesystem>

#include "engine/engine_version.hpp"

namespace samenkaart {
namespace {

nlohmann::json optionalJson(const std::optional<std::string>& v) { return v ? nlohmann::json(*v) : nlohmann::json(); }

const nlohmann::json& codebook() {
    static const nlohmann::json book = {
        {"pins",
         {{"description",
           "Pins placed by residents during mapping sessions: one point per pin, with the session and category "
           "denormalised and the buurt (boundary) it lies in."},
          {"columns",
           {{"fid", "Row number in this file (not stable across exports; use pin_id)."},
            {"project", "Provenance: the project file the pin comes from (its file name without extension)."},
            {"pin_id", "The pin's permanent id (UUID), the same in every export and in the project."},
            {"session_id", "The session the pin was placed in; joins sessions.session_id."},
            {"session_title", "The session's title."},
            {"session_date", "The day the session started (UTC)."},
            {"session_facilitator", "Who led the session."},
            {"category", "Category code; joins categories.code (the codebook)."},
            {"category_label_nl", "The category's Dutch label."},
            {"category_label_en", "The category's English label."},
            {"title", "The pin's title as the resident gave it (exact text)."},
            {"description", "The pin's description (exact text; may hold line breaks)."},
            {"contributor", "Alias of the resident who placed it; empty (NULL) when not given or anonymised."},
            {"attributes",
             "The category's extra fields as a JSON object (see categories.fields); {} when anonymised "
             "for a personal category."},
            {"buurt_fid",
             "fid of the boundary (boundaries/pin_counts) the pin lies in, from its true position; "
             "NULL outside every boundary. A pin on an edge between two boundaries belongs to the one "
             "with the lowest fid."},
            {"buurt", "Name of that boundary."},
            {"lon", "WGS 84 longitude of the exported (possibly coarsened) position."},
            {"lat", "WGS 84 latitude of the exported (possibly coarsened) position."},
            {"created_at", "When the pin was placed (UTC)."},
            {"updated_at", "When the pin was last changed (UTC)."},
            {"deleted_at",
             "When the pin was deleted (UTC); empty unless the export included deleted pins (--include-deleted)."},
            {"geom",
             "The pin's position in the file's CRS, coarsened to a grid cell centre when the metadata "
             "says so."}}}}},
        {"boundaries",
         {{"description",
           "The neighbourhood polygons of the project, with the attributes of the source they were "
           "imported from."},
          {"columns",
           {{"fid", "Boundary id, unique in this file (the project's own id, shifted when projects are merged)."},
            {"project", "Provenance: the project file."},
            {"local_fid", "The boundary's id inside its project."},
            {"name", "The boundary's name (from the source's name field)."},
            {"(other columns)", "Copied unchanged from the boundary source (e.g. buurtcode, inwoners)."},
            {"geom", "MultiPolygon in the file's CRS."}}}}},
        {"pin_counts",
         {{"description",
           "The boundaries with the number of exported pins in each, per category and in total, by "
           "exact point-in-polygon on the pins' true positions; each pin is counted once."},
          {"columns",
           {{"fid", "Same as boundaries.fid."},
            {"project", "Provenance: the project file."},
            {"local_fid", "The boundary's id inside its project."},
            {"name", "The boundary's name."},
            {"n_<code>", "Pins of category <code> in this boundary (one column per category in the codebook)."},
            {"total", "All exported pins in this boundary."},
            {"geom", "MultiPolygon in the file's CRS."}}}}},
        {"sessions",
         {{"description", "Mapping sessions: one evening or meeting with a facilitator and residents."},
          {"columns",
           {{"project", "Provenance: the project file."},
            {"session_id", "Session id, unique in this file; pins.session_id refers to it."},
            {"local_id", "The session's id inside its project."},
            {"title", "Title."},
            {"facilitator", "Who led it."},
            {"location", "Where it took place."},
            {"started_at", "Start (UTC)."},
            {"ended_at", "End (UTC); NULL while still open."},
            {"participant_count", "Number of participants, when recorded."},
            {"notes", "The facilitator's notes."},
            {"consent", "1 when the participants' consent for research use was recorded."},
            {"consent_at", "When consent was recorded (UTC)."},
            {"pins_exported", "How many of the session's pins are in this file."}}}}},
        {"categories",
         {{"description", "The codebook: the categories residents chose from."},
          {"columns",
           {{"project", "Provenance: the project file (each project has its own codebook)."},
            {"code", "Category code, as in pins.category."},
            {"label_nl", "Dutch label."},
            {"label_en", "English label."},
            {"colour", "Colour in the app and in the QGIS style (#rrggbb)."},
            {"icon", "Icon name in the app."},
            {"kind", "opportunity, resource, concern, idea, or a word the project chose."},
            {"description", "What belongs in this category."},
            {"personal",
             "1 when pins of this category may identify a person (anonymised exports drop their extra "
             "fields)."},
            {"fields",
             "The category's extra fields as JSON: [{key, label_nl, label_en}]; values are in "
             "pins.attributes."},
            {"sort_order", "Order in the app's legend."}}}}},
        {"pin_history",
         {{"description", "The edit log of the exported pins: every change, including undone ones."},
          {"columns",
           {{"project", "Provenance: the project file."},
            {"history_id", "Order of the changes (unique in this file)."},
            {"pin_id", "The pin changed; joins pins.pin_id."},
            {"action", "create, edit, move, delete or restore."},
            {"before", "The pin before the change (JSON; x/y in the file's CRS, same privacy as pins)."},
            {"after", "The pin after the change (JSON)."},
            {"at", "When the change was made (UTC)."},
            {"state", "done; undone (taken back with undo); dropped (undone and then overwritten)."},
            {"undone_at", "When it was undone (UTC)."}}}}},
        {"layer_styles",
         {{"description", "QGIS styles: pins coloured by category, pin_counts as a graduated map of total."},
          {"columns", {{"styleQML", "The style as QGIS QML."}, {"useAsDefault", "QGIS applies it on opening."}}}}},
    };
    return book;
}

}  // namespace

const std::vector<std::string>& exportLayerNames() {
    static const std::vector<std::string> names{"pins",       "boundaries",  "pin_counts",  "sessions",
                                                "categories", "pin_history", "layer_styles"};
    return names;
}

nlohmann::json layerCodebook(const std::string& layer) {
    nlohmann::json out = {{"layer", layer}};
    if (codebook().contains(layer)) out.update(codebook()[layer]);
    return out;
}

nlohmann::json exportMetadata(const Selections& sel, const ExportContext& ctx, const ExportReport& report) {
    const ExportOptions& o = ctx.options;
    nlohmann::json projects = nlohmann::json::array();
    for (const ProjectSelection* s : sel) {
        projects.push_back(
            {{"project", s->label},
             {"file", std::filesystem::path(s->path).filename().string()},
             {"map_crs", s->mapCrs.definition.rfind("EPSG:", 0) == 0 ? s->mapCrs.definition : s->mapCrs.name},
             {"created_at", optionalJson(s->createdAt)},
             {"created_by", optionalJson(s->createdBy)},
             {"boundaries", s->boundaries.size()},
             {"sessions", s->sessions.size()},
             {"pins_exported", s->pins.size()},
             {"pins_left_out_without_consent", s->leftOutUnconsented},
             {"pins_outside_boundaries", s->pinsOutsideBoundaries}});
    }
    nlohmann::json coarsen;
    if (o.coarsenMetres)
        coarsen = {{"metres", *o.coarsenMetres},
                   {"method",
                    "each pin moved to the centre of its cell in a square grid of this size, aligned to "
                    "x = 0, y = 0 of each project's map CRS, before any reprojection; lon/lat and the "
                    "history's x/y are coarsened too"},
                   {"buurt_and_pin_counts", "computed from the true positions, so they are exact"}};
    return {
        {"format", "Samenkaart research export"},
        {"format_version", 1},
        {"description",
         "What residents mapped with Samenkaart in community mapping sessions: pins (points with a category, title "
         "and description) in neighbourhood boundaries. Layers: pins, boundaries, pin_counts, sessions, categories "
         "(the codebook), pin_history (the edit log). Each layer's columns are described in its own metadata."},
        {"generator", std::string("Samenkaart ") + engineVersion()},
        {"command", ctx.command},
        {"exported_at", ctx.exportedAt},
        {"crs", {{"definition", ctx.crsDefinition}, {"name", ctx.crsName}}},
        {"projects", projects},
        {"filters",
         {{"sessions", o.sessions},
          {"from", optionalJson(o.from)},
          {"to", optionalJson(o.to)},
          {"dates_apply_to", "pins.created_at (UTC day), inclusive"},
          {"categories", o.categories},
          {"include_deleted", o.includeDeleted},
          {"include_unconsented", o.includeUnconsented}}},
        {"privacy",
         {{"anonymized", o.anonymize == Anonymize::Always},
          {"anonymize_means", o.anonymize == Anonymize::Always
                                  ? nlohmann::json("contributor aliases removed from pins and history; extra "
                                                   "fields (attributes) removed for categories marked personal")
                                  : nlohmann::json()},
          {"coarsened", coarsen},
          {"consent_rule", o.includeUnconsented ? "pins of sessions without recorded consent are INCLUDED"
                                                : "pins of sessions without recorded consent are left out"},
          {"pins_left_out_without_consent", report.leftOutUnconsented}}},
        {"counts",
         {{"pins", report.pins},
          {"boundaries", report.boundaries},
          {"sessions", report.sessions},
          {"pin_history", report.historyRows},
          {"pins_outside_boundaries", report.pinsOutsideBoundaries}}},
    };
}

nlohmann::json textExportMetadata(const Selections& sel, const ExportContext& ctx, const ExportReport& report,
                                  const std::string& dataFileName, const std::vector<std::string>& columns) {
    const bool csv = report.format == ExportFormat::Csv;
    nlohmann::json md = exportMetadata(sel, ctx, report);
    md["description"] =
        "What residents mapped with Samenkaart in community mapping sessions: the pins (points with a category, "
        "title and description), one " +
        std::string(csv ? "row" : "feature") + " per pin, in the file " + dataFileName +
        " beside this one. The boundaries, the pin counts per boundary, the sessions and the edit log are "
        "only in a GeoPackage export (--out FILE.gpkg).";
    nlohmann::json file = {{"name", dataFileName}, {"format", exportFormatName(report.format)}, {"encoding", "UTF-8"}};
    if (csv) {
        file["separator"] = ",";
        file["header"] = "the first line names the columns; quoted values may span lines (RFC 4180)";
        file["geometry"] = "column WKT: the point in the file's CRS (crs); lon/lat: WGS 84";
    } else {
        file["geometry"] = "each feature's Point in the file's CRS (crs), which the file's crs member names";
    }
    md["data_file"] = file;
    const nlohmann::json& meanings = codebook()["pins"]["columns"];
    nlohmann::json described = nlohmann::json::array();
    for (const std::string& c : columns) {
        std::string meaning;
        if (c == "WKT" || c == "geometry")
            meaning = meanings.value("geom", "");
        else
            meaning = meanings.value(c, "");
        described.push_back({{"name", c}, {"description", meaning}});
    }
    md["columns"] = described;
    nlohmann::json categories = nlohmann::json::array();
    for (const ProjectSelection* s : sel)
        for (const Category& c : s->categories) {
            nlohmann::json entry = {{"project", s->label}};
            entry.update(c.toJson());
            categories.push_back(entry);
        }
    md["categories"] = categories;
    md["counts"] = {{"pins", report.pins}, {"pins_outside_boundaries", report.pinsOutsideBoundaries}};
    return md;
}

}  // namespace samenkaart
