// The gesture recognizer on synthetic touch sequences: what a finger (or two) does, event by event.
#include <gtest/gtest.h>

#include "gui/window/input/gesture_recognizer.hpp"

namespace samenkaart::gui {
namespace {

using P = TouchPhase;

std::vector<Gesture> play(GestureRecognizer& r, const std::vector<TouchEvent>& events) {
    std::vector<Gesture> all;
    for (const TouchEvent& e : events) {
        auto g = r.feed(e);
        all.insert(all.end(), g.begin(), g.end());
    }
    return all;
}

std::vector<GestureType> types(const std::vector<Gesture>& g) {
    std::vector<GestureType> t;
    for (const Gesture& x : g) t.push_back(x.type);
    return t;
}

TEST(GestureRecognizer, QuickPressAndReleaseIsATapWhereTheFingerWentDown) {
    GestureRecognizer r;
    auto g = play(r, {{P::Down, 0, 100, 200, 0}, {P::Move, 0, 103, 202, 40}, {P::Up, 0, 104, 203, 90}});
    ASSERT_EQ(types(g), std::vector{GestureType::Tap});
    EXPECT_DOUBLE_EQ(g[0].x, 100);
    EXPECT_DOUBLE_EQ(g[0].y, 200);
    EXPECT_FALSE(r.active());
}

TEST(GestureRecognizer, MovingBeyondTheSlopPansAndNeverTaps) {
    GestureRecognizer r({10.0, 550.0});
    auto g = play(r, {{P::Down, 0, 100, 100, 0},
                      {P::Move, 0, 105, 100, 16},
                      {P::Move, 0, 130, 110, 32},
                      {P::Move, 0, 150, 120, 48},
                      {P::Up, 0, 150, 120, 64}});
    ASSERT_EQ(types(g), (std::vector{GestureType::Pan, GestureType::Pan, GestureType::PanEnd}));
    // The first pan step carries the whole way from the touch-down: nothing of the drag is lost.
    EXPECT_DOUBLE_EQ(g[0].dx + g[1].dx, 50.0);
    EXPECT_DOUBLE_EQ(g[0].dy + g[1].dy, 20.0);
}

TEST(GestureRecognizer, HoldingStillBecomesALongPressOnTickThenDragsAndEnds) {
    GestureRecognizer r({10.0, 500.0});
    EXPECT_TRUE(play(r, {{P::Down, 0, 50, 60, 1000}}).empty());
    EXPECT_TRUE(r.waitingForLongPress());
    EXPECT_TRUE(r.tick(1400).empty());
    auto lp = r.tick(1501);
    ASSERT_EQ(types(lp), std::vector{GestureType::LongPress});
    EXPECT_DOUBLE_EQ(lp[0].x, 50);
    EXPECT_FALSE(r.waitingForLongPress());
    auto g = play(r, {{P::Move, 0, 80, 60, 1600}, {P::Move, 0, 90, 70, 1620}, {P::Up, 0, 90, 70, 1700}});
    ASSERT_EQ(types(g), (std::vector{GestureType::HoldDrag, GestureType::HoldDrag, GestureType::HoldEnd}));
    EXPECT_DOUBLE_EQ(g[0].dx, 30);
    EXPECT_DOUBLE_EQ(g[2].x, 90);
}

TEST(GestureRecognizer, ALongPressIsRecognisedFromTheNextEventWhenNoTickCame) {
    GestureRecognizer r({10.0, 500.0});
    auto g = play(r, {{P::Down, 0, 10, 10, 0}, {P::Up, 0, 10, 10, 800}});
    EXPECT_EQ(types(g), (std::vector{GestureType::LongPress, GestureType::HoldEnd}));
}

TEST(GestureRecognizer, TwoFingersPinchAboutTheirCentre) {
    GestureRecognizer r;
    auto g = play(r, {{P::Down, 0, 100, 100, 0}, {P::Down, 1, 200, 100, 10}, {P::Move, 1, 300, 100, 30}});
    ASSERT_EQ(types(g), std::vector{GestureType::Pinch});
    EXPECT_DOUBLE_EQ(g[0].scale, 2.0);  // 100 px apart, then 200
    EXPECT_DOUBLE_EQ(g[0].x, 200);      // the centre moved from 150 to 200
    EXPECT_DOUBLE_EQ(g[0].dx, 50);
    auto end = play(r, {{P::Up, 1, 300, 100, 50}, {P::Move, 0, 160, 140, 60}, {P::Up, 0, 160, 140, 70}});
    // The finger left behind neither pans nor taps.
    EXPECT_EQ(types(end), std::vector{GestureType::PinchEnd});
    EXPECT_FALSE(r.active());
}

TEST(GestureRecognizer, ASecondFingerEndsAPanAndStartsAPinch) {
    GestureRecognizer r;
    auto g =
        play(r, {{P::Down, 0, 0, 0, 0}, {P::Move, 0, 40, 0, 10}, {P::Down, 1, 100, 0, 20}, {P::Move, 1, 80, 0, 30}});
    EXPECT_EQ(types(g), (std::vector{GestureType::Pan, GestureType::PanEnd, GestureType::Pinch}));
    EXPECT_LT(g[2].scale, 1.0);  // fingers closer: zoom out
}

TEST(GestureRecognizer, PinchingInAndOutAgainComesBackToTheSameScale) {
    GestureRecognizer r;
    play(r, {{P::Down, 0, 0, 0, 0}, {P::Down, 1, 100, 0, 0}});
    double total = 1.0;
    for (double x : {150.0, 220.0, 90.0, 100.0})
        for (const Gesture& g : r.feed({P::Move, 1, x, 0, 10})) total *= g.scale;
    EXPECT_NEAR(total, 1.0, 1e-12);
}

TEST(GestureRecognizer, CancelEndsWhatWasUnderWayAndForgetsContacts) {
    GestureRecognizer r;
    play(r, {{P::Down, 0, 0, 0, 0}, {P::Move, 0, 50, 0, 10}});
    auto g = r.feed({P::Cancel, 0, 0, 0, 20});
    EXPECT_EQ(types(g), std::vector{GestureType::PanEnd});
    EXPECT_FALSE(r.active());
    EXPECT_TRUE(r.feed({P::Up, 0, 50, 0, 30}).empty());  // the release of a forgotten contact
}

TEST(GestureRecognizer, EventsOfAContactNeverSeenDownAreIgnored) {
    GestureRecognizer r;
    EXPECT_TRUE(play(r, {{P::Move, 3, 1, 1, 0}, {P::Up, 3, 1, 1, 5}}).empty());
}

TEST(GestureRecognizer, TapsInARowAreEachRecognised) {
    GestureRecognizer r;
    for (int i = 0; i < 5; ++i) {
        const double t = i * 200.0;
        auto g = play(r, {{P::Down, 0, 10.0 * i, 0, t}, {P::Up, 0, 10.0 * i, 0, t + 60}});
        ASSERT_EQ(types(g), std::vector{GestureType::Tap});
    }
}

}  // namespace
}  // namespace samenkaart::gui
