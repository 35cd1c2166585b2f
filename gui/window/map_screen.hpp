// The map's own panels: the status bar, the zoom buttons, the layer panel, the north arrow and
// scale bar, and the card of a tapped buurt or pin. The window has two screens over the map view,
// this one and the session screen (session_screen.hpp); every panel has one owner, its screen.
#pragma once

#include "gui/window/map_view.hpp"
#include "gui/window/panels/info_card.hpp"
#include "gui/window/panels/layer_panel.hpp"
#include "gui/window/panels/map_controls.hpp"
#include "gui/window/panels/map_overlays.hpp"
#include "gui/window/panels/panel_context.hpp"
#include "gui/window/panels/status_bar.hpp"

namespace samenkaart::gui {

class MapScreen {
public:
    // A tap on the map that the session screen did not take: the card of the pin or buurt under
    // it, or none.
    void handleTap(const MapTap& tap, MapView& map);
    // The buurt whose card is open (highlighted on the map).
    std::optional<size_t> highlighted() const { return card_.boundary(); }

    // The status bar; returns its height. toggleLanguage: its language button was tapped.
    float drawStatusBar(const PanelContext& ctx, bool writeFailed, bool& toggleLanguage);
    // The zoom buttons, the layer panel and the card. pinCardOpen: the session screen shows a pin's
    // card, which replaces this one (one card at a time).
    void drawPanels(const PanelContext& ctx, float statusHeight, bool pinCardOpen);
    // North arrow and scale bar, over everything else.
    void drawOverlays(const PanelContext& ctx, float statusHeight);

private:
    StatusBar status_;
    MapControls controls_;
    LayerPanel layers_;
    InfoCard card_;
    MapOverlays overlays_;
};

}  // namespace samenkaart::gui
