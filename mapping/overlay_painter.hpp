// What an exported map carries besides the map: a title bar, a legend of the pin categories with their
// counts, and a scale bar of a round length. Screen-space drawing with the text renderer's quads, built
// on the CPU and drawn in two batches (regular and bold type) on top of the map.
#pragma once

#include <string>
#include <vector>

#include "mapping/text_renderer.hpp"

namespace samenkaart::mapping {

struct LegendEntry {
    std::string label;
    Rgba colour;
    size_t count = 0;
};

// A count with its digits grouped in threes: groupDigits(12345, '.') is "12.345" (Dutch), with ',' "12,345".
std::string groupDigits(size_t n, char separator);

// The longest "nice" length (1, 2 or 5 times a power of ten) that is at most maxLength.
double roundScaleLength(double maxLength);
// "500 m", "1 km", "20 km", "50 cm"; with degrees: "0.5°".
std::string scaleLengthText(double length, bool metres = true);

// The title bar's height: callers fitting the map below it leave this much room at the top.
inline constexpr double kTitleBarHeightPx = 38.0;

class OverlayPainter {
public:
    OverlayPainter(TextRenderer& regular, TextRenderer& bold) : regular_(regular), bold_(bold) {}

    // A band across the top of the picture.
    void addTitleBar(const std::string& title, const Viewport& screen);
    // A box in the top right corner (below the title bar, if any) with a dot, label and count per entry.
    // thousands: the separator of the counts' digit groups ('.' in Dutch, ',' in English).
    void addLegend(const std::string& heading, const std::vector<LegendEntry>& entries, const Viewport& screen,
                   char thousands = '.');
    // The density's or the choropleth's key in the top right corner: a swatch and its range per class
    // (engine/pin_density's fixed scales, labels from densityClassLabel or choroplethClassLabel), under a
    // heading that names the unit (and the density's radius).
    void addDensityLegend(const std::string& heading, const std::vector<std::pair<std::string, Rgba>>& classes,
                          const Viewport& screen);
    // A bar in the bottom left corner, at most ~1/5 of the width, of a round length in map units.
    // metres = false for a geographic CRS (degrees; the bar then holds along the equator only).
    void addScaleBar(const Viewport& map, bool metres = true);

    void draw(const Viewport& screen, const GlFramebuffer* target);
    void clear();

    double titleBarHeight() const { return titleBarHeight_; }
    // Where addLegend put each entry's marker (screen pixels, its centre) and their radius: the caller
    // draws the categories' pins there (MapRenderer::drawPointsOnTop), symbols included.
    const std::vector<Point>& legendMarkers() const { return legendMarkers_; }
    static constexpr double kLegendMarkerRadiusPx = 9.0;

private:
    // The legends' frame in the top right corner, below the title bar, with its heading; their rows
    // start below the heading. Returns the frame.
    Bbox addLegendFrame(const std::string& heading, double contentWidth, double rowsHeight, const Viewport& screen);

    TextRenderer& regular_;
    TextRenderer& bold_;
    TextBatch regularBatch_;  // panels and regular text, drawn first
    TextBatch boldBatch_;
    double titleBarHeight_ = 0.0;
    std::vector<Point> legendMarkers_;
};

}  // namespace samenkaart::mapping
