// GeoPackage binary geometries (OGC GeoPackage 1.3, section 2.1.3: the "GP" header, then ISO WKB),
// written directly from the engine's geometry types for the bulk export. They are byte for byte what
// GDAL's GeoPackage driver writes for the same geometry: little-endian, no envelope for points, an
// [minx, maxx, miny, maxy] envelope for everything else.
#pragma once

#include <cstdint>
#include <vector>

#include "engine/geometry.hpp"

namespace samenkaart {

inline constexpr size_t kGpkgPointBytes = 8 + 21;

// Appends a POINT.
void appendGpkgPoint(std::vector<uint8_t>& out, int32_t srsId, Point p);

// Appends a MULTIPOLYGON; every ring is written closed (its first point repeated at the end, see
// geometry.hpp). `envelope` is the geometry's bounding box (bboxOf).
void appendGpkgMultiPolygon(std::vector<uint8_t>& out, int32_t srsId, const MultiPolygon& mp, const Bbox& envelope);

}  // namespace samenkaart
