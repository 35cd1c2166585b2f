// The project's neighbourhood boundaries as the map and the statistics need them: id, name,
// geometry in the map CRS, and the source's attributes for the info card.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/geometry.hpp"
#include "engine/project.hpp"

namespace samenkaart {

struct Boundary {
    int64_t fid = 0;
    std::string name;
    MultiPolygon geometry;
    Bbox bounds;
    // The source's own columns, in order, as text (empty values left out).
    std::vector<std::pair<std::string, std::string>> attributes;
    // Position among all of the project's boundaries in fid order, also when only some were read: the
    // map's fill colours follow it, so a partial read colours each buurt as the full map does.
    size_t order = 0;
};

// A boundary's geometry from its SpatiaLite blob: read directly, or (for a blob the direct reader does
// not take, e.g. a compressed one written by another tool) through SpatiaLite's AsBinary() on `db`.
// Empty when there is none or it cannot be read as (multi)polygons.
MultiPolygon boundaryGeometry(Database& db, const uint8_t* blob, size_t size);

// The exact extent of all boundaries (empty when there are none), found through the spatial index: its
// float boxes give the extent to within a float's rounding, and only the few buurten at those edges are
// then measured exactly. Reading every geometry's box instead reads the whole table (tens of MB for a
// buurten-scale layer). Falls back to that when the index is missing.
Bbox boundaryExtent(Project& project);

// All boundaries in fid order; with `within`, only those whose bbox meets it, found through the
// spatial index (the others are not decoded at all).
std::vector<Boundary> loadBoundaries(Project& project, const std::optional<Bbox>& within = std::nullopt);

// The same boundaries, handed to `visit` one at a time as they are read. The Boundary is reused for the
// next row: its geometry is decoded into the buffers it already has, unless `visit` moved them out. For
// a caller that keeps only part of each boundary (a simplified outline), so the layer's millions of
// vertices are never in memory at once.
void forEachBoundary(Project& project, const std::optional<Bbox>& within, const std::function<void(Boundary&)>& visit);

}  // namespace samenkaart
