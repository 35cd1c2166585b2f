// Where each finger goes once the window reads touches itself (XInput2): the first finger drives
// ImGui's mouse, further fingers on the map become contacts of their own, and a two-finger pinch
// reaches the gesture recognizer as one.
#include <gtest/gtest.h>

#include "gui/window/input/gesture_recognizer.hpp"
#include "gui/window/input/touch_router.hpp"

namespace samenkaart::gui {
namespace {

using P = TouchPhase;

// A panel covers the left 300 px, as the layer panel does.
bool leftPanel(double x, double) { return x < 300.0; }

std::vector<P> phases(const std::vector<TouchEvent>& events) {
    std::vector<P> out;
    for (const TouchEvent& e : events) out.push_back(e.phase);
    return out;
}

TEST(TouchRouter, TheFirstFingerDrivesImGuisMouseWhereverItLands) {
    for (double x : {100.0, 800.0}) {  // on the panel, and on the map
        TouchRouter r;
        r.feed({P::Down, 7, x, 200}, leftPanel);
        auto pointer = r.takePointer();
        ASSERT_TRUE(pointer);
        EXPECT_TRUE(pointer->down);
        EXPECT_DOUBLE_EQ(pointer->x, x);
        EXPECT_DOUBLE_EQ(pointer->y, 200);
        // Not a map contact of its own: the map reads it back from ImGui's mouse (contact 0).
        EXPECT_TRUE(r.takeMapEvents(0).empty());

        r.feed({P::Move, 7, x + 5, 210}, leftPanel);
        pointer = r.takePointer();
        ASSERT_TRUE(pointer);
        EXPECT_TRUE(pointer->down);
        EXPECT_DOUBLE_EQ(pointer->x, x + 5);

        r.feed({P::Up, 7, x + 6, 211}, leftPanel);
        pointer = r.takePointer();
        ASSERT_TRUE(pointer);
        EXPECT_FALSE(pointer->down);  // released where the finger left
        EXPECT_DOUBLE_EQ(pointer->x, x + 6);
        EXPECT_FALSE(r.takePointer());  // then the mouse is the mouse again
        EXPECT_FALSE(r.anyTouch());
    }
}

TEST(TouchRouter, ATapWithinOneFrameIsPressedForOneFrameThenReleased) {
    TouchRouter r;
    r.feed({P::Down, 1, 120, 80}, leftPanel);
    r.feed({P::Up, 1, 121, 80}, leftPanel);
    auto first = r.takePointer();
    ASSERT_TRUE(first);
    EXPECT_TRUE(first->down);  // ImGui sees the press...
    auto second = r.takePointer();
    ASSERT_TRUE(second);
    EXPECT_FALSE(second->down);  // ...and the release on the next frame: the button clicks
    EXPECT_DOUBLE_EQ(second->x, 121);
    EXPECT_FALSE(r.takePointer());
}

TEST(TouchRouter, ASecondFingerOnTheMapIsAContactOfItsOwnWithTheFrameTime) {
    TouchRouter r;
    r.feed({P::Down, 40, 700, 500}, leftPanel);
    r.feed({P::Down, 41, 900, 500}, leftPanel);
    r.feed({P::Move, 41, 950, 500}, leftPanel);
    r.feed({P::Up, 41, 950, 500}, leftPanel);
    auto events = r.takeMapEvents(1234.0);
    ASSERT_EQ(phases(events), (std::vector{P::Down, P::Move, P::Up}));
    for (const TouchEvent& e : events) {
        EXPECT_EQ(e.id, 1);  // 0 is the mouse's
        EXPECT_DOUBLE_EQ(e.timeMs, 1234.0);
    }
    EXPECT_DOUBLE_EQ(events[1].x, 950);
    EXPECT_TRUE(r.takeMapEvents(0).empty());
}

TEST(TouchRouter, FurtherFingersOnAPanelAreIgnoredUntilTheyLift) {
    TouchRouter r;
    r.feed({P::Down, 1, 800, 500}, leftPanel);
    r.feed({P::Down, 2, 100, 500}, leftPanel);  // on the panel
    r.feed({P::Move, 2, 400, 500}, leftPanel);  // even when it slides onto the map
    r.feed({P::Up, 2, 400, 500}, leftPanel);
    EXPECT_TRUE(r.takeMapEvents(0).empty());
    auto pointer = r.takePointer();
    ASSERT_TRUE(pointer);
    EXPECT_DOUBLE_EQ(pointer->x, 800);  // the first finger keeps the pointer
}

TEST(TouchRouter, AThirdFingerGetsTheNextFreeContactAndIdsAreReused) {
    TouchRouter r;
    r.feed({P::Down, 10, 800, 500}, leftPanel);
    r.feed({P::Down, 11, 900, 500}, leftPanel);
    r.feed({P::Down, 12, 1000, 500}, leftPanel);
    r.feed({P::Up, 11, 900, 500}, leftPanel);
    r.feed({P::Down, 13, 600, 500}, leftPanel);
    auto events = r.takeMapEvents(0);
    ASSERT_EQ(events.size(), 4u);
    EXPECT_EQ(events[0].id, 1);
    EXPECT_EQ(events[1].id, 2);
    EXPECT_EQ(events[2].id, 1);  // finger 11 lifts...
    EXPECT_EQ(events[3].id, 1);  // ...and finger 13 takes its contact
}

TEST(TouchRouter, WhenThePointerFingerLiftsTheNextFingerIsNoPointerWhileOthersAreDown) {
    TouchRouter r;
    r.feed({P::Down, 1, 800, 500}, leftPanel);
    r.feed({P::Down, 2, 900, 500}, leftPanel);
    r.feed({P::Up, 1, 800, 500}, leftPanel);
    (void)r.takePointer();
    (void)r.takePointer();
    r.feed({P::Down, 3, 100, 100}, leftPanel);  // finger 2 is still down: as in X, no new pointer
    EXPECT_FALSE(r.takePointer());
    r.feed({P::Up, 2, 900, 500}, leftPanel);
    r.feed({P::Up, 3, 100, 100}, leftPanel);
    r.feed({P::Down, 4, 100, 100}, leftPanel);  // all lifted: the next finger is the pointer
    auto pointer = r.takePointer();
    ASSERT_TRUE(pointer);
    EXPECT_TRUE(pointer->down);
}

TEST(TouchRouter, CancelForgetsEveryTouchAndReleasesThePointerWithoutAPosition) {
    TouchRouter r;
    r.feed({P::Down, 1, 800, 500}, leftPanel);
    r.feed({P::Down, 2, 900, 500}, leftPanel);
    (void)r.takeMapEvents(0);
    (void)r.takePointer();
    r.cancel();
    EXPECT_FALSE(r.anyTouch());
    EXPECT_EQ(phases(r.takeMapEvents(0)), std::vector{P::Cancel});
    auto pointer = r.takePointer();
    ASSERT_TRUE(pointer);
    EXPECT_FALSE(pointer->down);
    EXPECT_TRUE(pointer->gone);  // released nowhere: a button under the finger does not click
    // The cancelled fingers' later events change nothing.
    r.feed({P::Move, 2, 950, 500}, leftPanel);
    r.feed({P::Up, 1, 800, 500}, leftPanel);
    EXPECT_TRUE(r.takeMapEvents(0).empty());
    EXPECT_FALSE(r.takePointer());
}

TEST(TouchRouter, TouchUnknownToTheRouterIsIgnored) {
    TouchRouter r;
    r.feed({P::Move, 5, 10, 10}, leftPanel);  // began before the window read touches
    r.feed({P::Up, 5, 10, 10}, leftPanel);
    EXPECT_TRUE(r.takeMapEvents(0).empty());
    EXPECT_FALSE(r.takePointer());
}

// The whole path below ImGui: the pointer finger as contact 0 (as TouchInput reads it back from
// ImGui's mouse), the second finger as the router's contact; the recognizer sees a pinch.
TEST(TouchRouter, TwoFingersSpreadingOnTheMapPinchAboutTheirCentre) {
    TouchRouter r;
    GestureRecognizer g;
    std::vector<Gesture> gestures;
    bool pointerWasDown = false;
    auto frame = [&](double t, std::initializer_list<TouchPoint> touches) {
        for (const TouchPoint& p : touches) r.feed(p, leftPanel);
        std::vector<TouchEvent> events;
        if (auto pointer = r.takePointer()) {
            const P phase = pointer->down ? (pointerWasDown ? P::Move : P::Down) : P::Up;
            pointerWasDown = pointer->down;
            events.push_back({phase, 0, pointer->x, pointer->y, t});
        }
        for (const TouchEvent& e : r.takeMapEvents(t)) events.push_back(e);
        for (const TouchEvent& e : events)
            for (const Gesture& x : g.feed(e)) gestures.push_back(x);
    };
    frame(0, {{P::Down, 1, 700, 500}, {P::Down, 2, 900, 500}});
    frame(16, {{P::Move, 1, 650, 500}, {P::Move, 2, 950, 500}});
    frame(32, {{P::Move, 1, 600, 500}, {P::Move, 2, 1000, 500}});
    frame(48, {{P::Up, 1, 600, 500}, {P::Up, 2, 1000, 500}});
    double scale = 1.0, panX = 0.0, panY = 0.0;
    const Gesture* last = nullptr;
    for (const Gesture& x : gestures) {
        if (x.type != GestureType::Pinch) continue;
        scale *= x.scale;
        panX += x.dx;
        panY += x.dy;
        last = &x;
    }
    ASSERT_NE(last, nullptr);
    EXPECT_NEAR(scale, 2.0, 1e-9);  // 200 px apart, then 400
    EXPECT_NEAR(panX, 0.0, 1e-9);   // spread evenly: the centre stays
    EXPECT_NEAR(panY, 0.0, 1e-9);
    EXPECT_DOUBLE_EQ(last->x, 800);
    EXPECT_DOUBLE_EQ(last->y, 500);
    ASSERT_FALSE(gestures.empty());
    EXPECT_EQ(gestures.back().type, GestureType::PinchEnd);
}

}  // namespace
}  // namespace samenkaart::gui
