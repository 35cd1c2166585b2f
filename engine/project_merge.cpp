#include "engine/project_merge.hpp"

#include <filesystem>
#include <set>

#include "engine/error.hpp"
#include "engine/export/project_export.hpp"

namespace samenkaart {

ExportReport mergeProjects(const std::vector<std::string>& paths, const std::string& outPath,
                           const ExportOptions& options) {
    if (exportFormatFor(outPath) != ExportFormat::GeoPackage)
        throw Error(outPath, "a merge is written as a GeoPackage: the file name must end in .gpkg",
                    ErrorKind::Unsupported);
    if (paths.empty()) throw Error("merge", "give at least one project");
    std::set<std::string> seen;
    for (const std::string& p : paths) {
        std::error_code ec;
        const std::string key = std::filesystem::weakly_canonical(p, ec).string();
        if (!seen.insert(ec ? p : key).second) throw Error(p, "is given twice; each project can be merged once");
    }
    return exportProjects(paths, outPath, options, "merge");
}

}  // namespace samenkaart
