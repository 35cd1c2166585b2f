// What `samenkaart export` and `samenkaart merge` are asked to do, and what they report back.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace samenkaart {

struct Category;

enum class ExportFormat { GeoPackage, GeoJson, Csv };

// Contributor aliases and the extra fields of personal categories in an export.
enum class Anonymize {
    WhenPersonal,  // the default everywhere: anonymized when a personal category is exported
    Always,        // --anonymize
    Never,         // --keep-aliases: aliases are written (front ends warn)
};

// The one privacy rule every front end follows (the window's default, the command line's default):
// true when any category that is exported is marked personal. `exported` empty: all of them.
bool exportsPersonalCategory(const std::vector<Category>& categories, const std::vector<std::string>& exported);

// The format an output path asks for by its extension (.gpkg, .geojson/.json, .csv); throws Error
// (kind Unsupported) naming the path for anything else.
ExportFormat exportFormatFor(const std::string& path);
// The extension a new file of `format` gets (".gpkg", ".geojson", ".csv"): exportFormatFor reads it back.
const char* exportExtension(ExportFormat format);
// Whether `s` is a day as --from/--to take it: YYYY-MM-DD.
bool isExportDate(const std::string& s);
const char* exportFormatName(ExportFormat format);

struct ExportOptions {
    std::optional<std::string> crs;                 // --crs; default: the (first) project's map CRS
    std::vector<int64_t> sessions;                  // --session: only these sessions (empty: all)
    std::optional<std::string> from;                // --from YYYY-MM-DD: pins created on or after this UTC day
    std::optional<std::string> to;                  // --to YYYY-MM-DD: pins created on or before this UTC day
    std::vector<std::string> categories;            // --category: only these codes (empty: all)
    Anonymize anonymize = Anonymize::WhenPersonal;  // drop aliases and personal categories' extra fields
    std::optional<double> coarsenMetres;            // move each pin to the centre of its grid cell (map CRS)
    bool includeDeleted = false;
    bool includeUnconsented = false;  // also pins of sessions without recorded consent
    // Set by publish: aliases become keyed pseudonyms (engine/pseudonym.hpp) instead of being kept
    // or dropped, and personal categories' extra fields are dropped, whatever `anonymize` says.
    std::optional<std::string> pseudonymKey;
    bool overwrite = false;  // replace an existing output file
};

struct ExportReport {
    std::string outPath;
    std::string metadataPath;  // CSV and GeoJSON: the metadata sidecar written beside outPath
    ExportFormat format = ExportFormat::GeoPackage;
    std::string crsName;
    int64_t projects = 0;
    int64_t pins = 0;
    int64_t boundaries = 0;
    int64_t sessions = 0;
    int64_t historyRows = 0;
    int64_t leftOutUnconsented = 0;  // pins of sessions without consent, not exported
    int64_t pinsOutsideBoundaries = 0;
    bool anonymized = false;     // what Anonymize::WhenPersonal came to (or what was asked)
    int64_t aliasesWritten = 0;  // exported pins that carry a contributor alias
    std::vector<std::string> warnings;
};

// Throws Error naming the option when the filters cannot mean anything (bad date, coarsen <= 0).
void validateExportOptions(const ExportOptions& options);

}  // namespace samenkaart
