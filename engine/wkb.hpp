// Reads ISO/OGC well-known binary (as SpatiaLite's AsBinary() writes it) into the engine's plain
// geometry types. Faster than a round trip through GDAL for the thousands of polygons a map loads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>

#include "engine/geometry.hpp"

namespace samenkaart {

// Polygon or MultiPolygon WKB (Z/M dropped); nullopt for anything else or malformed input.
std::optional<MultiPolygon> multiPolygonFromWkb(const uint8_t* data, size_t size);

// LineString or MultiLineString WKB; nullopt otherwise.
std::optional<MultiLineString> multiLineStringFromWkb(const uint8_t* data, size_t size);

}  // namespace samenkaart
