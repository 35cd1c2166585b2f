// Pins per buurt: every pin counted in exactly the boundary that holds it (against a brute-force
// even-odd test over every boundary), true areas in km² whatever the map CRS, and each buurt's fill
// from the fixed scales.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <numbers>
#include <random>
#include <vector>

#include "mapping/map_scene.hpp"
#include "mapping/pin_choropleth.hpp"

namespace samenkaart::mapping {
namespace {

Ring square(double x, double y, double side) {
    return {{x, y}, {x + side, y}, {x + side, y + side}, {x, y + side}, {x, y}};
}

// A 6 x 6 grid of 1 km buurten; every third has a 400 m hole, one is two squares (an island), and
// one large buurt overlaps a corner of the grid (drawn last, so it wins there).
std::vector<Boundary> buurten() {
    std::vector<Boundary> out;
    for (int row = 0; row < 6; ++row)
        for (int col = 0; col < 6; ++col) {
            Boundary b;
            const double x = 150000.0 + col * 1000.0, y = 460000.0 + row * 1000.0;
            Polygon p{square(x, y, 1000.0)};
            if ((row * 6 + col) % 3 == 0) p.push_back(square(x + 300.0, y + 300.0, 400.0));
            b.geometry.push_back(p);
            if (row == 5 && col == 5) b.geometry.push_back({square(158000.0, 458000.0, 500.0)});
            out.push_back(std::move(b));
        }
    Boundary overlap;
    overlap.geometry.push_back({square(149500.0, 459500.0, 1500.0)});
    out.push_back(std::move(overlap));
    for (Boundary& b : out)
        for (const Polygon& p : b.geometry)
            for (const Point& v : p[0]) b.bounds.expand(v);
    return out;
}

bool insideRing(const Ring& ring, Point p) {
    bool in = false;
    for (size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++)
        if ((ring[i].y > p.y) != (ring[j].y > p.y) &&
            p.x < (ring[j].x - ring[i].x) * (p.y - ring[i].y) / (ring[j].y - ring[i].y) + ring[i].x)
            in = !in;
    return in;
}

std::vector<MultiPolygon> shapesOf(const std::vector<Boundary>& boundaries) {
    std::vector<MultiPolygon> shapes;
    shapes.reserve(boundaries.size());
    for (const Boundary& b : boundaries) shapes.push_back(b.geometry);
    return shapes;
}

TEST(PinChoropleth, EveryPinCountsOnceInTheBoundaryThatHoldsIt) {
    const std::vector<Boundary> boundaries = buurten();
    const PickIndex index(shapesOf(boundaries));
    std::mt19937_64 rng(15);
    std::uniform_real_distribution<double> ux(149000.0, 157500.0), uy(457500.0, 466500.0);
    std::vector<Point> pins;
    pins.reserve(60001);
    for (int i = 0; i < 60000; ++i) pins.push_back({ux(rng), uy(rng)});
    pins.push_back({std::numeric_limits<double>::quiet_NaN(), 460500.0});  // no position: outside
    std::vector<uint32_t> expected(boundaries.size(), 0);
    std::vector<int32_t> expectedOf;
    expectedOf.reserve(pins.size());
    size_t expectedOutside = 0;
    for (const Point& p : pins) {
        std::optional<size_t> hit;
        for (size_t f = 0; f < boundaries.size(); ++f) {
            bool in = false;
            for (const Polygon& polygon : boundaries[f].geometry)
                for (const Ring& ring : polygon) in = insideRing(ring, p) != in;
            if (in) hit = f;  // the last one drawn wins
        }
        hit ? ++expected[*hit] : ++expectedOutside;
        expectedOf.push_back(hit ? static_cast<int32_t>(*hit) : -1);
    }
    for (unsigned threads : {1u, 2u, 5u}) {
        // Each pin's buurt, as the window's cards and counts read it, and the counts made from it.
        const std::vector<int32_t> of = boundaryOfPins(index, pins, threads);
        EXPECT_EQ(of, expectedOf) << threads << " threads";
        const BoundaryPinCounts fromOf = countPinsPerBoundary(boundaries.size(), of);
        EXPECT_EQ(fromOf.counts, expected) << threads << " threads";
        EXPECT_EQ(fromOf.outside, expectedOutside) << threads << " threads";
        const BoundaryPinCounts counts = countPinsPerBoundary(index, pins, threads);
        EXPECT_EQ(counts.counts, expected) << threads << " threads";
        EXPECT_EQ(counts.outside, expectedOutside) << threads << " threads";
    }
    EXPECT_GT(expected[boundaries.size() - 1], 0u);  // the overlapping buurt took its corner
    EXPECT_GT(expectedOutside, 1000u);
    const BoundaryPinCounts none = countPinsPerBoundary(index, {});
    EXPECT_EQ(none.counts, std::vector<uint32_t>(boundaries.size(), 0));
    EXPECT_EQ(none.outside, 0u);
}

TEST(PinChoropleth, TrueAreasWhateverTheMapCrs) {
    std::vector<Boundary> boundaries = buurten();
    const std::vector<double> rd = boundaryAreasKm2(boundaries, "EPSG:28992");
    ASSERT_EQ(rd.size(), boundaries.size());
    const double plane = 1.0 / (0.9999079 * 0.9999079);  // RD New near its origin
    EXPECT_NEAR(rd[1], plane, 2e-4);
    EXPECT_NEAR(rd[0], 0.84 * plane, 2e-4);   // minus its 400 m hole
    EXPECT_NEAR(rd[35], 1.25 * plane, 3e-4);  // with its island
    // One square kilometre of Web Mercator over Amsterdam is about cos²(52.37°) km² on the ground.
    Boundary mercator;
    const double y = 6378137.0 * std::log(std::tan(std::numbers::pi / 4 + 52.37 * std::numbers::pi / 360));
    mercator.geometry.push_back({square(545000.0, y, 1000.0)});
    mercator.bounds = {545000.0, y, 546000.0, y + 1000.0};
    const double cosine = std::cos(52.37 * std::numbers::pi / 180);
    EXPECT_NEAR(boundaryAreasKm2({mercator}, "EPSG:3857")[0], cosine * cosine, 0.01);
    // No geometry, and a CRS in degrees: no area.
    boundaries[2].geometry.clear();
    EXPECT_TRUE(std::isnan(boundaryAreasKm2(boundaries, "EPSG:28992")[2]));
    for (double a : boundaryAreasKm2(boundaries, "EPSG:4326")) EXPECT_TRUE(std::isnan(a));
}

TEST(PinChoropleth, FillsFollowTheFixedScalesAndLeaveEmptyBuurtenBlank) {
    BoundaryPinCounts counts;
    counts.counts = {0, 1, 3, 1000};
    const std::vector<double> areas{1.0, 1.0, 0.5, std::numeric_limits<double>::quiet_NaN()};
    const auto colour = [](ChoroplethMeasure m, size_t k) {
        const DensityColour c = choroplethClasses(m)[k].colour;
        return Rgba{c.r, c.g, c.b, c.a};
    };
    const std::vector<Rgba> count = choroplethFills(ChoroplethMeasure::Count, counts, areas);
    ASSERT_EQ(count.size(), 4u);
    EXPECT_EQ(count[0].a, 0);
    EXPECT_EQ(count[1], colour(ChoroplethMeasure::Count, 0));
    EXPECT_EQ(count[2], colour(ChoroplethMeasure::Count, 1));  // 2 - 4
    EXPECT_EQ(count[3], colour(ChoroplethMeasure::Count, 9));  // 1,000 and more
    const std::vector<Rgba> perKm2 = choroplethFills(ChoroplethMeasure::PinsPerKm2, counts, areas);
    EXPECT_EQ(perKm2[0].a, 0);
    EXPECT_EQ(perKm2[1], colour(ChoroplethMeasure::PinsPerKm2, 2));  // 1 per km²: the density's 1 - 2
    EXPECT_EQ(perKm2[2], colour(ChoroplethMeasure::PinsPerKm2, 4));  // 6 per km²: 5 - 10
    EXPECT_EQ(perKm2[3].a, 0);                                       // no area, no density
}

TEST(PinChoropleth, LegendLabelsInBothLanguages) {
    EXPECT_EQ(choroplethClassLabel(ChoroplethMeasure::Count, 0, false), "1");
    EXPECT_EQ(choroplethClassLabel(ChoroplethMeasure::Count, 1, false), "2 \u2013 4");
    EXPECT_EQ(choroplethClassLabel(ChoroplethMeasure::Count, 8, false), "500 \u2013 999");
    EXPECT_EQ(choroplethClassLabel(ChoroplethMeasure::Count, 9, false), "1.000 en meer");
    EXPECT_EQ(choroplethClassLabel(ChoroplethMeasure::Count, 9, true), "1,000 and more");
    EXPECT_EQ(choroplethClassLabel(ChoroplethMeasure::PinsPerKm2, 0, false), "minder dan 0,5");
    EXPECT_EQ(choroplethClassLabel(ChoroplethMeasure::PinsPerKm2, 0, true), "under 0.5");
    EXPECT_EQ(choroplethClassLabel(ChoroplethMeasure::PinsPerKm2, 1, false), "0,5 \u2013 1");
    EXPECT_EQ(choroplethClassLabel(ChoroplethMeasure::PinsPerKm2, 10, true), "500 and more");
    EXPECT_EQ(choroplethClassLabel(ChoroplethMeasure::PinsPerKm2, 11, true), "");
    EXPECT_EQ(densityClassLabel(0, false), "0,5 \u2013 1");
    EXPECT_EQ(choroplethMeasure(PinView::CountPerBuurt), ChoroplethMeasure::Count);
    EXPECT_EQ(choroplethMeasure(PinView::DensityPerBuurt), ChoroplethMeasure::PinsPerKm2);
    EXPECT_EQ(choroplethMeasure(PinView::Density), std::nullopt);
}

}  // namespace
}  // namespace samenkaart::mapping
