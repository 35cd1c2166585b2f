#include "mapping/simplify.hpp"

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

namespace samenkaart::mapping {

namespace {

double squaredSegmentDistance(Point p, Point a, Point b) {
    double dx = b.x - a.x;
    double dy = b.y - a.y;
    double x = a.x;
    double y = a.y;
    if (dx != 0 || dy != 0) {
        const double t = std::clamp(((p.x - a.x) * dx + (p.y - a.y) * dy) / (dx * dx + dy * dy), 0.0, 1.0);
        x += dx * t;
        y += dy * t;
    }
    dx = p.x - x;
    dy = p.y - y;
    return dx * dx + dy * dy;
}

// Point i of a closed ring seen as an open chain 0..n, where index n is point 0 again.
Point ringPoint(const Ring& ring, size_t i) { return ring[i == ring.size() ? 0 : i]; }

// Marks in `keep` the vertices strictly between first and last that Douglas-Peucker keeps. Iterative so
// that a ring of a million vertices cannot overflow the stack.
template <typename PointAt>
void douglasPeucker(PointAt pointAt, size_t first, size_t last, double tolerance2, std::vector<char>& keep) {
    std::vector<std::pair<size_t, size_t>> stack{{first, last}};
    while (!stack.empty()) {
        const auto [from, to] = stack.back();
        stack.pop_back();
        if (to <= from + 1) continue;
        double worst = -1.0;
        size_t worstIndex = from;
        for (size_t i = from + 1; i < to; ++i) {
            const double d = squaredSegmentDistance(pointAt(i), pointAt(from), pointAt(to));
            if (d > worst) {
                worst = d;
                worstIndex = i;
            }
        }
        if (worst > tolerance2) {
            keep[worstIndex] = 1;
            stack.emplace_back(from, worstIndex);
            stack.emplace_back(worstIndex, to);
        }
    }
}

}  // namespace

SimplifyOptions simplifyOptionsForResolution(double metresPerPixel) { return {0.5 * metresPerPixel, metresPerPixel}; }

Ring simplifyRing(const Ring& ring, const SimplifyOptions& options) {
    const size_t n = ring.size();
    if (n < 3) return {};
    const Bbox box = bboxOf(ring);
    if (box.width() < options.minRingExtent && box.height() < options.minRingExtent) return {};
    if (n <= 4 || options.tolerance <= 0) return ring;

    auto pointAt = [&](size_t i) { return ringPoint(ring, i); };
    // Split the ring at point 0 and the point farthest from it: two chains with distinct end points.
    size_t far = 1;
    double farDistance = -1.0;
    for (size_t i = 1; i < n; ++i) {
        const double dx = ring[i].x - ring[0].x, dy = ring[i].y - ring[0].y;
        if (dx * dx + dy * dy > farDistance) {
            farDistance = dx * dx + dy * dy;
            far = i;
        }
    }
    std::vector<char> keep(n + 1, 0);
    keep[0] = keep[far] = keep[n] = 1;
    const double tolerance2 = options.tolerance * options.tolerance;
    douglasPeucker(pointAt, 0, far, tolerance2, keep);
    douglasPeucker(pointAt, far, n, tolerance2, keep);

    // Too few survivors: add back the vertices that deviate most until the ring has four.
    auto keptCount = [&] { return static_cast<size_t>(std::count(keep.begin(), keep.end() - 1, 1)); };
    for (size_t kept = keptCount(); kept < 4; ++kept) {
        double worst = -1.0;
        size_t worstIndex = 0;
        size_t previous = 0;
        for (size_t i = 1; i <= n; ++i) {
            if (!keep[i]) continue;
            for (size_t j = previous + 1; j < i; ++j) {
                const double d = squaredSegmentDistance(pointAt(j), pointAt(previous), pointAt(i));
                if (d > worst) {
                    worst = d;
                    worstIndex = j;
                }
            }
            previous = i;
        }
        if (worstIndex == 0) break;
        keep[worstIndex] = 1;
    }

    Ring out;
    for (size_t i = 0; i < n; ++i)
        if (keep[i]) out.push_back(ring[i]);
    return out;
}

Polygon simplifyPolygon(const Polygon& polygon, const SimplifyOptions& options) {
    Polygon out;
    for (size_t r = 0; r < polygon.size(); ++r) {
        Ring ring = simplifyRing(polygon[r], options);
        if (ring.empty()) {
            if (r == 0) return {};  // without its exterior the holes mean nothing
            continue;
        }
        out.push_back(std::move(ring));
    }
    return out;
}

MultiPolygon simplifyMultiPolygon(const MultiPolygon& polygons, const SimplifyOptions& options) {
    MultiPolygon out;
    for (const Polygon& polygon : polygons) {
        Polygon simplified = simplifyPolygon(polygon, options);
        if (!simplified.empty()) out.push_back(std::move(simplified));
    }
    return out;
}

LineString simplifyLine(const LineString& line, double tolerance) {
    if (line.size() <= 2 || tolerance <= 0) return line;
    std::vector<char> keep(line.size(), 0);
    keep.front() = keep.back() = 1;
    douglasPeucker([&](size_t i) { return line[i]; }, 0, line.size() - 1, tolerance * tolerance, keep);
    LineString out;
    for (size_t i = 0; i < line.size(); ++i)
        if (keep[i]) out.push_back(line[i]);
    return out;
}

double LodLadder::minResolution(int band) const {
    if (band <= 0) return 0.0;
    return layerExtent_ / 32768.0 * std::pow(2.0, band - 1);
}

size_t lodLevelFor(const std::vector<double>& levelMinResolutions, double metresPerPixel) {
    size_t level = 0;
    for (size_t k = 1; k < levelMinResolutions.size(); ++k)
        if (levelMinResolutions[k] <= metresPerPixel) level = k;
    return level;
}

}  // namespace samenkaart::mapping
