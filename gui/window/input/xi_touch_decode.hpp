// XInput2 touch events (XI 2.2) as the window's touch points. Pure: reads the event's fields only,
// so tests build the structs by hand (Xvfb has no touchscreen to send real ones).
#pragma once

#include <X11/extensions/XInput2.h>

#include <optional>

#include "gui/window/input/touch_router.hpp"

namespace samenkaart::gui {

// XI_TouchBegin / XI_TouchUpdate / XI_TouchEnd -> Down / Move / Up, the touch id from `detail`, the
// position from event_x / event_y (the event window's pixels: on X11 GLFW's window coordinates,
// which are ImGui's). Anything else, and a touch that is not on `window`: nothing.
std::optional<TouchPoint> decodeTouchEvent(const XIDeviceEvent& event, Window window);

}  // namespace samenkaart::gui
