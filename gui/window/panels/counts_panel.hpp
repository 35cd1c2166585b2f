// Live counts: pins per buurt and category, recounted from the pins on the map whenever they change (so
// they follow every add, move, delete and undo). Tapping a buurt's row zooms the map to it.
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
    std::vector<std::pair<int, std::vector<int>>> countRows(const PanelContext& ctx, const mapping::PinSnapshot& pins);

    bool open_ = false;
    // The rows, counted again when the pins, the map or its categories change (not every frame: a
    // million pins over 14,000 buurten took longer than the frame).
    struct Counted {
        uint64_t pins = 0;
        const mapping::MapSnapshot* map = nullptr;
        size_t columns = 0;
        bool operator==(const Counted&) const = default;
    } rowsOf_;
    std::vector<std::pair<int, std::vector<int>>> rows_;
    ScrollBody body_;  // the rows scroll; the heading, column heads and Close stay in view
};

}  // namespace samenkaart::gui
