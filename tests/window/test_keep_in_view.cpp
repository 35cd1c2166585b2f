// Where a pin under the pin form and the keyboard can be seen instead.
#include <gtest/gtest.h>

#include <cmath>

#include "gui/window/logic/keep_in_view.hpp"

namespace samenkaart::gui {
namespace {

const Bbox kScreen{0, 0, 1600, 1000};

bool clearOf(Point p, const std::vector<Bbox>& covered, double margin) {
    for (const Bbox& b : covered)
        if (p.x > b.minx - margin && p.x < b.maxx + margin && p.y > b.miny - margin && p.y < b.maxy + margin)
            return false;
    return p.x >= margin && p.y >= margin && p.x <= kScreen.maxx - margin && p.y <= kScreen.maxy - margin;
}

TEST(KeepInView, AClearPinStaysWhereItIs) {
    const std::vector<Bbox> panels{{490, 16, 1110, 530}, {430, 560, 1170, 950}};
    const auto spot = nearestClearSpot({200, 500}, panels, kScreen, 24);
    ASSERT_TRUE(spot);
    EXPECT_EQ(spot->x, 200);
    EXPECT_EQ(spot->y, 500);
}

TEST(KeepInView, APinUnderTheKeyboardGoesToTheNearestClearSpot) {
    // The form at the top, the keyboard below it: the pin tapped at (900, 700) is under the keys.
    const std::vector<Bbox> panels{{490, 16, 1110, 530}, {430, 560, 1170, 950}, {0, 955, 1600, 1000}};
    const Point at{900, 700};
    const auto spot = nearestClearSpot(at, panels, kScreen, 24);
    ASSERT_TRUE(spot);
    EXPECT_TRUE(clearOf(*spot, panels, 24)) << spot->x << "," << spot->y;
    // No farther than the way out straight to the right of the keyboard (294 px), give or take a
    // grid step, and not the far side of the screen.
    EXPECT_LE(std::hypot(spot->x - at.x, spot->y - at.y), 294 + 12) << spot->x << "," << spot->y;
    EXPECT_GT(spot->x, 1100);
}

TEST(KeepInView, OffScreenPinsComeBackAndAFullyCoveredScreenGivesNothing) {
    const auto back = nearestClearSpot({-300, 500}, {}, kScreen, 24);
    ASSERT_TRUE(back);
    EXPECT_NEAR(back->x, 24, 4);
    EXPECT_NEAR(back->y, 500, 4);
    EXPECT_FALSE(nearestClearSpot({800, 500}, {{0, 0, 1600, 1000}}, kScreen, 24));
    EXPECT_FALSE(nearestClearSpot({10, 10}, {}, Bbox{0, 0, 30, 30}, 24)) << "a screen smaller than the margins";
}

}  // namespace
}  // namespace samenkaart::gui

namespace samenkaart::gui {
namespace {

bool boxClearOf(const Bbox& box, const std::vector<Bbox>& covered, double gap) {
    for (const Bbox& b : covered)
        if (box.minx < b.maxx + gap && box.maxx > b.minx - gap && box.miny < b.maxy + gap && box.maxy > b.miny - gap)
            return false;
    return box.minx >= kScreen.minx && box.miny >= kScreen.miny && box.maxx <= kScreen.maxx && box.maxy <= kScreen.maxy;
}

Bbox moved(const Bbox& box, Point offset) {
    return {box.minx + offset.x, box.miny + offset.y, box.maxx + offset.x, box.maxy + offset.y};
}

TEST(ClearBoxOffset, AClearOverlayStaysInItsCorner) {
    const auto offset = clearBoxOffset({1500, 36, 1580, 92}, {{16, 16, 860, 80}}, kScreen, 6);
    ASSERT_TRUE(offset);
    EXPECT_EQ(offset->x, 0);
    EXPECT_EQ(offset->y, 0);
}

TEST(ClearBoxOffset, OverlaysLeaveTheCornersThatPanelsFillAtUiScaleTwo) {
    // 1600 x 1000 at UI scale 2: the toolbar reaches the right edge, the zoom buttons hang below it,
    // the palette fills the lower left down to the status bar; the north arrow (a 112 px disc) and
    // the scale bar (a 352 x 90 px box) would lie under them.
    const std::vector<Bbox> panels{
        {32, 24, 1538, 190}, {1400, 245, 1568, 675}, {1370, 710, 1568, 875}, {33, 217, 590, 843}, {0, 900, 1600, 1000}};
    const Bbox screen{0, 0, 1600, 900};
    const Bbox arrow{1456, 72, 1568, 184};
    const auto arrowOffset = clearBoxOffset(arrow, panels, screen, 12);
    ASSERT_TRUE(arrowOffset);
    EXPECT_TRUE(boxClearOf(moved(arrow, *arrowOffset), panels, 12)) << arrowOffset->x << "," << arrowOffset->y;
    EXPECT_LT(std::hypot(arrowOffset->x, arrowOffset->y), 300) << "near its corner";
    const Bbox scaleBar{24, 786, 376, 876};
    const auto barOffset = clearBoxOffset(scaleBar, panels, screen, 12);
    ASSERT_TRUE(barOffset);
    const Bbox bar = moved(scaleBar, *barOffset);
    EXPECT_TRUE(boxClearOf(bar, panels, 12)) << barOffset->x << "," << barOffset->y;
    EXPECT_LE(bar.maxy, 900) << "above the status bar";
    EXPECT_GE(bar.minx, 590 + 12) << "beside the palette, the nearest way out";
}

TEST(ClearBoxOffset, NoRoomGivesNothing) {
    EXPECT_FALSE(clearBoxOffset({10, 10, 110, 60}, {{0, 0, 1600, 1000}}, kScreen, 6));
    EXPECT_FALSE(clearBoxOffset({10, 10, 2000, 60}, {}, kScreen, 6)) << "wider than the screen";
}

TEST(BestClearArea, WholeScreenWhenNothingCoversIt) {
    const auto area = bestClearArea({}, kScreen, 1.5);
    ASSERT_TRUE(area);
    EXPECT_EQ(area->minx, kScreen.minx);
    EXPECT_EQ(area->maxy, kScreen.maxy);
}

TEST(BestClearArea, TheWijkKeepsClearOfTheDockedPanelsAtUiScaleTwo) {
    // The panels of 1366 x 768 at UI scale 2 ("Hele wijk" left part of the wijk under them).
    const std::vector<Bbox> panels{
        {32, 24, 1334, 150}, {1230, 180, 1350, 560}, {33, 170, 520, 640}, {0, 700, 1366, 768}};
    const Bbox screen{0, 0, 1366, 768};
    for (double aspect : {0.5, 1.0, 2.0}) {
        const auto area = bestClearArea(panels, screen, aspect);
        ASSERT_TRUE(area) << aspect;
        EXPECT_TRUE(boxClearOf(*area, panels, 0)) << aspect;
        // Larger than what is left after a naive cut: it uses the room right of the palette.
        EXPECT_GE(std::min(area->width(), area->height() * aspect), 0.9 * std::min(700.0, 550.0 * aspect)) << aspect;
    }
}

TEST(BestClearArea, OfEquallyLargeFitsTheRoomiestSoTheContentSitsInTheMiddleOfTheFreePart) {
    // 1600 x 1000 at scale 1: the tool bar (top left), the zoom buttons (right), the status bar. A
    // square map is as large left of the tool bar's end as across the whole width; the narrower
    // rectangle put a new project's map against the left edge, under the palette.
    const std::vector<Bbox> panels{{16, 12, 960, 95}, {1500, 393, 1584, 608}, {0, 940, 1600, 1000}};
    const auto area = bestClearArea(panels, kScreen, 1.0);
    ASSERT_TRUE(area);
    EXPECT_TRUE(boxClearOf(*area, panels, 0));
    EXPECT_DOUBLE_EQ(area->height(), 940 - 95);
    EXPECT_DOUBLE_EQ(area->minx, 0);
    EXPECT_DOUBLE_EQ(area->maxx, 1500);
}

TEST(BestClearArea, NothingWhenEverythingIsCovered) { EXPECT_FALSE(bestClearArea({{0, 0, 1600, 1000}}, kScreen, 1.0)); }

}  // namespace
}  // namespace samenkaart::gui