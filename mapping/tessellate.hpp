// Polygon triangulation for filling on the GPU: ear clipping with hole bridging (the approach of
// mapbox earcut, implemented here from the algorithm's description).
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "engine/geometry.hpp"

namespace samenkaart::mapping {

// Triangles ready for a vertex + index buffer. Vertices are stored relative to an origin chosen by the
// caller (usually the layer's bbox centre) so that RD/UTM coordinates of ~1e6 m keep sub-millimetre
// precision as 32-bit floats.
struct Triangulation {
    std::vector<float> xy;          // x0, y0, x1, y1, ... relative to the origin
    std::vector<uint32_t> indices;  // three per triangle, indexing vertices of `xy`

    size_t vertexCount() const { return xy.size() / 2; }
    size_t triangleCount() const { return indices.size() / 3; }
    void clear() {
        xy.clear();
        indices.clear();
    }
};

// Reusable triangulator: keeps its node pool and scratch buffers between polygons so that a layer of
// thousands of small polygons does not allocate per polygon. Not thread-safe; use one per thread.
class Tessellator {
public:
    Tessellator();
    ~Tessellator();
    Tessellator(Tessellator&&) noexcept;
    Tessellator& operator=(Tessellator&&) noexcept;
    Tessellator(const Tessellator&) = delete;
    Tessellator& operator=(const Tessellator&) = delete;

    // Appends the polygon's vertices and triangles to `out`. Rings with fewer than three distinct points
    // are skipped, non-finite coordinates are dropped; self-intersecting input yields a best-effort
    // triangulation and never hangs.
    void tessellate(const Polygon& polygon, Point origin, Triangulation& out);

private:
    class Impl;
    std::unique_ptr<Impl> impl_;
};

void tessellatePolygon(const Polygon& polygon, Point origin, Triangulation& out);
void tessellatePolygon(const MultiPolygon& polygons, Point origin, Triangulation& out);

// Sum of the absolute areas of the triangles (in the units of `xy`): the yardstick for tests.
double triangulatedArea(const Triangulation& triangulation, size_t firstIndex = 0);

}  // namespace samenkaart::mapping
