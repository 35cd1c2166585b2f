// The card that answers a tap on a pin: its details, and Edit / Move / Delete. Delete asks once;
// in kiosk mode residents may not delete pins they did not place.
#pragma once

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

    // `mayDelete`: false in kiosk mode for someone else's pin.
    Action draw(const PanelContext& ctx, bool mayDelete);

private:
    std::optional<std::string> pinId_;
    bool confirmDelete_ = false;
    std::string message_;
    std::string failure_;  // why the delete was not written: writeFailureName(), else empty
};

}  // namespace samenkaart::gui
