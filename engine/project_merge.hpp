// `samenkaart merge`: one research GeoPackage from many projects (different neighbourhoods and
// CRSs), reprojected to one CRS, ids kept unique and every row marked with its `project`.
#pragma once

#include <string>
#include <vector>

#include "engine/export/options.hpp"

namespace samenkaart {

ExportReport mergeProjects(const std::vector<std::string>& projectPaths, const std::string& outPath,
                           const ExportOptions& options);

}  // namespace samenkaart
