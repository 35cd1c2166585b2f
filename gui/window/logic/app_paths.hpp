// Where Samenkaart keeps its files (XDG base directories) and how it finds its bundled assets.
#pragma once

#include <string>

namespace samenkaart::gui {

// $XDG_DATA_HOME/samenkaart or ~/.local/share/samenkaart (created on demand).
std::string dataDirectory();
// $XDG_CONFIG_HOME/samenkaart or ~/.config/samenkaart (created on demand).
std::string configDirectory();
// $XDG_CACHE_HOME/samenkaart or ~/.cache/samenkaart (created on demand): what can be rebuilt, such as
// the prepared maps (mapping/prepared_map_cache.hpp) in its maps/ folder.
std::string cacheDirectory();
// The bundled sample data (assets/sample) of this build or installation.
std::string sampleAssetsDirectory();

}  // namespace samenkaart::gui
