// Turns raw touch (or mouse) contacts into gestures: tap, long-press, one-finger pan, long-press
// then drag (moving a pin), and two-finger pinch. Pure: no window system, no clock of its own; the
// caller passes each event's time, so tests replay synthetic sequences exactly.
#pragma once

#include <optional>
#include <vector>

namespace samenkaart::gui {

enum class TouchPhase { Down, Move, Up, Cancel };

struct TouchEvent {
    TouchPhase phase = TouchPhase::Down;
    int id = 0;  // the contact (finger); the mouse is contact 0
    double x = 0.0;
    double y = 0.0;
    double timeMs = 0.0;
};

enum class GestureType {
    Tap,        // short press and release without moving
    LongPress,  // held still for longPressMs; what follows is HoldDrag / HoldEnd, never a Tap
    HoldDrag,   // moving after a long-press (dx, dy since the last event)
    HoldEnd,    // released after a long-press
    Pan,        // one finger moving (dx, dy since the last event)
    PanEnd,
    Pinch,  // two fingers: zoom by `scale` about (x, y), and pan by (dx, dy)
    PinchEnd,
};

struct Gesture {
    GestureType type = GestureType::Tap;
    double x = 0.0;  // where: the contact, or the centre between two fingers
    double y = 0.0;
    double dx = 0.0;
    double dy = 0.0;
    double scale = 1.0;
};

struct GestureConfig {
    double slopPx = 10.0;  // movement still counted as "held still"
    double longPressMs = 550.0;
};

class GestureRecognizer {
public:
    explicit GestureRecognizer(GestureConfig config = {}) : config_(config) {}

    std::vector<Gesture> feed(const TouchEvent& event);
    // Time passes without events: a held contact may become a long-press.
    std::vector<Gesture> tick(double timeMs);
    // Forgets every contact (the window lost focus, a panel took the pointer).
    std::vector<Gesture> cancel();

    bool active() const { return !contacts_.empty(); }
    // While a contact is down and could still become a long-press: keep frames (ticks) coming.
    bool waitingForLongPress() const { return mode_ == Mode::Pending; }
    void setConfig(GestureConfig config) { config_ = config; }

private:
    struct Contact {
        int id;
        double x, y;
        double startX, startY;
        double startMs;
    };
    enum class Mode { Idle, Pending, Holding, Panning, Pinching, Finished };

    Contact* find(int id);
    void pinchMetrics(double& cx, double& cy, double& distance) const;

    GestureConfig config_;
    std::vector<Contact> contacts_;
    Mode mode_ = Mode::Idle;
    double pinchCx_ = 0.0, pinchCy_ = 0.0, pinchDistance_ = 0.0;
};

}  // namespace samenkaart::gui
