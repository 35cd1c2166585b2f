// The card that answers a tap on a pin: its details, and Edit / Move / Delete. Delete asks once;
// in kiosk mode residents change only the pins placed since the lock: for other pins the three
// buttons show disabled, and the card says why.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "gui/window/panels/panel_context.hpp"

namespace samenkaart::gui {

class PinCard {
public:
    enum class Action { None, Closed, Edit, Move, Deleted };

    // Reads the pin (on the tap, not once a frame); a pin that cannot be read shows no card.
    void show(ProjectState& project, const std::string& pinId) {
        pinId_ = pinId;
        confirmDelete_ = false;
        message_.clear();
        failure_.clear();
        read(project);
    }
    // The loop calls this after the project changed (ProjectState::generation): the pin is read
    // again (an undo, an edit, a delete elsewhere).
    void refresh(ProjectState& project) {
        if (pinId_ && readAt_ != project.generation()) read(project);
    }
    void close() {
        pinId_.reset();
        pin_.reset();
    }
    bool isOpen() const { return pinId_.has_value(); }
    const std::optional<std::string>& pinId() const { return pinId_; }
    // Its delete could not be written; the pin is still there and Delete may be tried again.
    bool deleteFailed() const { return pinId_.has_value() && !failure_.empty(); }

    // `mayChange(pin)`: false in kiosk mode for a pin placed before the lock.
    Action draw(const PanelContext& ctx, const std::function<bool(const Pin&)>& mayChange);

private:
    void read(ProjectState& project);

    std::optional<std::string> pinId_;
    std::optional<Pin> pin_;  // as last read; none: gone (deleted, undone) or unreadable
    std::string session_;     // the programme view: the title of the pin's session (werkplaats first)
    uint64_t readAt_ = 0;
    bool confirmDelete_ = false;
    std::string message_;
    std::string failure_;  // why the delete was not written: writeFailureName(), else empty
};

}  // namespace samenkaart::gui
