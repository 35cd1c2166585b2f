// The research GeoPackage: pins, boundaries, pin_counts, sessions, categories and pin_history,
// self-described in gpkg_metadata and styled for QGIS in layer_styles. Built in a temporary file
// beside `path` and moved into place only when complete.
#pragma once

#include <string>

#include "engine/export/layers.hpp"

namespace samenkaart {

// Fills the counts in `report`. Throws Error naming the output file.
void writeGeoPackage(const std::string& path, const Selections& selections, const ExportContext& context,
                     ExportReport& report);

}  // namespace samenkaart
