// samenkaart layer add|list|remove: context layers (streets, buildings, basemaps) under the pins.
#include <iostream>
#include <nlohmann/json.hpp>

#include "engine/context_layers.hpp"
#include "engine/error.hpp"
#include "gui/cli/cli_support.hpp"

namespace samenkaart::cli {
void addLayerCommands(CLI::App& app, CommandAction& action) {
    CLI::App* layer = app.add_subcommand("layer", "Add, list and remove context layers (streets, buildings, basemaps)");
    layer->require_subcommand(1);

    struct AddOptions {
        std::string project, source, layer, title;
    };
    auto a = std::make_shared<AddOptions>();
    CLI::App* add = layer->add_subcommand("add", "Add any GDAL vector or raster source; prints only its id");
    add->add_option("PROJECT", a->project, "Project file")->required();
    add->add_option("SRC", a->source,
                    "A vector file (.shp, .gpkg, .geojson, .osm.pbf, ...) or an image (GeoTIFF, MBTiles, ...)")
        ->required();
    add->add_option("--layer", a->layer, "One layer of a multi-layer source");
    add->add_option("--title", a->title, "Name shown in the layer panel");
    add->callback([&action, a] {
        action = [a] {
            auto project = Project::open(a->project);
            ContextLayerStore store(project->db());
            std::cout << store.add(a->source, given(a->layer), given(a->title)) << "\n";
            return kExitOk;
        };
    });

    auto listPath = std::make_shared<std::string>();
    auto listJson = std::make_shared<bool>(false);
    CLI::App* list =
        layer->add_subcommand("list", "One layer a line, bottom first: id, kind, visible, opacity, title, source");
    list->add_option("PROJECT", *listPath, "Project file")->required();
    list->add_flag("--json", *listJson, "Print JSON");
    list->callback([&action, listPath, listJson] {
        action = [=] {
            auto project = Project::open(*listPath, true);
            auto layers = ContextLayerStore(project->db()).list();
            nlohmann::json out = nlohmann::json::array();
            for (const ContextLayer& l : layers) {
                const char* kind = l.kind == ContextKind::Raster ? "raster" : "vector";
                if (*listJson)
                    out.push_back({{"id", l.id},
                                   {"kind", kind},
                                   {"title", l.title},
                                   {"source", l.source},
                                   {"layer", l.layer ? nlohmann::json(*l.layer) : nlohmann::json(nullptr)},
                                   {"visible", l.visible},
                                   {"opacity", l.opacity}});
                else
                    std::cout << l.id << "\t" << kind << "\t" << (l.visible ? "shown" : "hidden") << "\t" << l.opacity
                              << "\t" << l.title << "\t" << l.source << "\n";
            }
            if (*listJson) std::cout << out.dump(2) << "\n";
            return kExitOk;
        };
    });

    auto path = std::make_shared<std::string>();
    auto id = std::make_shared<std::string>();
    CLI::App* remove = layer->add_subcommand("remove", "Remove a context layer (the file itself is not touched)");
    remove->add_option("PROJECT", *path, "Project file")->required();
    remove->add_option("ID", *id, "Layer id (see: samenkaart layer list)")->required();
    remove->callback([&action, path, id] {
        action = [=] {
            auto project = Project::open(*path);
            ContextLayerStore(project->db()).remove(parseId(*id, "layer"));
            return kExitOk;
        };
    });
}

}  // namespace samenkaart::cli
