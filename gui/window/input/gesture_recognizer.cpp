#include "gui/window/input/gesture_recognizer.hpp"

#include <algorithm>
#include <cmath>

namespace samenkaart::gui {

GestureRecognizer::Contact* GestureRecognizer::find(int id) {
    for (Contact& c : contacts_)
        if (c.id == id) return &c;
    return nullptr;
}

void GestureRecognizer::pinchMetrics(double& cx, double& cy, double& distance) const {
    const Contact& a = contacts_[0];
    const Contact& b = contacts_[1];
    cx = (a.x + b.x) * 0.5;
    cy = (a.y + b.y) * 0.5;
    distance = std::max(1.0, std::hypot(a.x - b.x, a.y - b.y));
}

std::vector<Gesture> GestureRecognizer::feed(const TouchEvent& e) {
    std::vector<Gesture> out;
    if (e.phase == TouchPhase::Cancel) return cancel();
    if (e.phase != TouchPhase::Down && !find(e.id)) return out;  // a contact we never saw begin

    // Time may have passed since the last event: a held finger first becomes a long-press.
    if (e.phase != TouchPhase::Down || !contacts_.empty()) {
        auto held = tick(e.timeMs);
        out.insert(out.end(), held.begin(), held.end());
    }

    switch (e.phase) {
        case TouchPhase::Down: {
            if (find(e.id)) return out;
            contacts_.push_back({e.id, e.x, e.y, e.x, e.y, e.timeMs});
            if (contacts_.size() == 1) {
                mode_ = Mode::Pending;
            } else if (contacts_.size() == 2) {
                // A second finger turns whatever the first was doing into a pinch.
                if (mode_ == Mode::Panning)
                    out.push_back({GestureType::PanEnd, contacts_[0].x, contacts_[0].y, 0, 0, 1});
                if (mode_ == Mode::Holding)
                    out.push_back({GestureType::HoldEnd, contacts_[0].x, contacts_[0].y, 0, 0, 1});
                mode_ = Mode::Pinching;
                pinchMetrics(pinchCx_, pinchCy_, pinchDistance_);
            }
            break;
        }
        case TouchPhase::Move: {
            Contact* c = find(e.id);
            const double dx = e.x - c->x, dy = e.y - c->y;
            c->x = e.x;
            c->y = e.y;
            if (mode_ == Mode::Pending && std::hypot(e.x - c->startX, e.y - c->startY) > config_.slopPx) {
                mode_ = Mode::Panning;
                // The pan starts where the finger first went down: nothing of the movement is lost.
                out.push_back({GestureType::Pan, e.x, e.y, e.x - c->startX, e.y - c->startY, 1});
            } else if (mode_ == Mode::Panning) {
                out.push_back({GestureType::Pan, e.x, e.y, dx, dy, 1});
            } else if (mode_ == Mode::Holding) {
                out.push_back({GestureType::HoldDrag, e.x, e.y, dx, dy, 1});
            } else if (mode_ == Mode::Pinching && contacts_.size() >= 2) {
                double cx, cy, distance;
                pinchMetrics(cx, cy, distance);
                out.push_back({GestureType::Pinch, cx, cy, cx - pinchCx_, cy - pinchCy_, distance / pinchDistance_});
                pinchCx_ = cx;
                pinchCy_ = cy;
                pinchDistance_ = distance;
            }
            break;
        }
        case TouchPhase::Up: {
            Contact* c = find(e.id);
            c->x = e.x;
            c->y = e.y;
            if (mode_ == Mode::Pending) out.push_back({GestureType::Tap, c->startX, c->startY, 0, 0, 1});
            if (mode_ == Mode::Panning) out.push_back({GestureType::PanEnd, e.x, e.y, 0, 0, 1});
            if (mode_ == Mode::Holding) out.push_back({GestureType::HoldEnd, e.x, e.y, 0, 0, 1});
            if (mode_ == Mode::Pinching) {
                out.push_back({GestureType::PinchEnd, pinchCx_, pinchCy_, 0, 0, 1});
                mode_ = Mode::Finished;  // the finger left behind does not pan or tap
            }
            contacts_.erase(
                std::remove_if(contacts_.begin(), contacts_.end(), [&](const Contact& k) { return k.id == e.id; }),
                contacts_.end());
            if (contacts_.empty()) mode_ = Mode::Idle;
            break;
        }
        case TouchPhase::Cancel:
            break;
    }
    return out;
}

std::vector<Gesture> GestureRecognizer::tick(double timeMs) {
    std::vector<Gesture> out;
    if (mode_ == Mode::Pending && contacts_.size() == 1 && timeMs - contacts_[0].startMs >= config_.longPressMs) {
        mode_ = Mode::Holding;
        out.push_back({GestureType::LongPress, contacts_[0].startX, contacts_[0].startY, 0, 0, 1});
    }
    return out;
}

std::vector<Gesture> GestureRecognizer::cancel() {
    std::vector<Gesture> out;
    const double x = contacts_.empty() ? 0.0 : contacts_[0].x;
    const double y = contacts_.empty() ? 0.0 : contacts_[0].y;
    if (mode_ == Mode::Panning) out.push_back({GestureType::PanEnd, x, y, 0, 0, 1});
    if (mode_ == Mode::Holding) out.push_back({GestureType::HoldEnd, x, y, 0, 0, 1});
    if (mode_ == Mode::Pinching) out.push_back({GestureType::PinchEnd, pinchCx_, pinchCy_, 0, 0, 1});
    contacts_.clear();
    mode_ = Mode::Idle;
    return out;
}

}  // namespace samenkaart::gui
