// What the export dialog asks (format, file, sessions, categories, dates, privacy), its defaults,
// and how the answers become the engine's ExportOptions. No ImGui here: the unit tests check it.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "engine/categories.hpp"
#include "engine/error.hpp"
#include "engine/export/options.hpp"
#include "engine/pins.hpp"
#include "engine/sessions.hpp"

namespace samenkaart::gui {

enum class SessionScope { All, Current, Chosen };

struct ExportChoices {
    ExportFormat format = ExportFormat::GeoPackage;
    std::string outPath;
    std::string crs;  // empty: the project's map CRS
    SessionScope sessions = SessionScope::All;
    std::set<int64_t> chosenSessions;  // with SessionScope::Chosen
    std::set<std::string> categories;  // the codes to export (the dialog starts with all of them)
    std::string from, to;              // YYYY-MM-DD, or empty for no limit
    bool anonymize = false;
    bool anonymizeChosen = false;  // the facilitator set it: it no longer follows the categories
    std::string coarsenMetres;     // empty: not coarsened
    bool includeDeleted = false;
    bool includeUnconsented = false;
};

// The path with its extension replaced by the format's (exportExtension, engine/export/options.hpp).
std::string withExportExtension(const std::string& path, ExportFormat format);
// "<project name>-export-<day>.<ext>", e.g. "vlinderhof-export-2026-11-22.gpkg".
std::string defaultExportFileName(const std::string& projectPath, const std::string& day, ExportFormat format);
// The project's folder when it can be written, else `fallback` (the user's Documents).
std::string defaultExportFolder(const std::string& projectPath, const std::string& fallback);
// The user's Documents folder ($XDG_DOCUMENTS_DIR-less guess: ~/Documents, ~/Documenten, else ~).
std::string documentsFolder();
// Today's local date as YYYY-MM-DD.
std::string localDay();
// Whether the export would replace something: the file, or for CSV and GeoJSON its metadata sidecar.
bool exportOutputExists(const std::string& path, ExportFormat format);
// `path`, or the first of path-2, path-3, ... (before the extension) that replaces nothing.
std::string unusedFileName(const std::string& path, ExportFormat format = ExportFormat::GeoPackage);

// True when any category that would be exported (an empty set: all) is marked personal: the
// engine's rule (exportsPersonalCategory), the same as the command line's default.
bool anonymizeByDefault(const std::vector<Category>& categories, const std::set<std::string>& exported);
// The dialog's starting point: GeoPackage in `folder`, every session and category, anonymized
// when a personal category is among them, nothing coarsened, no deleted or unconsented pins.
ExportChoices defaultExportChoices(const std::vector<Category>& categories, const std::string& projectPath,
                                   const std::string& folder, const std::string& day);
// After the categories changed: the anonymize default follows them unless the facilitator chose.
void followCategories(ExportChoices& choices, const std::vector<Category>& categories);

// The catalog key of what is wrong with the choices (nullptr: nothing).
const char* exportChoicesProblem(const ExportChoices& choices, std::optional<int64_t> currentSession);
// The engine's options for the choices (check exportChoicesProblem first). `overwrite` is left
// false: the dialog asks before replacing a file.
ExportOptions toExportOptions(const ExportChoices& choices, const std::vector<Category>& categories,
                              std::optional<int64_t> currentSession);
// The catalog key that says in words why writing the export failed, from the engine's error kind.
const char* exportFailureKey(ErrorKind kind);
// The catalog key of why the file cannot be written where asked (nullptr: the folder looks fine).
const char* exportFolderProblem(const std::string& outPath);

}  // namespace samenkaart::gui
