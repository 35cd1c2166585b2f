// samenkaart export | merge | pin import
#include <iostream>

#include "engine/error.hpp"
#include "engine/export/project_export.hpp"
#include "engine/pin_import.hpp"
#include "engine/programme/programme_export.hpp"
#include "engine/project.hpp"
#include "engine/project_merge.hpp"
#include "gui/cli/cli_support.hpp"

namespace samenkaart::cli {
namespace {

struct ExportCommandOptions {
    std::vector<std::string> projects;
    std::string out;
    std::string crs, from, to;
    std::vector<std::string> sessions;
    std::vector<std::string> categories;
    std::vector<std::string> werkplaatsen;
    double coarsen = 0.0;
    bool anonymize = false, keepAliases = false;
    ExportOptions options;
};

// The options export and merge share.
void addFilterOptions(CLI::App& cmd, ExportCommandOptions& o) {
    cmd.add_option("--out", o.out, "Output file: .gpkg (richest), .geojson or .csv (pins only)")->required();
    cmd.add_option("--crs", o.crs, "Reproject every layer to this CRS, e.g. EPSG:4326 (default: the map CRS)");
    cmd.add_option("--session", o.sessions, "Only this session's pins (repeatable)");
    cmd.add_option("--from", o.from, "Only pins created on or after this day (YYYY-MM-DD, UTC)");
    cmd.add_option("--to", o.to, "Only pins created on or before this day (YYYY-MM-DD, UTC)");
    cmd.add_option("--category", o.categories, "Only pins of this category code (repeatable)");
    // Privacy by default, as in the window: without either flag the export is anonymized exactly
    // when a category marked personal is exported (the engine's exportsPersonalCategory).
    auto* anonymize = cmd.add_flag("--anonymize,--anonymise", o.anonymize,
                                   "Drop contributor aliases and the extra fields of categories marked personal "
                                   "(the default when a personal category such as hulpbron is exported)");
    auto* keep = cmd.add_flag("--keep-aliases", o.keepAliases,
                              "Write contributor aliases and personal categories' extra fields (with a warning)");
    anonymize->excludes(keep);
    cmd.add_option("--coarsen", o.coarsen, "Move each pin to the centre of a grid cell of this many metres")
        ->check(CLI::PositiveNumber);
    cmd.add_flag("--include-deleted", o.options.includeDeleted, "Also export deleted pins (with deleted_at)");
    cmd.add_flag("--include-unconsented", o.options.includeUnconsented,
                 "Also export pins of sessions without recorded consent");
    cmd.add_flag("--overwrite", o.options.overwrite, "Replace the output file if it exists");
}

ExportOptions resolve(ExportCommandOptions& o) {
    ExportOptions opt = o.options;
    opt.anonymize = o.anonymize ? Anonymize::Always : o.keepAliases ? Anonymize::Never : Anonymize::WhenPersonal;
    if (!o.crs.empty()) opt.crs = o.crs;
    if (!o.from.empty()) opt.from = o.from;
    if (!o.to.empty()) opt.to = o.to;
    if (o.coarsen > 0.0) opt.coarsenMetres = o.coarsen;
    for (const std::string& s : o.sessions) opt.sessions.push_back(parseSessionId(s));
    opt.categories = o.categories;
    return opt;
}

int report(const ExportReport& r, const ExportOptions& opt) {
    for (const std::string& w : r.warnings) printWarning(w);
    if (r.leftOutUnconsented > 0)
        printWarning(std::to_string(r.leftOutUnconsented) +
                     " pins were left out because their session has no recorded consent (record it with: samenkaart "
                     "session consent PROJECT ID, or export them anyway with --include-unconsented)");
    if (r.aliasesWritten > 0)
        printWarning(
            r.outPath + ": " + std::to_string(r.aliasesWritten) +
            (r.aliasesWritten == 1 ? " pin carries its contributor alias" : " pins carry their contributor alias") +
            " in this file; residents may be recognised by it (export with --anonymize to leave aliases out)");
    if (r.pinsOutsideBoundaries > 0)
        printWarning(std::to_string(r.pinsOutsideBoundaries) +
                     " pins lie outside every boundary (their buurt is empty)");
    std::cout << "Exported " << r.pins << " pins";
    if (r.format == ExportFormat::GeoPackage)
        std::cout << ", " << r.boundaries << " boundaries, " << r.sessions << " sessions, " << r.historyRows
                  << " history rows";
    if (r.projects > 1) std::cout << " from " << r.projects << " projects";
    std::cout << " to " << r.outPath << " (" << exportFormatName(r.format) << ", " << r.crsName << ")";
    if (!r.metadataPath.empty()) std::cout << " with its metadata in " << r.metadataPath;
    if (r.anonymized) std::cout << "; anonymized";
    if (opt.coarsenMetres) std::cout << "; coarsened to " << *opt.coarsenMetres << " m";
    std::cout << "\n";
    return kExitOk;
}

struct ImportCommandOptions {
    std::string project, source, session, layer, category, categoryField, titleField, descriptionField,
        contributorField, sourceCrs;
    bool strict = false;
};

int runImport(const ImportCommandOptions& o) {
    if (o.category.empty() == o.categoryField.empty())
        throw UsageError("give either --category CODE or --category-field FIELD");
    auto project = Project::open(o.project);
    PinImportOptions opt;
    opt.source = o.source;
    opt.layer = given(o.layer);
    opt.sessionId = parseSessionId(o.session);
    opt.category = given(o.category);
    opt.categoryField = given(o.categoryField);
    opt.titleField = given(o.titleField);
    opt.descriptionField = given(o.descriptionField);
    opt.contributorField = given(o.contributorField);
    opt.sourceCrs = given(o.sourceCrs);
    opt.strict = o.strict;
    PinImportReport r = importPins(*project, opt);
    for (const std::string& w : r.warnings) printWarning(w);
    for (const std::string& p : r.problems) printWarning("skipped " + p);
    std::cout << "Imported " << r.imported << " of " << r.read << " points into session " << opt.sessionId;
    if (!r.problems.empty()) std::cout << "; skipped " << r.problems.size() << " (see the warnings)";
    std::cout << "\n";
    return kExitOk;
}

}  // namespace

void addExportCommands(CLI::App& app, CommandAction& action) {
    {
        auto o = std::make_shared<ExportCommandOptions>();
        CLI::App* cmd = app.add_subcommand(
            "export", "Export a project, or the programme store, for research: GeoPackage, GeoJSON or CSV");
        o->projects.resize(1);
        cmd->add_option("PROJECT", o->projects[0],
                        "Project file, or the programme store (postgresql://... or a libpq string such as "
                        "service=programme)")
            ->required();
        cmd->add_option("--werkplaats", o->werkplaatsen,
                        "From the programme store: only this werkplaats's projects (repeatable)");
        addFilterOptions(*cmd, *o);
        cmd->callback([&action, o] {
            action = [o] {
                const ExportOptions opt = resolve(*o);
                if (programme::looksLikeProgrammeStore(o->projects[0])) {
                    pg::Connection c = connectToProgramme(o->projects[0]);
                    return report(programme::exportProgramme(c, o->out, opt, o->werkplaatsen), opt);
                }
                if (!o->werkplaatsen.empty())
                    throw UsageError("--werkplaats is for an export from the programme store, not from a project file");
                return report(exportProject(o->projects[0], o->out, opt), opt);
            };
        });
    }
    {
        auto o = std::make_shared<ExportCommandOptions>();
        CLI::App* cmd = app.add_subcommand("merge", "Merge projects into one research GeoPackage");
        cmd->add_option("PROJECT", o->projects, "Project files")->required();
        addFilterOptions(*cmd, *o);
        cmd->callback([&action, o] {
            action = [o] {
                const ExportOptions opt = resolve(*o);
                return report(mergeProjects(o->projects, o->out, opt), opt);
            };
        });
    }
    CLI::App* pin = nullptr;
    try {
        pin = app.get_subcommand("pin");
    } catch (const CLI::OptionNotFound&) {
        pin = app.add_subcommand("pin", "Pins");
    }
    auto o = std::make_shared<ImportCommandOptions>();
    CLI::App* cmd =
        pin->add_subcommand("import", "Import existing points (CSV, GeoJSON, GeoPackage, shapefile) into a session");
    cmd->add_option("PROJECT", o->project, "Project file")->required();
    cmd->add_option("SRC", o->source, "Point source: CSV with x/y, lon/lat or wkt columns, or any GDAL point layer")
        ->required();
    cmd->add_option("--session", o->session, "Session id to add the pins to")->required();
    auto* cat = cmd->add_option("--category", o->category, "Category code for every pin");
    auto* catField = cmd->add_option("--category-field", o->categoryField, "Field holding each pin's category code");
    cat->excludes(catField);
    cmd->add_option("--title-field", o->titleField, "Field with the title (default: title, name or naam)");
    cmd->add_option("--description-field", o->descriptionField, "Field with the description (default: description)");
    cmd->add_option("--contributor-field", o->contributorField,
                    "Field with the contributor alias (default: contributor)");
    cmd->add_option("--layer", o->layer, "Layer to read when the source has several");
    cmd->add_option("--source-crs", o->sourceCrs,
                    "CRS of the coordinates when the source does not say (e.g. EPSG:4326)");
    cmd->add_flag("--strict", o->strict, "Import nothing when any row is bad (default: skip bad rows)");
    cmd->callback([&action, o] { action = [o] { return runImport(*o); }; });
}

}  // namespace samenkaart::cli
