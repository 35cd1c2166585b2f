#include "mapping/pick_index.hpp"

#include "mapping/huge_pages.hpp"

#include <limits>
#include <utility>

namespace samenkaart::mapping {

PickIndex::PickIndex(const std::vector<MultiPolygon>& polygons, std::vector<Point> points)
    : points_(std::move(points)) {
    addPolygons(polygons.size(), [&polygons](size_t i) -> const MultiPolygon& { return polygons[i]; });
    std::vector<Bbox> pointBoxes;
    pointBoxes.reserve(points_.size());
    for (const Point& p : points_) pointBoxes.push_back({p.x, p.y, p.x, p.y});
    pointTree_ = PackedRTree(pointBoxes);
}

PickIndex::PickIndex(size_t featureCount, const std::function<const MultiPolygon&(size_t)>& featureAt) {
    addPolygons(featureCount, featureAt);
}

void PickIndex::addPolygons(size_t featureCount, const std::function<const MultiPolygon&(size_t)>& featureAt) {
    size_t vertexCount = 0;
    size_t ringCount = 0;
    for (size_t f = 0; f < featureCount; ++f) {
        for (const Polygon& polygon : featureAt(f)) {
            ringCount += polygon.size();
            for (const Ring& ring : polygon) vertexCount += ring.size();
        }
    }
    vertices_.reserve(vertexCount);
    adviseHugePages(vertices_.data(), vertexCount * sizeof(Point));
    ringBegin_.reserve(ringCount + 1);
    ringBoxes_.reserve(ringCount);
    std::vector<Bbox> featureBoxes;
    featureBoxes.reserve(featureCount);
    featureRingBegin_.reserve(featureCount + 1);
    for (size_t f = 0; f < featureCount; ++f) {
        featureRingBegin_.push_back(static_cast<uint32_t>(ringBoxes_.size()));
        Bbox featureBox;
        for (const Polygon& polygon : featureAt(f)) {
            for (const Ring& ring : polygon) {
                ringBegin_.push_back(static_cast<uint32_t>(vertices_.size()));
                vertices_.insert(vertices_.end(), ring.begin(), ring.end());
                const Bbox box = bboxOf(ring);
                ringBoxes_.push_back(box);
                featureBox.expand(box);
            }
        }
        featureBoxes.push_back(featureBox);
    }
    featureRingBegin_.push_back(static_cast<uint32_t>(ringBoxes_.size()));
    ringBegin_.push_back(static_cast<uint32_t>(vertices_.size()));
    polygonTree_ = PackedRTree(featureBoxes);
}

bool PickIndex::featureContains(size_t feature, Point world) const {
    bool inside = false;
    for (uint32_t r = featureRingBegin_[feature]; r < featureRingBegin_[feature + 1]; ++r) {
        // From outside a ring's bbox the ray crosses that ring an even number of times: no parity change.
        if (!ringBoxes_[r].contains(world)) continue;
        const uint32_t begin = ringBegin_[r];
        const uint32_t end = ringBegin_[r + 1];
        // Half-open crossing rule: a point on an edge shared by two features belongs to exactly one.
        for (uint32_t i = begin, j = end - 1; i < end; j = i++) {
            const Point& a = vertices_[i];
            const Point& b = vertices_[j];
            if ((a.y > world.y) != (b.y > world.y) && world.x < (b.x - a.x) * (world.y - a.y) / (b.y - a.y) + a.x)
                inside = !inside;
        }
    }
    return inside;
}

std::optional<size_t> PickIndex::pick(Point world) const {
    std::optional<size_t> best;
    polygonTree_.search({world.x, world.y, world.x, world.y}, [&](size_t feature) {
        if ((!best || feature > *best) && featureContains(feature, world)) best = feature;
    });
    return best;
}

std::optional<size_t> PickIndex::pickNearestPoint(Point world, double radius) const {
    if (!(radius >= 0)) return std::nullopt;
    std::optional<size_t> best;
    double bestDistance2 = std::numeric_limits<double>::infinity();
    const double radius2 = radius * radius;
    pointTree_.search({world.x - radius, world.y - radius, world.x + radius, world.y + radius}, [&](size_t i) {
        const double dx = points_[i].x - world.x;
        const double dy = points_[i].y - world.y;
        const double d2 = dx * dx + dy * dy;
        if (d2 > radius2) return;
        if (d2 < bestDistance2 || (d2 == bestDistance2 && best && i > *best)) {
            best = i;
            bestDistance2 = d2;
        }
    });
    return best;
}

}  // namespace samenkaart::mapping
