#include "engine/export/project_export.hpp"

#include <ogr_spatialref.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <set>

#include "engine/categories.hpp"
#include "engine/clock.hpp"
#include "engine/error.hpp"
#include "engine/export/geopackage.hpp"
#include "engine/export/selection.hpp"
#include "engine/export/text.hpp"
#include "engine/project.hpp"
#include "engine/spatial_reference.hpp"
#include "engine/text_encoding.hpp"

namespace samenkaart {
namespace {

namespace fs = std::filesystem;

}  // namespace

bool isExportDate(const std::string& s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
    for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
    const int month = std::stoi(s.substr(5, 2)), day = std::stoi(s.substr(8, 2));
    return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

const char* exportExtension(ExportFormat format) {
    switch (format) {
        case ExportFormat::GeoPackage:
            return ".gpkg";
        case ExportFormat::GeoJson:
            return ".geojson";
        case ExportFormat::Csv:
            return ".csv";
    }
    return ".gpkg";
}

ExportFormat exportFormatFor(const std::string& path) {
    const std::string ext = asciiLower(fs::path(path).extension().string());
    for (ExportFormat f : {ExportFormat::GeoPackage, ExportFormat::GeoJson, ExportFormat::Csv})
        if (ext == exportExtension(f)) return f;
    if (ext == ".json") return ExportFormat::GeoJson;  // read, never written
    throw Error(path, "the file name must end in .gpkg (GeoPackage), .geojson or .csv", ErrorKind::Unsupported);
}

const char* exportFormatName(ExportFormat f) {
    switch (f) {
        case ExportFormat::GeoPackage:
            return "GeoPackage";
        case ExportFormat::GeoJson:
            return "GeoJSON";
        case ExportFormat::Csv:
            return "CSV";
    }
    return "";
}

bool exportsPersonalCategory(const std::vector<Category>& categories, const std::vector<std::string>& exported) {
    for (const Category& c : categories)
        if (c.personal && (exported.empty() || std::find(exported.begin(), exported.end(), c.code) != exported.end()))
            return true;
    return false;
}

void validateExportOptions(const ExportOptions& o) {
    if (o.from && !isExportDate(*o.from))
        throw Error("--from " + *o.from, "is not a date of the form YYYY-MM-DD", ErrorKind::BadInput);
    if (o.to && !isExportDate(*o.to))
        throw Error("--to " + *o.to, "is not a date of the form YYYY-MM-DD", ErrorKind::BadInput);
    if (o.from && o.to && *o.from > *o.to)
        throw Error("--from " + *o.from, "is after --to " + *o.to, ErrorKind::BadInput);
    if (o.coarsenMetres && (!std::isfinite(*o.coarsenMetres) || *o.coarsenMetres <= 0.0))
        throw Error("--coarsen", "must be a positive number of metres", ErrorKind::BadInput);
}

ExportReport exportProject(const std::string& projectPath, const std::string& outPath, const ExportOptions& options,
                           const ExportProgress& progress) {
    return exportProjects({projectPath}, outPath, options, "export", progress);
}

ExportReport exportProjects(const std::vector<std::string>& paths, const std::string& outPath,
                            const ExportOptions& options, const std::string& command, const ExportProgress& progress) {
    // Selecting takes the first half of the bar (shared evenly by the projects), writing the second.
    auto tell = [&progress](ExportStep step, double fraction) {
        if (progress) progress(step, fraction);
    };
    tell(ExportStep::Opening, 0.0);
    validateExportOptions(options);
    ExportReport report;
    report.outPath = outPath;
    report.format = exportFormatFor(outPath);
    std::error_code ec;
    if (fs::exists(outPath, ec) && !options.overwrite)
        throw Error(outPath, "already exists; choose another name or add --overwrite", ErrorKind::Exists);
    if (report.format != ExportFormat::GeoPackage && fs::exists(metadataSidecarPath(outPath), ec) && !options.overwrite)
        throw Error(metadataSidecarPath(outPath),
                    "already exists (the metadata of an earlier export); choose another "
                    "name or add --overwrite",
                    ErrorKind::Exists);
    if (paths.empty()) throw Error(command, "no project given");

    // Open everything first: a wrong path fails before any work is done.
    std::vector<std::unique_ptr<Project>> projects;
    for (const std::string& p : paths) {
        if (fs::exists(p, ec) && fs::exists(outPath, ec) && fs::equivalent(p, outPath, ec))
            throw Error(outPath, "is one of the projects; refusing to overwrite it", ErrorKind::BadInput);
        projects.push_back(Project::open(p, true));
    }

    // Privacy by default, decided once for the whole file: a merge with one project whose exported
    // categories include a personal one is anonymized throughout.
    ExportOptions effective = options;
    if (effective.anonymize == Anonymize::WhenPersonal) {
        bool personal = false;
        for (auto& project : projects)
            personal = personal || exportsPersonalCategory(CategoryStore(project->db()).list(), options.categories);
        effective.anonymize = personal ? Anonymize::Always : Anonymize::Never;
    }
    report.anonymized = effective.anonymize == Anonymize::Always;

    ExportContext ctx;
    ctx.options = effective;
    ctx.command = command;
    ctx.exportedAt = nowIso8601();
    ctx.crsDefinition = options.crs.value_or(projects.front()->mapCrs().definition);
    const SpatialRefPtr srs = makeSpatialRef(ctx.crsDefinition, options.crs ? "--crs" : projects.front()->path());
    ctx.srs = srs.get();
    ctx.crsName = srs->GetName() ? srs->GetName() : ctx.crsDefinition;
    report.crsName = ctx.crsName;

    std::vector<ProjectSelection> selections;
    std::set<std::string> labels;
    for (auto& project : projects) {
        // The provenance label: the file name without extension, made unique.
        const std::string stem = fs::path(project->path()).stem().string();
        std::string label = stem;
        for (int n = 2; labels.contains(label); ++n) label = stem + "-" + std::to_string(n);
        labels.insert(label);
        const double done = static_cast<double>(selections.size()) / static_cast<double>(projects.size());
        tell(ExportStep::Selecting, 0.05 + 0.45 * done);
        selections.push_back(selectForExport(*project, label, effective, *srs));
        const ProjectSelection& s = selections.back();
        report.aliasesWritten += s.aliasesWritten;
        report.leftOutUnconsented += s.leftOutUnconsented;
        report.pinsOutsideBoundaries += s.pinsOutsideBoundaries;
        for (const std::string& w : s.warnings) report.warnings.push_back(w);
    }
    report.projects = static_cast<int64_t>(selections.size());
    Selections view;
    for (const ProjectSelection& s : selections) view.push_back(&s);

    tell(ExportStep::Writing, 0.5);
    if (report.format == ExportFormat::GeoPackage)
        writeGeoPackage(outPath, view, ctx, report);
    else
        writePinsAsText(outPath, report.format, view, ctx, report);
    tell(ExportStep::Done, 1.0);
    return report;
}

}  // namespace samenkaart
