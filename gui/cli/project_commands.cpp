// samenkaart new / info / undo / redo / repair
#include <iomanip>
#include <iostream>

#include "engine/boundary_import.hpp"
#include "engine/pins.hpp"
#include "engine/programme/publish.hpp"
#include "engine/project_repair.hpp"
#include "engine/project_summary.hpp"
#include "gui/cli/cli_support.hpp"

namespace samenkaart::cli {
namespace {

struct NewOptions {
    std::string project;
    BoundaryImportOptions import;
    std::string layer, nameField, crs, sourceCrs;
};

int runNew(NewOptions& o) {
    if (!o.layer.empty()) o.import.layer = o.layer;
    if (!o.nameField.empty()) o.import.nameField = o.nameField;
    if (!o.crs.empty()) o.import.mapCrs = o.crs;
    if (!o.sourceCrs.empty()) o.import.sourceCrs = o.sourceCrs;
    BoundaryImportReport r = createProjectFromBoundaries(o.project, o.import);
    for (const std::string& w : r.warnings) printWarning(w);
    std::cout << "Created " << r.projectPath << ": " << r.imported << " boundaries from layer '" << r.layerName << "'";
    if (!r.nameField.empty()) std::cout << ", names from '" << r.nameField << "'";
    const bool epsg = r.mapCrs.rfind("EPSG:", 0) == 0;
    std::cout << "; map CRS " << r.mapCrsName << " (" << (epsg ? r.mapCrs : std::string("custom")) << ")\n";
    return kExitOk;
}

int runInfo(const std::string& path, bool json) {
    auto project = Project::open(path, true);
    ProjectSummary s = summarizeProject(*project);
    // The last publish to the programme store (docs/programme.md), newest first in the file's log.
    const std::vector<programme::PublishRecord> published = programme::publishHistory(*project);
    if (json) {
        nlohmann::json j = s.toJson();
        j["last_publish"] = nullptr;
        if (!published.empty()) {
            const programme::PublishRecord& p = published.front();
            j["last_publish"] = {{"at", p.publishedAt},           {"server", p.server},
                                 {"werkplaats", p.werkplaats},    {"pins_new", p.pinsNew},
                                 {"pins_changed", p.pinsChanged}, {"pins_deleted", p.pinsDeleted},
                                 {"server_pins", p.serverPins}};
        }
        std::cout << j.dump(2) << "\n";
        return kExitOk;
    }
    std::cout << "Project:     " << s.path << "\n";
    std::cout << "Map CRS:     " << s.mapCrs.name << " (" << s.toJson()["crs"].get<std::string>() << ")\n";
    std::cout << std::fixed << std::setprecision(2);
    if (!s.extent.empty())
        std::cout << "Extent:      " << s.extent.minx << " " << s.extent.miny << " " << s.extent.maxx << " "
                  << s.extent.maxy << "\n";
    std::cout << "Boundaries:  " << s.boundaries << "\n";
    std::cout << "Sessions:    " << s.sessions << " (" << s.openSessions << " open)\n";
    std::cout << "Pins:        " << s.livePins << " live, " << s.deletedPins << " deleted\n";
    for (const CategoryCount& c : s.pinsPerCategory)
        std::cout << "  " << std::left << std::setw(12) << c.code << std::right << std::setw(6) << c.livePins << "  "
                  << c.labelNl << " / " << c.labelEn << "\n";
    if (published.empty()) {
        std::cout << "Published:   never\n";
    } else {
        const programme::PublishRecord& p = published.front();
        std::cout << "Published:   " << p.publishedAt << " to " << p.server << " (werkplaats " << p.werkplaats << "), "
                  << p.serverPins << " pins on the server\n";
    }
    return kExitOk;
}

int runHistoryStep(const std::string& path, bool undo) {
    auto project = Project::open(path);
    PinStore pins(*project);
    auto step = undo ? pins.undo() : pins.redo();
    if (!step) {
        std::cerr << "samenkaart: " << path << ": nothing to " << (undo ? "undo" : "redo") << "\n";
        return kExitRefused;
    }
    std::cout << (undo ? "Undone: " : "Redone: ") << step->action << " of pin " << step->pinId << " '" << step->title
              << "'\n";
    return kExitOk;
}

int runRepair(const std::string& damaged, const std::string& out) {
    const RepairReport r = repairProject(damaged, out);
    for (const std::string& line : r.lost) printWarning(damaged + ": lost: " + line);
    std::cout << "Rescued into " << r.outPath << ": " << r.sessions << " sessions, " << r.pins << " pins, "
              << r.historyRows << " pin history rows, " << r.boundaries << " boundaries, " << r.categories
              << " categories, " << r.contextLayers << " context layers";
    std::cout << (r.lost.empty() ? "; nothing readable was lost\n" : "; some was lost (see the warnings)\n");
    return kExitOk;
}

}  // namespace

void addProjectCommands(CLI::App& app, CommandAction& action) {
    auto o = std::make_shared<NewOptions>();
    CLI::App* cmd = app.add_subcommand("new", "Create a project from a neighbourhood boundary layer");
    cmd->add_option("PROJECT", o->project, "The project file to create (never overwritten), e.g. wijk.sqlite")
        ->required();
    cmd->add_option("--boundaries", o->import.source,
                    "Any GDAL vector source with the buurt polygons: .shp, .zip, .gpkg, .geojson, /vsizip/...")
        ->required();
    cmd->add_option("--layer", o->layer, "Layer to read when the source has several");
    cmd->add_option("--name-field", o->nameField, "Attribute that holds each area's name (default: guessed)");
    cmd->add_option("--crs", o->crs, "Map CRS of the project, e.g. EPSG:28992 (default: the source's, if projected)");
    cmd->add_option("--source-crs", o->sourceCrs, "CRS of the source's coordinates when it has no .prj");
    cmd->callback([&action, o] { action = [o] { return runNew(*o); }; });

    auto infoPath = std::make_shared<std::string>();
    auto infoJson = std::make_shared<bool>(false);
    CLI::App* info = app.add_subcommand("info", "Show a project's CRS, extent, boundaries, sessions and pins");
    info->add_option("PROJECT", *infoPath, "Project file")->required();
    info->add_flag("--json", *infoJson, "Print JSON");
    info->callback([&action, infoPath, infoJson] { action = [=] { return runInfo(*infoPath, *infoJson); }; });

    auto damaged = std::make_shared<std::string>();
    auto rescued = std::make_shared<std::string>();
    CLI::App* repair =
        app.add_subcommand("repair", "Rescue what can be read from a damaged project into a new project file");
    repair->add_option("DAMAGED", *damaged, "The damaged project file (only read, never changed)")->required();
    repair->add_option("--out", *rescued, "The new project file (never overwritten)")->required();
    repair->callback([&action, damaged, rescued] { action = [=] { return runRepair(*damaged, *rescued); }; });

    for (bool undo : {true, false}) {
        auto path = std::make_shared<std::string>();
        CLI::App* c =
            app.add_subcommand(undo ? "undo" : "redo", undo ? "Undo the last pin change (persists across runs)"
                                                            : "Redo the last undone pin change");
        c->add_option("PROJECT", *path, "Project file")->required();
        c->callback([&action, path, undo] { action = [=] { return runHistoryStep(*path, undo); }; });
    }
}

}  // namespace samenkaart::cli
