// `samenkaart pin import`: existing points (CSV with x/y or WKT columns, GeoJSON, GeoPackage,
// shapefile: any GDAL point source) into one session, reprojected to the map CRS and written in
// one transaction (PinBulkWrite), each pin checked as a hand-placed pin is. A reader thread reads,
// checks and prepares the rows while the calling thread writes them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/project.hpp"

namespace samenkaart {

struct PinImportOptions {
    std::string source;
    std::optional<std::string> layer;
    int64_t sessionId = 0;
    std::optional<std::string> category;          // every pin gets this category ...
    std::optional<std::string> categoryField;     // ... or the code in this field
    std::optional<std::string> titleField;        // default: title, name or naam when present
    std::optional<std::string> descriptionField;  // default: description when present
    std::optional<std::string> contributorField;  // default: contributor when present
    std::optional<std::string> sourceCrs;         // what the coordinates are in, when the source does not say
    bool strict = false;                          // refuse everything when one row is bad
};

struct PinImportReport {
    int64_t read = 0;  // features in the source
    int64_t imported = 0;
    std::vector<std::string> problems;  // one per skipped row: "SRC: line 7: the title is empty"
    std::vector<std::string> warnings;  // guesses made (CRS assumed, fields chosen)
    std::string sourceCrsName;
};

// Throws Error naming the source (nothing imported) when it cannot be read, or with --strict when a
// row is bad.
PinImportReport importPins(Project& project, const PinImportOptions& options);

}  // namespace samenkaart
