// The cluster index against brute force: whatever the view and the marker radius, the clusters' counts
// (and their counts per category) add up to the pins in view, each cluster lies inside the view, and
// the pins on one spot stay one cluster that lists them.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <set>
#include <vector>

#include "mapping/pin_clusters.hpp"

namespace samenkaart::mapping {
namespace {

struct Pins {
    std::vector<Point> positions;
    std::vector<uint16_t> categories;
};

// Blobs of pins (a street, a square), pins scattered over a 30 km area, and a few spots holding many
// pins at once: what a Werkplaats's year looks like.
Pins generate(unsigned seed, size_t n, size_t categoryCount) {
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> ux(120000.0, 150000.0), uy(470000.0, 500000.0);
    std::normal_distribution<double> blob(0.0, 150.0);
    std::uniform_int_distribution<int> cat(0, static_cast<int>(categoryCount) - 1);
    std::vector<Point> centres;
    for (int i = 0; i < 12; ++i) centres.push_back({ux(rng), uy(rng)});
    Pins p;
    for (size_t i = 0; i < n; ++i) {
        Point at;
        const auto kind = i % 10;
        if (kind < 5) {
            const Point c = centres[i % centres.size()];
            at = {c.x + blob(rng), c.y + blob(rng)};
        } else if (kind < 9) {
            at = {ux(rng), uy(rng)};
        } else {
            at = centres[i % 3];  // one spot, many pins
        }
        // Whole centimetres, as a digitised position would be.
        p.positions.push_back({std::round(at.x * 100.0) / 100.0, std::round(at.y * 100.0) / 100.0});
        p.categories.push_back(static_cast<uint16_t>(cat(rng)));
    }
    return p;
}

bool inside(const Bbox& b, Point p) { return p.x >= b.minx && p.x <= b.maxx && p.y >= b.miny && p.y <= b.maxy; }

void expectExact(const PinClusterIndex& index, const Pins& pins, size_t categoryCount, const Bbox& view,
                 double radius) {
    std::vector<uint64_t> perCategory(categoryCount, 0);
    uint64_t inView = 0;
    for (size_t i = 0; i < pins.positions.size(); ++i)
        if (inside(view, pins.positions[i])) {
            ++inView;
            ++perCategory[pins.categories[i]];
        }
    const ClusterView v = index.query(view, radius);
    uint64_t sum = 0;
    std::vector<uint64_t> sumPerCategory(categoryCount, 0);
    for (const PinCluster& c : v.clusters) {
        ASSERT_GT(c.count, 0U);
        sum += c.count;
        uint64_t categories = 0;
        for (size_t k = 0; k < categoryCount; ++k) {
            sumPerCategory[k] += v.categoriesOf(c)[k];
            categories += v.categoriesOf(c)[k];
        }
        EXPECT_EQ(categories, c.count);
        EXPECT_TRUE(inside(view, {c.extent.minx, c.extent.miny}) && inside(view, {c.extent.maxx, c.extent.maxy}))
            << "a cluster reaches out of the view";
        EXPECT_TRUE(inside(c.extent, c.centre));
        if (c.count == 1) {
            EXPECT_NEAR(pins.positions[c.pin].x, c.centre.x, 1e-6);
            EXPECT_NEAR(pins.positions[c.pin].y, c.centre.y, 1e-6);
        }
    }
    EXPECT_EQ(sum, inView) << "view " << view.minx << "," << view.miny << " " << view.maxx << "," << view.maxy
                           << " radius " << radius;
    EXPECT_EQ(v.pinsInView, inView);
    EXPECT_EQ(sumPerCategory, perCategory);
}

TEST(PinClusters, CountsAddUpToThePinsInViewWhateverTheViewAndRadius) {
    for (const unsigned seed : {1U, 2U, 3U}) {
        const size_t categories = 5;
        const Pins pins = generate(seed, 20000, categories);
        const PinClusterIndex index(pins.positions, pins.categories, categories);
        ASSERT_EQ(index.size(), pins.positions.size());
        std::mt19937_64 rng(seed * 7919);
        std::uniform_real_distribution<double> x(110000.0, 160000.0), y(460000.0, 510000.0), size(1.0, 40000.0),
            radius(0.0, 3000.0);
        for (int q = 0; q < 60; ++q) {
            const double cx = x(rng), cy = y(rng), w = size(rng), h = size(rng);
            expectExact(index, pins, categories, {cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2},
                        q % 10 == 0 ? 0.0 : radius(rng));
        }
        // The whole area, a view that ends exactly on pins, and one that holds no pin.
        expectExact(index, pins, categories, {100000, 450000, 170000, 520000}, 500.0);
        const Point p = pins.positions[17];
        expectExact(index, pins, categories, {p.x, p.y, p.x + 800.0, p.y + 800.0}, 100.0);
        expectExact(index, pins, categories, {0, 0, 10, 10}, 5.0);
    }
}

TEST(PinClusters, ARadiusAsLargeAsTheAreaIsOneClusterAndZeroIsOnePerSpot) {
    const Pins pins = generate(4, 5000, 3);
    const PinClusterIndex index(pins.positions, pins.categories, 3);
    const Bbox all{100000, 450000, 170000, 520000};
    const ClusterView one = index.query(all, 100000.0);
    ASSERT_EQ(one.clusters.size(), 1U);
    EXPECT_EQ(one.clusters[0].count, 5000U);

    // Radius 0: one cluster per distinct position (centimetre positions over 30 km are far apart on
    // the index's grid of 2^24 cells a side).
    std::set<std::pair<double, double>> spots;
    for (const Point& p : pins.positions) spots.insert({p.x, p.y});
    const ClusterView each = index.query(all, 0.0);
    EXPECT_EQ(each.clusters.size(), spots.size());
    EXPECT_EQ(each.level, PinClusterIndex::kLevels);

    // Farther out, fewer clusters; the largest first.
    size_t previous = each.clusters.size();
    for (const double r : {10.0, 100.0, 1000.0, 10000.0}) {
        const ClusterView v = index.query(all, r);
        EXPECT_LT(v.clusters.size(), previous) << "radius " << r;
        previous = v.clusters.size();
        EXPECT_TRUE(std::is_sorted(v.clusters.begin(), v.clusters.end(),
                                   [](const PinCluster& a, const PinCluster& b) { return a.count > b.count; }));
    }
}

TEST(PinClusters, ClustersAtOneRadiusDoNotOverlapTheirNeighbourMuch) {
    // The greedy merge takes every cell centre within the radius of a larger cluster's centre: what is
    // left may still sit closer after the centres moved, but never at a fraction of the radius.
    const Pins pins = generate(5, 20000, 4);
    const PinClusterIndex index(pins.positions, pins.categories, 4);
    const double r = 400.0;
    const ClusterView v = index.query({100000, 450000, 170000, 520000}, r);
    size_t close = 0;
    for (size_t i = 0; i < v.clusters.size(); ++i)
        for (size_t j = i + 1; j < v.clusters.size(); ++j)
            if (std::hypot(v.clusters[i].centre.x - v.clusters[j].centre.x,
                           v.clusters[i].centre.y - v.clusters[j].centre.y) < 0.25 * r)
                ++close;
    EXPECT_EQ(close, 0U);
}

TEST(PinClusters, PinsOnOneSpotStayOneClusterThatListsThem) {
    Pins pins;
    for (int i = 0; i < 40; ++i) {
        pins.positions.push_back({155000.25, 463000.5});
        pins.categories.push_back(static_cast<uint16_t>(i % 2));
    }
    pins.positions.push_back({155010.0, 463000.5});
    pins.categories.push_back(1);
    const PinClusterIndex index(pins.positions, pins.categories, 2);
    const ClusterView v = index.query({154000, 462000, 156000, 464000}, 0.0);
    ASSERT_EQ(v.clusters.size(), 2U);
    const PinCluster& spot = v.clusters[0];
    EXPECT_EQ(spot.count, 40U);
    EXPECT_EQ(spot.extent.width(), 0.0);
    EXPECT_EQ(spot.extent.height(), 0.0);
    EXPECT_EQ(v.categoriesOf(spot)[0], 20U);
    EXPECT_EQ(v.clusters[1].count, 1U);
    EXPECT_EQ(v.clusters[1].pin, 40U);

    std::vector<uint32_t> listed = index.pinsIn(spot.extent, 100);
    std::sort(listed.begin(), listed.end());
    ASSERT_EQ(listed.size(), 40U);
    for (uint32_t i = 0; i < 40; ++i) EXPECT_EQ(listed[i], i);
    EXPECT_EQ(index.pinsIn(spot.extent, 7).size(), 7U);
    EXPECT_TRUE(index.pinsIn({0, 0, 1, 1}, 10).empty());
}

TEST(PinClusters, PinsInMatchesBruteForce) {
    const Pins pins = generate(6, 10000, 2);
    const PinClusterIndex index(pins.positions, pins.categories, 2);
    const Bbox area{130000, 475000, 141000, 489000};
    std::vector<uint32_t> expected;
    for (uint32_t i = 0; i < pins.positions.size(); ++i)
        if (inside(area, pins.positions[i])) expected.push_back(i);
    std::vector<uint32_t> got = index.pinsIn(area, pins.positions.size());
    std::sort(got.begin(), got.end());
    EXPECT_EQ(got, expected);
}

TEST(PinClusters, EmptyNonFiniteAndWrongInput) {
    const PinClusterIndex none({}, {}, 3);
    EXPECT_EQ(none.size(), 0U);
    EXPECT_TRUE(none.query({0, 0, 1, 1}, 1.0).clusters.empty());

    const std::vector<Point> positions{{1, 1}, {NAN, 2}, {3, INFINITY}, {2, 2}};
    const std::vector<uint16_t> categories{0, 0, 0, 1};
    const PinClusterIndex index(positions, categories, 2);
    EXPECT_EQ(index.size(), 2U);
    const ClusterView v = index.query({0, 0, 5, 5}, 0.0);
    EXPECT_EQ(v.pinsInView, 2U);
    EXPECT_TRUE(index.query(Bbox{}, 1.0).clusters.empty());

    // One pin: a grid of no size still works.
    const std::vector<Point> one{{7, 7}};
    const std::vector<uint16_t> oneCategory{0};
    EXPECT_EQ(PinClusterIndex(one, oneCategory, 1).query({0, 0, 10, 10}, 3.0).pinsInView, 1U);

    EXPECT_THROW(PinClusterIndex(positions, std::vector<uint16_t>{0}, 2), std::invalid_argument);
    EXPECT_THROW(PinClusterIndex(positions, std::vector<uint16_t>{0, 0, 0, 2}, 2), std::invalid_argument);
}

}  // namespace
}  // namespace samenkaart::mapping
