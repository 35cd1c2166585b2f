// TouchInput with a real ImGui context (no window, no GL): a finger drives ImGui's mouse, so a
// panel's button clicks by touch; a second finger on the map reaches the map as contact 1 while a
// second finger on a panel does not; focus loss cancels without clicking.
#include <gtest/gtest.h>
#include <imgui.h>

#include <cfloat>

#include "gui/window/input/touch_input.hpp"
#include "tests/window/headless_imgui.hpp"

namespace samenkaart::gui {
namespace {

using test::HeadlessImGui;

using P = TouchPhase;

class TouchInputTest : public ::testing::Test {
protected:
    HeadlessImGui imgui{ImVec2(1600, 1000)};

    // One frame as the app draws it: the backend sets the mouse (here: the real mouse rests at
    // `mouse`, button up), TouchInput overrides it, then a panel with a button at the left.
    std::vector<TouchEvent> frame(std::initializer_list<TouchPoint> touches = {}) {
        ImGuiIO& io = ImGui::GetIO();
        io.DeltaTime = 1.0f / 60.0f;
        io.MousePos = mouse;
        for (bool& down : io.MouseDown) down = false;
        touch.addTouches(touches);
        touch.beforeNewFrame();
        ImGui::NewFrame();
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(ImVec2(300, 300));
        ImGui::Begin("panel", nullptr, ImGuiWindowFlags_NoDecoration);
        if (ImGui::Button("ok", ImVec2(200, 100))) ++clicks;  // at (8, 8) - (208, 108)
        ImGui::End();
        auto events = touch.poll(frameMs += 16.0);
        ImGui::Render();
        return events;
    }

    TouchInput touch;
    ImVec2 mouse{1500, 900};
    int clicks = 0;
    double frameMs = 0.0;
};

std::vector<std::pair<P, int>> what(const std::vector<TouchEvent>& events) {
    std::vector<std::pair<P, int>> out;
    for (const TouchEvent& e : events) out.emplace_back(e.phase, e.id);
    return out;
}

TEST_F(TouchInputTest, AFingerTapsAPanelButton) {
    frame();
    frame();                                              // the panel exists from now on
    EXPECT_TRUE(frame({{P::Down, 5, 100, 50}}).empty());  // a panel's, not the map's
    EXPECT_FLOAT_EQ(ImGui::GetIO().MousePos.x, 100);
    frame({{P::Up, 5, 100, 50}});
    EXPECT_EQ(clicks, 1);
    // The pointer stays where the finger lifted until the mouse moves.
    frame();
    EXPECT_FLOAT_EQ(ImGui::GetIO().MousePos.x, 100);
    mouse = ImVec2(1400, 900);
    frame();
    EXPECT_FLOAT_EQ(ImGui::GetIO().MousePos.x, 1400);
}

TEST_F(TouchInputTest, ATapWithinOneFrameStillClicks) {
    frame();
    frame();
    frame({{P::Down, 5, 100, 50}, {P::Up, 5, 101, 50}});
    frame();
    EXPECT_EQ(clicks, 1);
}

TEST_F(TouchInputTest, TwoFingersOnTheMapAreContactsZeroAndOne) {
    frame();
    frame();
    auto down = frame({{P::Down, 5, 700, 500}, {P::Down, 6, 900, 500}});
    EXPECT_EQ(what(down), (std::vector<std::pair<P, int>>{{P::Down, 0}, {P::Down, 1}}));
    EXPECT_DOUBLE_EQ(down[0].x, 700);
    EXPECT_DOUBLE_EQ(down[1].x, 900);
    auto move = frame({{P::Move, 5, 650, 500}, {P::Move, 6, 950, 500}});
    EXPECT_EQ(what(move), (std::vector<std::pair<P, int>>{{P::Move, 0}, {P::Move, 1}}));
    auto up = frame({{P::Up, 5, 650, 500}, {P::Up, 6, 950, 500}});
    EXPECT_EQ(what(up), (std::vector<std::pair<P, int>>{{P::Up, 0}, {P::Up, 1}}));
    EXPECT_EQ(clicks, 0);
}

TEST_F(TouchInputTest, ASecondFingerOnAPanelIsIgnored) {
    frame();
    frame();
    auto events = frame({{P::Down, 5, 700, 500}, {P::Down, 6, 100, 50}});
    EXPECT_EQ(what(events), (std::vector<std::pair<P, int>>{{P::Down, 0}}));
    frame({{P::Up, 6, 100, 50}});
    frame({{P::Up, 5, 700, 500}});
    EXPECT_EQ(clicks, 0);  // the panel finger pressed nothing
}

TEST_F(TouchInputTest, FocusLossCancelsEveryContactAndClicksNothing) {
    frame();
    frame();
    frame({{P::Down, 5, 100, 50}});  // a finger on the button...
    touch.cancel();                  // ...when the window loses focus
    auto events = frame();
    ASSERT_FALSE(events.empty());
    EXPECT_EQ(events.front().phase, P::Cancel);
    EXPECT_EQ(ImGui::GetIO().MousePos.x, -FLT_MAX);
    frame({{P::Up, 5, 100, 50}});  // its end is ignored
    frame();
    EXPECT_EQ(clicks, 0);
}

}  // namespace
}  // namespace samenkaart::gui
