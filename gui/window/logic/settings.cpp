#include "gui/window/logic/settings.hpp"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "engine/error.hpp"
#include "engine/programme/pg_connection.hpp"
#include "engine/safe_write.hpp"
#include "gui/window/logic/app_paths.hpp"

namespace samenkaart::gui {
namespace {

namespace fs = std::filesystem;

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

std::optional<std::string> lastProgrammeDb() {
    const nlohmann::json j = readSettings();
    if (j.contains("programme_db") && j["programme_db"].is_string()) return j["programme_db"].get<std::string>();
    return std::nullopt;
}

void rememberProgrammeDb(const std::string& db) {
    if (pg::mentionsPassword(db)) return;
    auto j = readSettings();
    if (j.contains("programme_db") && j["programme_db"] == db) return;
    j["programme_db"] = db;
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

}  // namespace samenkaart::gui
