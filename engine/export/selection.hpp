// What one project contributes to an export: the pins that pass the filters, consent rule and
// privacy options, already placed in the export CRS and in their boundary; the boundaries with
// their pin counts; the sessions, categories and edit history. Writers only lay this out in a file.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "engine/categories.hpp"
#include "engine/export/options.hpp"
#include "engine/geometry.hpp"
#include "engine/project.hpp"
#include "engine/sessions.hpp"
#include "engine/spatial_reference.hpp"

class OGRSpatialReference;

namespace samenkaart {

struct BoundaryColumn {
    enum class Type { Integer, Real, Text };
    std::string name;
    Type type = Type::Text;
};

// A boundary as the pins see it; its attributes and geometry are copied into the export straight
// from the project (export_geopackage.cpp), not held here.
struct ExportBoundary {
    int64_t fid = 0;
    std::string name;
    std::vector<int64_t> counts;  // exported pins per category, in ProjectSelection::categories order
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

struct ProjectSelection {
    std::string label;  // the `project` provenance value
    std::string path;
    MapCrs mapCrs;
    std::optional<std::string> createdAt, createdBy;
    std::vector<Category> categories;
    std::vector<Session> sessions;
    std::vector<BoundaryColumn> boundaryColumns;
    std::vector<ExportBoundary> boundaries;
    std::vector<ExportPin> pins;  // pin_history rows are exported for exactly these pins
    int64_t leftOutUnconsented = 0;
    int64_t pinsOutsideBoundaries = 0;
    int64_t aliasesWritten = 0;                                      // pins whose contributor alias goes out
    int64_t maxSessionId = 0, maxBoundaryFid = 0, maxHistoryId = 0;  // for unique ids when merging
    std::vector<std::string> warnings;

    ProjectSelection();
    ~ProjectSelection();
    ProjectSelection(ProjectSelection&&) noexcept;
    ProjectSelection& operator=(ProjectSelection&&) noexcept;
    ProjectSelection(const ProjectSelection&) = delete;
    ProjectSelection& operator=(const ProjectSelection&) = delete;
};

// Reads `project` (read-only) and applies the options (Anonymize::WhenPersonal as this project's
// categories say; a merge decides once for all projects first). exportSrs is the output's CRS.
// How many pins an export with `options` writes, and how many the consent rule leaves out: the
// export's own selection (selectForExport runs the same code), for a dialog to show beforehand.
struct ExportPinCount {
    int64_t exported = 0;
    int64_t leftOutUnconsented = 0;
};
ExportPinCount countExportPins(Database& db, const ExportOptions& options);

ProjectSelection selectForExport(Project& project, const std::string& label, const ExportOptions& options,
                                 const OGRSpatialReference& exportSrs);

// The same selection of only the pins with these ids (publish's look at what changed since its last
// run): `pins` are those of them that pass the options, `boundaries` only the ones around them (with
// counts of these pins; still each pin's lowest-fid boundary), leftOutUnconsented counts among them.
ProjectSelection selectPinsForExport(Project& project, const std::string& label, const ExportOptions& options,
                                     const OGRSpatialReference& exportSrs, const std::vector<std::string>& ids);

// What an export does to one pin_history snapshot (the JSON PinStore writes): the same privacy
// options and CRS as the pins get.
class SnapshotRewriter {
public:
    SnapshotRewriter(const ProjectSelection& selection, const ExportOptions& options,
                     const OGRSpatialReference& exportSrs);
    // False when snapshots go out unchanged.
    bool needed() const { return anonymize_ || pseudonymKey_ || coarsenMetres_ || toExport_; }
    std::string operator()(std::string_view snapshot) const;

private:
    bool anonymize_ = false;
    std::optional<std::string> pseudonymKey_;
    std::optional<double> coarsenMetres_;
    TransformPtr toExport_;
    std::unordered_set<std::string> personal_;
};

}  // namespace samenkaart
