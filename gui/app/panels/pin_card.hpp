// The card that answers a tap on a pin: its details, and Edit / Move / Delete. Delete asks once;
// in kiosk mode residents change only the pins placed since the lock: for other pins the three
// buttons show disabled, and the card says why.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "gui/app/panels/panel_context.hpp"

namespace samenkaart::gui {

class PinCard {
public:
    enum class Action { None, Closed, Edit, Move, Deleted };

    void show(const std::string& pinId) {
        pinId_ = pinId;
        confirmDelete_ = false;
        message_.clear();
        failure_.clear();
    }
    void close() { pinId_.reset(); }
    bool isOpen() const { return pinId_.has_value(); }
    const std::optional<std::string>& pinId() const { return pinId_; }
    // Its delete could not be written; the pin is still there and Delete may be tried again.
    bool deleteFailed() const { return pinId_.has_value() && !failure_.empty(); }

    // `mayChange(pin)`: false in kiosk mode for a pin placed before the lock.
    Action draw(const PanelContext& ctx, const std::function<bool(const Pin&)>& mayChange);

private:
    std::optional<std::string> pinId_;
    bool confirmDelete_ = false;
    std::string message_;
    std::string failure_;  // why the delete was not written: writeFailureName(), else empty
};

}  // namespace samenkaart::gui
