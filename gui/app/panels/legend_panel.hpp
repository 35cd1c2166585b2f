// The legend: each category's colour, label in the current language, and how many pins it has.
#pragma once

#include "gui/app/panels/panel_context.hpp"

namespace samenkaart::gui {

class LegendPanel {
public:
    // Returns the panel's height, so the overlays above it can keep clear.
    float draw(const PanelContext& ctx, float bottomInset);

private:
    bool open_ = true;
};

}  // namespace samenkaart::gui
