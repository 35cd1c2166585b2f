#include "gui/window/logic/export_choices.hpp"

#include <unistd.h>

#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <limits>
#include <unordered_map>

#include "engine/export/text.hpp"

namespace samenkaart::gui {
namespace {

namespace fs = std::filesystem;

// The coarsening in metres: nullopt for empty, NaN for anything that is not a positive number.
std::optional<double> coarsening(const std::string& text) {
    std::string t;
    for (char c : text)
        if (!std::isspace(static_cast<unsigned char>(c))) t += c == ',' ? '.' : c;  // Dutch decimal comma
    if (t.empty()) return std::nullopt;
    double value = 0.0;
    const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), value);
    if (ec != std::errc() || end != t.data() + t.size() || !std::isfinite(value) || value <= 0.0)
        return std::numeric_limits<double>::quiet_NaN();
    return value;
}

}  // namespace

std::string withExportExtension(const std::string& path, ExportFormat format) {
    if (path.empty()) return path;
    fs::path p(path);
    p.replace_extension(exportExtension(format));
    return p.string();
}

std::string defaultExportFileName(const std::string& projectPath, const std::string& day, ExportFormat format) {
    std::string stem = fs::path(projectPath).stem().string();
    if (stem.empty()) stem = "samenkaart";
    return stem + "-export-" + day + exportExtension(format);
}

std::string defaultExportFolder(const std::string& projectPath, const std::string& fallback) {
    std::error_code ec;
    const fs::path folder = fs::absolute(projectPath, ec).parent_path();
    if (!ec && fs::is_directory(folder, ec) && ::access(folder.c_str(), W_OK) == 0) return folder.string();
    return fallback;
}

std::string documentsFolder() {
    const char* home = std::getenv("HOME");
    if (!home || !*home) return fs::current_path().string();
    std::error_code ec;
    for (const char* name : {"Documents", "Documenten"})
        if (fs::is_directory(fs::path(home) / name, ec)) return (fs::path(home) / name).string();
    return home;
}

std::string localDay() {
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    char buf[16];
    std::strftime(buf, sizeof buf, "%Y-%m-%d", &local);
    return buf;
}

bool exportOutputExists(const std::string& path, ExportFormat format) {
    std::error_code ec;
    return fs::exists(path, ec) || (format != ExportFormat::GeoPackage && fs::exists(metadataSidecarPath(path), ec));
}

std::string unusedFileName(const std::string& path, ExportFormat format) {
    if (!exportOutputExists(path, format)) return path;
    const fs::path p(path);
    for (int n = 2;; ++n) {
        fs::path candidate = p.parent_path() / (p.stem().string() + "-" + std::to_string(n) + p.extension().string());
        if (!exportOutputExists(candidate.string(), format)) return candidate.string();
    }
}

bool anonymizeByDefault(const std::vector<Category>& categories, const std::set<std::string>& exported) {
    return exportsPersonalCategory(categories, std::vector<std::string>(exported.begin(), exported.end()));
}

ExportChoices defaultExportChoices(const std::vector<Category>& categories, const std::string& projectPath,
                                   const std::string& folder, const std::string& day) {
    ExportChoices c;
    c.outPath = (fs::path(folder) / defaultExportFileName(projectPath, day, c.format)).string();
    for (const Category& cat : categories) c.categories.insert(cat.code);
    c.anonymize = anonymizeByDefault(categories, c.categories);
    return c;
}

void followCategories(ExportChoices& choices, const std::vector<Category>& categories) {
    if (!choices.anonymizeChosen) choices.anonymize = anonymizeByDefault(categories, choices.categories);
}

const char* exportChoicesProblem(const ExportChoices& c, std::optional<int64_t> currentSession) {
    if (c.outPath.empty()) return "export.need_file";
    if (c.categories.empty()) return "export.need_category";
    if (c.sessions == SessionScope::Current && !currentSession) return "export.no_current_session";
    if (c.sessions == SessionScope::Chosen && c.chosenSessions.empty()) return "export.need_session";
    if (!c.from.empty() && !isExportDate(c.from)) return "export.bad_from";
    if (!c.to.empty() && !isExportDate(c.to)) return "export.bad_to";
    if (!c.from.empty() && !c.to.empty() && c.from > c.to) return "export.from_after_to";
    if (auto metres = coarsening(c.coarsenMetres); metres && std::isnan(*metres)) return "export.bad_coarsen";
    return nullptr;
}

ExportOptions toExportOptions(const ExportChoices& c, const std::vector<Category>& categories,
                              std::optional<int64_t> currentSession) {
    ExportOptions o;
    if (!c.crs.empty()) o.crs = c.crs;
    switch (c.sessions) {
        case SessionScope::All:
            break;
        case SessionScope::Current:
            if (currentSession) o.sessions = {*currentSession};
            break;
        case SessionScope::Chosen:
            o.sessions.assign(c.chosenSessions.begin(), c.chosenSessions.end());
            break;
    }
    if (!c.from.empty()) o.from = c.from;
    if (!c.to.empty()) o.to = c.to;
    // Every category chosen: no filter (the same pins, and the file's metadata says "all").
    bool all = true;
    for (const Category& cat : categories)
        if (!c.categories.contains(cat.code)) all = false;
    if (!all)
        for (const Category& cat : categories)
            if (c.categories.contains(cat.code)) o.categories.push_back(cat.code);
    o.anonymize = c.anonymize ? Anonymize::Always : Anonymize::Never;
    if (auto metres = coarsening(c.coarsenMetres); metres && !std::isnan(*metres)) o.coarsenMetres = metres;
    o.includeDeleted = c.includeDeleted;
    o.includeUnconsented = c.includeUnconsented;
    return o;
}

const char* exportFailureKey(ErrorKind kind) {
    switch (kind) {
        case ErrorKind::Exists:
            return "export.exists";
        case ErrorKind::DiskFull:
            return "export.disk_full";
        case ErrorKind::ReadOnly:
            return "export.read_only";
        case ErrorKind::Unsupported:
            return "export.bad_extension";
        default:
            return "export.failed";
    }
}

const char* exportFolderProblem(const std::string& outPath) {
    std::error_code ec;
    fs::path folder = fs::path(outPath).parent_path();
    if (folder.empty()) folder = ".";
    if (!fs::is_directory(folder, ec)) return "export.no_folder";
    if (::access(folder.c_str(), W_OK) != 0) return "export.read_only";
    if (fs::is_directory(outPath, ec)) return "export.is_folder";
    return nullptr;
}

}  // namespace samenkaart::gui
