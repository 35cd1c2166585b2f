#include "mapping/tessellate.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "corpus_reader.hpp"

using namespace samenkaart;
using namespace samenkaart::mapping;

namespace {

Triangulation tessellated(const Polygon& polygon, Point origin = {}) {
    Triangulation t;
    tessellatePolygon(polygon, origin, t);
    return t;
}

void expectIndicesInRange(const Triangulation& t) {
    for (uint32_t i : t.indices) ASSERT_LT(i, t.vertexCount());
}

Ring square(double x0, double y0, double size) {
    return {{x0, y0}, {x0 + size, y0}, {x0 + size, y0 + size}, {x0, y0 + size}};
}

}  // namespace

TEST(Tessellate, SquareGivesTwoTrianglesCoveringItsArea) {
    const Triangulation t = tessellated({square(0, 0, 10)});
    EXPECT_EQ(t.triangleCount(), 2u);
    EXPECT_EQ(t.vertexCount(), 4u);
    EXPECT_DOUBLE_EQ(triangulatedArea(t), 100.0);
    expectIndicesInRange(t);
}

TEST(Tessellate, WindingOfTheInputDoesNotMatter) {
    Ring clockwise = square(0, 0, 10);
    std::reverse(clockwise.begin(), clockwise.end());
    const Triangulation t = tessellated({clockwise});
    EXPECT_EQ(t.triangleCount(), 2u);
    EXPECT_DOUBLE_EQ(triangulatedArea(t), 100.0);
}

TEST(Tessellate, ConcaveLShapeGivesFourTriangles) {
    const Polygon l = {{{0, 0}, {2, 0}, {2, 1}, {1, 1}, {1, 2}, {0, 2}}};
    const Triangulation t = tessellated(l);
    EXPECT_EQ(t.triangleCount(), 4u);
    EXPECT_DOUBLE_EQ(triangulatedArea(t), 3.0);
}

TEST(Tessellate, SquareWithHoleGivesEightTrianglesAndExcludesTheHole) {
    // n + 2h - 2 triangles for n vertices and h holes: 8 + 2 - 2.
    const Polygon p = {square(0, 0, 10), square(3, 3, 4)};
    const Triangulation t = tessellated(p);
    EXPECT_EQ(t.triangleCount(), 8u);
    EXPECT_DOUBLE_EQ(triangulatedArea(t), 100.0 - 16.0);
    expectIndicesInRange(t);
}

TEST(Tessellate, SeveralHolesInAnyWinding) {
    Ring hole2 = square(6, 6, 2);
    std::reverse(hole2.begin(), hole2.end());
    const Polygon p = {square(0, 0, 10), square(1, 1, 2), hole2, square(1.5, 5.5, 2)};
    const Triangulation t = tessellated(p);
    EXPECT_EQ(t.triangleCount(), 16u + 2u * 3u - 2u);
    EXPECT_NEAR(triangulatedArea(t), polygonArea(p), 1e-9);
}

TEST(Tessellate, HoleTouchingTheOuterRingAtAVertex) {
    const Polygon p = {square(0, 0, 10), {{0, 5}, {3, 4}, {3, 6}}};
    const Triangulation t = tessellated(p);
    EXPECT_NEAR(triangulatedArea(t), polygonArea(p), 1e-9);
}

TEST(Tessellate, MultiPolygonAppendsEveryPart) {
    const MultiPolygon mp = {{square(0, 0, 1)}, {square(5, 5, 2), square(5.5, 5.5, 1)}};
    Triangulation t;
    tessellatePolygon(mp, {}, t);
    EXPECT_EQ(t.triangleCount(), 2u + 8u);
    EXPECT_DOUBLE_EQ(triangulatedArea(t), 1.0 + 4.0 - 1.0);
    expectIndicesInRange(t);
}

TEST(Tessellate, AppendsAfterExistingContentWithOffsetIndices) {
    Triangulation t;
    tessellatePolygon(Polygon{square(0, 0, 1)}, {}, t);
    tessellatePolygon(Polygon{square(2, 0, 1)}, {}, t);
    EXPECT_EQ(t.vertexCount(), 8u);
    ASSERT_EQ(t.triangleCount(), 4u);
    for (size_t i = 6; i < 12; ++i) EXPECT_GE(t.indices[i], 4u);
}

TEST(Tessellate, VerticesAreRelativeToTheOriginAndKeepPrecision) {
    // RD New coordinates around Amersfoort: 1 cm detail must survive float storage.
    const Point origin{155000.0, 463000.0};
    const Polygon p = {{{155000.01, 463000.01}, {155000.02, 463000.01}, {155000.02, 463000.02}}};
    const Triangulation t = tessellated(p, origin);
    ASSERT_EQ(t.triangleCount(), 1u);
    EXPECT_NEAR(t.xy[0], 0.01, 1e-6);
    EXPECT_NEAR(triangulatedArea(t), 0.00005, 1e-9);
}

TEST(Tessellate, DegenerateRingsProduceNothingAndLeaveNoVertices) {
    EXPECT_EQ(tessellated({}).triangleCount(), 0u);
    EXPECT_EQ(tessellated({{}}).triangleCount(), 0u);
    EXPECT_EQ(tessellated({{{0, 0}, {1, 1}}}).vertexCount(), 0u);
    const Triangulation collinear = tessellated({{{0, 0}, {1, 1}, {2, 2}, {3, 3}}});
    EXPECT_DOUBLE_EQ(triangulatedArea(collinear), 0.0);
    const Triangulation samePoint = tessellated({{{1, 1}, {1, 1}, {1, 1}, {1, 1}}});
    EXPECT_DOUBLE_EQ(triangulatedArea(samePoint), 0.0);
}

TEST(Tessellate, DuplicatePointsAndRepeatedClosingPointAreHarmless) {
    const Polygon p = {{{0, 0}, {0, 0}, {4, 0}, {4, 0}, {4, 4}, {0, 4}, {0, 4}, {0, 0}}};
    const Triangulation t = tessellated(p);
    EXPECT_EQ(t.triangleCount(), 2u);
    EXPECT_DOUBLE_EQ(triangulatedArea(t), 16.0);
}

TEST(Tessellate, NonFinitePointsAreDropped) {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const Polygon p = {{{0, 0}, {nan, 1}, {4, 0}, {4, 4}, {0, std::numeric_limits<double>::infinity()}, {0, 4}}};
    const Triangulation t = tessellated(p);
    EXPECT_DOUBLE_EQ(triangulatedArea(t), 16.0);
}

TEST(Tessellate, SelfIntersectingBowTieTerminatesWithBoundedArea) {
    const Polygon bowTie = {{{0, 0}, {2, 2}, {2, 0}, {0, 2}}};
    const Triangulation t = tessellated(bowTie);
    expectIndicesInRange(t);
    EXPECT_LE(triangulatedArea(t), 4.0 + 1e-9);  // never more than the bbox
}

TEST(Tessellate, StarWithManyVerticesUsesTheZOrderPathAndStaysExact) {
    Ring star;
    constexpr int kPoints = 500;
    for (int i = 0; i < kPoints; ++i) {
        const double angle = 2.0 * M_PI * i / kPoints;
        const double radius = i % 2 == 0 ? 100.0 : 40.0;
        // Rounded to float so that the float vertex storage is exact.
        star.push_back({static_cast<float>(radius * std::cos(angle)), static_cast<float>(radius * std::sin(angle))});
    }
    const Polygon p = {star, square(-10, -10, 20)};
    const Triangulation t = tessellated(p);
    EXPECT_EQ(t.triangleCount(), static_cast<size_t>(kPoints + 4 + 2 - 2));
    EXPECT_NEAR(triangulatedArea(t), polygonArea(p), 1e-9 * polygonArea(p));
}

TEST(Tessellate, RandomScribbleTerminatesWithBoundedOutput) {
    Ring messy;
    uint32_t seed = 12345;
    for (int i = 0; i < 2000; ++i) {
        seed = seed * 1664525u + 1013904223u;
        messy.push_back({static_cast<double>(seed % 1000), static_cast<double>((seed >> 10) % 1000)});
    }
    const Triangulation t = tessellated({messy});
    expectIndicesInRange(t);
    // Overlapping triangles are expected for a ring that crosses itself thousands of times; what matters
    // is that clipping ends with a linear amount of output.
    EXPECT_GT(t.triangleCount(), 0u);
    EXPECT_LE(t.triangleCount(), 3 * messy.size());
}

// ---- Real files ---------------------------------------------------------------------------------------

namespace {

// The polygon shifted to its own bbox centre and rounded to float, so that the float vertex storage is
// exact and the deviation measures the triangulation alone.
Polygon floatExactAroundCentre(const Polygon& polygon) {
    if (polygon.empty()) return {};
    const Point c = bboxOf(polygon.front()).center();
    Polygon out;
    for (const Ring& ring : polygon) {
        Ring r;
        for (const Point& p : ring) r.push_back({static_cast<float>(p.x - c.x), static_cast<float>(p.y - c.y)});
        out.push_back(std::move(r));
    }
    return out;
}

struct CorpusStats {
    size_t polygons = 0;
    size_t validPolygons = 0;
    double worstValidDeviation = 0.0;
    double worstInvalidDeviation = 0.0;
};

CorpusStats measureCorpus(const std::string& relativePath) {
    const std::string path = samenkaart::test_support::sharedDataPath(relativePath);
    CorpusStats stats;
    const auto features = samenkaart::test_support::readCorpusPolygons(path, true);
    Tessellator tessellator;
    for (const auto& feature : features) {
        for (const Polygon& raw : feature.geometry) {
            const Polygon polygon = floatExactAroundCentre(raw);
            const double expected = polygonArea(polygon);
            if (polygon.empty() || polygon.front().size() < 3 || expected <= 0.0) continue;
            Triangulation t;
            tessellator.tessellate(polygon, {}, t);
            for (uint32_t i : t.indices) EXPECT_LT(i, t.vertexCount());
            const double deviation = std::abs(triangulatedArea(t) - expected) / expected;
            ++stats.polygons;
            if (feature.valid) {
                ++stats.validPolygons;
                stats.worstValidDeviation = std::max(stats.worstValidDeviation, deviation);
            } else {
                stats.worstInvalidDeviation = std::max(stats.worstInvalidDeviation, deviation);
            }
        }
    }
    return stats;
}

}  // namespace

class TessellateCorpus : public ::testing::TestWithParam<const char*> {};

TEST_P(TessellateCorpus, ValidPolygonsAreCoveredExactly) {
    const CorpusStats stats = measureCorpus(GetParam());
    RecordProperty("polygons", static_cast<int>(stats.polygons));
    std::printf("%s: %zu polygons (%zu valid), worst deviation valid %.3g, invalid %.3g\n", GetParam(), stats.polygons,
                stats.validPolygons, stats.worstValidDeviation, stats.worstInvalidDeviation);
    EXPECT_GT(stats.polygons, 0u);
    EXPECT_LT(stats.worstValidDeviation, 1e-6);
    // Invalid rings have no well-defined area; they must still give a sane, bounded fill.
    EXPECT_LT(stats.worstInvalidDeviation, 1.0);
}

INSTANTIATE_TEST_SUITE_P(SharedCorpus, TessellateCorpus,
                         ::testing::Values("shapefile-corpus/pyshp/tests/shapefiles/blockgroups.shp",
                                           "shapefile-corpus/pyshp/tests/shapefiles/merge.shp",
                                           "shapefile-corpus/shapefile-js/files/TM_WORLD_BORDERS_SIMPL-0.3.shp",
                                           "/vsizip/shapefile-corpus/shapefile-js/files/maSP.zip"));
