#include "gui/window/map_screen.hpp"

namespace samenkaart::gui {

void MapScreen::handleTap(const MapTap& tap, MapView& map) {
    if (tap.kind != MapTap::Kind::Tap) return;
    if (tap.pin) {
        card_.showPin(*tap.pin);
        map.setHighlight(std::nullopt);
    } else if (tap.boundary) {
        card_.showBoundary(*tap.boundary);
        map.setHighlight(tap.boundary);
    } else {
        card_.close();
        map.setHighlight(std::nullopt);
    }
}

float MapScreen::drawStatusBar(const PanelContext& ctx, bool writeFailed, bool& toggleLanguage) {
    return status_.draw(ctx, writeFailed, toggleLanguage);
}

void MapScreen::drawPanels(const PanelContext& ctx, float statusHeight, bool pinCardOpen) {
    controls_.draw(ctx, statusHeight);
    layers_.draw(ctx, statusHeight);
    if (pinCardOpen && card_.isOpen()) {  // one card at a time: the pin's replaces the buurt's
        card_.close();
        ctx.map.setHighlight(std::nullopt);
    }
    if (!card_.draw(ctx)) ctx.map.setHighlight(std::nullopt);
}

void MapScreen::drawOverlays(const PanelContext& ctx, float statusHeight) { overlays_.draw(ctx, statusHeight); }

}  // namespace samenkaart::gui
