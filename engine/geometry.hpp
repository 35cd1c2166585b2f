// Plain geometry value types shared by every layer. Coordinates are in the project's map CRS
// (projected, metres) unless a function says otherwise.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

namespace samenkaart {

struct Point {
    double x = 0.0;
    double y = 0.0;
    friend bool operator==(const Point&, const Point&) = default;
};

struct Bbox {
    double minx = std::numeric_limits<double>::infinity();
    double miny = std::numeric_limits<double>::infinity();
    double maxx = -std::numeric_limits<double>::infinity();
    double maxy = -std::numeric_limits<double>::infinity();

    bool empty() const { return minx > maxx || miny > maxy; }
    double width() const { return empty() ? 0.0 : maxx - minx; }
    double height() const { return empty() ? 0.0 : maxy - miny; }
    Point center() const { return {(minx + maxx) * 0.5, (miny + maxy) * 0.5}; }
    void expand(Point p) {
        minx = std::min(minx, p.x);
        miny = std::min(miny, p.y);
        maxx = std::max(maxx, p.x);
        maxy = std::max(maxy, p.y);
    }
    void expand(const Bbox& b) {
        if (b.empty()) return;
        expand(Point{b.minx, b.miny});
        expand(Point{b.maxx, b.maxy});
    }
    bool contains(Point p) const { return p.x >= minx && p.x <= maxx && p.y >= miny && p.y <= maxy; }
    bool intersects(const Bbox& b) const { return !(b.minx > maxx || b.maxx < minx || b.miny > maxy || b.maxy < miny); }
};

// A closed ring; the last point is NOT repeated (readers drop the closing duplicate).
using Ring = std::vector<Point>;
// rings[0] is the exterior, the rest are holes. Orientation is not guaranteed.
using Polygon = std::vector<Ring>;
using MultiPolygon = std::vector<Polygon>;
using LineString = std::vector<Point>;
using MultiLineString = std::vector<LineString>;

inline Bbox bboxOf(const Ring& ring) {
    Bbox b;
    for (const Point& p : ring) b.expand(p);
    return b;
}

inline Bbox bboxOf(const MultiPolygon& mp) {
    Bbox b;
    for (const Polygon& poly : mp)
        if (!poly.empty()) b.expand(bboxOf(poly.front()));
    return b;
}

// Shoelace area; positive for counter-clockwise rings.
inline double signedArea(const Ring& ring) {
    double sum = 0.0;
    const size_t n = ring.size();
    for (size_t i = 0, j = n - 1; i < n; j = i++) sum += (ring[j].x - ring[i].x) * (ring[j].y + ring[i].y);
    return n < 3 ? 0.0 : sum * 0.5;
}

// Area of a polygon: exterior minus holes, whatever their orientation.
inline double polygonArea(const Polygon& poly) {
    double a = 0.0;
    for (size_t i = 0; i < poly.size(); ++i) {
        const double r = std::abs(signedArea(poly[i]));
        a += i == 0 ? r : -r;
    }
    return a;
}

}  // namespace samenkaart
