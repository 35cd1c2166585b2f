// Where Samenkaart keeps its files (XDG base directories) and how it finds its bundled assets.
#pragma once

#include <optional>
#include <string>

#include "gui/app/panels/settings_panel.hpp"

namespace samenkaart::gui {

// $XDG_DATA_HOME/samenkaart or ~/.local/share/samenkaart (created on demand).
std::string dataDirectory();
// $XDG_CONFIG_HOME/samenkaart or ~/.config/samenkaart (created on demand).
std::string configDirectory();
// The bundled sample data (assets/sample) of this build or installation.
std::string sampleAssetsDirectory();

// The project opened last, if it still exists.
std::optional<std::string> lastProject();
void rememberLastProject(const std::string& path);

// The facilitator's settings (language, UI scale, on-screen keyboard) as last chosen on this
// computer; `defaults` fills what was never chosen. Kept in settings.json beside last_project.
Settings loadSettings(const Settings& defaults);
void saveSettings(const Settings& settings);

// The sample project in the data directory, created from assets/sample (with its sample session
// and pins) the first time it is asked for.
std::string ensureSampleProject();

// For `samenkaart open FILE` on a vector file: the project made for it, next to the file when that
// folder is writable, else in the data directory. Created if it does not exist yet.
std::string projectForVectorFile(const std::string& vectorFile);

}  // namespace samenkaart::gui
