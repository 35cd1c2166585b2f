// XInput2 touch events, built by hand (Xvfb has no touchscreen), decoded into touch points.
#include <gtest/gtest.h>

#include "engine/error.hpp"
#include "gui/window/input/touch_replay.hpp"
#include "gui/window/input/xi_touch_decode.hpp"

namespace samenkaart::gui {
namespace {

constexpr Window kWindow = 0x3a00007;

XIDeviceEvent touchEvent(int evtype, int detail, double x, double y) {
    XIDeviceEvent e{};
    e.type = GenericEvent;
    e.extension = 131;
    e.evtype = evtype;
    e.deviceid = 2;   // the master pointer (XIAllMasterDevices)
    e.sourceid = 11;  // the touchscreen
    e.detail = detail;
    e.event = kWindow;
    e.root_x = x + 400.0;  // the window is not at the screen's corner
    e.root_y = y + 300.0;
    e.event_x = x;
    e.event_y = y;
    return e;
}

TEST(XiTouchDecode, BeginUpdateEndBecomeDownMoveUpInWindowCoordinates) {
    const struct {
        int evtype;
        TouchPhase phase;
    } cases[] = {{XI_TouchBegin, TouchPhase::Down}, {XI_TouchUpdate, TouchPhase::Move}, {XI_TouchEnd, TouchPhase::Up}};
    for (const auto& c : cases) {
        auto p = decodeTouchEvent(touchEvent(c.evtype, 17, 812.5, 433.25), kWindow);
        ASSERT_TRUE(p);
        EXPECT_EQ(p->phase, c.phase);
        EXPECT_EQ(p->id, 17);
        EXPECT_DOUBLE_EQ(p->x, 812.5);  // event_x, not root_x
        EXPECT_DOUBLE_EQ(p->y, 433.25);
    }
}

TEST(XiTouchDecode, APendingEndIsOneMorePosition) {
    XIDeviceEvent e = touchEvent(XI_TouchUpdate, 3, 10, 20);
    e.flags = XITouchPendingEnd;
    auto p = decodeTouchEvent(e, kWindow);
    ASSERT_TRUE(p);
    EXPECT_EQ(p->phase, TouchPhase::Move);
}

TEST(XiTouchDecode, TouchIdsAreUnsigned32Bit) {
    // The server counts touch ids up from 1 and may pass 2^31; Xlib's `detail` is an int.
    auto p = decodeTouchEvent(touchEvent(XI_TouchBegin, static_cast<int>(0x80000005u), 1, 1), kWindow);
    ASSERT_TRUE(p);
    EXPECT_EQ(p->id, 0x80000005L);
}

TEST(XiTouchDecode, OtherEventsAndOtherWindowsAreNoTouches) {
    EXPECT_FALSE(decodeTouchEvent(touchEvent(XI_Motion, 0, 1, 1), kWindow));
    EXPECT_FALSE(decodeTouchEvent(touchEvent(XI_ButtonPress, 1, 1, 1), kWindow));
    EXPECT_FALSE(decodeTouchEvent(touchEvent(XI_TouchOwnership, 4, 1, 1), kWindow));
    EXPECT_FALSE(decodeTouchEvent(touchEvent(XI_TouchBegin, 4, 1, 1), kWindow + 1));
}

TEST(TouchReplay, ParsesGroupsOfTouchesPerFrame) {
    const TouchFrames frames = parseTouchReplay(
        "# two fingers\n"
        "begin 1 700 560\nbegin 2 900 560.5\nframe\n"
        "update 1 650 560  # apart\n\nframe\nframe\nend 1 600 560\n");
    ASSERT_EQ(frames.size(), 4u);
    ASSERT_EQ(frames[0].size(), 2u);
    EXPECT_EQ(frames[0][1].phase, TouchPhase::Down);
    EXPECT_EQ(frames[0][1].id, 2);
    EXPECT_DOUBLE_EQ(frames[0][1].y, 560.5);
    EXPECT_EQ(frames[1][0].phase, TouchPhase::Move);
    EXPECT_TRUE(frames[2].empty());  // a frame without touches
    EXPECT_EQ(frames[3][0].phase, TouchPhase::Up);
}

TEST(TouchReplay, NamesTheLineThatIsWrong) {
    try {
        parseTouchReplay("begin 1 2 3\nlift 1 2 3\n");
        FAIL() << "no error";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("line 2"), std::string::npos) << e.what();
    }
    EXPECT_THROW(parseTouchReplay("begin 1 2\n"), Error);
    EXPECT_THROW(parseTouchReplay("end 1 2 3 4\n"), Error);
}

}  // namespace
}  // namespace samenkaart::gui
