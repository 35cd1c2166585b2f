// Decides, finger by finger, where a touchscreen's touches go once the window reads them itself
// (XInput2): X then no longer turns the first finger into the pointer, so this does it instead.
//
// - The first finger that lands while no other is down drives ImGui's mouse, wherever it lands, as
//   X's own pointer emulation would: panel buttons, finger-drag scrolling, a tap on the map (contact 0
//   of the gesture recognizer, read back from ImGui's mouse like the real mouse), double-tap zoom.
// - Every further finger that lands on the map (not on a panel) becomes a contact of its own
//   (ids 1, 2, ...): with the first finger on the map, that is a two-finger pinch.
// - Further fingers that land on a panel are ignored until they lift.
// Pure: no window system, no ImGui; the caller says where the panels are.
#pragma once

#include <functional>
#include <optional>
#include <vector>

#include "gui/window/input/gesture_recognizer.hpp"

namespace samenkaart::gui {

// One touch event as the window system reports it: `id` is the platform's touch id (XI2's
// `detail`), x and y are window coordinates, the same units as the mouse's.
struct TouchPoint {
    TouchPhase phase = TouchPhase::Down;
    long id = 0;
    double x = 0.0;
    double y = 0.0;
};

// What ImGui's mouse shows this frame while a finger drives it.
struct FingerPointer {
    double x = 0.0;
    double y = 0.0;
    bool down = false;
    bool gone = false;  // cancelled: no position at all, so the release clicks nothing
};

class TouchRouter {
public:
    using PanelTest = std::function<bool(double x, double y)>;

    // Routes one event; `overPanel` is asked only when a finger other than the pointer lands.
    void feed(const TouchPoint& touch, const PanelTest& overPanel);
    // Forgets every touch (the window lost focus): the map's contacts get a Cancel, the pointer
    // finger is released without clicking. Later events of those touches are ignored.
    void cancel();

    // The map's own contacts since the last call, stamped with the frame's time.
    std::vector<TouchEvent> takeMapEvents(double nowMs);
    // ImGui's mouse for this frame: set while a finger drives it, and once more after it lifts
    // (a press and release within one frame still shows as pressed for one frame, then released).
    std::optional<FingerPointer> takePointer();

    bool anyTouch() const { return !touches_.empty(); }

private:
    enum class Role { Pointer, Map, Ignored };
    struct Touch {
        long id;
        Role role;
        int contact;  // the recognizer's id, for Role::Map
    };
    Touch* find(long id);
    int freeContactId() const;

    std::vector<Touch> touches_;
    std::vector<TouchEvent> mapEvents_;
    FingerPointer pointer_;
    bool pointerDown_ = false;
    bool pressLatched_ = false;    // pressed since the last frame: shown as down once, even if already up
    bool releasePending_ = false;  // lifted since the last frame: shown as up once, at the last spot
    bool cancelPending_ = false;
};

}  // namespace samenkaart::gui
