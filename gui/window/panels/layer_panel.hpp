// Context layers: show/hide, opacity, order, remove, and add a file by its path. Changes are saved
// in the project at once; adding, removing and reordering reload the map in the background. Removing
// asks first (it cannot be undone). While the kiosk lock is on, residents only show, hide and fade
// layers: no adding, removing or reordering.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/sessions.hpp"

#include "gui/window/panels/panel_context.hpp"
#include "gui/window/panels/touch_widgets.hpp"

namespace samenkaart::gui {

class LayerPanel {
public:
    // Anchored at the bottom right, above the status bar (bottomInset high).
    void draw(const PanelContext& ctx, float bottomInset);
    // Where the top of the closed panel (its one button) is: panels above it in the right column end there.
    static float closedTop(const PanelContext& ctx, float bottomInset);

private:
    // Which pins the map shows: a session, kinds, a period; and back to every pin.
    void drawFilter(const PanelContext& ctx);

    bool open_ = false;
    std::vector<Session> sessions_;  // read again when the project's generation changes
    std::optional<uint64_t> sessionsRead_;
    std::string newPath_;
    std::optional<int64_t> confirmRemove_;  // the layer whose removal waits for "yes"
    std::string message_;                   // the last add/remove error, in words
    ScrollBody body_;
};

}  // namespace samenkaart::gui
