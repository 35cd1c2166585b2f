// The layers of an export, written from one or more ProjectSelections into any OGR dataset
// (GeoPackage, GeoJSON, CSV). Each layer is written in one transaction where the driver has them.
// When several projects are merged, ids are shifted so that they stay unique in the file and every
// layer carries a `project` column saying where a row came from.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "engine/export/selection.hpp"

class GDALDataset;
class OGRLayer;
class OGRSpatialReference;

namespace samenkaart {

using Selections = std::vector<const ProjectSelection*>;

// What every writer needs to know about the export as a whole.
struct ExportContext {
    const OGRSpatialReference* srs = nullptr;  // the output CRS
    std::string crsDefinition;                 // "EPSG:28992" or WKT
    std::string crsName;
    ExportOptions options;
    std::string exportedAt;  // ISO 8601 UTC
    std::string command;     // "export" or "merge"
};

// What gets added to a project's local ids in the output file (all zero for the first project).
struct IdOffsets {
    int64_t session = 0;
    int64_t boundary = 0;
    int64_t history = 0;
};
std::vector<IdOffsets> idOffsets(const Selections& selections);

// A project's sessions and categories by id and code, for the pins' denormalised columns.
struct PinLookups {
    explicit PinLookups(const ProjectSelection& selection);
    const Session* session(int64_t id) const;
    const Category* category(const std::string& code) const;

private:
    std::unordered_map<int64_t, const Session*> sessions_;
    std::unordered_map<std::string, const Category*> categories_;
};

// The category codes across all selections in codebook order; pin_counts has one column per code
// (the GeoPackage writer builds pin_counts as a view, see export_geopackage.cpp).
std::vector<std::string> allCategoryCodes(const Selections& selections);
// The pin_counts column name for a category code.
std::string countColumnName(const std::string& code);

// How the pins layer types its times and lon/lat: as typed fields (GeoPackage, GeoJSON), or as
// text written here (CSV: ISO 8601 times exactly as stored, lon/lat with 17 significant digits,
// where GDAL's CSV writer would use its own date form and 15 digits).
enum class PinValues { Typed, Text };

// Layers are created through GDAL, so that the file's schema, CRS registration and column types are
// the driver's own. The small layers are filled through GDAL too; the GeoPackage export writes the
// rows of the large ones (pins, boundaries, pin_history) with SQL (export_geopackage.cpp) into the
// tables GDAL created, in the column order listed here.
// layerOptions: driver layer creation options, e.g. {"DESCRIPTION=..."}.
OGRLayer& createPinsLayer(GDALDataset& ds, const char* name, const OGRSpatialReference& srs,
                          const std::vector<std::string>& layerOptions, PinValues values = PinValues::Typed);
int64_t writePinsLayer(GDALDataset& ds, const char* name, const OGRSpatialReference& srs, const Selections& sel,
                       const std::vector<std::string>& layerOptions, PinValues values = PinValues::Typed);
// Returns the attribute columns after project, local_fid and name: the union over all selections.
std::vector<BoundaryColumn> createBoundariesLayer(GDALDataset& ds, const OGRSpatialReference& srs,
                                                  const Selections& sel);
void createHistoryLayer(GDALDataset& ds);
int64_t writeSessionsLayer(GDALDataset& ds, const Selections& sel);
int64_t writeCategoriesLayer(GDALDataset& ds, const Selections& sel);

}  // namespace samenkaart
