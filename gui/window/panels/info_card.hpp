// The card that answers a tap: a buurt's name, its attributes and its pins per category, or a
// pin's details. Docked at the right edge, never over the map's centre.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "gui/window/panels/panel_context.hpp"

namespace samenkaart::gui {

class InfoCard {
public:
    void showBoundary(size_t index) {
        boundary_ = index;
        pin_.reset();
    }
    void showPin(size_t index) {
        pin_ = index;
        boundary_.reset();
    }
    void close() {
        boundary_.reset();
        pin_.reset();
    }
    std::optional<size_t> boundary() const { return boundary_; }
    bool isOpen() const { return boundary_.has_value() || pin_.has_value(); }
    // Returns false when the user closed the card this frame.
    bool draw(const PanelContext& ctx);

private:
    void drawBoundary(const PanelContext& ctx, size_t index);
    void drawPin(const PanelContext& ctx, size_t index);

    std::optional<size_t> boundary_;
    std::optional<size_t> pin_;
    // The open pin as stored, read once per pin and set of pins (the map holds only its place).
    struct ShownPin {
        uint64_t pins = 0;
        size_t index = 0;
        std::optional<Pin> pin;
    };
    std::optional<ShownPin> shown_;
    // The open buurt's pins per category (pinsPerCategory's order), counted once per buurt and set
    // of pins rather than each frame.
    struct BuurtCounts {
        uint64_t pins = 0;
        size_t boundary = 0;
        std::vector<size_t> perCategory;
        size_t total = 0;
    };
    std::optional<BuurtCounts> counted_;
};

}  // namespace samenkaart::gui
