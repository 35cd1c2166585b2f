#include "gui/window/input/xi_touch_decode.hpp"

namespace samenkaart::gui {

std::optional<TouchPoint> decodeTouchEvent(const XIDeviceEvent& event, Window window) {
    if (event.event != window) return std::nullopt;
    TouchPoint p;
    switch (event.evtype) {
        case XI_TouchBegin:
            p.phase = TouchPhase::Down;
            break;
        case XI_TouchUpdate:
            // With XITouchPendingEnd the finger has lifted but another client may still claim the
            // touch; the end itself follows as XI_TouchEnd, so this is only one more position.
            p.phase = TouchPhase::Move;
            break;
        case XI_TouchEnd:
            p.phase = TouchPhase::Up;
            break;
        default:
            return std::nullopt;
    }
    // The protocol's touch ids are 32-bit unsigned; Xlib hands them over in an int.
    p.id = static_cast<long>(static_cast<unsigned int>(event.detail));
    p.x = event.event_x;
    p.y = event.event_y;
    return p;
}

}  // namespace samenkaart::gui
