// `samenkaart new`: a new project file from a neighbourhood boundary layer. The project is built
// in a temporary file beside the target and moved into place only when complete, so a failure
// leaves nothing behind and an existing file is never overwritten.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace samenkaart {

struct BoundaryImportOptions {
    std::string source;                    // any GDAL vector source
    std::optional<std::string> layer;      // --layer
    std::optional<std::string> nameField;  // --name-field
    std::optional<std::string> mapCrs;     // --crs: the project's CRS
    std::optional<std::string> sourceCrs;  // --source-crs: what the source's coordinates are in
    // Called now and then with (features done, features in total or 0 when unknown).
    std::function<void(long long, long long)> progress;
};

struct BoundaryImportReport {
    std::string projectPath;
    std::string layerName;
    std::string nameField;  // empty when no field could serve as the name
    std::string mapCrs;     // definition, e.g. "EPSG:28992"
    std::string mapCrsName;
    long long imported = 0;
    long long skippedEmpty = 0;       // null or empty shapes
    long long skippedNotPolygon = 0;  // points or lines in a mixed layer
    long long skippedUnprojectable = 0;
    long long repaired = 0;
    long long textRecoded = 0;  // values read as CP1252 because they were not UTF-8
    bool droppedZM = false;
    std::vector<std::string> warnings;  // one sentence each, naming the source
};

BoundaryImportReport createProjectFromBoundaries(const std::string& projectPath, const BoundaryImportOptions& options);

}  // namespace samenkaart
