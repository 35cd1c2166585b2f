#include "mapping/viewport.hpp"

#include <algorithm>
#include <utility>

#include <gtest/gtest.h>

using namespace samenkaart;
using namespace samenkaart::mapping;

namespace {

// Applies a column-major 3x3 matrix to a point given relative to the matrix's origin.
Point applyMatrix(const Matrix3& m, Point relative) {
    return {m[0] * relative.x + m[3] * relative.y + m[6], m[1] * relative.x + m[4] * relative.y + m[7]};
}

const Point kAmersfoort{155000.0, 463000.0};

}  // namespace

TEST(Viewport, CentreOfTheWindowIsTheWorldCentre) {
    const Viewport v(kAmersfoort, 2.0, 800, 600);
    const Point world = v.screenToWorld({400, 300});
    EXPECT_DOUBLE_EQ(world.x, kAmersfoort.x);
    EXPECT_DOUBLE_EQ(world.y, kAmersfoort.y);
}

TEST(Viewport, ScreenYPointsDownWorldYPointsUp) {
    const Viewport v(kAmersfoort, 2.0, 800, 600);
    const Point topLeft = v.screenToWorld({0, 0});
    EXPECT_DOUBLE_EQ(topLeft.x, kAmersfoort.x - 800);
    EXPECT_DOUBLE_EQ(topLeft.y, kAmersfoort.y + 600);
}

TEST(Viewport, ScreenWorldRoundTrip) {
    Viewport v(kAmersfoort, 0.37, 1600, 1000);
    for (const Point s : {Point{0, 0}, Point{1599.5, 999.5}, Point{123.25, 456.75}, Point{-40, 2000}}) {
        const Point back = v.worldToScreen(v.screenToWorld(s));
        EXPECT_NEAR(back.x, s.x, 1e-6);
        EXPECT_NEAR(back.y, s.y, 1e-6);
    }
}

TEST(Viewport, ZoomAboutKeepsTheWorldPointUnderThePointer) {
    Viewport v(kAmersfoort, 10.0, 1600, 1000);
    const Point pointer{1234.0, 87.0};
    const Point before = v.screenToWorld(pointer);
    v.zoomAbout(pointer, 2.0);
    EXPECT_DOUBLE_EQ(v.resolution(), 5.0);
    const Point after = v.screenToWorld(pointer);
    EXPECT_NEAR(after.x, before.x, 1e-6);
    EXPECT_NEAR(after.y, before.y, 1e-6);
    v.zoomAbout(pointer, 1.0 / 8.0);
    EXPECT_DOUBLE_EQ(v.resolution(), 40.0);
    EXPECT_NEAR(v.screenToWorld(pointer).x, before.x, 1e-6);
    EXPECT_NEAR(v.screenToWorld(pointer).y, before.y, 1e-6);
}

TEST(Viewport, ZoomIsClampedToTheRangeAndStillKeepsThePointerFixed) {
    Viewport v(kAmersfoort, 1.0, 800, 600);
    v.setResolutionRange(0.5, 1000.0);
    const Point pointer{100, 100};
    const Point before = v.screenToWorld(pointer);
    v.zoomAbout(pointer, 100.0);
    EXPECT_DOUBLE_EQ(v.resolution(), 0.5);
    EXPECT_NEAR(v.screenToWorld(pointer).x, before.x, 1e-9);
    v.zoomAbout(pointer, 1e-9);
    EXPECT_DOUBLE_EQ(v.resolution(), 1000.0);
    v.zoomAbout(pointer, 0.0);  // nonsense factors are ignored
    v.zoomAbout(pointer, std::numeric_limits<double>::quiet_NaN());
    EXPECT_DOUBLE_EQ(v.resolution(), 1000.0);
}

TEST(Viewport, PanMovesTheMapWithThePointer) {
    Viewport v(kAmersfoort, 2.0, 800, 600);
    const Point grabbed = v.screenToWorld({300, 200});
    v.panByPixels(50, -30);
    const Point under = v.screenToWorld({350, 170});
    EXPECT_NEAR(under.x, grabbed.x, 1e-9);
    EXPECT_NEAR(under.y, grabbed.y, 1e-9);
}

TEST(Viewport, FitBboxShowsTheWholeBoxWithMargin) {
    Viewport v({}, 1.0, 1000, 500);
    const Bbox box{100000, 400000, 110000, 402000};  // wide: width decides
    v.fitBbox(box, 0.1);
    EXPECT_DOUBLE_EQ(v.resolution(), 10000.0 / 800.0);
    const Bbox visible = v.visibleBbox();
    EXPECT_LT(visible.minx, box.minx);
    EXPECT_GT(visible.maxx, box.maxx);
    EXPECT_LT(visible.miny, box.miny);
    EXPECT_GT(visible.maxy, box.maxy);
    EXPECT_DOUBLE_EQ(v.centre().x, 105000.0);
    EXPECT_DOUBLE_EQ(v.centre().y, 401000.0);
}

TEST(Viewport, VisibleBboxMatchesTheScreenCorners) {
    const Viewport v(kAmersfoort, 3.0, 640, 480);
    const Bbox b = v.visibleBbox();
    const Point topLeft = v.screenToWorld({0, 0});
    const Point bottomRight = v.screenToWorld({640, 480});
    EXPECT_DOUBLE_EQ(b.minx, topLeft.x);
    EXPECT_DOUBLE_EQ(b.maxy, topLeft.y);
    EXPECT_DOUBLE_EQ(b.maxx, bottomRight.x);
    EXPECT_DOUBLE_EQ(b.miny, bottomRight.y);
}

TEST(Viewport, FramebufferScaleMultipliesThePixelSize) {
    Viewport v(kAmersfoort, 1.0, 800, 600);
    v.setFramebufferScale(2.0);
    EXPECT_EQ(v.framebufferWidth(), 1600);
    EXPECT_EQ(v.framebufferHeight(), 1200);
}

TEST(Viewport, MatrixMapsVisibleCornersToClipSpaceCorners) {
    const Viewport v(kAmersfoort, 0.5, 1600, 1000);
    const Point origin{154000.0, 462000.0};  // a layer origin away from the view centre
    const Matrix3 m = v.worldToClip3(origin);
    const Bbox b = v.visibleBbox();
    const Point lowerLeft = applyMatrix(m, {b.minx - origin.x, b.miny - origin.y});
    const Point upperRight = applyMatrix(m, {b.maxx - origin.x, b.maxy - origin.y});
    EXPECT_NEAR(lowerLeft.x, -1.0, 1e-5);
    EXPECT_NEAR(lowerLeft.y, -1.0, 1e-5);
    EXPECT_NEAR(upperRight.x, 1.0, 1e-5);
    EXPECT_NEAR(upperRight.y, 1.0, 1e-5);
    const Matrix4 m4 = v.worldToClip4(origin);
    EXPECT_FLOAT_EQ(m4[0], m[0]);
    EXPECT_FLOAT_EQ(m4[12], m[6]);
    EXPECT_FLOAT_EQ(m4[13], m[7]);
}

namespace samenkaart::mapping {
namespace {

// How much of the view (world units) the content covers along x and y.
std::pair<double, double> overlap(const Viewport& v, const Bbox& content) {
    const Bbox b = v.visibleBbox();
    return {std::min(b.maxx, content.maxx) - std::max(b.minx, content.minx),
            std::min(b.maxy, content.maxy) - std::max(b.miny, content.miny)};
}

TEST(Viewport, KeepShowingLeavesAViewOverTheMapAsItIs) {
    const Bbox map{120000, 440000, 180000, 500000};
    Viewport v({150000, 470000}, 10.0, 1600, 1000);
    v.keepShowing(map, 0.25);
    EXPECT_DOUBLE_EQ(v.centre().x, 150000);
    EXPECT_DOUBLE_EQ(v.centre().y, 470000);
}

TEST(Viewport, KeepShowingBringsAMapPannedOutOfSightBackToAQuarterOfTheView) {
    const Bbox map{120000, 440000, 180000, 500000};
    // Flung far to the east and north, then far to the south-west.
    for (const Point away : {Point{400000, 900000}, Point{-300000, 0}}) {
        Viewport v(away, 10.0, 1600, 1000);
        v.keepShowing(map, 0.25);
        const auto [x, y] = overlap(v, map);
        EXPECT_NEAR(x, 0.25 * 16000, 1e-6);
        EXPECT_NEAR(y, 0.25 * 10000, 1e-6);
        EXPECT_GT(v.resolution(), 9.99) << "the zoom stays";
    }
}

TEST(Viewport, KeepShowingKeepsAllOfAMapSmallerThanAQuarterOfTheView) {
    const Bbox map{150000, 460000, 151000, 460500};  // 1 x 0.5 km at 100 m/px: 10 x 5 pixels
    Viewport v({0, 0}, 100.0, 1600, 1000);
    v.keepShowing(map, 0.25);
    const auto [x, y] = overlap(v, map);
    EXPECT_NEAR(x, 1000, 1e-6);
    EXPECT_NEAR(y, 500, 1e-6);
    v.keepShowing(Bbox{}, 0.25);  // no map: nothing to keep
    EXPECT_NEAR(overlap(v, map).first, 1000, 1e-6);
}

}  // namespace
}  // namespace samenkaart::mapping
