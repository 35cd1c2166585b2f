// A fast, conservative validity test for polygons, run before GEOS during import.
//
// GEOS's validity check is the costliest step of an import, yet almost every polygon of a real
// neighbourhood layer is a plain simple ring. `isCertainlyValid` proves that cheaply: no two edges
// of any ring meet except consecutive edges at their shared vertex, every hole lies inside its
// shell and outside the other holes, and no part lies inside another part. Every orientation it
// relies on is decided with a floating-point filter (Shewchuk's error bound); when a sign is too
// close to call, or a shape is unusual (touching rings, very many parts), it answers false, which
// means "not proven", never "invalid": the caller then asks GEOS. So a true answer always agrees
// with GEOS's `isValid`, and a false one costs only the GEOS call it would have made anyway.
#pragma once

#include <cstddef>
#include <span>

#include "engine/geometry.hpp"

class OGRMultiPolygon;

namespace samenkaart {

// One ring as the source stores it: closed, the first point repeated at the end.
using ClosedRingView = std::span<const Point>;

// The rings of one polygon: [0] is the shell, the rest are holes.
struct PolygonRingsView {
    std::span<const ClosedRingView> rings;
};

// True only when the multipolygon made of `polygons` is certainly valid in the OGC sense.
bool isCertainlyValid(std::span<const PolygonRingsView> polygons);

// Convenience for a single polygon given as its rings.
bool isCertainlyValid(std::span<const ClosedRingView> rings);

// The same test for a GDAL multipolygon (2D; Z and M are ignored).
bool isCertainlyValid(const OGRMultiPolygon& multi);

}  // namespace samenkaart
