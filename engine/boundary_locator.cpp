#include "engine/boundary_locator.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

namespace samenkaart {
namespace {

enum class Where { Outside, Inside, OnEdge };

// Crossing-number test with each edge taken bottom-to-top, so two polygons sharing an edge compute
// bit-identical orientations for it: a point near the shared edge is inside exactly one of them.
Where locateInRing(const Point* pts, size_t n, Point p) {
    bool inside = false;
    for (size_t i = 0, j = n - 1; i < n; j = i++) {
        Point a = pts[j], b = pts[i];
        if (a.y > b.y || (a.y == b.y && a.x > b.x)) std::swap(a, b);
        if (p.y < a.y || p.y > b.y) continue;
        if (a.y == b.y) {
            if (p.x >= a.x && p.x <= b.x) return Where::OnEdge;
            continue;
        }
        const double orient = (b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x);
        if (orient == 0.0) return Where::OnEdge;
        if (p.y == b.y) continue;  // half-open in y: a vertex on the ray is crossed once
        if (orient > 0.0) inside = !inside;
    }
    return inside ? Where::Inside : Where::Outside;
}

}  // namespace

void BoundaryLocator::reserve(size_t boundaries, size_t points) {
    polygons_.reserve(boundaries);
    parts_.reserve(boundaries);
    rings_.reserve(boundaries);
    points_.reserve(points);
}

size_t BoundaryLocator::add(const MultiPolygon& boundary) {
    BoundaryRef ref{{}, static_cast<uint32_t>(parts_.size()), 0};
    for (const Polygon& poly : boundary) {
        if (poly.empty() || poly.front().size() < 3) continue;
        PolygonRef part{bboxOf(poly.front()), static_cast<uint32_t>(rings_.size()), 0};
        for (const Ring& ring : poly) {
            if (ring.size() < 3) continue;
            rings_.push_back({static_cast<uint32_t>(points_.size()), static_cast<uint32_t>(ring.size())});
            points_.insert(points_.end(), ring.begin(), ring.end());
            ++part.ringCount;
        }
        ref.box.expand(part.box);
        parts_.push_back(part);
        ++ref.polygonCount;
    }
    extent_.expand(ref.box);
    polygons_.push_back(ref);
    return polygons_.size() - 1;
}

void BoundaryLocator::build() {
    cellStart_.clear();
    cellItems_.clear();
    if (polygons_.empty() || extent_.empty()) {
        columns_ = rows_ = 0;
        return;
    }
    // About one cell per boundary: each point then tests a handful of candidates.
    const double area = std::max(extent_.width() * extent_.height(), 1e-12);
    cellSize_ = std::max(std::sqrt(area / static_cast<double>(polygons_.size())), 1e-9);
    columns_ = std::min<size_t>(4096, static_cast<size_t>(extent_.width() / cellSize_) + 1);
    rows_ = std::min<size_t>(4096, static_cast<size_t>(extent_.height() / cellSize_) + 1);
    auto cellRange = [&](const Bbox& b, size_t& c0, size_t& c1, size_t& r0, size_t& r1) {
        auto clampIndex = [](double v, size_t n) {
            return static_cast<size_t>(std::clamp(v, 0.0, static_cast<double>(n - 1)));
        };
        c0 = clampIndex(std::floor((b.minx - extent_.minx) / cellSize_), columns_);
        c1 = clampIndex(std::floor((b.maxx - extent_.minx) / cellSize_), columns_);
        r0 = clampIndex(std::floor((b.miny - extent_.miny) / cellSize_), rows_);
        r1 = clampIndex(std::floor((b.maxy - extent_.miny) / cellSize_), rows_);
    };
    std::vector<uint32_t> counts(columns_ * rows_ + 1, 0);
    for (const BoundaryRef& b : polygons_) {
        if (b.box.empty()) continue;
        size_t c0, c1, r0, r1;
        cellRange(b.box, c0, c1, r0, r1);
        for (size_t r = r0; r <= r1; ++r)
            for (size_t c = c0; c <= c1; ++c) ++counts[r * columns_ + c + 1];
    }
    for (size_t i = 1; i < counts.size(); ++i) counts[i] += counts[i - 1];
    cellStart_ = counts;
    cellItems_.resize(counts.back());
    // Filled in index order, so each cell's list is sorted and the first hit is the lowest index.
    for (size_t i = 0; i < polygons_.size(); ++i) {
        const BoundaryRef& b = polygons_[i];
        if (b.box.empty()) continue;
        size_t c0, c1, r0, r1;
        cellRange(b.box, c0, c1, r0, r1);
        for (size_t r = r0; r <= r1; ++r)
            for (size_t c = c0; c <= c1; ++c) cellItems_[counts[r * columns_ + c]++] = static_cast<uint32_t>(i);
    }
}

bool BoundaryLocator::contains(const BoundaryRef& b, Point p) const {
    for (uint32_t k = 0; k < b.polygonCount; ++k) {
        const PolygonRef& part = parts_[b.firstPolygon + k];
        if (!part.box.contains(p) || part.ringCount == 0) continue;
        const RingRef& outer = rings_[part.firstRing];
        const Where w = locateInRing(&points_[outer.first], outer.count, p);
        if (w == Where::Outside) continue;
        if (w == Where::OnEdge) return true;
        bool inHole = false;
        for (uint32_t h = 1; h < part.ringCount && !inHole; ++h) {
            const RingRef& hole = rings_[part.firstRing + h];
            // A point on a hole's edge is on the polygon's boundary, so it is contained.
            inHole = locateInRing(&points_[hole.first], hole.count, p) == Where::Inside;
        }
        if (!inHole) return true;
    }
    return false;
}

std::optional<size_t> BoundaryLocator::locate(Point p) const {
    if (columns_ == 0 || !extent_.contains(p)) return std::nullopt;
    const auto c = std::min(columns_ - 1, static_cast<size_t>((p.x - extent_.minx) / cellSize_));
    const auto r = std::min(rows_ - 1, static_cast<size_t>((p.y - extent_.miny) / cellSize_));
    const size_t cell = r * columns_ + c;
    for (uint32_t k = cellStart_[cell]; k < cellStart_[cell + 1]; ++k) {
        const BoundaryRef& b = polygons_[cellItems_[k]];
        if (b.box.contains(p) && contains(b, p)) return cellItems_[k];
    }
    return std::nullopt;
}

}  // namespace samenkaart
