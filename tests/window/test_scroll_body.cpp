// ScrollBody (gui/window/panels/touch_widgets.hpp) with a real ImGui context: the scrolling middle of a
// dialog never grows past its room (its buttons below stay in the window), a finger drags the list
// up and down from anywhere in it, and a sideways drag belongs to a slider, not to the list.
#include <gtest/gtest.h>
#include <imgui.h>

#include "gui/window/panels/touch_widgets.hpp"
#include "tests/window/headless_imgui.hpp"

namespace samenkaart::gui {
namespace {

using test::HeadlessImGui;

class ScrollBodyTest : public ::testing::Test {
protected:
    HeadlessImGui imgui{ImVec2(800, 600)};

    // One frame of a 400 x 200 dialog: `above` px of heading, the body (a slider, then 20 rows),
    // and a 50 px button below it.
    void frame(ImVec2 mouse, bool down, float above) {
        ImGuiIO& io = ImGui::GetIO();
        io.DeltaTime = 1.0f / 60.0f;
        io.MousePos = mouse;
        io.MouseDown[0] = down;
        ImGui::NewFrame();
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(ImVec2(400, kBottom));
        ImGui::Begin("dialog", nullptr, ImGuiWindowFlags_NoDecoration);
        ImGui::Dummy(ImVec2(10, above));
        beginScrollBody(body, "##body", kBottom);
        ImGui::SetNextItemWidth(300);
        ImGui::SliderFloat("##slider", &slider, 0.0f, 1.0f);
        for (int i = 0; i < 20; ++i) ImGui::Button(("row " + std::to_string(i)).c_str(), ImVec2(300, 40));
        scroll = ImGui::GetScrollY();
        endScrollBody(body);
        ImGui::Button("close", ImVec2(300, 50));
        footerBottom = ImGui::GetItemRectMax().y;
        endFooter(body);
        ImGui::End();
        ImGui::Render();
    }
    void settle(float above) {
        for (int i = 0; i < 4; ++i) frame(ImVec2(790, 590), false, above);
    }
    // A finger from `from` moved by (dx, dy) over ten frames, then lifted.
    void drag(ImVec2 from, float dx, float dy, float above) {
        frame(from, false, above);
        for (int i = 0; i <= 10; ++i) {
            const float step = static_cast<float>(i);  // 0 to 10: exact in a float
            frame(ImVec2(from.x + dx * step / 10, from.y + dy * step / 10), true, above);
        }
        frame(ImVec2(from.x + dx, from.y + dy), false, above);
    }

    static constexpr float kBottom = 200.0f;
    ScrollBody body;
    float slider = 0.0f;
    float scroll = 0.0f;
    float footerBottom = 0.0f;
};

TEST_F(ScrollBodyTest, TheButtonBelowStaysInsideTheDialogWhenLittleRoomIsLeft) {
    // 100 px of heading leave the body about 30 px: less than the two rows it keeps where it can.
    settle(100.0f);
    EXPECT_LE(footerBottom, kBottom - ImGui::GetStyle().WindowPadding.y + 1.0f);
    settle(20.0f);
    EXPECT_LE(footerBottom, kBottom - ImGui::GetStyle().WindowPadding.y + 1.0f);
}

TEST_F(ScrollBodyTest, AFingerDragsTheListFromARow) {
    settle(10.0f);
    ASSERT_EQ(scroll, 0.0f);
    drag(ImVec2(100, 120), 0.0f, -60.0f, 10.0f);  // starts on a row (a button)
    EXPECT_GT(scroll, 30.0f);
}

TEST_F(ScrollBodyTest, ASidewaysDragMovesTheSliderNotTheList) {
    settle(10.0f);
    const float y = 10.0f + ImGui::GetStyle().WindowPadding.y + ImGui::GetStyle().ItemSpacing.y + 8.0f;
    drag(ImVec2(20, y), 200.0f, -12.0f, 10.0f);  // mostly sideways, a little up as fingers do
    EXPECT_EQ(scroll, 0.0f);
    EXPECT_GT(slider, 0.4f);
}

}  // namespace
}  // namespace samenkaart::gui
