// How Samenkaart's map looks: calm pastel fills for the buurten, crisp dark outlines, pins in their
// category colour. One place, so the window and `samenkaart render` draw the same map.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/boundary_store.hpp"
#include "engine/categories.hpp"
#include "engine/pins.hpp"
#include "mapping/map_layers.hpp"

namespace samenkaart::mapping {

inline constexpr Rgba kMapBackground{244, 241, 234, 255};  // paper, not white: easier on a projector
inline constexpr Rgba kBoundaryOutline{70, 70, 80, 255};
inline constexpr Rgba kHighlightOutline{20, 90, 200, 255};
// Context layers: quiet greys, so buurten and pins stay what the eye finds first.
inline constexpr PolygonStyle kContextPolygonStyle{{208, 203, 194, 255}, {160, 154, 144, 255}, 0.75f};
inline constexpr LineStyle kContextLineStyle{{120, 120, 130, 255}, 2.0f};
inline constexpr Rgba kContextPointColour{70, 72, 84, 255};

// "#rrggbb" -> colour; grey for anything unreadable.
Rgba parseHexColour(const std::string& hex, uint8_t alpha = 255);

// The fill of the i-th boundary: a soft qualitative palette, neighbouring ids differ.
Rgba boundaryFill(size_t index);

// One style per boundary; selected: index of a highlighted boundary (thicker, blue outline).
std::vector<PolygonStyle> boundaryStyles(const std::vector<Boundary>& boundaries,
                                         std::optional<size_t> selected = std::nullopt);
// The boundaries with boundaryStyles.
PolygonLayer boundaryLayer(const std::vector<Boundary>& boundaries, std::optional<size_t> selected = std::nullopt);

// A pin's radius in logical pixels at UI scale 1, its rim included: large enough for its symbol to
// be made out (and for a finger), in the window and in `samenkaart render` alike.
inline constexpr float kPinRadiusPx = 12.0f;
// Buurt names keep this far from a pin's centre (logical pixels at UI scale 1): never on a marker.
inline constexpr double kLabelKeepClearPx = kPinRadiusPx + 3.0;
// A pin whose category code the codebook does not know.
inline constexpr Rgba kUnknownCategoryColour{89, 89, 89, 255};
// Cluster markers: a dark disc with a white rim and a white count (contrast 13:1), whatever lies under.
inline constexpr Rgba kClusterFill{28, 38, 64, 225};
inline constexpr Rgba kClusterRim{255, 255, 255, 255};
inline constexpr Rgba kClusterText{255, 255, 255, 255};
inline constexpr float kClusterTextPx = 14.0f;  // the count's size at UI scale 1

// The symbol of a category's icon ("star", "hand", "warning", "bulb"; any other: a dot).
PinSymbol pinSymbol(const std::string& icon);
// The pins' categories as indices into the codebook's order, and each category's colour and symbol
// in that order; one more entry at the end (index categories.size()) for a code the codebook does
// not know: grey with a dot.
struct PinLooks {
    std::vector<uint16_t> categoryOf;  // one per pin
    std::vector<Rgba> colours;
    std::vector<PinSymbol> symbols;
};
PinLooks pinLooks(const PinPlaces& pins, const std::vector<Category>& categories);

}  // namespace samenkaart::mapping
