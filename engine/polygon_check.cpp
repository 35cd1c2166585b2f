#include "engine/polygon_check.hpp"

#include <ogr_geometry.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace samenkaart {
namespace {

// Shewchuk's bound for the first, floating-point stage of orient2d ((3 + 16 eps) eps), with a
// factor of three to spare: above it the computed sign is the exact sign.
constexpr double kOrientErrorBound = 1.0e-15;

// +1 when a, b, c turn counter-clockwise, -1 clockwise, 0 when the sign is too close to call
// (including exactly collinear points).
int orientation(Point a, Point b, Point c) {
    const double left = (a.x - c.x) * (b.y - c.y);
    const double right = (a.y - c.y) * (b.x - c.x);
    const double det = left - right;
    const double bound = kOrientErrorBound * (std::abs(left) + std::abs(right));
    if (det > bound) return 1;
    if (det < -bound) return -1;
    return 0;
}

enum class Answer { Yes, No, Unsure };

// A run of consecutive edges of one ring that all head into the same quadrant.
struct Chain {
    double minx, maxx, miny, maxy;
    uint32_t ring;
    uint32_t first;  // its first edge (the edge from vertex first to first + 1)
    uint32_t count;  // edges
    int8_t qx, qy;   // the sign of every edge's dx and dy
};

struct CleanRing {
    uint32_t first;  // into the vertex array
    uint32_t count;  // distinct consecutive vertices, without the closing repeat
};

class Checker {
public:
    // Copies the rings without consecutive repeats; false when a ring is not usable as is.
    bool addRing(ClosedRingView ring) {
        if (ring.size() < 4 || !(ring.front() == ring.back())) return false;
        const auto first = static_cast<uint32_t>(vertices_.size());
        for (size_t i = 0; i + 1 < ring.size(); ++i) {
            const Point p = ring[i];
            if (!std::isfinite(p.x) || !std::isfinite(p.y)) return false;
            if (vertices_.size() > first && vertices_.back() == p) continue;
            vertices_.push_back(p);
        }
        while (vertices_.size() > first + 1 && vertices_.back() == vertices_[first]) vertices_.pop_back();
        const auto count = static_cast<uint32_t>(vertices_.size() - first);
        if (count < 3) return false;
        rings_.push_back({first, count});
        return true;
    }

    // No two edges meet except consecutive edges of one ring at their shared vertex.
    //
    // Each ring is cut into monotone chains (runs of edges heading into the same quadrant), as
    // GEOS does: edges of one chain cannot meet except at shared vertices, and along a chain the
    // edges are sorted in x (or y), so a pair of chains is checked with binary searches instead
    // of edge by edge. Chains are swept in x by their boxes.
    bool edgesAreApart() {
        for (const CleanRing& r : rings_)
            for (uint32_t i = 0; i < r.count; ++i)
                if (!cornerIsClean(r, i)) return false;
        chains_.clear();
        size_t segments = 0;
        for (uint32_t ri = 0; ri < rings_.size(); ++ri) {
            addChains(ri);
            segments += rings_[ri].count;
        }
        std::sort(chains_.begin(), chains_.end(), [](const Chain& s, const Chain& t) { return s.minx < t.minx; });
        // Pathological shapes (combs, spirals) are left to GEOS rather than paid for here.
        budget_ = 32 * segments + 256;
        for (size_t k = 0; k < chains_.size(); ++k) {
            const Chain& s = chains_[k];
            for (size_t j = k + 1; j < chains_.size() && chains_[j].minx <= s.maxx; ++j) {
                const Chain& t = chains_[j];
                if (t.miny > s.maxy || t.maxy < s.miny) continue;
                const bool apart = s.count <= t.count ? chainsApart(s, t) : chainsApart(t, s);
                if (!apart) return false;
            }
        }
        return true;
    }

    // Where a point that lies on no edge of `r` sits relative to the area that ring encloses.
    Answer strictlyInside(Point q, uint32_t ringIndex) const {
        const CleanRing& r = rings_[ringIndex];
        bool inside = false;
        for (uint32_t i = 0; i < r.count; ++i) {
            const Point a = vertex(r, i), b = vertex(r, i + 1);
            if ((a.y > q.y) == (b.y > q.y)) continue;
            const int o = orientation(a, b, q);
            if (o == 0) return Answer::Unsure;
            if ((b.y > a.y) ? o > 0 : o < 0) inside = !inside;
        }
        return inside ? Answer::Yes : Answer::No;
    }

    Point firstVertex(uint32_t ringIndex) const { return vertices_[rings_[ringIndex].first]; }
    void clear() {
        vertices_.clear();
        rings_.clear();
    }

private:
    Point vertex(const CleanRing& r, uint32_t i) const { return vertices_[r.first + i % r.count]; }

    // The edges into and out of vertex i only share that vertex: a straight continuation is fine,
    // a fold back (a spike) is not.
    bool cornerIsClean(const CleanRing& r, uint32_t i) const {
        const Point prev = vertex(r, i + r.count - 1), cur = vertex(r, i), next = vertex(r, i + 1);
        // Edges that go on in roughly the same direction cannot fold back over each other.
        if ((cur.x - prev.x) * (next.x - cur.x) + (cur.y - prev.y) * (next.y - cur.y) > 0) return true;
        return orientation(prev, cur, next) != 0;
    }

    static int sign(double v) { return (v > 0) - (v < 0); }

    void addChains(uint32_t ri) {
        const CleanRing& r = rings_[ri];
        quadrants_.resize(r.count);
        for (uint32_t i = 0; i < r.count; ++i) {
            const Point a = vertex(r, i), b = vertex(r, i + 1);
            quadrants_[i] = {static_cast<int8_t>(sign(b.x - a.x)), static_cast<int8_t>(sign(b.y - a.y))};
        }
        uint32_t start = 0;  // where a chain begins, so that no chain wraps past the ring's end
        for (uint32_t i = 0; i < r.count; ++i)
            if (quadrants_[i] != quadrants_[(i + r.count - 1) % r.count]) {
                start = i;
                break;
            }
        for (uint32_t done = 0; done < r.count;) {
            const uint32_t first = (start + done) % r.count;
            Chain c{};
            c.ring = ri;
            c.first = first;
            c.qx = quadrants_[first].first;
            c.qy = quadrants_[first].second;
            Bbox box;
            box.expand(vertex(r, first));
            while (done < r.count && quadrants_[(start + done) % r.count] == quadrants_[first]) {
                box.expand(vertex(r, (start + done) % r.count + 1));
                ++c.count;
                ++done;
            }
            c.minx = box.minx;
            c.maxx = box.maxx;
            c.miny = box.miny;
            c.maxy = box.maxy;
            chains_.push_back(c);
        }
    }

    // The ring index of the t-th edge of chain c in ascending order along its search axis.
    uint32_t edgeAt(const Chain& c, uint32_t t, int q) const {
        const uint32_t along = q > 0 ? t : c.count - 1 - t;
        return (c.first + along) % rings_[c.ring].count;
    }

    // No edge of chain a meets an edge of chain b (except neighbours at their shared vertex).
    bool chainsApart(const Chain& a, const Chain& b) {
        const bool alongX = b.qx != 0;  // b's edges strictly advance along this axis
        const int q = alongX ? b.qx : b.qy;
        const CleanRing& ra = rings_[a.ring];
        const CleanRing& rb = rings_[b.ring];
        auto lo = [alongX](Point p1, Point p2) { return alongX ? std::min(p1.x, p2.x) : std::min(p1.y, p2.y); };
        auto hi = [alongX](Point p1, Point p2) { return alongX ? std::max(p1.x, p2.x) : std::max(p1.y, p2.y); };
        for (uint32_t t = 0; t < a.count; ++t) {
            const uint32_t ea = (a.first + t) % ra.count;
            const Point p1 = vertex(ra, ea), p2 = vertex(ra, ea + 1);
            if (std::max(p1.x, p2.x) < b.minx || std::min(p1.x, p2.x) > b.maxx || std::max(p1.y, p2.y) < b.miny ||
                std::min(p1.y, p2.y) > b.maxy)
                continue;
            const double from = lo(p1, p2), to = hi(p1, p2);
            uint32_t low = 0, high = b.count;  // the first edge of b that reaches `from`
            while (low < high) {
                const uint32_t mid = (low + high) / 2;
                const uint32_t e = edgeAt(b, mid, q);
                if (hi(vertex(rb, e), vertex(rb, e + 1)) < from)
                    low = mid + 1;
                else
                    high = mid;
            }
            for (uint32_t u = low; u < b.count; ++u) {
                const uint32_t eb = edgeAt(b, u, q);
                const Point q1 = vertex(rb, eb), q2 = vertex(rb, eb + 1);
                if (lo(q1, q2) > to) break;
                if (adjacent(a.ring, ea, b.ring, eb)) continue;
                if (std::max(q1.x, q2.x) < std::min(p1.x, p2.x) || std::min(q1.x, q2.x) > std::max(p1.x, p2.x) ||
                    std::max(q1.y, q2.y) < std::min(p1.y, p2.y) || std::min(q1.y, q2.y) > std::max(p1.y, p2.y))
                    continue;
                if (budget_ == 0) return false;
                --budget_;
                if (edgesMayMeet(p1, p2, q1, q2)) return false;
            }
        }
        return true;
    }

    bool adjacent(uint32_t ringA, uint32_t a, uint32_t ringB, uint32_t b) const {
        if (ringA != ringB) return false;
        const uint32_t n = rings_[ringA].count;
        return (a + 1) % n == b || (b + 1) % n == a;
    }

    // True when the edges cross or touch, or when that cannot be ruled out.
    static bool edgesMayMeet(Point p1, Point p2, Point q1, Point q2) {
        const int o1 = orientation(p1, p2, q1), o2 = orientation(p1, p2, q2);
        if (o1 == 0 || o2 == 0) return true;
        if (o1 == o2) return false;
        const int o3 = orientation(q1, q2, p1), o4 = orientation(q1, q2, p2);
        if (o3 == 0 || o4 == 0) return true;
        return o3 != o4;
    }

    std::vector<Point> vertices_;
    std::vector<CleanRing> rings_;
    std::vector<Chain> chains_;
    std::vector<std::pair<int8_t, int8_t>> quadrants_;
    size_t budget_ = 0;
};

constexpr size_t kMaxParts = 64;

}  // namespace

bool isCertainlyValid(std::span<const PolygonRingsView> polygons) {
    if (polygons.empty() || polygons.size() > kMaxParts) return false;
    thread_local Checker checker;
    checker.clear();
    std::vector<uint32_t> shells;  // ring index of each polygon's shell; its holes follow it
    uint32_t ringCount = 0;
    for (const PolygonRingsView& p : polygons) {
        if (p.rings.empty()) return false;
        shells.push_back(ringCount);
        for (ClosedRingView ring : p.rings) {
            if (!checker.addRing(ring)) return false;
            ++ringCount;
        }
    }
    if (!checker.edgesAreApart()) return false;
    // No ring meets another, so each ring lies wholly inside or wholly outside any other ring:
    // one vertex decides.
    auto ringsOf = [&](size_t p) {
        const uint32_t end = p + 1 < shells.size() ? shells[p + 1] : ringCount;
        return std::pair<uint32_t, uint32_t>{shells[p], end};
    };
    for (size_t p = 0; p < shells.size(); ++p) {
        const auto [shell, end] = ringsOf(p);
        for (uint32_t hole = shell + 1; hole < end; ++hole) {
            const Point q = checker.firstVertex(hole);
            if (checker.strictlyInside(q, shell) != Answer::Yes) return false;
            for (uint32_t other = shell + 1; other < end; ++other)
                if (other != hole && checker.strictlyInside(q, other) != Answer::No) return false;
        }
    }
    // A part may sit in another part's hole (an island in a lake) but not in its area.
    for (size_t p = 0; p < shells.size(); ++p) {
        const Point q = checker.firstVertex(shells[p]);
        for (size_t other = 0; other < shells.size(); ++other) {
            if (other == p) continue;
            const auto [shell, end] = ringsOf(other);
            const Answer inShell = checker.strictlyInside(q, shell);
            if (inShell == Answer::Unsure) return false;
            if (inShell == Answer::No) continue;
            bool inHole = false;
            for (uint32_t hole = shell + 1; hole < end && !inHole; ++hole) {
                const Answer a = checker.strictlyInside(q, hole);
                if (a == Answer::Unsure) return false;
                inHole = a == Answer::Yes;
            }
            if (!inHole) return false;
        }
    }
    return true;
}

bool isCertainlyValid(std::span<const ClosedRingView> rings) {
    const PolygonRingsView polygon{rings};
    return isCertainlyValid(std::span<const PolygonRingsView>(&polygon, 1));
}

bool isCertainlyValid(const OGRMultiPolygon& multi) {
    thread_local std::vector<Point> points;
    thread_local std::vector<ClosedRingView> rings;
    thread_local std::vector<PolygonRingsView> polygons;
    points.clear();
    rings.clear();
    polygons.clear();
    size_t total = 0;
    for (const OGRPolygon* poly : multi)
        for (const OGRLinearRing* ring : *poly) total += static_cast<size_t>(ring->getNumPoints());
    // GDAL's raw points have Point's layout: one copy of each ring's coordinates, no per-point calls.
    static_assert(sizeof(Point) == sizeof(OGRRawPoint) && offsetof(Point, y) == offsetof(OGRRawPoint, y));
    points.resize(total);
    size_t at = 0;
    for (const OGRPolygon* poly : multi)
        for (const OGRLinearRing* ring : *poly) {
            ring->getPoints(reinterpret_cast<OGRRawPoint*>(points.data() + at));
            at += static_cast<size_t>(ring->getNumPoints());
        }
    at = 0;
    for (const OGRPolygon* poly : multi)
        for (const OGRLinearRing* ring : *poly) {
            const auto n = static_cast<size_t>(ring->getNumPoints());
            rings.emplace_back(points.data() + at, n);
            at += n;
        }
    size_t ringAt = 0;
    for (const OGRPolygon* poly : multi) {
        const size_t n = static_cast<size_t>(poly->getNumInteriorRings()) + (poly->getExteriorRing() ? 1 : 0);
        polygons.push_back({std::span<const ClosedRingView>(rings.data() + ringAt, n)});
        ringAt += n;
    }
    return isCertainlyValid(polygons);
}

}  // namespace samenkaart
