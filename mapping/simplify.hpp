// Level of detail: Douglas-Peucker simplification for display at a given zoom, and the ladder of zoom
// bands a layer prepares simplified copies for.
#pragma once

#include <vector>

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

// Zoom bands of one layer. Band 0 is the full geometry. Band k >= 1 may be used once a pixel covers at
// least minResolution(k) = extent / 32768 * 2^(k-1) metres (the layer then spans fewer than
// 32768 / 2^(k-1) pixels) and is simplified with a tolerance of one pixel at that resolution, so the
// error stays between half a pixel and one pixel over the band - invisible under MSAA, and it makes a
// zoomed-out national map cheap to draw. Band 1 starts at 32768 pixels across: with 16384 the full
// detail of the buurten-scale layer was drawn up to 3.7 m per pixel (a wijk on screen), at 80k outline
// segments a frame; the finer band draws those frames 2-3x faster on llvmpipe (docs/render.md).
class LodLadder {
public:
    static constexpr int kBandCount = 15;

    LodLadder() = default;
    explicit LodLadder(double layerExtent) : layerExtent_(layerExtent) {}

    double minResolution(int band) const;
    SimplifyOptions options(int band) const { return {minResolution(band), minResolution(band)}; }

private:
    double layerExtent_ = 0.0;
};

// Given the minimum resolution of each prepared level (ascending, the first 0), the coarsest level that
// still looks exact at `metresPerPixel`.
size_t lodLevelFor(const std::vector<double>& levelMinResolutions, double metresPerPixel);

}  // namespace samenkaart::mapping
