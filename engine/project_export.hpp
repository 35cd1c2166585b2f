// `samenkaart export`: one or more projects into a research file, the format following the
// extension (.gpkg, .geojson, .csv). The output is complete or absent: it is built beside the
// target and renamed into place.
#pragma once

#include <string>
#include <vector>

#include "engine/export_options.hpp"

namespace samenkaart {

ExportReport exportProject(const std::string& projectPath, const std::string& outPath, const ExportOptions& options);

// The shared path of export and merge: every project is read (read-only), selected with the same
// options, and written into one file in one CRS (options.crs, else the first project's map CRS).
ExportReport exportProjects(const std::vector<std::string>& projectPaths, const std::string& outPath,
                            const ExportOptions& options, const std::string& command);

}  // namespace samenkaart
