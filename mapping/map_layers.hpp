// What the renderer can draw, as plain CPU data. The GUI (or the render command) builds these from
// engine sources and styles; the renderer never sees files or attribute tables.
#pragma once

#include <cstdint>
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

// Pins: round markers in their category colour with a white rim, drawn above every other layer.
struct PointLayer {
    std::vector<Point> points;
    std::vector<Rgba> colours;  // one per point, or a single one for all
    float radiusPx = 7.0f;      // including the rim
};

// An RGBA image (top row first) stretched over a world bbox, e.g. a background map or an aerial photo.
struct RasterLayer {
    int width = 0;
    int height = 0;
    std::vector<uint8_t> rgba;
    Bbox bounds;
};

}  // namespace samenkaart::mapping
