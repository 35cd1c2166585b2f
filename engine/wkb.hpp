// Reads ISO/OGC well-known binary (as SpatiaLite's AsBinary() writes it), and SpatiaLite's own blobs, into the engine's
// plain geometry types. Faster than a round trip through GDAL for the thousands of polygons a map loads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>

#include "engine/geometry.hpp"

namespace samenkaart {

// Polygon or MultiPolygon WKB (Z/M dropped); nullopt for anything else or malformed input.
std::optional<MultiPolygon> multiPolygonFromWkb(const uint8_t* data, size_t size);

// The same from SpatiaLite's own BLOB geometry (what a project stores), without the AsBinary()
// conversion: uncompressed Polygon or MultiPolygon, XY/XYZ/XYM/XYZM, either byte order. nullopt for
// anything else (compressed classes included); callers then ask SpatiaLite for WKB.
std::optional<MultiPolygon> multiPolygonFromSpatialite(const uint8_t* data, size_t size);
// The same into `into`, reusing the vectors it holds (no fresh memory when a row is no larger than the
// last); false, with `into` unspecified, where the other returns nullopt.
bool multiPolygonFromSpatialite(const uint8_t* data, size_t size, MultiPolygon& into);

// LineString or MultiLineString WKB; nullopt otherwise.
std::optional<MultiLineString> multiLineStringFromWkb(const uint8_t* data, size_t size);

}  // namespace samenkaart
