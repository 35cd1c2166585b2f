// The export's self-description: a JSON document for the whole file (what the project is, when and
// by which version it was exported, the CRS, the filters and privacy options) and a codebook per
// layer (what each column means). Stored in gpkg_metadata; docs/export.md says the same for people.
#pragma once

#include <nlohmann/json.hpp>

#include "engine/export/layers.hpp"

namespace samenkaart {

nlohmann::json exportMetadata(const Selections& selections, const ExportContext& context, const ExportReport& report);

// The document for a CSV or GeoJSON export (pins only), which has no place for it inside: the
// file-level document above restricted to what the file holds, plus the data file's name and format,
// its columns in file order with their meanings, and the categories (the codebook) of every project.
// `columns` are the file's column names in order, the geometry's included (WKT, geometry).
nlohmann::json textExportMetadata(const Selections& selections, const ExportContext& context,
                                  const ExportReport& report, const std::string& dataFileName,
                                  const std::vector<std::string>& columns);

// {"layer": name, "description": ..., "columns": {column: meaning}} for each layer of the GeoPackage.
nlohmann::json layerCodebook(const std::string& layer);

// The layers the codebook knows, in the order a GeoPackage export writes them.
const std::vector<std::string>& exportLayerNames();

}  // namespace samenkaart
