// The pins alone as one GeoJSON or CSV file, for tools that take a single table. CSV carries the
// geometry as WKT (in the export CRS) and lon/lat columns; GeoJSON names its CRS.
#pragma once

#include <string>

#include "engine/export/layers.hpp"

namespace samenkaart {

// Where the metadata of a CSV or GeoJSON export goes: beside it, the data file's whole name plus
// ".metadata.json" (pins.csv -> pins.csv.metadata.json), so a CSV and a GeoJSON export of the same
// name in one folder keep their own.
std::string metadataSidecarPath(const std::string& dataPath);

// Writes the pins file and its metadata sidecar; both are built under temporary names and renamed
// into place when complete.
void writePinsAsText(const std::string& path, ExportFormat format, const Selections& selections,
                     const ExportContext& context, ExportReport& report);

}  // namespace samenkaart
