#include "mapping/simplify.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "mapping/pick_index.hpp"
#include "synthetic_layer.hpp"

using namespace samenkaart;
using namespace samenkaart::mapping;

namespace {

Ring circle(Point c, double radius, int vertices) {
    Ring ring;
    for (int i = 0; i < vertices; ++i) {
        const double a = 2.0 * M_PI * i / vertices;
        ring.push_back({c.x + radius * std::cos(a), c.y + radius * std::sin(a)});
    }
    return ring;
}

// Largest distance from any original vertex to the simplified ring's outline.
double hausdorffFromOriginal(const Ring& original, const Ring& simplified) {
    double worst = 0.0;
    for (const Point& p : original) {
        double best = std::numeric_limits<double>::infinity();
        for (size_t i = 0, j = simplified.size() - 1; i < simplified.size(); j = i++) {
            const Point a = simplified[j], b = simplified[i];
            const double dx = b.x - a.x, dy = b.y - a.y;
            const double t = std::clamp(((p.x - a.x) * dx + (p.y - a.y) * dy) / (dx * dx + dy * dy), 0.0, 1.0);
            best = std::min(best, std::hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy)));
        }
        worst = std::max(worst, best);
    }
    return worst;
}

}  // namespace

TEST(Simplify, CollinearPointsOfASquareDisappear) {
    const Ring dense = {{0, 0}, {1, 0}, {2, 0}, {3, 0}, {3, 1}, {3, 2}, {3, 3}, {2, 3}, {1, 3}, {0, 3}, {0, 2}, {0, 1}};
    const Ring simplified = simplifyRing(dense, {0.01, 0.0});
    EXPECT_EQ(simplified.size(), 4u);
    EXPECT_DOUBLE_EQ(std::abs(signedArea(simplified)), 9.0);
}

TEST(Simplify, ErrorStaysWithinToleranceAndVerticesDrop) {
    const Ring round = circle({1000, 2000}, 100.0, 2000);
    for (const double tolerance : {0.01, 0.5, 5.0}) {
        const Ring simplified = simplifyRing(round, {tolerance, 0.0});
        EXPECT_LT(simplified.size(), round.size());
        EXPECT_LE(hausdorffFromOriginal(round, simplified), tolerance + 1e-9) << tolerance;
    }
}

TEST(Simplify, AKeptRingNeverHasFewerThanFourVertices) {
    const Ring round = circle({0, 0}, 10.0, 100);
    const Ring coarse = simplifyRing(round, {50.0, 0.0});  // tolerance bigger than the circle
    EXPECT_EQ(coarse.size(), 4u);
    EXPECT_GT(std::abs(signedArea(coarse)), 0.0);
    const Ring triangle = {{0, 0}, {10, 0}, {0, 10}};
    EXPECT_EQ(simplifyRing(triangle, {50.0, 0.0}).size(), 3u);  // fewer to begin with: kept as is
}

TEST(Simplify, RingsSmallerThanAPixelAreDropped) {
    const SimplifyOptions options = simplifyOptionsForResolution(10.0);  // 10 m pixels
    EXPECT_TRUE(simplifyRing(circle({0, 0}, 4.0, 50), options).empty());
    EXPECT_FALSE(simplifyRing(circle({0, 0}, 40.0, 50), options).empty());
    EXPECT_TRUE(simplifyRing({{0, 0}, {1, 1}}, options).empty());

    const Polygon withTinyHole = {circle({0, 0}, 400.0, 200), circle({0, 0}, 3.0, 20)};
    const Polygon simplified = simplifyPolygon(withTinyHole, options);
    ASSERT_EQ(simplified.size(), 1u);
    EXPECT_TRUE(simplifyPolygon({circle({0, 0}, 3.0, 20), circle({0, 0}, 1.0, 20)}, options).empty());
}

TEST(Simplify, MultiPolygonDropsOnlyTheTinyParts) {
    const MultiPolygon mp = {{circle({0, 0}, 500.0, 100)}, {circle({2000, 0}, 2.0, 30)}};
    EXPECT_EQ(simplifyMultiPolygon(mp, simplifyOptionsForResolution(10.0)).size(), 1u);
}

TEST(Simplify, LinesKeepTheirEndPoints) {
    LineString line;
    for (int i = 0; i <= 100; ++i) line.push_back({static_cast<double>(i), std::sin(i * 0.1) * 0.001});
    const LineString simplified = simplifyLine(line, 0.01);
    ASSERT_EQ(simplified.size(), 2u);
    EXPECT_EQ(simplified.front(), line.front());
    EXPECT_EQ(simplified.back(), line.back());
}

TEST(Simplify, SimplifiedSyntheticLayerStillPicksTheSameFeaturesAwayFromEdges) {
    test_support::SyntheticLayerSpec spec;
    spec.featureCount = 100;
    const auto features = test_support::makeSyntheticLayer(spec);
    std::vector<MultiPolygon> simplified;
    size_t before = 0, after = 0;
    for (const auto& f : features) {
        simplified.push_back(simplifyMultiPolygon(f, simplifyOptionsForResolution(20.0)));
        for (const auto& p : f) before += p.front().size();
        for (const auto& p : simplified.back()) after += p.front().size();
    }
    EXPECT_LT(after, before / 2);
    const PickIndex full(features), coarse(simplified);
    for (size_t i = 0; i < features.size(); ++i) {
        const Point centreOfBlob = bboxOf(features[i].front().front()).center();
        if (features[i].front().size() > 1) continue;  // the centre is in the hole
        EXPECT_EQ(full.pick(centreOfBlob), coarse.pick(centreOfBlob));
    }
}

TEST(LodLadder, CoarserLevelsAsThePixelsGrow) {
    const LodLadder ladder(32768.0);  // 32 km layer: band 1 starts at 1 m per pixel
    EXPECT_DOUBLE_EQ(ladder.minResolution(0), 0.0);
    EXPECT_DOUBLE_EQ(ladder.minResolution(1), 1.0);
    EXPECT_DOUBLE_EQ(ladder.minResolution(3), 4.0);
    // The coarsest band still covers a layer shown in a few pixels.
    EXPECT_DOUBLE_EQ(ladder.minResolution(LodLadder::kBandCount - 1), 32768.0 / 4.0);
    EXPECT_DOUBLE_EQ(ladder.options(3).tolerance, 4.0);
    EXPECT_DOUBLE_EQ(ladder.options(3).minRingExtent, 4.0);
    // A layer that kept bands 0, 3 and 5 (the others did not simplify enough to pay off).
    const std::vector<double> kept = {0.0, ladder.minResolution(3), ladder.minResolution(5)};
    EXPECT_EQ(lodLevelFor(kept, 0.5), 0u);
    EXPECT_EQ(lodLevelFor(kept, 3.9), 0u);
    EXPECT_EQ(lodLevelFor(kept, 4.0), 1u);
    EXPECT_EQ(lodLevelFor(kept, 1e9), 2u);
}
