#include "mapping/label_placement.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "mapping/pick_index.hpp"

using namespace samenkaart;
using namespace samenkaart::mapping;

namespace {

Ring rectangle(double x0, double y0, double x1, double y1) { return {{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}}; }

}  // namespace

TEST(PoleOfInaccessibility, CentreOfASquare) {
    const auto pole = poleOfInaccessibility(Polygon{rectangle(0, 0, 10, 10)}, 0.01);
    EXPECT_NEAR(pole.point.x, 5.0, 0.02);
    EXPECT_NEAR(pole.point.y, 5.0, 0.02);
    EXPECT_NEAR(pole.distance, 5.0, 0.02);
}

TEST(PoleOfInaccessibility, LShapeLabelSitsInTheThickPartNotAtTheCentroid) {
    // A thin L whose centroid lies outside it. The widest spot is the outer corner square: a circle at
    // (x, x) touches the outer edges at x and the inner corner (10, 10) at sqrt(2) (10 - x).
    const Polygon l = {{{0, 0}, {100, 0}, {100, 10}, {10, 10}, {10, 100}, {0, 100}}};
    const auto pole = poleOfInaccessibility(l, 0.001);
    EXPECT_TRUE(PickIndex({{l}}).pick(pole.point).has_value());
    const double expected = 10 * std::sqrt(2.0) / (1 + std::sqrt(2.0));
    EXPECT_NEAR(pole.distance, expected, 0.01);
    EXPECT_NEAR(pole.point.x, expected, 0.05);
    EXPECT_NEAR(pole.point.y, expected, 0.05);
}

TEST(PoleOfInaccessibility, AvoidsAHoleInTheMiddle) {
    const Polygon donut = {rectangle(0, 0, 100, 100), rectangle(20, 20, 80, 80)};
    const auto pole = poleOfInaccessibility(donut, 0.001);
    EXPECT_TRUE(PickIndex({{donut}}).pick(pole.point).has_value());
    // One of the four corners, as in the L above, with the hole's corner at 20 from the outer edges.
    EXPECT_NEAR(pole.distance, 20 * std::sqrt(2.0) / (1 + std::sqrt(2.0)), 0.01);
}

TEST(PoleOfInaccessibility, MultiPolygonUsesItsLargestPart) {
    const MultiPolygon mp = {{rectangle(0, 0, 1, 1)}, {rectangle(100, 100, 140, 140)}};
    const auto pole = poleOfInaccessibility(mp, 0.01);
    EXPECT_NEAR(pole.point.x, 120.0, 0.05);
    EXPECT_NEAR(pole.point.y, 120.0, 0.05);
}

TEST(PoleOfInaccessibility, DegenerateInputDoesNotFail) {
    EXPECT_EQ(poleOfInaccessibility(Polygon{}, 1.0).distance, 0.0);
    EXPECT_EQ(poleOfInaccessibility(Polygon{{{1, 1}, {2, 2}, {3, 3}}}, 1.0).distance, 0.0);
    EXPECT_EQ(poleOfInaccessibility(Polygon{{{5, 5}, {5, 5}}}, 1.0).point, (Point{5, 5}));
}

namespace {

// A 1000 x 1000 m world shown at 1 m per pixel in a 1000 x 1000 window: screen x = world x,
// screen y = 1000 - world y.
Viewport unitViewport() { return Viewport({500, 500}, 1.0, 1000, 1000); }

LabelRequest label(Point anchor, double w, double h, double priority, Bbox feature = {0, 0, 1000, 1000}) {
    return {anchor, w, h, feature, priority};
}

}  // namespace

TEST(LabelPlacement, OverlappingLabelsKeepTheHigherPriority) {
    const std::vector<LabelRequest> requests = {label({500, 500}, 100, 20, 1.0), label({520, 505}, 100, 20, 5.0),
                                                label({200, 200}, 100, 20, 0.5)};
    const auto placed = placeLabels(requests, unitViewport());
    ASSERT_EQ(placed.size(), 2u);
    EXPECT_EQ(placed[0].request, 1u);
    EXPECT_EQ(placed[1].request, 2u);
    EXPECT_DOUBLE_EQ(placed[1].screenRect.minx, 150.0);
    EXPECT_DOUBLE_EQ(placed[1].screenRect.miny, 790.0);  // world y 200 is screen y 800, minus half height
}

TEST(LabelPlacement, PaddingKeepsNeighboursApart) {
    const std::vector<LabelRequest> requests = {label({100, 500}, 100, 20, 1.0), label({201, 500}, 100, 20, 0.0)};
    EXPECT_EQ(placeLabels(requests, unitViewport(), 0.5).size(), 2u);
    EXPECT_EQ(placeLabels(requests, unitViewport(), 2.0).size(), 1u);
}

TEST(LabelPlacement, LabelsNeverCoverAPin) {
    // The label at world (500, 500) spans screen y 490-510; a pin at screen y 485 reaches into it
    // with its 12 px marker, one at screen y 475 (marker 463-487) does not.
    const Bbox room{300, 400, 700, 600};   // 200 px tall on screen: room above and below
    const Bbox tight{300, 485, 700, 515};  // 30 px: no room to move
    const std::vector<Point> touching = {{500, 515}};
    const std::vector<Point> clear = {{500, 525}};
    auto one = [](Bbox feature) { return std::vector<LabelRequest>{label({500, 500}, 100, 20, 1.0, feature)}; };

    auto placed = placeLabels(one(room), unitViewport(), 2.0, clear, 12.0);
    ASSERT_EQ(placed.size(), 1u);
    EXPECT_DOUBLE_EQ(placed[0].screenRect.miny, 490.0);  // where it belongs

    placed = placeLabels(one(room), unitViewport(), 2.0, touching, 12.0);
    ASSERT_EQ(placed.size(), 1u);  // moved off the pin, still inside its feature
    const Bbox marker{488, 473, 512, 497};
    EXPECT_FALSE(placed[0].screenRect.intersects(marker)) << placed[0].screenRect.miny;
    EXPECT_GE(placed[0].screenRect.miny, 400.0);
    EXPECT_LE(placed[0].screenRect.maxy, 600.0);

    EXPECT_TRUE(placeLabels(one(tight), unitViewport(), 2.0, touching, 12.0).empty());  // left out, pin visible
    EXPECT_EQ(placeLabels(one(tight), unitViewport(), 2.0, clear, 12.0).size(), 1u);
}

TEST(LabelPlacement, LabelsThatDoNotFitTheirFeatureOrTheWindowAreHidden) {
    const Bbox smallFeature{480, 480, 520, 520};  // 40 x 40 px at this zoom
    const std::vector<LabelRequest> requests = {label({500, 500}, 60, 12, 1.0, smallFeature),
                                                label({990, 500}, 60, 12, 1.0)};
    EXPECT_TRUE(placeLabels(requests, unitViewport()).empty());

    Viewport zoomedIn = unitViewport();
    zoomedIn.zoomAbout({500, 500}, 2.0);  // the feature is now 80 x 80 px
    const auto placed = placeLabels(requests, zoomedIn);
    ASSERT_EQ(placed.size(), 1u);
    EXPECT_EQ(placed[0].request, 0u);
}

TEST(LabelPlacement, ManyLabelsNeverOverlap) {
    std::vector<LabelRequest> requests;
    for (int i = 0; i < 2000; ++i)
        requests.push_back(label({static_cast<double>((i * 37) % 1000), static_cast<double>((i * 91) % 1000)}, 50, 14,
                                 static_cast<double>(i % 13)));
    const auto placed = placeLabels(requests, unitViewport(), 0.0);
    EXPECT_GT(placed.size(), 50u);
    for (size_t a = 0; a < placed.size(); ++a)
        for (size_t b = a + 1; b < placed.size(); ++b) {
            const Bbox& r = placed[a].screenRect;
            const Bbox& s = placed[b].screenRect;
            ASSERT_FALSE(r.minx < s.maxx && s.minx < r.maxx && r.miny < s.maxy && s.miny < r.maxy);
        }
}

TEST(LabelPlacement, AnOrderSortedOnceTriesHigherPriorityFirstAndPlacesTheSame) {
    std::vector<LabelRequest> requests;
    for (int i = 0; i < 500; ++i)
        requests.push_back(label({static_cast<double>((i * 53) % 1000), static_cast<double>((i * 29) % 1000)}, 70, 16,
                                 static_cast<double>((i * 7) % 5)));
    const std::vector<uint32_t> order = labelOrder(requests);
    ASSERT_EQ(order.size(), requests.size());
    for (size_t k = 1; k < order.size(); ++k) {
        const LabelRequest& before = requests[order[k - 1]];
        const LabelRequest& after = requests[order[k]];
        ASSERT_GE(before.priority, after.priority);
        if (before.priority == after.priority) {
            ASSERT_LT(order[k - 1], order[k]);  // ties: lower index first
        }
    }
    Viewport view = unitViewport();
    for (int step = 0; step < 3; ++step) {  // the same order serves every view
        const auto once = placeLabels(requests, order, view, 2.0, {}, 0.0);
        const auto each = placeLabels(requests, view, 2.0);
        ASSERT_GT(once.size(), 10u);
        ASSERT_EQ(once.size(), each.size());
        for (size_t k = 0; k < once.size(); ++k) EXPECT_EQ(once[k].request, each[k].request);
        view.zoomAbout({300, 600}, 1.7);
    }
}
