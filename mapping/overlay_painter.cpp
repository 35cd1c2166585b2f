#include "mapping/overlay_painter.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace samenkaart::mapping {

namespace {

constexpr Rgba kInk{35, 35, 45, 255};
constexpr Rgba kPanel{255, 255, 255, 232};
constexpr Rgba kPanelBorder{120, 120, 130, 255};
constexpr Rgba kNoHalo{0, 0, 0, 0};

TextStyle plain(float sizePx) { return {sizePx, kInk, kNoHalo, 0.0f}; }

void addFramedPanel(TextRenderer& text, TextBatch& batch, const Bbox& rect) {
    text.addRect(batch, {rect.minx - 1, rect.miny - 1, rect.maxx + 1, rect.maxy + 1}, kPanelBorder);
    text.addRect(batch, rect, kPanel);
}

std::string trimmedNumber(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.6g", value);
    return text;
}

}  // namespace

double roundScaleLength(double maxLength) {
    if (!(maxLength > 0) || !std::isfinite(maxLength)) return 0.0;
    const double power = std::pow(10.0, std::floor(std::log10(maxLength)));
    for (double step : {5.0, 2.0, 1.0})
        if (step * power <= maxLength * (1 + 1e-9)) return step * power;
    return power;
}

std::string scaleLengthText(double length, bool metres) {
    if (!metres) return trimmedNumber(length) + "\u00B0";
    if (length >= 1000.0) return trimmedNumber(length / 1000.0) + " km";
    if (length >= 1.0) return trimmedNumber(length) + " m";
    return trimmedNumber(length * 100.0) + " cm";
}

void OverlayPainter::clear() {
    regularBatch_.clear();
    boldBatch_.clear();
    titleBarHeight_ = 0.0;
    legendMarkers_.clear();
}

void OverlayPainter::addTitleBar(const std::string& title, const Viewport& screen) {
    const float sizePx = 20.0f;
    titleBarHeight_ = kTitleBarHeightPx;
    regular_.addRect(regularBatch_, {0, 0, screen.widthPx(), titleBarHeight_}, kPanel);
    regular_.addRect(regularBatch_, {0, titleBarHeight_, screen.widthPx(), titleBarHeight_ + 1}, kPanelBorder);
    bold_.addText(boldBatch_, title, {14, (titleBarHeight_ - sizePx) / 2}, plain(sizePx));
}

std::string groupDigits(size_t n, char separator) {
    const std::string digits = std::to_string(n);
    std::string grouped;
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) grouped += separator;
        grouped += digits[i];
    }
    return grouped;
}

namespace {
constexpr float kLegendHeadingPx = 14.0f, kLegendRowPx = 13.0f;
constexpr double kLegendPadding = 10.0;
constexpr double kLegendRowsTop = kLegendPadding + kLegendHeadingPx + 6;  // below the frame's top
}  // namespace

Bbox OverlayPainter::addLegendFrame(const std::string& heading, double contentWidth, double rowsHeight,
                                    const Viewport& screen) {
    const double width = kLegendPadding * 2 + std::max(contentWidth, bold_.measure(heading, kLegendHeadingPx).width);
    const double height = kLegendRowsTop + rowsHeight + kLegendPadding;
    const double right = screen.widthPx() - 12.0;
    const double top = titleBarHeight_ + 12.0;
    const Bbox box{right - width, top, right, top + height};
    addFramedPanel(regular_, regularBatch_, box);
    bold_.addText(boldBatch_, heading, {box.minx + kLegendPadding, box.miny + kLegendPadding}, plain(kLegendHeadingPx));
    return box;
}

void OverlayPainter::addLegend(const std::string& heading, const std::vector<LegendEntry>& entries,
                               const Viewport& screen, char thousands) {
    const float rowPx = kLegendRowPx;
    const double padding = kLegendPadding, rowHeight = 24.0, dotRadius = kLegendMarkerRadiusPx, gap = 8.0,
                 countGap = 18.0;
    double labelWidth = 0.0, countWidth = 0.0;
    for (const LegendEntry& e : entries) {
        labelWidth = std::max(labelWidth, 2 * dotRadius + gap + regular_.measure(e.label, rowPx).width);
        countWidth = std::max(countWidth, regular_.measure(groupDigits(e.count, thousands), rowPx).width);
    }
    const Bbox box = addLegendFrame(heading, labelWidth + countGap + countWidth,
                                    rowHeight * static_cast<double>(entries.size()), screen);
    double y = box.miny + kLegendRowsTop;
    for (const LegendEntry& e : entries) {
        const double middle = y + rowHeight / 2;
        regular_.addDisc(regularBatch_, {box.minx + padding + dotRadius, middle}, static_cast<float>(dotRadius),
                         e.colour, Rgba{255, 255, 255, 255}, 1.5f);
        legendMarkers_.push_back({box.minx + padding + dotRadius, middle});
        regular_.addText(regularBatch_, e.label, {box.minx + padding + 2 * dotRadius + gap, middle - rowPx / 2},
                         plain(rowPx));
        const std::string count = groupDigits(e.count, thousands);
        const double w = regular_.measure(count, rowPx).width;
        regular_.addText(regularBatch_, count, {box.maxx - padding - w, middle - rowPx / 2}, plain(rowPx));
        y += rowHeight;
    }
}

void OverlayPainter::addDensityLegend(const std::string& heading,
                                      const std::vector<std::pair<std::string, Rgba>>& classes,
                                      const Viewport& screen) {
    const double padding = kLegendPadding, rowHeight = 20.0, swatch = 26.0, gap = 8.0;
    double width = 0.0;
    for (const auto& [label, colour] : classes)
        width = std::max(width, swatch + gap + regular_.measure(label, kLegendRowPx).width);
    const Bbox box = addLegendFrame(heading, width, rowHeight * static_cast<double>(classes.size()), screen);
    // Highest first, as a reader scans a key from "most" down.
    double y = box.miny + kLegendRowsTop;
    for (auto it = classes.rbegin(); it != classes.rend(); ++it) {
        regular_.addRect(regularBatch_, {box.minx + padding, y + 3, box.minx + padding + swatch, y + rowHeight - 3},
                         it->second);
        regular_.addText(regularBatch_, it->first,
                         {box.minx + padding + swatch + gap, y + (rowHeight - kLegendRowPx) / 2}, plain(kLegendRowPx));
        y += rowHeight;
    }
}

void OverlayPainter::addScaleBar(const Viewport& map, bool metres) {
    const float textPx = 12.0f;
    const double length = roundScaleLength(std::min(map.widthPx() / 5.0, 200.0) * map.resolution());
    if (length <= 0) return;
    const double barPx = length / map.resolution();
    const std::string label = scaleLengthText(length, metres);
    const double labelWidth = regular_.measure(label, textPx).width;
    const double padding = 8.0, barHeight = 6.0, gap = 8.0;
    const double left = 12.0, bottom = map.heightPx() - 12.0;
    const Bbox box{left, bottom - (padding * 2 + textPx), left + padding * 2 + barPx + gap + labelWidth, bottom};
    addFramedPanel(regular_, regularBatch_, box);
    const double middle = (box.miny + box.maxy) / 2;
    const double x0 = box.minx + padding;
    // Two halves, dark and light, inside a dark frame: the classic cartographic bar, its length beside it.
    regular_.addRect(regularBatch_, {x0 - 1, middle - barHeight / 2 - 1, x0 + barPx + 1, middle + barHeight / 2 + 1},
                     kInk);
    regular_.addRect(regularBatch_, {x0 + barPx / 2, middle - barHeight / 2, x0 + barPx, middle + barHeight / 2},
                     Rgba{255, 255, 255, 255});
    regular_.addText(regularBatch_, label, {x0 + barPx + gap, middle - textPx / 2}, plain(textPx));
}

void OverlayPainter::draw(const Viewport& screen, const GlFramebuffer* target) {
    regular_.draw(regularBatch_, screen, target);
    bold_.draw(boldBatch_, screen, target);
}

}  // namespace samenkaart::mapping
