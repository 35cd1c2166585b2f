#include "gui/window/input/touch_input.hpp"

#include <imgui.h>
#include <imgui_internal.h>  // the windows of the last frame, to tell a panel from the map

#include <cfloat>

namespace samenkaart::gui {
namespace {

// Whether an ImGui window (a panel) covered this point in the last frame: ImGui's own
// FindHoveredWindow, for a point other than the mouse's. Called before NewFrame, when each
// window's Active still says whether it was drawn.
bool panelAt(double x, double y) {
    const ImGuiContext& g = *ImGui::GetCurrentContext();
    const ImVec2 at(static_cast<float>(x), static_cast<float>(y));
    for (const ImGuiWindow* window : g.Windows) {
        if (!window->Active || window->Hidden || (window->Flags & ImGuiWindowFlags_NoMouseInputs)) continue;
        ImRect bb(window->OuterRectClipped);
        bb.Expand(g.Style.TouchExtraPadding);
        if (bb.Contains(at)) return true;
    }
    return false;
}

}  // namespace

void TouchInput::addTouches(const std::vector<TouchPoint>& touches) {
    pending_.insert(pending_.end(), touches.begin(), touches.end());
}

void TouchInput::cancel() {
    pending_.clear();
    router_.cancel();
    cancelPending_ = true;
}

void TouchInput::beforeNewFrame() {
    ImGuiIO& io = ImGui::GetIO();
    for (const TouchPoint& touch : pending_) router_.feed(touch, panelAt);
    pending_.clear();

    const float mouseX = io.MousePos.x, mouseY = io.MousePos.y;  // as GLFW's backend just set them
    if (auto finger = router_.takePointer()) {
        if (finger->gone) {
            io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
            fingerPointerStays_ = false;
        } else {
            io.MousePos = ImVec2(static_cast<float>(finger->x), static_cast<float>(finger->y));
            fingerPointerStays_ = true;
            fingerX_ = io.MousePos.x;
            fingerY_ = io.MousePos.y;
        }
        io.MouseDown[0] = finger->down;
        mouseX_ = mouseX;
        mouseY_ = mouseY;
    } else if (fingerPointerStays_) {
        bool mouseUsed = mouseX != mouseX_ || mouseY != mouseY_;
        for (bool down : io.MouseDown) mouseUsed = mouseUsed || down;
        if (mouseUsed)
            fingerPointerStays_ = false;
        else
            io.MousePos = ImVec2(fingerX_, fingerY_);
    }
}

std::vector<TouchEvent> TouchInput::poll(double nowMs) {
    const ImGuiIO& io = ImGui::GetIO();
    std::vector<TouchEvent> events;
    if (cancelPending_) {
        // One Cancel forgets every contact of the recognizer; contact 0 then lifts unseen.
        cancelPending_ = false;
        down_ = false;
        events.push_back({TouchPhase::Cancel, 0, 0.0, 0.0, nowMs});
    }
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
    for (const TouchEvent& e : router_.takeMapEvents(nowMs)) {
        // The router's own Cancel is already covered by the one above (cancel() sets both).
        if (e.phase != TouchPhase::Cancel) events.push_back(e);
    }
    return events;
}

}  // namespace samenkaart::gui
