// Zoom in, zoom out and "whole neighbourhood": big buttons at the right edge, for fingers.
#pragma once

#include "gui/window/panels/panel_context.hpp"

namespace samenkaart::gui {

class MapControls {
public:
    // Centred on the right edge, or higher where it would reach the layer button (bottomInset: the
    // status bar's height).
    void draw(const PanelContext& ctx, float bottomInset);
    // The column's height and the margin kept below it, at this UI scale (the current ImGui style).
    static float height(float uiScale);
    static float margin(float uiScale) { return 16.0f * uiScale; }
};

}  // namespace samenkaart::gui
