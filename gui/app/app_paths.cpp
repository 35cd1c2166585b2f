#include "gui/app/app_paths.hpp"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "engine/boundary_import.hpp"
#include "engine/context_layers.hpp"
#include "engine/error.hpp"
#include "engine/pins.hpp"
#include "engine/safe_write.hpp"
#include "engine/sessions.hpp"

namespace samenkaart::gui {
namespace {

namespace fs = std::filesystem;

std::string xdgDirectory(const char* variable, const char* fallback) {
    fs::path base;
    if (const char* v = std::getenv(variable); v && *v) {
        base = v;
    } else {
        const char* home = std::getenv("HOME");
        base = fs::path(home && *home ? home : "/tmp") / fallback;
    }
    const fs::path dir = base / "samenkaart";
    std::error_code ec;
    fs::create_directories(dir, ec);
    return dir.string();
}

std::string settingsFile() { return configDirectory() + "/settings.json"; }

nlohmann::json readSettings() {
    std::ifstream in(settingsFile());
    if (!in) return nlohmann::json::object();
    auto j = nlohmann::json::parse(in, nullptr, false);
    return j.is_object() ? j : nlohmann::json::object();
}

void writeSettings(const nlohmann::json& j) {
    // Written safely, so a crash never leaves half a settings file. Settings that cannot be stored
    // (a full or read-only home folder) cost this computer's choices only, never the session: said
    // on stderr, and the window carries on with them for this run.
    try {
        writeFileSafely(settingsFile(), j.dump(2));
    } catch (const Error& e) {
        std::cerr << "samenkaart: settings not saved: " << e.what() << "\n";
    }
}

}  // namespace

std::string dataDirectory() { return xdgDirectory("XDG_DATA_HOME", ".local/share"); }
std::string configDirectory() { return xdgDirectory("XDG_CONFIG_HOME", ".config"); }

std::string sampleAssetsDirectory() {
    std::error_code ec;
    // Installed layout first (bin/../share/samenkaart/sample), then the source tree of this build.
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        const fs::path installed = exe.parent_path().parent_path() / "share" / "samenkaart" / "sample";
        if (fs::exists(installed / "buurten.geojson", ec)) return installed.string();
    }
    return std::string(SAMENKAART_SOURCE_DIR) + "/assets/sample";
}

std::optional<std::string> lastProject() {
    auto j = readSettings();
    if (!j.contains("last_project") || !j["last_project"].is_string()) return std::nullopt;
    const std::string path = j["last_project"];
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) return std::nullopt;
    return path;
}

void rememberLastProject(const std::string& path) {
    auto j = readSettings();
    std::error_code ec;
    j["last_project"] = fs::absolute(path, ec).string();
    writeSettings(j);
}

Settings loadSettings(const Settings& defaults) {
    const nlohmann::json j = readSettings();
    Settings s = defaults;
    if (j.contains("language") && j["language"].is_string())
        s.language = j["language"] == "en" ? Language::English : Language::Dutch;
    if (j.contains("ui_scale") && j["ui_scale"].is_number()) {
        const double scale = j["ui_scale"].get<double>();
        if (scale >= 1.0 && scale <= 2.5) s.uiScale = static_cast<float>(scale);  // a hand-edited file may lie
    }
    if (j.contains("on_screen_keyboard") && j["on_screen_keyboard"].is_boolean())
        s.onScreenKeyboard = j["on_screen_keyboard"].get<bool>();
    return s;
}

void saveSettings(const Settings& settings) {
    auto j = readSettings();
    j["language"] = settings.language == Language::English ? "en" : "nl";
    j["ui_scale"] = settings.uiScale;
    j["on_screen_keyboard"] = settings.onScreenKeyboard;
    writeSettings(j);
}

std::string ensureSampleProject() {
    const std::string path = dataDirectory() + "/voorbeeld-de-vlinderhof.sqlite";
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
