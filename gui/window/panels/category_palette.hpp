// The palette: one big button per category (colour, icon, label, its digit), always at the left
// edge. Tapping one (or pressing its digit 1-9) arms it for the next tap on the map.
#pragma once

#include <optional>
#include <string>

#include "gui/window/logic/pin_workflow.hpp"
#include "gui/window/panels/panel_context.hpp"

struct ImDrawList;

namespace samenkaart::gui {

class CategoryPalette {
public:
    // Draws below `topInset`; arms or disarms categories in `workflow`. Returns the palette's width.
    // Between topInset and bottomInset (the status bar): when the buttons and the hint do not fit, the
    // hint goes first, then the buttons shrink down to the touch-target minimum.
    float draw(const PanelContext& ctx, PinWorkflow& workflow, float topInset, float bottomInset);
};

// The category's icon (star, hand, warning, bulb; a dot for others) as vector shapes, in the current
// window or into `list`: the same shapes as the pins' symbols on the map (mapping/map_shaders.hpp).
void drawCategoryIcon(const std::string& icon, float cx, float cy, float radius, const std::string& colourHex,
                      ImDrawList* list = nullptr);
// The category's label in the translator's language.
const std::string& categoryLabel(const PanelContext& ctx, const Category& category);

}  // namespace samenkaart::gui
