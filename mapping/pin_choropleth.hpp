// Pins per buurt, the choropleth (docs/many-pins.md): every pin counted in the boundary that holds
// it, and each boundary's count, or its count per km² of its true area, coloured on the fixed scales
// of engine/pin_density.hpp, so the same colour means the same in every project.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "engine/boundary_store.hpp"
#include "engine/geometry.hpp"
#include "engine/pin_density.hpp"
#include "mapping/map_layers.hpp"
#include "mapping/pick_index.hpp"

namespace samenkaart::mapping {

struct BoundaryPinCounts {
    std::vector<uint32_t> counts;  // per boundary, in the pick index's order
    size_t outside = 0;            // pins in no boundary, or without a position
};

// The boundary that holds each pin, as PickIndex::pick gives it (even-odd over its rings; where
// boundaries overlap, the last one), or -1 for a pin in none or without a position. On up to
// `threads` threads. The window computes it once per change of the pins (PinSnapshot::boundaryOf):
// the buurt cards, the counts panel and the choropleth all read it.
std::vector<int32_t> boundaryOfPins(const PickIndex& boundaries, std::span<const Point> pins, unsigned threads = 2);
// The pins per boundary from each pin's boundary (boundaryOfPins), for `features` boundaries.
BoundaryPinCounts countPinsPerBoundary(size_t features, std::span<const int32_t> boundaryOf);
// The two in one: a pin inside any boundary counts exactly once.
BoundaryPinCounts countPinsPerBoundary(const PickIndex& boundaries, std::span<const Point> pins, unsigned threads = 2);

// Each boundary's true area in km²: its planar area in the map CRS (exterior rings minus holes)
// divided by the CRS's areal scale at the centre of its box (engine/crs.hpp arealScales), so a
// project in Web Mercator measures its buurten as one in RD New does. NaN for a boundary without
// geometry, and for all of them when the map CRS is not a projected one.
std::vector<double> boundaryAreasKm2(const std::vector<Boundary>& boundaries, const std::string& mapCrsDefinition);

// What a boundary shows: its count, or its count per km² (NaN without an area).
double choroplethValue(ChoroplethMeasure measure, uint32_t count, double areaKm2);

// The fill of each boundary: its class's colour (choroplethClasses), transparent without pins.
std::vector<Rgba> choroplethFills(ChoroplethMeasure measure, const BoundaryPinCounts& counts,
                                  std::span<const double> areasKm2);

}  // namespace samenkaart::mapping
