// `samenkaart export`: one or more projects into a research file, the format following the
// extension (.gpkg, .geojson, .csv). The output is complete or absent: it is built beside the
// target and renamed into place.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "engine/export/options.hpp"

namespace samenkaart {

// Where an export stands, for a front end's progress bar. The steps are coarse (the writers report
// nothing inside a step); `fraction` runs from 0 to 1 and only grows. Called on the exporting thread.
enum class ExportStep { Opening, Selecting, Writing, Done };
using ExportProgress = std::function<void(ExportStep step, double fraction)>;

ExportReport exportProject(const std::string& projectPath, const std::string& outPath, const ExportOptions& options,
                           const ExportProgress& progress = {});

// The shared path of export and merge: every project is read (read-only), selected with the same
// options, and written into one file in one CRS (options.crs, else the first project's map CRS).
ExportReport exportProjects(const std::vector<std::string>& projectPaths, const std::string& outPath,
                            const ExportOptions& options, const std::string& command,
                            const ExportProgress& progress = {});

}  // namespace samenkaart
