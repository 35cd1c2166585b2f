// Clusters of pins for a map with 10^5..10^6 of them: at a far zoom, nearby pins are one marker with
// their count and their categories' mix; zooming in splits them down to single pins.
//
// How: every pin gets a Morton (Z-order) code of its position on a 2^24 x 2^24 grid over the pins'
// extent, and the pins are sorted by it. A quadtree cell of any level is then one run of that order,
// found by two binary searches, and the sums over a run (count, positions, categories) come from
// prefix sums kept every kBlock pins. So the index holds no per-level tables (supercluster builds one
// KD-tree per zoom level): building it is a radix sort, and a query walks only the cells that meet the
// view. Every pin lies in exactly one cell of each level, and a cell that sticks out of the view is
// split down to its pins, so the counts of the clusters of a query add up to the pins in view exactly.
// Cells are then merged greedily where their markers would overlap (the largest first), which keeps the
// sums exact and hides the grid.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "engine/geometry.hpp"

namespace samenkaart::mapping {

struct PinCluster {
    Point centre;                // the mean position of its pins (map CRS)
    Bbox extent;                 // of its pins: zero size when they all sit on one spot
    uint32_t count = 0;          // pins
    uint32_t pin = 0;            // with count == 1: that pin's index in the input
    uint32_t categoryBegin = 0;  // its counts per category: ClusterView::categoryCounts[categoryBegin ..
                                 // categoryBegin + categoryCount)
};

struct ClusterView {
    std::vector<PinCluster> clusters;      // the largest first
    std::vector<uint32_t> categoryCounts;  // categoryCount per cluster
    size_t categoryCount = 0;
    uint64_t pinsInView = 0;  // the sum of the clusters' counts
    int level = 0;            // the quadtree level of the query's cells

    std::span<const uint32_t> categoriesOf(const PinCluster& c) const {
        return std::span<const uint32_t>(categoryCounts).subspan(c.categoryBegin, categoryCount);
    }
};

class PinClusterIndex {
public:
    static constexpr int kLevels = 24;      // bits per axis: cells down to 1/16,777,216 of the extent
    static constexpr uint32_t kBlock = 32;  // prefix sums every kBlock pins

    PinClusterIndex() = default;
    // positions: map CRS; category[i]: pin i's category as an index below categoryCount (one per pin).
    // Pins at a non-finite position are left out of every query.
    PinClusterIndex(std::span<const Point> positions, std::span<const uint16_t> category, size_t categoryCount);

    size_t size() const { return order_.size(); }
    size_t categoryCount() const { return categoryCount_; }

    // The clusters of the pins inside `view` (edges included), for markers of radiusMapUnits (the
    // marker's radius on screen times the viewport's map units per pixel): no two clusters' centres are
    // closer than that radius. A radius of 0 gives one cluster per distinct position.
    ClusterView query(const Bbox& view, double radiusMapUnits) const;

    // The input indices of the pins inside `area` (edges included), at most `limit` of them, in
    // Z-order: the pins of a cluster (its extent), or those on one spot.
    std::vector<uint32_t> pinsIn(const Bbox& area, size_t limit) const;

private:
    struct Run {
        uint32_t begin = 0, end = 0;
    };
    struct Acc;
    void addRun(Acc& acc, Run run) const;
    void addPin(Acc& acc, uint32_t sorted) const;
    Run childRun(Run parent, uint64_t childPrefix, int childLevel) const;
    Bbox cellBox(uint64_t prefix, int level) const;
    template <class Emit>
    void visit(const Bbox& view, int targetLevel, uint64_t prefix, int level, Run run, Emit& emit) const;

    std::vector<uint64_t> codes_;     // sorted Morton codes, one per (finite) pin
    std::vector<uint32_t> order_;     // input index of the i-th pin in that order
    std::vector<Point> positions_;    // in that order, relative to origin_ (precise sums)
    std::vector<uint16_t> category_;  // in that order
    // Prefix sums at every kBlock-th pin: sums over [0, k * kBlock).
    std::vector<Point> blockSums_;
    std::vector<uint32_t> blockCategory_;  // categoryCount_ per block boundary
    std::vector<Bbox> blockBoxes_;         // of the pins of block k: [k * kBlock, (k + 1) * kBlock)
    size_t categoryCount_ = 0;
    Point origin_;     // the grid's lower left corner
    double side_ = 1;  // the grid's side (map units)
};

}  // namespace samenkaart::mapping
