// The window's size and place, fitted to the screens there are now.
#include <gtest/gtest.h>

#include "gui/window/logic/window_placement.hpp"

namespace samenkaart::gui {
namespace {

bool same(const WindowPlacement& a, const WindowPlacement& b) {
    return a.x == b.x && a.y == b.y && a.width == b.width && a.height == b.height;
}

TEST(WindowPlacement, TheDefaultShrinksToALaptopScreen) {
    const ScreenArea laptop{0, 0, 1366, 740};  // 768 less a 28 px panel
    const WindowPlacement fitted = fitPlacement(WindowPlacement{}, {laptop});
    EXPECT_EQ(fitted.width, 1366);
    EXPECT_EQ(fitted.height, 740);
    EXPECT_EQ(fitted.x, -1) << "no place remembered: the window manager still chooses";
    const WindowPlacement framed = fitPlacement(WindowPlacement{}, {laptop}, 2, 30);
    EXPECT_EQ(framed.width, 1364);
    EXPECT_EQ(framed.height, 710);
}

TEST(WindowPlacement, AWindowThatFitsStaysWhereItWas) {
    const WindowPlacement wanted{200, 100, 1200, 800};
    EXPECT_TRUE(same(fitPlacement(wanted, {{0, 0, 1920, 1050}}), wanted));
    EXPECT_TRUE(same(fitPlacement(wanted, {}), wanted)) << "no monitors reported: unchanged";
}

TEST(WindowPlacement, AWindowHangingOverTheEdgeMovesOnScreen) {
    const WindowPlacement fitted = fitPlacement({1000, 500, 1200, 800}, {{0, 0, 1920, 1050}});
    EXPECT_EQ(fitted.x, 720);
    EXPECT_EQ(fitted.y, 250);
    EXPECT_EQ(fitted.width, 1200);
}

TEST(WindowPlacement, ASecondMonitorKeepsItsWindowAndAGoneOneGivesItBack) {
    const ScreenArea primary{0, 0, 1920, 1050}, second{1920, 0, 3840, 2160};
    const WindowPlacement onSecond{2200, 200, 2400, 1500};
    EXPECT_TRUE(same(fitPlacement(onSecond, {primary, second}), onSecond));
    const WindowPlacement back = fitPlacement(onSecond, {primary});
    EXPECT_EQ(back.x, -1);
    EXPECT_EQ(back.y, -1);
    EXPECT_EQ(back.width, 1920);
    EXPECT_EQ(back.height, 1050);
}

TEST(WindowPlacement, NeverSmallerThanThePanelsNeedUnlessTheScreenIs) {
    const WindowPlacement tiny = fitPlacement({10, 10, 300, 200}, {{0, 0, 1920, 1050}});
    EXPECT_EQ(tiny.width, kMinWindowWidth);
    EXPECT_EQ(tiny.height, kMinWindowHeight);
    const WindowPlacement small = fitPlacement({-1, -1, 300, 200}, {{0, 0, 640, 450}});
    EXPECT_EQ(small.width, 640);
    EXPECT_EQ(small.height, 450);
    const ScreenArea broken{0, 0, 0, 0};
    EXPECT_TRUE(same(fitPlacement({5, 5, 900, 600}, {broken}), WindowPlacement{5, 5, 900, 600}));
}

}  // namespace
}  // namespace samenkaart::gui
