// Live counts: pins per buurt and category, recounted from the pins on the map each frame (so they
// follow every add, move, delete and undo). Tapping a buurt's row zooms the map to it.
#pragma once

#include "gui/window/panels/panel_context.hpp"
#include "gui/window/panels/touch_widgets.hpp"

namespace samenkaart::gui {

class CountsPanel {
public:
    void toggle() { open_ = !open_; }
    void close() { open_ = false; }
    bool isOpen() const { return open_; }
    // Between the tool bar (topInset: its bottom edge) and the status bar (bottomInset).
    void draw(const PanelContext& ctx, float topInset, float bottomInset);

private:
    bool open_ = false;
    ScrollBody body_;  // the rows scroll; the heading, column heads and Close stay in view
};

}  // namespace samenkaart::gui
