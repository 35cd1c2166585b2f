#include "mapping/pick_index.hpp"

#include <gtest/gtest.h>

#include <random>

#include "synthetic_layer.hpp"

using namespace samenkaart;
using namespace samenkaart::mapping;

namespace {

Ring square(double x0, double y0, double size) {
    return {{x0, y0}, {x0 + size, y0}, {x0 + size, y0 + size}, {x0, y0 + size}};
}

}  // namespace

TEST(PackedRTree, FindsExactlyTheIntersectingBoxesAgainstBruteForce) {
    std::mt19937 random(7);
    std::uniform_real_distribution<double> coordinate(0, 1000);
    std::vector<Bbox> boxes;
    for (int i = 0; i < 5000; ++i) {
        const double x = coordinate(random), y = coordinate(random);
        boxes.push_back({x, y, x + coordinate(random) / 50, y + coordinate(random) / 50});
    }
    boxes.push_back(Bbox{});  // an empty box never matches
    const PackedRTree tree(boxes);
    for (int q = 0; q < 200; ++q) {
        const double x = coordinate(random), y = coordinate(random);
        const Bbox query{x, y, x + 30, y + 30};
        std::vector<size_t> found;
        tree.search(query, [&](size_t i) { found.push_back(i); });
        std::vector<size_t> expected;
        for (size_t i = 0; i < boxes.size(); ++i)
            if (!boxes[i].empty() && boxes[i].intersects(query)) expected.push_back(i);
        std::sort(found.begin(), found.end());
        ASSERT_EQ(found, expected);
    }
}

TEST(PackedRTree, EmptyAndSingleItemTrees) {
    const PackedRTree empty(std::vector<Bbox>{});
    int hits = 0;
    empty.search({0, 0, 1, 1}, [&](size_t) { ++hits; });
    EXPECT_EQ(hits, 0);
    const PackedRTree single(std::vector<Bbox>{{0, 0, 1, 1}});
    single.search({0.5, 0.5, 0.5, 0.5}, [&](size_t i) { hits += static_cast<int>(i) + 1; });
    EXPECT_EQ(hits, 1);
}

TEST(PickIndex, HoleIsNotPartOfThePolygon) {
    const PickIndex index({{{square(0, 0, 10), square(3, 3, 4)}}});
    EXPECT_EQ(index.pick({1, 1}), 0u);
    EXPECT_EQ(index.pick({5, 5}), std::nullopt);
    EXPECT_EQ(index.pick({11, 5}), std::nullopt);
}

TEST(PickIndex, EveryPartOfAMultiPolygonAndAnIslandInsideAHole) {
    const MultiPolygon lakeWithIsland = {{square(0, 0, 10), square(2, 2, 6)}, {square(4, 4, 2)}};
    const MultiPolygon faraway = {{square(100, 100, 5)}};
    const PickIndex index({lakeWithIsland, faraway});
    EXPECT_EQ(index.pick({1, 1}), 0u);
    EXPECT_EQ(index.pick({3, 3}), std::nullopt);  // in the lake
    EXPECT_EQ(index.pick({5, 5}), 0u);            // on the island
    EXPECT_EQ(index.pick({102, 102}), 1u);
}

TEST(PickIndex, SharedEdgeBelongsToExactlyOneFeature) {
    const PickIndex index({{{square(0, 0, 1)}}, {{square(1, 0, 1)}}, {{square(0, 1, 1)}}});
    EXPECT_EQ(index.pick({0.999, 0.5}), 0u);
    EXPECT_EQ(index.pick({1.001, 0.5}), 1u);
    EXPECT_EQ(index.pick({0.5, 1.001}), 2u);
    // One index per square, so that a point claimed by two squares would be seen twice.
    const PickIndex left({{{square(0, 0, 1)}}}), right({{{square(1, 0, 1)}}}), top({{{square(0, 1, 1)}}});
    for (const Point onEdge : {Point{1.0, 0.5}, Point{0.5, 1.0}}) {
        const int claims =
            left.pick(onEdge).has_value() + right.pick(onEdge).has_value() + top.pick(onEdge).has_value();
        EXPECT_EQ(claims, 1) << onEdge.x << "," << onEdge.y;
        EXPECT_TRUE(index.pick(onEdge).has_value());
    }
}

TEST(PickIndex, OverlappingFeaturesReportTheOneDrawnOnTop) {
    const PickIndex index({{{square(0, 0, 10)}}, {{square(5, 5, 10)}}, {{square(100, 0, 1)}}});
    EXPECT_EQ(index.pick({7, 7}), 1u);
    EXPECT_EQ(index.pick({2, 2}), 0u);
}

TEST(PickIndex, AgreesWithBruteForceOnTheSyntheticLayer) {
    test_support::SyntheticLayerSpec spec;
    spec.featureCount = 400;
    spec.verticesPerFeature = 60;
    const auto features = test_support::makeSyntheticLayer(spec);
    const PickIndex index(features);
    ASSERT_EQ(index.polygonFeatureCount(), 400u);
    std::mt19937 random(3);
    std::uniform_real_distribution<double> dx(0, 20 * spec.cellSize);
    size_t hits = 0;
    for (int q = 0; q < 2000; ++q) {
        const Point p{spec.corner.x + dx(random), spec.corner.y + dx(random)};
        std::optional<size_t> expected;
        for (size_t f = 0; f < features.size(); ++f) {
            bool inside = false;
            for (const Polygon& poly : features[f])
                for (const Ring& ring : poly)
                    for (size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++)
                        if ((ring[i].y > p.y) != (ring[j].y > p.y) &&
                            p.x < (ring[j].x - ring[i].x) * (p.y - ring[i].y) / (ring[j].y - ring[i].y) + ring[i].x)
                            inside = !inside;
            if (inside) expected = f;
        }
        ASSERT_EQ(index.pick(p), expected);
        hits += expected.has_value();
    }
    EXPECT_GT(hits, 500u);  // the query points really exercised both answers
}

TEST(PickIndex, NearestPinWithinRadius) {
    const PickIndex index({}, {{0, 0}, {10, 0}, {10.5, 0}, {10, 0}});
    EXPECT_EQ(index.pickNearestPoint({1, 1}, 2.0), 0u);
    EXPECT_EQ(index.pickNearestPoint({10.4, 0}, 2.0), 2u);
    EXPECT_EQ(index.pickNearestPoint({9.9, 0}, 2.0), 3u);  // two pins at one spot: the one on top
    EXPECT_EQ(index.pickNearestPoint({5, 0}, 2.0), std::nullopt);
    EXPECT_EQ(index.pickNearestPoint({0, 3}, 2.0), std::nullopt);  // inside the box, outside the circle
    EXPECT_EQ(index.pick({0, 0}), std::nullopt);
}
