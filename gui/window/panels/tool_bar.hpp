// The bar along the top-left edge: the current session, and the buttons for sessions, counts,
// undo / redo, settings and the kiosk lock. Ctrl+Z, Ctrl+Y and Ctrl+Shift+Z work from anywhere
// but a text field.
#pragma once

#include "gui/window/panels/panel_context.hpp"

namespace samenkaart::gui {

class ToolBar {
public:
    enum class Action { None, Sessions, Counts, Undo, Redo, Settings, Lock };
    // Returns what was tapped or pressed; `height` is set to the bar's height.
    Action draw(const PanelContext& ctx, bool canUndo, bool canRedo, float& height);
};

}  // namespace samenkaart::gui
