// The CPU half of drawing a vector layer: tessellation, stroke geometry, level-of-detail copies and
// spatial chunks, all in vertex-buffer layout. Preparing is pure computation (no GL), so it may run on a
// worker thread; MapRenderer::addLayer then only copies these arrays to the GPU.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "mapping/map_layers.hpp"
#include "mapping/simplify.hpp"

namespace samenkaart::mapping {

// One stroke vertex's style; the segment from vertex k to k + 1 is drawn with vertex k's style, and a
// width of 0 marks the end of a line (no segment to the next line's first vertex).
struct StrokeStyle {
    Rgba colour;
    float widthPx = 0.0f;
    friend bool operator==(const StrokeStyle&, const StrokeStyle&) = default;
};
static_assert(sizeof(StrokeStyle) == 8, "uploaded as is");

// A run of consecutive features, drawn or skipped as a whole depending on whether it is in view.
struct DrawChunk {
    Bbox bounds;
    uint32_t firstIndex = 0;  // into fillIndices
    uint32_t indexCount = 0;
    uint32_t firstStrokeVertex = 0;
    uint32_t strokeVertexCount = 0;
};

// The whole layer at one level of detail. Coordinates are floats relative to PreparedVectorLayer::origin.
struct LodGeometry {
    double minResolution = 0.0;  // metres per physical pixel from which this level is used
    std::vector<float> fillXy;
    std::vector<Rgba> fillColours;  // per fill vertex
    std::vector<uint32_t> fillIndices;
    // Per fill vertex, the feature it belongs to plus one (0 is "no feature"): software GL draws the
    // outlines where these change between neighbouring pixels (MapRenderer).
    std::vector<uint32_t> fillFeatures;
    // True when every feature with an outline also has a fill, so the feature ids show every outline.
    bool outlinesFollowFills = false;
    std::vector<float> strokeXy;
    std::vector<StrokeStyle> strokeStyles;
    std::vector<DrawChunk> chunks;
};

struct PreparedVectorLayer {
    Point origin;
    Bbox bounds;
    std::vector<LodGeometry> levels;  // [0] is the full geometry, then coarser and coarser
};

struct PreparedPointLayer {
    Point origin;
    std::vector<float> xy;
    std::vector<Rgba> colours;
    std::vector<uint8_t> marks;  // two per point: its PinSymbol, and 1 when it is ringed
    float radiusPx = 7.0f;
};

struct PrepareOptions {
    // A chunk closes once it holds this many vertices: small enough to cull well when zoomed in, large
    // enough that a full view needs few draw calls.
    uint32_t verticesPerChunk = 8192;
    // Coarser levels are built while the last kept one still has this many vertices ...
    size_t lodMinimumVertices = 20000;
    // ... and kept only when they drop at least this fraction of its vertices.
    double lodMinimumReduction = 0.25;
    // When > 0: one level only, simplified for this many metres per physical pixel and used at every
    // zoom. For a single picture at a known scale (`samenkaart render`), where building and tessellating
    // the full-detail levels would cost most of the time and never be seen.
    double singleResolution = 0.0;
    // The point coordinates are stored relative to; default the centre of the layer's bounds. A part of a
    // layer given its whole's origin rounds its vertices to the same floats, so it draws the same pixels.
    std::optional<Point> origin;
};

PreparedVectorLayer prepareLayer(const PolygonLayer& layer, const PrepareOptions& options = {});
PreparedVectorLayer prepareLayer(const LineLayer& layer, const PrepareOptions& options = {});
PreparedPointLayer prepareLayer(const PointLayer& layer);

}  // namespace samenkaart::mapping
