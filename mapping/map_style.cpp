#include "mapping/map_style.hpp"

#include <array>
#include <string_view>
#include <unordered_map>

namespace samenkaart::mapping {

Rgba parseHexColour(const std::string& hex, uint8_t alpha) {
    if (hex.size() != 7 || hex[0] != '#') return {150, 150, 150, alpha};
    try {
        const unsigned long v = std::stoul(hex.substr(1), nullptr, 16);
        return {static_cast<uint8_t>(v >> 16), static_cast<uint8_t>((v >> 8) & 0xFF), static_cast<uint8_t>(v & 0xFF),
                alpha};
    } catch (const std::exception&) {
        return {150, 150, 150, alpha};
    }
}

Rgba boundaryFill(size_t index) {
    // Pastels that stay distinguishable for common colour blindness and never compete with pins.
    static constexpr std::array<Rgba, 8> kPalette = {{{222, 235, 214, 255},
                                                      {235, 226, 206, 255},
                                                      {214, 228, 238, 255},
                                                      {238, 222, 226, 255},
                                                      {226, 232, 208, 255},
                                                      {230, 222, 238, 255},
                                                      {208, 232, 228, 255},
                                                      {240, 232, 214, 255}}};
    // Stride 3 so fids that follow each other (often neighbours) get different colours.
    return kPalette[(index * 3) % kPalette.size()];
}

std::vector<PolygonStyle> boundaryStyles(const std::vector<Boundary>& boundaries, std::optional<size_t> selected) {
    std::vector<PolygonStyle> styles;
    styles.reserve(boundaries.size());
    for (size_t i = 0; i < boundaries.size(); ++i) {
        const Rgba fill = boundaryFill(boundaries[i].order);
        PolygonStyle style{fill, kBoundaryOutline, 1.5f};
        if (selected && *selected == i) style = {fill, kHighlightOutline, 4.0f};
        styles.push_back(style);
    }
    return styles;
}

PolygonLayer boundaryLayer(const std::vector<Boundary>& boundaries, std::optional<size_t> selected) {
    PolygonLayer layer;
    layer.features.reserve(boundaries.size());
    for (const Boundary& b : boundaries) layer.features.push_back(b.geometry);
    layer.styles = boundaryStyles(boundaries, selected);
    return layer;
}

PinSymbol pinSymbol(const std::string& icon) {
    if (icon == "star") return PinSymbol::Star;
    if (icon == "hand") return PinSymbol::Hand;
    if (icon == "warning") return PinSymbol::Warning;
    if (icon == "bulb") return PinSymbol::Bulb;
    return PinSymbol::Dot;
}

PinLooks pinLooks(const PinPlaces& pins, const std::vector<Category>& categories) {
    PinLooks looks;
    std::unordered_map<std::string_view, uint16_t> index;
    for (const Category& c : categories) {
        index.emplace(c.code, static_cast<uint16_t>(looks.colours.size()));
        looks.colours.push_back(parseHexColour(c.colour));
        looks.symbols.push_back(pinSymbol(c.icon));
    }
    looks.colours.push_back(kUnknownCategoryColour);
    looks.symbols.push_back(PinSymbol::Dot);
    // Looked up once per distinct code, not per pin.
    std::vector<uint16_t> ofCode;
    for (const std::string& code : pins.codes()) {
        const auto it = index.find(code);
        ofCode.push_back(it == index.end() ? static_cast<uint16_t>(categories.size()) : it->second);
    }
    looks.categoryOf.reserve(pins.size());
    for (const uint32_t code : pins.codeOf()) looks.categoryOf.push_back(ofCode[code]);
    return looks;
}

}  // namespace samenkaart::mapping
