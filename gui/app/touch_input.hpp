// Where the gesture recognizer's contacts come from. This build reads the pointer through ImGui:
// the mouse, and a touchscreen's first finger through X11's pointer emulation (so one-finger tap,
// long-press, pan and drag work by touch). Two-finger pinch needs XInput2 touch events, which this
// class does not read yet; the recognizer already handles them (see its tests).
#pragma once

#include <vector>

#include "gui/app/gesture_recognizer.hpp"

namespace samenkaart::gui {

class TouchInput {
public:
    // The contacts that began on the map (not on a panel) and what they did since the last frame.
    std::vector<TouchEvent> poll(double nowMs);

private:
    bool down_ = false;
    float lastX_ = 0.0f;
    float lastY_ = 0.0f;
};

}  // namespace samenkaart::gui
