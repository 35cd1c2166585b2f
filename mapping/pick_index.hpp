// Hit-testing: which feature is under the pointer. Built once per layer snapshot (on a worker if need
// be), then queried on every mouse move.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "engine/geometry.hpp"
#include "mapping/packed_rtree.hpp"

namespace samenkaart::mapping {

class PickIndex {
public:
    PickIndex() = default;
    // Copies the geometry into compact arrays, so the index stays valid whatever happens to the input.
    // Feature i of `polygons` is reported by pick() as i, point i of `points` by pickNearestPoint() as i.
    explicit PickIndex(const std::vector<MultiPolygon>& polygons, std::vector<Point> points = {});
    // The same from features kept elsewhere (feature i is featureAt(i)), without a copy of them first.
    PickIndex(size_t featureCount, const std::function<const MultiPolygon&(size_t)>& featureAt);

    // The polygon feature containing `world` (even-odd over all of its rings, so holes do not count and
    // islands in holes do). Where features overlap the one drawn last - the highest index - wins.
    std::optional<size_t> pick(Point world) const;

    // The point feature nearest to `world` within `radius` (world units: callers convert pixels with
    // Viewport::resolution()). Ties go to the highest index, the marker drawn on top.
    std::optional<size_t> pickNearestPoint(Point world, double radius) const;

    size_t polygonFeatureCount() const { return featureRingBegin_.empty() ? 0 : featureRingBegin_.size() - 1; }
    size_t pointFeatureCount() const { return points_.size(); }

private:
    void addPolygons(size_t featureCount, const std::function<const MultiPolygon&(size_t)>& featureAt);
    bool featureContains(size_t feature, Point world) const;

    std::vector<Point> vertices_;             // all rings of all features, back to back
    std::vector<uint32_t> ringBegin_;         // ring r spans [ringBegin_[r], ringBegin_[r + 1])
    std::vector<Bbox> ringBoxes_;             // skips the crossing count of rings far from the point
    std::vector<uint32_t> featureRingBegin_;  // feature f owns rings [featureRingBegin_[f], [f + 1])
    PackedRTree polygonTree_;
    std::vector<Point> points_;
    PackedRTree pointTree_;
};

}  // namespace samenkaart::mapping
