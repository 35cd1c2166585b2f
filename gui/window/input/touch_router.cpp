#include "gui/window/input/touch_router.hpp"

#include <algorithm>

namespace samenkaart::gui {

TouchRouter::Touch* TouchRouter::find(long id) {
    for (Touch& t : touches_)
        if (t.id == id) return &t;
    return nullptr;
}

int TouchRouter::freeContactId() const {
    // Contact 0 is ImGui's mouse (the real mouse, or the pointer finger read back through ImGui).
    for (int id = 1;; ++id)
        if (std::none_of(touches_.begin(), touches_.end(),
                         [id](const Touch& t) { return t.role == Role::Map && t.contact == id; }))
            return id;
}

void TouchRouter::feed(const TouchPoint& p, const PanelTest& overPanel) {
    if (p.phase == TouchPhase::Cancel) {
        cancel();
        return;
    }
    Touch* touch = find(p.id);
    if (p.phase == TouchPhase::Down) {
        if (touch) return;  // a repeated begin: keep the role it has
        if (touches_.empty()) {
            // X's rule for pointer emulation: only a finger that lands while no other is down.
            touches_.push_back({p.id, Role::Pointer, 0});
            pointer_ = {p.x, p.y, true, false};
            pointerDown_ = true;
            pressLatched_ = true;
        } else if (overPanel && overPanel(p.x, p.y)) {
            touches_.push_back({p.id, Role::Ignored, 0});
        } else {
            const int contact = freeContactId();
            touches_.push_back({p.id, Role::Map, contact});
            mapEvents_.push_back({TouchPhase::Down, contact, p.x, p.y, 0.0});
        }
        return;
    }
    if (!touch) return;  // began before a cancel, or before the window read touches
    const Touch t = *touch;
    const bool up = p.phase == TouchPhase::Up;
    if (up)
        touches_.erase(std::remove_if(touches_.begin(), touches_.end(), [&](const Touch& k) { return k.id == p.id; }),
                       touches_.end());
    switch (t.role) {
        case Role::Pointer:
            pointer_.x = p.x;
            pointer_.y = p.y;
            if (up) {
                pointerDown_ = false;
                releasePending_ = true;
            }
            break;
        case Role::Map:
            mapEvents_.push_back({up ? TouchPhase::Up : TouchPhase::Move, t.contact, p.x, p.y, 0.0});
            break;
        case Role::Ignored:
            break;
    }
}

void TouchRouter::cancel() {
    const bool hadMapContacts =
        std::any_of(touches_.begin(), touches_.end(), [](const Touch& t) { return t.role == Role::Map; });
    if (hadMapContacts) mapEvents_.push_back({TouchPhase::Cancel, 0, 0.0, 0.0, 0.0});
    if (pointerDown_ || pressLatched_ || releasePending_) cancelPending_ = true;
    pointerDown_ = false;
    pressLatched_ = false;
    releasePending_ = false;
    touches_.clear();
}

std::vector<TouchEvent> TouchRouter::takeMapEvents(double nowMs) {
    std::vector<TouchEvent> events;
    events.swap(mapEvents_);
    for (TouchEvent& e : events) e.timeMs = nowMs;
    return events;
}

std::optional<FingerPointer> TouchRouter::takePointer() {
    if (cancelPending_) {
        cancelPending_ = false;
        return FingerPointer{0.0, 0.0, false, true};
    }
    if (pressLatched_) {
        pressLatched_ = false;
        return FingerPointer{pointer_.x, pointer_.y, true, false};
    }
    if (pointerDown_) return FingerPointer{pointer_.x, pointer_.y, true, false};
    if (releasePending_) {
        releasePending_ = false;
        return FingerPointer{pointer_.x, pointer_.y, false, false};
    }
    return std::nullopt;
}

}  // namespace samenkaart::gui
