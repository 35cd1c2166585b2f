#include "gui/app/touch_input.hpp"

#include <imgui.h>

namespace samenkaart::gui {

std::vector<TouchEvent> TouchInput::poll(double nowMs) {
    const ImGuiIO& io = ImGui::GetIO();
    std::vector<TouchEvent> events;
    const float x = io.MousePos.x, y = io.MousePos.y;
    if (io.MouseClicked[0] && !io.WantCaptureMouse && !down_) {
        down_ = true;
        events.push_back({TouchPhase::Down, 0, x, y, nowMs});
    } else if (down_ && io.MouseDown[0] && (x != lastX_ || y != lastY_)) {
        events.push_back({TouchPhase::Move, 0, x, y, nowMs});
    }
    if (down_ && !io.MouseDown[0]) {
        down_ = false;
        events.push_back({TouchPhase::Up, 0, x, y, nowMs});
    }
    lastX_ = x;
    lastY_ = y;
    return events;
}

}  // namespace samenkaart::gui
