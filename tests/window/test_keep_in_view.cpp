// Where a pin under the pin form and the keyboard can be seen instead.
#include <gtest/gtest.h>

#include <cmath>

#include "gui/app/keep_in_view.hpp"

namespace samenkaart::gui {
namespace {

const Bbox kScreen{0, 0, 1600, 1000};

bool clearOf(Point p, const std::vector<Bbox>& covered, double margin) {
    for (const Bbox& b : covered)
        if (p.x > b.minx - margin && p.x < b.maxx + margin && p.y > b.miny - margin && p.y < b.maxy + margin) return false;
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
