// The projects the window makes by itself: the bundled sample, and one for a vector file opened
// directly (`samenkaart open buurten.gpkg`).
#pragma once

#include <string>

namespace samenkaart::gui {

// The sample project in the data directory, created from assets/sample (with its sample session
// and pins) the first time it is asked for.
std::string ensureSampleProject();

// For `samenkaart open FILE` on a vector file: the project made for it, next to the file when that
// folder is writable, else in the data directory. Created if it does not exist yet.
std::string projectForVectorFile(const std::string& vectorFile);

}  // namespace samenkaart::gui
