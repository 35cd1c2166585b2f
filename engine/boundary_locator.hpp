// Which boundary a point lies in: exact point-in-polygon over many polygons, with a uniform grid of
// polygon envelopes as the prefilter. A point on an edge or vertex belongs to the polygon (closed
// polygons), and a point on an edge two boundaries share is given to the one added first, so every
// point is counted at most once.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "engine/geometry.hpp"

namespace samenkaart {

class BoundaryLocator {
public:
    // Room for this many boundaries and vertices, so that adding does not grow the arrays piecemeal.
    void reserve(size_t boundaries, size_t points);
    // Polygons are added in priority order (e.g. ascending fid); `add` returns the index locate() gives.
    size_t add(const MultiPolygon& boundary);
    // Builds the grid; call once after the last add() and before locate().
    void build();
    // The lowest index of the boundaries that contain p (interior or boundary), or nullopt.
    std::optional<size_t> locate(Point p) const;

    size_t size() const { return polygons_.size(); }

private:
    struct RingRef {
        uint32_t first;  // into points_
        uint32_t count;
    };
    struct PolygonRef {
        Bbox box;
        uint32_t firstRing = 0;  // into rings_; the exterior ring first, then holes
        uint32_t ringCount = 0;
    };
    struct BoundaryRef {
        Bbox box;
        uint32_t firstPolygon = 0;
        uint32_t polygonCount = 0;
    };
    bool contains(const BoundaryRef& b, Point p) const;

    std::vector<Point> points_;
    std::vector<RingRef> rings_;
    std::vector<PolygonRef> parts_;
    std::vector<BoundaryRef> polygons_;

    Bbox extent_;
    double cellSize_ = 1.0;
    size_t columns_ = 0, rows_ = 0;
    std::vector<uint32_t> cellStart_;  // CSR layout: candidates of cell c are cellItems_[cellStart_[c]..[c+1])
    std::vector<uint32_t> cellItems_;
};

}  // namespace samenkaart
