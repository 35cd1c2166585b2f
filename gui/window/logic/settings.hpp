// The facilitator's choices on this computer (language, UI scale, on-screen keyboard) and the
// project opened last, kept in settings.json in the configuration directory (app_paths.hpp).
#pragma once

#include <optional>
#include <string>

#include "gui/window/logic/i18n.hpp"

namespace samenkaart::gui {

struct Settings {
    Language language = Language::Dutch;
    float uiScale = 1.0f;
    bool onScreenKeyboard = true;
};

// The settings as last chosen on this computer; `defaults` fills what was never chosen.
Settings loadSettings(const Settings& defaults);
// A settings file that cannot be written (full or read-only home) is said on stderr; the window
// carries on with the choices for this run.
void saveSettings(const Settings& settings);

// The project opened last, if it still exists.
std::optional<std::string> lastProject();
void rememberLastProject(const std::string& path);

// The programme store the facilitator published to last (a libpq connection string), if any. A
// string that holds a password is not remembered (passwords belong in ~/.pgpass).
std::optional<std::string> lastProgrammeDb();
void rememberProgrammeDb(const std::string& db);

}  // namespace samenkaart::gui
