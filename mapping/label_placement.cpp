#include "mapping/label_placement.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <queue>

namespace samenkaart::mapping {

namespace {

// Distance from p to the polygon outline, negative outside (even-odd, so holes count as outside).
double signedDistanceToOutline(Point p, const Polygon& polygon) {
    bool inside = false;
    double best2 = std::numeric_limits<double>::infinity();
    for (const Ring& ring : polygon) {
        const size_t n = ring.size();
        for (size_t i = 0, j = n - 1; i < n; j = i++) {
            const Point a = ring[i];
            const Point b = ring[j];
            if ((a.y > p.y) != (b.y > p.y) && p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x) inside = !inside;
            double dx = b.x - a.x, dy = b.y - a.y, x = a.x, y = a.y;
            if (dx != 0 || dy != 0) {
                const double t = std::clamp(((p.x - a.x) * dx + (p.y - a.y) * dy) / (dx * dx + dy * dy), 0.0, 1.0);
                x += dx * t;
                y += dy * t;
            }
            dx = p.x - x;
            dy = p.y - y;
            best2 = std::min(best2, dx * dx + dy * dy);
        }
    }
    const double d = std::sqrt(best2);
    return inside ? d : -d;
}

struct Cell {
    Point centre;
    double half = 0.0;      // half the cell's side
    double distance = 0.0;  // signed distance of the centre
    // No point of the cell can be farther from the outline than this.
    double potential() const { return distance + half * std::sqrt(2.0); }
};

Cell makeCell(Point centre, double half, const Polygon& polygon) {
    return {centre, half, signedDistanceToOutline(centre, polygon)};
}

// The area centroid of the exterior: usually a good first guess, which lets the search prune early.
Point ringCentroid(const Ring& ring) {
    double area = 0.0, cx = 0.0, cy = 0.0;
    for (size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
        const double f = ring[j].x * ring[i].y - ring[i].x * ring[j].y;
        cx += (ring[j].x + ring[i].x) * f;
        cy += (ring[j].y + ring[i].y) * f;
        area += f * 3.0;
    }
    return area == 0.0 ? ring.front() : Point{cx / area, cy / area};
}

// Bounds the work on pathological input (huge bboxes with tiny precision).
constexpr size_t kMaxCellsProbed = 100000;

}  // namespace

PoleOfInaccessibility poleOfInaccessibility(const Polygon& polygon, double precision) {
    if (polygon.empty() || polygon.front().size() < 3) {
        if (!polygon.empty() && !polygon.front().empty()) return {polygon.front().front(), 0.0};
        return {};
    }
    const Bbox box = bboxOf(polygon.front());
    const double cellSize = std::min(box.width(), box.height());
    if (cellSize <= 0.0) return {{box.minx, box.miny}, 0.0};
    precision = std::max(precision, cellSize * 1e-9);

    auto lessPromising = [](const Cell& a, const Cell& b) { return a.potential() < b.potential(); };
    std::priority_queue<Cell, std::vector<Cell>, decltype(lessPromising)> queue(lessPromising);
    const double half = cellSize / 2;
    for (double x = box.minx; x < box.maxx; x += cellSize)
        for (double y = box.miny; y < box.maxy; y += cellSize)
            queue.push(makeCell({x + half, y + half}, half, polygon));

    Cell best = makeCell(ringCentroid(polygon.front()), 0.0, polygon);
    const Cell boxCentre = makeCell(box.center(), 0.0, polygon);
    if (boxCentre.distance > best.distance) best = boxCentre;

    size_t probed = 0;
    while (!queue.empty() && probed < kMaxCellsProbed) {
        const Cell cell = queue.top();
        queue.pop();
        if (cell.distance > best.distance) best = cell;
        // Nothing in this cell can beat the best by more than the precision: do not subdivide.
        if (cell.potential() - best.distance <= precision) continue;
        const double h = cell.half / 2;
        for (const Point offset : {Point{-h, -h}, Point{h, -h}, Point{-h, h}, Point{h, h}})
            queue.push(makeCell({cell.centre.x + offset.x, cell.centre.y + offset.y}, h, polygon));
        probed += 4;
    }
    return {best.centre, std::max(0.0, best.distance)};
}

PoleOfInaccessibility poleOfInaccessibility(const MultiPolygon& polygons, double precision) {
    const Polygon* largest = nullptr;
    double largestArea = -1.0;
    for (const Polygon& p : polygons) {
        const double area = polygonArea(p);
        if (area > largestArea) {
            largestArea = area;
            largest = &p;
        }
    }
    return largest ? poleOfInaccessibility(*largest, precision) : PoleOfInaccessibility{};
}

std::vector<uint32_t> labelOrder(std::span<const LabelRequest> requests) {
    std::vector<uint32_t> order(requests.size());
    std::iota(order.begin(), order.end(), uint32_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](uint32_t a, uint32_t b) { return requests[a].priority > requests[b].priority; });
    return order;
}

std::vector<PlacedLabel> placeLabels(std::span<const LabelRequest> requests, const Viewport& viewport, double paddingPx,
                                     std::span<const Point> keepClear, double keepClearRadiusPx) {
    return placeLabels(requests, labelOrder(requests), viewport, paddingPx, keepClear, keepClearRadiusPx);
}

std::vector<PlacedLabel> placeLabels(std::span<const LabelRequest> requests, std::span<const uint32_t> order,
                                     const Viewport& viewport, double paddingPx, std::span<const Point> keepClear,
                                     double keepClearRadiusPx) {
    // Placed rectangles are bucketed in a coarse screen grid so each test looks at a few neighbours only.
    constexpr double kBucketPx = 64.0;
    const int columns = static_cast<int>(std::ceil(viewport.widthPx() / kBucketPx)) + 1;
    const int rows = static_cast<int>(std::ceil(viewport.heightPx() / kBucketPx)) + 1;
    std::vector<std::vector<size_t>> buckets(static_cast<size_t>(columns * rows));
    auto bucketRange = [&](const Bbox& r, int& c0, int& c1, int& r0, int& r1) {
        c0 = std::clamp(static_cast<int>(r.minx / kBucketPx), 0, columns - 1);
        c1 = std::clamp(static_cast<int>(r.maxx / kBucketPx), 0, columns - 1);
        r0 = std::clamp(static_cast<int>(r.miny / kBucketPx), 0, rows - 1);
        r1 = std::clamp(static_cast<int>(r.maxy / kBucketPx), 0, rows - 1);
    };

    // Markers on screen, in a grid of their own.
    std::vector<Bbox> markers;
    std::vector<std::vector<size_t>> markerBuckets(buckets.size());
    for (const Point& p : keepClear) {
        const Point at = viewport.worldToScreen(p);
        const Bbox r{at.x - keepClearRadiusPx, at.y - keepClearRadiusPx, at.x + keepClearRadiusPx,
                     at.y + keepClearRadiusPx};
        if (r.maxx < 0 || r.maxy < 0 || r.minx > viewport.widthPx() || r.miny > viewport.heightPx()) continue;
        int c0, c1, r0, r1;
        bucketRange(r, c0, c1, r0, r1);
        for (int row = r0; row <= r1; ++row)
            for (int c = c0; c <= c1; ++c)
                markerBuckets[static_cast<size_t>(row * columns + c)].push_back(markers.size());
        markers.push_back(r);
    }

    std::vector<PlacedLabel> placed;
    enum class Fit { Yes, Outside, HitsLabel, HitsMarker };
    auto fit = [&](const LabelRequest& request, const Bbox& rect) {
        if (rect.minx < 0 || rect.miny < 0 || rect.maxx > viewport.widthPx() || rect.maxy > viewport.heightPx())
            return Fit::Outside;
        // The feature's bbox on screen: world maxy is the screen top.
        const Point topLeft = viewport.worldToScreen({request.featureBbox.minx, request.featureBbox.maxy});
        const Point bottomRight = viewport.worldToScreen({request.featureBbox.maxx, request.featureBbox.miny});
        if (rect.minx < topLeft.x || rect.maxx > bottomRight.x || rect.miny < topLeft.y || rect.maxy > bottomRight.y)
            return Fit::Outside;
        const Bbox padded{rect.minx - paddingPx, rect.miny - paddingPx, rect.maxx + paddingPx, rect.maxy + paddingPx};
        int c0, c1, r0, r1;
        bucketRange(padded, c0, c1, r0, r1);
        for (int r = r0; r <= r1; ++r)
            for (int c = c0; c <= c1; ++c)
                for (size_t other : buckets[static_cast<size_t>(r * columns + c)])
                    if (placed[other].screenRect.intersects(padded)) return Fit::HitsLabel;
        for (int r = r0; r <= r1; ++r)
            for (int c = c0; c <= c1; ++c)
                for (size_t marker : markerBuckets[static_cast<size_t>(r * columns + c)])
                    if (markers[marker].intersects(rect)) return Fit::HitsMarker;
        return Fit::Yes;
    };
    for (const uint32_t index : order) {
        const LabelRequest& request = requests[index];
        const Point centre = viewport.worldToScreen(request.anchor);
        Bbox rect{centre.x - request.widthPx / 2, centre.y - request.heightPx / 2, centre.x + request.widthPx / 2,
                  centre.y + request.heightPx / 2};
        Fit result = fit(request, rect);
        // A marker in the way: the label moves just above or below it, still inside its feature.
        const double step = request.heightPx + 2.0 * keepClearRadiusPx;
        for (const double dy : {-step, step}) {
            if (result != Fit::HitsMarker) break;
            const Bbox moved{rect.minx, rect.miny + dy, rect.maxx, rect.maxy + dy};
            if (fit(request, moved) == Fit::Yes) {
                rect = moved;
                result = Fit::Yes;
            }
        }
        if (result != Fit::Yes) continue;

        int c0, c1, r0, r1;
        bucketRange(rect, c0, c1, r0, r1);
        for (int r = r0; r <= r1; ++r)
            for (int c = c0; c <= c1; ++c) buckets[static_cast<size_t>(r * columns + c)].push_back(placed.size());
        placed.push_back({index, rect});
    }
    return placed;
}

}  // namespace samenkaart::mapping
