// What a tap on the map means right now: the pinning workflow as a small state machine, with no
// drawing and no storage in it (the panels draw it, PinStore stores it).
//
//   Idle --arm(category)--> Armed --tap(map)--> Placing(category) --saved/cancelled--> Idle
//   Idle --long-press(map)--> Placing(no category yet: the form asks first)
//   Idle --edit(pin)--> Editing --saved/cancelled--> Idle
//   Idle --move(pin)--> Moving --tap(map): the new place--> Idle
#pragma once

#include <optional>
#include <string>

#include "engine/geometry.hpp"

namespace samenkaart::gui {

class PinWorkflow {
public:
    enum class Step { Idle, Armed, Placing, Editing, Moving };

    Step step() const { return step_; }
    // The category a tap will place (Armed), or the one chosen for the provisional pin (Placing).
    const std::string& category() const { return category_; }
    // The provisional pin's place while Placing: drawn on the map, not yet in the project.
    std::optional<Point> provisional() const {
        return step_ == Step::Placing ? std::optional(position_) : std::nullopt;
    }
    const std::string& pinId() const { return pinId_; }

    // Arms a category; arming the armed one again disarms it. Ignored while a form is open.
    void arm(const std::string& code);
    void disarm();
    // A tap on the map where no pin is. Returns true when it placed a provisional pin (Armed), or
    // finished a move (Moving: movedTo() holds the place).
    bool tapMap(Point world);
    // A long-press on the map (not on a pin): a provisional pin without category.
    bool longPressMap(Point world);
    void edit(const std::string& pinId);
    void move(const std::string& pinId);
    // The form chose a category for the provisional pin.
    void chooseCategory(const std::string& code) { category_ = code; }
    // The form was saved or cancelled, or the move done: back to Idle.
    void finish();

    std::optional<Point> movedTo() const { return movedTo_; }

private:
    Step step_ = Step::Idle;
    std::string category_;
    std::string pinId_;
    Point position_;
    std::optional<Point> movedTo_;
};

}  // namespace samenkaart::gui
