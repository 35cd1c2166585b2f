// Level of detail: Douglas-Peucker simplification for display at a given zoom, and the ladder of zoom
// bands a layer prepares simplified copies for.
#pragma once

#include "engine/geometry.hpp"

namespace samenkaart::mapping {

struct SimplifyOptions {
    double tolerance = 0.0;      // max distance a removed vertex may lie from the simplified outline
    double minRingExtent = 0.0;  // rings whose bbox is smaller than this on both axes are dropped
};

// Half a pixel of error is invisible; a ring smaller than a pixel cannot be seen.
SimplifyOptions simplifyOptionsForResolution(double metresPerPixel);

// A simplified ring keeps at least 4 vertices (or all of them when it had fewer), so it never collapses
// into a sliver; returns an empty ring when the ring is dropped (too small, or fewer than 3 points).
Ring simplifyRing(const Ring& ring, const SimplifyOptions& options);
// Empty when the exterior is dropped; holes that are too small are removed.
Polygon simplifyPolygon(const Polygon& polygon, const SimplifyOptions& options);
MultiPolygon simplifyMultiPolygon(const MultiPolygon& polygons, const SimplifyOptions& options);
// Lines keep both end points.
LineString simplifyLine(const LineString& line, double tolerance);

// Zoom bands of one layer. Level 0 is the full geometry. Level k >= 1 is used once a pixel covers at
// least minResolution(k) metres, i.e. once the layer's extent spans fewer than 16384 / 4^(k-1) pixels,
// and is simplified with half a pixel of tolerance at that resolution.
class LodLadder {
public:
    static constexpr int kMaxLevels = 6;

    LodLadder() = default;
    explicit LodLadder(double layerExtent) : layerExtent_(layerExtent) {}

    double minResolution(int level) const;
    SimplifyOptions options(int level) const { return simplifyOptionsForResolution(minResolution(level)); }
    // The coarsest level among the first `levelCount` that still looks exact at `metresPerPixel`.
    int levelFor(double metresPerPixel, int levelCount) const;

private:
    double layerExtent_ = 0.0;
};

}  // namespace samenkaart::mapping
