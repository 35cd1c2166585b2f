// Scale bar and north arrow, drawn over the map (not interactive, never covering its centre), in the
// corners or, where panels fill those, in the nearest free place.
#pragma once

#include "gui/window/panels/panel_context.hpp"

namespace samenkaart::gui {

// The longest "round" length (1, 2, 5 x 10^n metres) that fits in maxMetres.
double roundScaleLength(double maxMetres);

class MapOverlays {
public:
    // After every panel of the frame: they are placed clear of the panels shown.
    void draw(const PanelContext& ctx, float bottomInset);
};

}  // namespace samenkaart::gui
