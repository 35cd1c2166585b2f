// Where the gesture recognizer's contacts come from, and how fingers reach ImGui.
//
// The pointer, read through ImGui, is contact 0: the mouse, or the finger that drives ImGui's mouse.
// Without XInput2 touch (another platform, an X server without XI 2.2) X itself turns a
// touchscreen's first finger into the pointer, so one-finger tap, long-press, pan and drag work,
// but a second finger never arrives. With it (X11TouchSource), X stops doing that for this window:
// the touches come here (addTouches), TouchRouter makes the first finger ImGui's mouse
// (beforeNewFrame) and every further finger on the map a contact of its own (poll), so two fingers
// pinch-zoom and pan. The real mouse is another device and keeps reaching ImGui through GLFW.
#pragma once

#include <vector>

#include "gui/window/input/gesture_recognizer.hpp"
#include "gui/window/input/touch_router.hpp"

namespace samenkaart::gui {

class TouchInput {
public:
    // Touch events decoded from the window system (or a test's replay); routed in the next frame.
    void addTouches(const std::vector<TouchPoint>& touches);
    // Between the platform backend's new frame (which sets ImGui's mouse from GLFW) and
    // ImGui::NewFrame: routes the touches and lets the pointer finger drive ImGui's mouse.
    void beforeNewFrame();
    // The window lost focus: every contact is cancelled, the pointer finger released without a click.
    void cancel();
    // Touches wait for the next frame to be routed.
    bool hasPending() const { return !pending_.empty(); }

    // The contacts that began on the map (not on a panel) and what they did since the last frame.
    std::vector<TouchEvent> poll(double nowMs);

private:
    TouchRouter router_;
    std::vector<TouchPoint> pending_;
    bool cancelPending_ = false;

    // Contact 0, read from ImGui's mouse.
    bool down_ = false;
    float lastX_ = 0.0f;
    float lastY_ = 0.0f;

    // After a finger lifts, ImGui's mouse stays where it was (as X's emulated pointer would) until
    // the real mouse moves or clicks; GLFW would otherwise put it back at the mouse cursor.
    bool fingerPointerStays_ = false;
    float fingerX_ = 0.0f, fingerY_ = 0.0f;
    float mouseX_ = 0.0f, mouseY_ = 0.0f;  // where GLFW last said the mouse cursor was
};

}  // namespace samenkaart::gui
