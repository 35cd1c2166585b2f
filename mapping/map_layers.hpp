// What the renderer can draw, as plain CPU data. The GUI (or the render command) builds these from
// engine sources and styles; the renderer never sees files or attribute tables.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "engine/geometry.hpp"

namespace samenkaart::mapping {

struct Rgba {
    uint8_t r = 0;
    uint8_t g = 0;
    uint8_t b = 0;
    uint8_t a = 255;
    friend bool operator==(const Rgba&, const Rgba&) = default;
};

struct PolygonStyle {
    Rgba fill{200, 200, 200, 255};
    Rgba outline{60, 60, 60, 255};
    float outlineWidthPx = 1.0f;  // logical pixels; 0 draws no outline
};

// styles holds one entry per feature, or a single entry used for every feature.
struct PolygonLayer {
    std::vector<MultiPolygon> features;
    std::vector<PolygonStyle> styles;
};

struct LineStyle {
    Rgba colour{40, 40, 40, 255};
    float widthPx = 1.0f;
};

struct LineLayer {
    std::vector<MultiLineString> features;
    std::vector<LineStyle> styles;
};

// The symbol drawn inside a pin, so that no category is told by its colour alone (Kans green and
// Knelpunt red look alike to red-green colour blind people). The same shapes as the category icons
// of the window's palette, which is the map's legend.
// None draws a plain disc (context layers' points); Dot is a category without a known icon.
enum class PinSymbol : uint8_t { None = 0, Star = 1, Hand = 2, Warning = 3, Bulb = 4, Dot = 5 };

// Points and pins: round markers in their colour with a white rim, drawn above every other layer;
// a pin also has a thin dark edge and its category's symbol inside. A ringed pin (the one whose card is
// open) gets a dark ring around it.
struct PointLayer {
    std::vector<Point> points;
    std::vector<Rgba> colours;       // one per point, or a single one for all
    float radiusPx = 7.0f;           // including the rim
    std::vector<PinSymbol> symbols;  // one per point, or a single one for all; none: plain discs
    std::optional<size_t> ringed;    // index into points
};

// An RGBA image (top row first) stretched over a world bbox, e.g. a background map or an aerial photo.
struct RasterLayer {
    int width = 0;
    int height = 0;
    std::vector<uint8_t> rgba;
    Bbox bounds;
};

}  // namespace samenkaart::mapping
