// Context layers: show/hide, opacity, order, remove, and add a file by its path. Changes are saved
// in the project at once; adding, removing and reordering reload the map in the background.
#pragma once

#include <string>

#include "gui/app/panels/panel_context.hpp"

namespace samenkaart::gui {

class LayerPanel {
public:
    // Anchored at the bottom left, above the scale bar; bottomInset keeps it clear of the status bar.
    void draw(const PanelContext& ctx, float bottomInset);

private:
    bool open_ = false;
    std::string newPath_;
    std::string message_;  // the last add/remove error, in words
};

}  // namespace samenkaart::gui
