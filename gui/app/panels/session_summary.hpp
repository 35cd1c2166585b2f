// The summary of one session: pins per category and per buurt, the list of its pins, and a button
// that writes the session's map as a PNG through the render command's code.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "gui/app/panels/panel_context.hpp"
#include "gui/app/panels/touch_widgets.hpp"

namespace samenkaart::gui {

// Writes the map of a session's pins to a PNG; returns the file written, or throws Error. Set by
// the app once `samenkaart render` (offscreen map render) is merged; until then the button says
// that it is not available.
using SessionMapWriter = std::function<std::string(int64_t sessionId)>;

class SessionSummary {
public:
    void show(int64_t sessionId) {
        sessionId_ = sessionId;
        message_.clear();
    }
    void close() { sessionId_.reset(); }
    bool isOpen() const { return sessionId_.has_value(); }
    void setMapWriter(SessionMapWriter writer) { writeMap_ = std::move(writer); }

    void draw(const PanelContext& ctx);

private:
    std::optional<int64_t> sessionId_;
    SessionMapWriter writeMap_;
    std::string message_;
    ScrollBody body_;
};

}  // namespace samenkaart::gui
