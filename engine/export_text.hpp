// The pins alone as one GeoJSON or CSV file, for tools that take a single table. CSV carries the
// geometry as WKT (in the export CRS) and lon/lat columns; GeoJSON names its CRS.
#pragma once

#include <string>

#include "engine/export_layers.hpp"

namespace samenkaart {

void writePinsAsText(const std::string& path, ExportFormat format, const Selections& selections,
                     const ExportContext& context, ExportReport& report);

}  // namespace samenkaart
