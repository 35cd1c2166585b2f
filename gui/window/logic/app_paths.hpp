// Where Samenkaart keeps its files (XDG base directories) and how it finds its bundled assets.
#pragma once

#include <string>

namespace samenkaart::gui {

// $XDG_DATA_HOME/samenkaart or ~/.local/share/samenkaart (created on demand).
std::string dataDirectory();
// $XDG_CONFIG_HOME/samenkaart or ~/.config/samenkaart (created on demand).
std::string configDirectory();
// The bundled sample data (assets/sample) of this build or installation.
std::string sampleAssetsDirectory();

}  // namespace samenkaart::gui
