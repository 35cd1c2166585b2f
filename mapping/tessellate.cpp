#include "mapping/tessellate.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace samenkaart::mapping {

namespace {

// One vertex of a ring while it is being clipped. Rings are circular doubly linked lists; a second list
// (prevZ/nextZ) keeps the same nodes sorted by z-order so that "is any vertex inside this ear?" only
// looks at vertices near the ear instead of the whole ring.
struct Node {
    double x = 0.0;
    double y = 0.0;
    uint32_t vertex = 0;  // index into Triangulation::xy; nodes created by splits share their twin's index
    uint32_t z = 0;
    Node* prev = nullptr;
    Node* next = nullptr;
    Node* prevZ = nullptr;
    Node* nextZ = nullptr;
    bool steiner = false;  // a lone point that must survive filtering (a hole collapsed to one point)
};

// Twice the signed area of triangle pqr: positive when p, q, r turn counter-clockwise (y up).
double cross(const Node* p, const Node* q, const Node* r) {
    return (q->x - p->x) * (r->y - p->y) - (q->y - p->y) * (r->x - p->x);
}

bool samePosition(const Node* a, const Node* b) { return a->x == b->x && a->y == b->y; }

// Inclusive test for a counter-clockwise triangle abc.
bool pointInTriangle(double ax, double ay, double bx, double by, double cx, double cy, double px, double py) {
    return (bx - ax) * (py - ay) - (by - ay) * (px - ax) >= 0 && (cx - bx) * (py - by) - (cy - by) * (px - bx) >= 0 &&
           (ax - cx) * (py - cy) - (ay - cy) * (px - cx) >= 0;
}

// Ear test helper: a vertex that sits exactly on the ear's first corner is a bridge twin, not an obstacle.
bool pointInEar(const Node* a, const Node* b, const Node* c, const Node* p) {
    return !samePosition(a, p) && pointInTriangle(a->x, a->y, b->x, b->y, c->x, c->y, p->x, p->y);
}

bool pointInTriangleAnyWinding(double ax, double ay, double bx, double by, double cx, double cy, double px, double py) {
    const double d1 = (bx - ax) * (py - ay) - (by - ay) * (px - ax);
    const double d2 = (cx - bx) * (py - by) - (cy - by) * (px - bx);
    const double d3 = (ax - cx) * (py - cy) - (ay - cy) * (px - cx);
    const bool hasNegative = d1 < 0 || d2 < 0 || d3 < 0;
    const bool hasPositive = d1 > 0 || d2 > 0 || d3 > 0;
    return !(hasNegative && hasPositive);
}

int signOf(double v) { return (v > 0) - (v < 0); }

// q lies within the bounding box of segment pr (callers already know the three are collinear).
bool onSegment(const Node* p, const Node* q, const Node* r) {
    return q->x <= std::max(p->x, r->x) && q->x >= std::min(p->x, r->x) && q->y <= std::max(p->y, r->y) &&
           q->y >= std::min(p->y, r->y);
}

bool segmentsIntersect(const Node* p1, const Node* q1, const Node* p2, const Node* q2) {
    const int o1 = signOf(cross(p1, q1, p2));
    const int o2 = signOf(cross(p1, q1, q2));
    const int o3 = signOf(cross(p2, q2, p1));
    const int o4 = signOf(cross(p2, q2, q1));
    if (o1 != o2 && o3 != o4) return true;
    if (o1 == 0 && onSegment(p1, p2, q1)) return true;
    if (o2 == 0 && onSegment(p1, q2, q1)) return true;
    if (o3 == 0 && onSegment(p2, p1, q2)) return true;
    if (o4 == 0 && onSegment(p2, q1, q2)) return true;
    return false;
}

// Does the diagonal a-b leave `a` into the polygon's interior (rather than through its outside)?
bool locallyInside(const Node* a, const Node* b) {
    if (cross(a->prev, a, a->next) >= 0) return cross(a, b, a->next) <= 0 && cross(a, a->prev, b) <= 0;
    return cross(a, b, a->prev) > 0 || cross(a, a->next, b) > 0;
}

// Does the diagonal's midpoint lie inside the ring (even-odd)?
bool middleInside(const Node* a, const Node* b) {
    const double px = (a->x + b->x) / 2;
    const double py = (a->y + b->y) / 2;
    bool inside = false;
    const Node* p = a;
    do {
        const Node* n = p->next;
        if ((p->y > py) != (n->y > py) && n->y != p->y && px < (n->x - p->x) * (py - p->y) / (n->y - p->y) + p->x)
            inside = !inside;
        p = n;
    } while (p != a);
    return inside;
}

bool diagonalCrossesRing(const Node* a, const Node* b) {
    const Node* p = a;
    do {
        const Node* n = p->next;
        if (p->vertex != a->vertex && n->vertex != a->vertex && p->vertex != b->vertex && n->vertex != b->vertex &&
            segmentsIntersect(p, n, a, b))
            return true;
        p = n;
    } while (p != a);
    return false;
}

// Whether the wedge at m (between its neighbours) contains the wedge at p: breaks ties between bridge
// candidates that sit at the same position.
bool sectorContainsSector(const Node* m, const Node* p) {
    return cross(m->prev, m, p->prev) > 0 && cross(p->next, m, m->next) > 0;
}

bool isValidDiagonal(const Node* a, const Node* b) {
    if (a->next->vertex == b->vertex || a->prev->vertex == b->vertex || diagonalCrossesRing(a, b)) return false;
    const bool insideAndVisible = locallyInside(a, b) && locallyInside(b, a) && middleInside(a, b) &&
                                  (cross(a->prev, a, b->prev) != 0 || cross(a, b->prev, b) != 0);
    // Two coincident reflex vertices (a pinch point) may be split apart by a zero-length diagonal.
    const bool zeroLengthPinch = samePosition(a, b) && cross(a->prev, a, a->next) < 0 && cross(b->prev, b, b->next) < 0;
    return insideAndVisible || zeroLengthPinch;
}

// Spreads the low 16 bits of v so a zero bit sits between each: the building block of a Morton code.
uint32_t spreadBits(uint32_t v) {
    v = (v | (v << 8)) & 0x00FF00FFu;
    v = (v | (v << 4)) & 0x0F0F0F0Fu;
    v = (v | (v << 2)) & 0x33333333u;
    v = (v | (v << 1)) & 0x55555555u;
    return v;
}

// Rings with more vertices than this get the z-order index; below it a plain scan is faster.
constexpr size_t kHashingThreshold = 80;
// Split recursion is bounded so that pathological input degrades to a partial fill, not a stack overflow.
constexpr int kMaxRecursionDepth = 1000;

}  // namespace

class Tessellator::Impl {
public:
    void tessellate(const Polygon& polygon, Point origin, Triangulation& out) {
        if (polygon.empty()) return;
        resetPool();
        indices_ = &out.indices;
        depth_ = 0;
        const size_t firstVertex = out.vertexCount();

        Node* outer = linkRing(polygon[0], origin, out, true);
        if (!outer || outer->next == outer->prev) {
            out.xy.resize(firstVertex * 2);  // nothing to fill: leave no orphan vertices behind
            return;
        }
        if (polygon.size() > 1) outer = eliminateHoles(polygon, origin, out, outer);

        hashing_ = out.vertexCount() - firstVertex > kHashingThreshold;
        if (hashing_) {
            double minX = outer->x, minY = outer->y, maxX = outer->x, maxY = outer->y;
            const Node* p = outer;
            do {
                minX = std::min(minX, p->x);
                minY = std::min(minY, p->y);
                maxX = std::max(maxX, p->x);
                maxY = std::max(maxY, p->y);
                p = p->next;
            } while (p != outer);
            minX_ = minX;
            minY_ = minY;
            const double size = std::max(maxX - minX, maxY - minY);
            invSize_ = size > 0 ? 32767.0 / size : 0.0;
        }
        clipEars(outer, Pass::plain);
    }

private:
    enum class Pass { plain, filtered, curedIntersections };

    static constexpr size_t kBlockSize = 4096;

    // Node pool: blocks keep node addresses stable while the list grows, and survive between polygons.
    std::vector<std::unique_ptr<Node[]>> blocks_;
    size_t blockInUse_ = 0;
    size_t usedInBlock_ = 0;

    std::vector<uint32_t>* indices_ = nullptr;
    std::vector<Point> ringScratch_;
    std::vector<Node*> nodeScratch_;
    bool hashing_ = false;
    double minX_ = 0.0;
    double minY_ = 0.0;
    double invSize_ = 0.0;
    int depth_ = 0;

    void resetPool() {
        if (blocks_.empty()) blocks_.push_back(std::make_unique<Node[]>(kBlockSize));
        blockInUse_ = 0;
        usedInBlock_ = 0;
    }

    Node* newNode(uint32_t vertex, double x, double y) {
        if (usedInBlock_ == kBlockSize) {
            ++blockInUse_;
            usedInBlock_ = 0;
            if (blockInUse_ == blocks_.size()) blocks_.push_back(std::make_unique<Node[]>(kBlockSize));
        }
        Node* n = &blocks_[blockInUse_][usedInBlock_++];
        *n = Node{};
        n->vertex = vertex;
        n->x = x;
        n->y = y;
        return n;
    }

    Node* insertAfter(uint32_t vertex, double x, double y, Node* last) {
        Node* p = newNode(vertex, x, y);
        if (!last) {
            p->prev = p;
            p->next = p;
        } else {
            p->next = last->next;
            p->prev = last;
            last->next->prev = p;
            last->next = p;
        }
        return p;
    }

    static void unlink(Node* p) {
        p->next->prev = p->prev;
        p->prev->next = p->next;
        if (p->prevZ) p->prevZ->nextZ = p->nextZ;
        if (p->nextZ) p->nextZ->prevZ = p->prevZ;
    }

    void emitTriangle(const Node* a, const Node* b, const Node* c) {
        indices_->push_back(a->vertex);
        indices_->push_back(b->vertex);
        indices_->push_back(c->vertex);
    }

    // Appends the ring's finite points to `out` and links them in the requested winding.
    Node* linkRing(const Ring& ring, Point origin, Triangulation& out, bool counterClockwise) {
        ringScratch_.clear();
        for (const Point& p : ring)
            if (std::isfinite(p.x) && std::isfinite(p.y)) ringScratch_.push_back({p.x - origin.x, p.y - origin.y});
        if (ringScratch_.size() < 3) return nullptr;

        const auto first = static_cast<uint32_t>(out.vertexCount());
        for (const Point& p : ringScratch_) {
            out.xy.push_back(static_cast<float>(p.x));
            out.xy.push_back(static_cast<float>(p.y));
        }
        const size_t n = ringScratch_.size();
        Node* last = nullptr;
        if ((signedArea(ringScratch_) > 0) == counterClockwise) {
            for (size_t i = 0; i < n; ++i)
                last = insertAfter(first + static_cast<uint32_t>(i), ringScratch_[i].x, ringScratch_[i].y, last);
        } else {
            for (size_t i = n; i-- > 0;)
                last = insertAfter(first + static_cast<uint32_t>(i), ringScratch_[i].x, ringScratch_[i].y, last);
        }
        if (last && samePosition(last, last->next)) {  // a repeated closing point
            Node* next = last->next;
            unlink(last);
            last = next;
        }
        return last;
    }

    // Removes duplicate and collinear vertices between start and end; returns a node still in the ring.
    static Node* filterPoints(Node* start, Node* end = nullptr) {
        if (!start) return start;
        if (!end) end = start;
        Node* p = start;
        bool again = false;
        do {
            again = false;
            if (!p->steiner && (samePosition(p, p->next) || cross(p->prev, p, p->next) == 0)) {
                unlink(p);
                p = end = p->prev;
                if (p == p->next) break;
                again = true;
            } else {
                p = p->next;
            }
        } while (again || p != end);
        return end;
    }

    uint32_t zOrder(double x, double y) const {
        const auto ix = static_cast<uint32_t>((x - minX_) * invSize_);
        const auto iy = static_cast<uint32_t>((y - minY_) * invSize_);
        return spreadBits(ix) | (spreadBits(iy) << 1);
    }

    // (Re)builds the z-ordered list over the ring that contains `start`.
    void indexCurve(Node* start) {
        nodeScratch_.clear();
        Node* p = start;
        do {
            p->z = zOrder(p->x, p->y);
            nodeScratch_.push_back(p);
            p = p->next;
        } while (p != start);
        std::sort(nodeScratch_.begin(), nodeScratch_.end(), [](const Node* a, const Node* b) { return a->z < b->z; });
        for (size_t i = 0; i < nodeScratch_.size(); ++i) {
            nodeScratch_[i]->prevZ = i > 0 ? nodeScratch_[i - 1] : nullptr;
            nodeScratch_[i]->nextZ = i + 1 < nodeScratch_.size() ? nodeScratch_[i + 1] : nullptr;
        }
    }

    static bool isEar(const Node* ear) {
        const Node* a = ear->prev;
        const Node* b = ear;
        const Node* c = ear->next;
        if (cross(a, b, c) <= 0) return false;  // reflex or flat: not an ear
        const double x0 = std::min({a->x, b->x, c->x}), y0 = std::min({a->y, b->y, c->y});
        const double x1 = std::max({a->x, b->x, c->x}), y1 = std::max({a->y, b->y, c->y});
        // Only a reflex vertex can lie inside a convex ear; convex ones are harmless.
        for (const Node* p = c->next; p != a; p = p->next) {
            if (p->x >= x0 && p->x <= x1 && p->y >= y0 && p->y <= y1 && pointInEar(a, b, c, p) &&
                cross(p->prev, p, p->next) <= 0)
                return false;
        }
        return true;
    }

    bool isEarHashed(const Node* ear) const {
        const Node* a = ear->prev;
        const Node* b = ear;
        const Node* c = ear->next;
        if (cross(a, b, c) <= 0) return false;
        const double x0 = std::min({a->x, b->x, c->x}), y0 = std::min({a->y, b->y, c->y});
        const double x1 = std::max({a->x, b->x, c->x}), y1 = std::max({a->y, b->y, c->y});
        const uint32_t minZ = zOrder(x0, y0);
        const uint32_t maxZ = zOrder(x1, y1);
        auto blocks = [&](const Node* p) {
            return p != a && p != c && p->x >= x0 && p->x <= x1 && p->y >= y0 && p->y <= y1 && pointInEar(a, b, c, p) &&
                   cross(p->prev, p, p->next) <= 0;
        };
        const Node* p = ear->prevZ;
        const Node* n = ear->nextZ;
        // Walk outwards in both z directions at once: neighbours in z are neighbours in space.
        while (p && p->z >= minZ && n && n->z <= maxZ) {
            if (blocks(p) || blocks(n)) return false;
            p = p->prevZ;
            n = n->nextZ;
        }
        for (; p && p->z >= minZ; p = p->prevZ)
            if (blocks(p)) return false;
        for (; n && n->z <= maxZ; n = n->nextZ)
            if (blocks(n)) return false;
        return true;
    }

    void clipEars(Node* ear, Pass pass) {
        if (!ear || depth_ >= kMaxRecursionDepth) return;
        ++depth_;
        if (pass == Pass::plain && hashing_) indexCurve(ear);

        Node* stop = ear;
        while (ear->prev != ear->next) {
            Node* prev = ear->prev;
            Node* next = ear->next;
            if (hashing_ ? isEarHashed(ear) : isEar(ear)) {
                emitTriangle(prev, ear, next);
                unlink(ear);
                // Skipping one vertex avoids fans of slivers around a single vertex.
                ear = next->next;
                stop = next->next;
                continue;
            }
            ear = next;
            if (ear == stop) {
                // A full lap without an ear: the ring is not simple. Try progressively stronger repairs.
                if (pass == Pass::plain) {
                    clipEars(filterPoints(ear), Pass::filtered);
                } else if (pass == Pass::filtered) {
                    clipEars(cureLocalIntersections(filterPoints(ear)), Pass::curedIntersections);
                } else {
                    splitAndClip(ear);
                }
                break;
            }
        }
        --depth_;
    }

    // Where two consecutive edges cross (a "bow tie" a-p-p.next-b), emit the triangle and cut the knot.
    Node* cureLocalIntersections(Node* start) {
        Node* p = start;
        do {
            Node* a = p->prev;
            Node* b = p->next->next;
            if (!samePosition(a, b) && segmentsIntersect(a, p, p->next, b) && locallyInside(a, b) &&
                locallyInside(b, a)) {
                emitTriangle(a, p, b);
                unlink(p);
                unlink(p->next);
                p = start = b;
            }
            p = p->next;
        } while (p != start);
        return filterPoints(p);
    }

    // Last resort: find any valid diagonal, split the ring in two along it and clip both halves.
    void splitAndClip(Node* start) {
        Node* a = start;
        do {
            for (Node* b = a->next->next; b != a->prev; b = b->next) {
                if (a->vertex != b->vertex && isValidDiagonal(a, b)) {
                    Node* c = splitRing(a, b);
                    a = filterPoints(a, a->next);
                    c = filterPoints(c, c->next);
                    clipEars(a, Pass::plain);
                    clipEars(c, Pass::plain);
                    return;
                }
            }
            a = a->next;
        } while (a != start);
    }

    // Connects a and b with a two-way diagonal: a keeps the ring a-b-..., the returned twin of b starts
    // the other ring b'-a'-a.next-...-b.prev.
    Node* splitRing(Node* a, Node* b) {
        Node* a2 = newNode(a->vertex, a->x, a->y);
        Node* b2 = newNode(b->vertex, b->x, b->y);
        Node* an = a->next;
        Node* bp = b->prev;
        a->next = b;
        b->prev = a;
        a2->next = an;
        an->prev = a2;
        b2->next = a2;
        a2->prev = b2;
        bp->next = b2;
        b2->prev = bp;
        return b2;
    }

    static Node* leftmost(Node* start) {
        Node* p = start;
        Node* best = start;
        do {
            if (p->x < best->x || (p->x == best->x && p->y < best->y)) best = p;
            p = p->next;
        } while (p != start);
        return best;
    }

    // Turns each hole into part of the outer ring by a zero-width bridge, left to right so bridges of
    // later holes cannot cross earlier ones.
    Node* eliminateHoles(const Polygon& polygon, Point origin, Triangulation& out, Node* outer) {
        std::vector<Node*> holes;
        holes.reserve(polygon.size() - 1);
        for (size_t r = 1; r < polygon.size(); ++r) {
            Node* list = linkRing(polygon[r], origin, out, false);
            if (!list) continue;
            if (list == list->next) list->steiner = true;
            holes.push_back(leftmost(list));
        }
        std::sort(holes.begin(), holes.end(),
                  [](const Node* a, const Node* b) { return a->x < b->x || (a->x == b->x && a->y < b->y); });
        for (Node* hole : holes) outer = eliminateHole(hole, outer);
        return outer;
    }

    Node* eliminateHole(Node* hole, Node* outer) {
        Node* bridge = findHoleBridge(hole, outer);
        if (!bridge) return outer;  // the hole lies outside the ring: ignore it rather than fail
        Node* bridgeReverse = splitRing(bridge, hole);
        filterPoints(bridgeReverse, bridgeReverse->next);
        return filterPoints(bridge, bridge->next);
    }

    // Finds an outer vertex visible from the hole's leftmost point (after David Eberly, "Triangulation by
    // ear clipping"): cast a ray to the left, take the nearest crossed edge, then the best-angled reflex
    // vertex inside the triangle that could block the view.
    static Node* findHoleBridge(Node* hole, Node* outer) {
        const double hx = hole->x;
        const double hy = hole->y;
        double qx = -std::numeric_limits<double>::infinity();
        Node* m = nullptr;
        Node* p = outer;
        do {
            // Edges on the left side of a counter-clockwise ring run downwards.
            if (hy <= p->y && hy >= p->next->y && p->next->y != p->y) {
                const double x = p->x + (hy - p->y) * (p->next->x - p->x) / (p->next->y - p->y);
                if (x <= hx && x > qx) {
                    qx = x;
                    m = p->x < p->next->x ? p : p->next;
                    if (x == hx) return m;  // the hole touches the outer ring: bridge right there
                }
            }
            p = p->next;
        } while (p != outer);
        if (!m) return nullptr;

        const Node* stop = m;
        const double mx = m->x;
        const double my = m->y;
        double tanMin = std::numeric_limits<double>::infinity();
        p = m;
        do {
            if (hx >= p->x && p->x >= mx && hx != p->x &&
                pointInTriangleAnyWinding(hy < my ? hx : qx, hy, mx, my, hy < my ? qx : hx, hy, p->x, p->y)) {
                const double tanAngle = std::abs(hy - p->y) / (hx - p->x);
                if (locallyInside(p, hole) &&
                    (tanAngle < tanMin ||
                     (tanAngle == tanMin && (p->x > m->x || (p->x == m->x && sectorContainsSector(m, p)))))) {
                    m = p;
                    tanMin = tanAngle;
                }
            }
            p = p->next;
        } while (p != stop);
        return m;
    }
};

Tessellator::Tessellator() : impl_(std::make_unique<Impl>()) {}
Tessellator::~Tessellator() = default;
Tessellator::Tessellator(Tessellator&&) noexcept = default;
Tessellator& Tessellator::operator=(Tessellator&&) noexcept = default;

void Tessellator::tessellate(const Polygon& polygon, Point origin, Triangulation& out) {
    impl_->tessellate(polygon, origin, out);
}

void tessellatePolygon(const Polygon& polygon, Point origin, Triangulation& out) {
    Tessellator tessellator;
    tessellator.tessellate(polygon, origin, out);
}

void tessellatePolygon(const MultiPolygon& polygons, Point origin, Triangulation& out) {
    Tessellator tessellator;
    for (const Polygon& polygon : polygons) tessellator.tessellate(polygon, origin, out);
}

double triangulatedArea(const Triangulation& t, size_t firstIndex) {
    double sum = 0.0;
    for (size_t i = firstIndex; i + 2 < t.indices.size(); i += 3) {
        const double ax = t.xy[2 * size_t{t.indices[i]}], ay = t.xy[2 * size_t{t.indices[i]} + 1];
        const double bx = t.xy[2 * size_t{t.indices[i + 1]}], by = t.xy[2 * size_t{t.indices[i + 1]} + 1];
        const double cx = t.xy[2 * size_t{t.indices[i + 2]}], cy = t.xy[2 * size_t{t.indices[i + 2]} + 1];
        sum += std::abs((bx - ax) * (cy - ay) - (by - ay) * (cx - ax)) * 0.5;
    }
    return sum;
}

}  // namespace samenkaart::mapping
