#include "gui/window/logic/sample_project.hpp"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "engine/boundary_import.hpp"
#include "engine/context_layers.hpp"
#include "engine/pins.hpp"
#include "engine/project.hpp"
#include "engine/sessions.hpp"
#include "gui/window/logic/app_paths.hpp"

namespace samenkaart::gui {

namespace fs = std::filesystem;

std::string ensureSampleProject() {
    std::string path = dataDirectory() + "/voorbeeld-de-vlinderhof.sqlite";
    std::error_code ec;
    if (fs::is_regular_file(path, ec)) return path;
    const std::string assets = sampleAssetsDirectory();
    BoundaryImportOptions options;
    options.source = assets + "/buurten.geojson";
    createProjectFromBoundaries(path, options);
    {
        auto project = Project::open(path);
        ContextLayerStore layers(project->db());
        layers.add(assets + "/basemap.tif", std::nullopt, std::string("Ondergrond"));
        layers.add(assets + "/gebouwen.geojson", std::nullopt, std::string("Gebouwen"));
        layers.add(assets + "/straten.geojson", std::nullopt, std::string("Straten"));
        layers.add(assets + "/plekken.geojson", std::nullopt, std::string("Plekken"));
    }

    std::ifstream in(assets + "/sample_pins.json");
    if (!in) return path;
    auto sample = nlohmann::json::parse(in, nullptr, false);
    if (!sample.is_object()) return path;
    auto project = Project::open(path);
    NewSession s;
    const auto& js = sample["session"];
    s.title = js.value("title", "Voorbeeldsessie");
    s.facilitator = js.value("facilitator", "");
    s.location = js.value("location", "");
    if (js.contains("participants")) s.participantCount = js["participants"].get<int64_t>();
    s.consent = true;
    const int64_t session = SessionStore(project->db()).start(s);
    PinStore pins(*project);
    for (const auto& p : sample["pins"]) {
        NewPin n;
        n.sessionId = session;
        n.category = p.value("category", "idee");
        n.title = p.value("title", "");
        n.description = p.value("description", "");
        if (p.contains("contributor") && p["contributor"].is_string())
            n.contributor = p["contributor"].get<std::string>();
        n.position = {p.value("x", 0.0), p.value("y", 0.0)};
        pins.add(n);
    }
    return path;
}

std::string projectForVectorFile(const std::string& vectorFile) {
    const fs::path src = fs::absolute(vectorFile);
    std::string stem = src.stem().string();
    fs::path beside = src.parent_path() / (stem + ".samenkaart.sqlite");
    std::error_code ec;
    if (fs::is_regular_file(beside, ec)) return beside.string();
    fs::path inData = fs::path(dataDirectory()) / (stem + ".samenkaart.sqlite");
    if (fs::is_regular_file(inData, ec)) return inData.string();
    const fs::path target = ::access(src.parent_path().c_str(), W_OK) == 0 ? beside : inData;
    BoundaryImportOptions options;
    options.source = vectorFile;
    createProjectFromBoundaries(target.string(), options);
    return target.string();
}

}  // namespace samenkaart::gui
