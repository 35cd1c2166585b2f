// What one project contributes to an export: the pins that pass the filters, consent rule and
// privacy options, already placed in the export CRS and in their boundary; the boundaries with
// their pin counts; the sessions, categories and edit history. Writers only lay this out in a file.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "engine/categories.hpp"
#include "engine/export_options.hpp"
#include "engine/geometry.hpp"
#include "engine/project.hpp"
#include "engine/sessions.hpp"

class OGRSpatialReference;

namespace samenkaart {

using FieldValue = std::variant<std::monostate, int64_t, double, std::string>;

struct BoundaryColumn {
    enum class Type { Integer, Real, Text };
    std::string name;
    Type type = Type::Text;
};

struct ExportBoundary {
    int64_t fid = 0;
    std::string name;
    std::vector<FieldValue> values;  // one per ProjectSelection::boundaryColumns
    MultiPolygon geometry;           // export CRS; empty when the project holds none (written as NULL)
    Bbox bounds;                     // of `geometry`
    std::vector<int64_t> counts;     // exported pins per category, in ProjectSelection::categories order
    int64_t total = 0;
};

struct ExportPin {
    std::string id;
    int64_t sessionId = 0;
    std::string category;
    std::string title;
    std::string description;
    std::optional<std::string> contributor;
    std::string attributes;          // JSON object text
    Point position;                  // export CRS, after coarsening
    Point lonLat;                    // WGS 84, after coarsening
    std::optional<size_t> boundary;  // index into ProjectSelection::boundaries, from the true position
    std::string createdAt;
    std::string updatedAt;
    std::optional<std::string> deletedAt;
};

struct ExportHistoryRow {
    int64_t id = 0;
    std::string pinId;
    std::string action;
    std::optional<std::string> before;  // JSON snapshots, with the same privacy applied as the pins
    std::optional<std::string> after;
    std::string at;
    std::string state;
    std::optional<std::string> undoneAt;
};

struct ProjectSelection {
    std::string label;  // the `project` provenance value
    std::string path;
    MapCrs mapCrs;
    std::optional<std::string> createdAt, createdBy;
    std::vector<Category> categories;
    std::vector<Session> sessions;
    std::vector<BoundaryColumn> boundaryColumns;
    std::vector<ExportBoundary> boundaries;
    std::vector<ExportPin> pins;
    std::vector<ExportHistoryRow> history;
    int64_t leftOutUnconsented = 0;
    int64_t pinsOutsideBoundaries = 0;
    int64_t maxSessionId = 0, maxBoundaryFid = 0, maxHistoryId = 0;  // for unique ids when merging
    std::vector<std::string> warnings;

    ProjectSelection();
    ~ProjectSelection();
    ProjectSelection(ProjectSelection&&) noexcept;
    ProjectSelection& operator=(ProjectSelection&&) noexcept;
};

// Reads `project` (read-only) and applies the options. exportSrs is the CRS of the output file.
ProjectSelection selectForExport(Project& project, const std::string& label, const ExportOptions& options,
                                 const OGRSpatialReference& exportSrs);

}  // namespace samenkaart
