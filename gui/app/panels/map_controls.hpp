// Zoom in, zoom out and "whole neighbourhood": big buttons at the right edge, for fingers.
#pragma once

#include "gui/app/panels/panel_context.hpp"

namespace samenkaart::gui {

class MapControls {
public:
    void draw(const PanelContext& ctx);
};

}  // namespace samenkaart::gui
