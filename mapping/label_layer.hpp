// Buurt names on the map. Each frame: the names' sizes (measured once per snapshot and scale), greedy
// placement for the current viewport (placeLabels: no overlaps, nothing that does not fit its buurt), and
// one batched draw into the framebuffer the map was just rendered into. MapScene::draw calls it after
// the map for the window and for a map picture alike, so both show the same names.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "mapping/label_placement.hpp"
#include "mapping/map_scene.hpp"
#include "mapping/text_renderer.hpp"

namespace samenkaart::mapping {

struct LabelStyle {
    // At UI scale 1 the names are as large as the window's body text (18 px per em, a 20 px line in
    // DejaVu Sans): readable for older residents on a touchscreen and on a printed map alike.
    TextStyle text{20.0f, Rgba{35, 38, 48, 255}, Rgba{255, 255, 255, 235}, 2.0f};
    double paddingPx = 4.0;  // free space kept around each label
};

class LabelLayer {
public:
    explicit LabelLayer(TextRenderer& text, LabelStyle style = {}) : text_(text), style_(style) {}

    // Draws names[i] at snapshot.boundaryLabels[i] (empty names are skipped). uiScale enlarges the text
    // (a projector, a user's larger-text setting) on top of the viewport's framebuffer scale.
    // Returns how many labels were drawn.
    size_t draw(const MapSnapshot& snapshot, const std::vector<std::string>& names, const Viewport& viewport,
                const GlFramebuffer* target, float uiScale = 1.0f);
    // The same with each boundary's own name.
    size_t draw(const MapSnapshot& snapshot, const Viewport& viewport, const GlFramebuffer* target,
                float uiScale = 1.0f);

    // Markers (world points, e.g. pins) that labels must not cover, each `radiusPx` around at UI scale 1.
    void setKeepClear(std::shared_ptr<const std::vector<Point>> points, double radiusPx) {
        keepClear_ = std::move(points);
        keepClearRadiusPx_ = radiusPx;
    }

    // The labels placed by the last draw, with their screen rectangles (for tests and hit-testing).
    const std::vector<PlacedLabel>& lastPlaced() const { return placed_; }

private:
    void measure(const MapSnapshot& snapshot, const std::vector<std::string>& names, float uiScale);

    TextRenderer& text_;
    LabelStyle style_;
    // Measuring thousands of names each frame would cost more than placing them: cached per input.
    const MapSnapshot* measuredSnapshot_ = nullptr;
    std::vector<std::string> measuredNames_;
    float measuredScale_ = 0.0f;
    std::vector<LabelRequest> requests_;
    std::vector<uint32_t> order_;                   // labelOrder(requests_)
    const MapSnapshot* boundaryNamesOf_ = nullptr;  // the snapshot boundaryNames_ was taken from
    std::vector<std::string> boundaryNames_;
    std::vector<PlacedLabel> placed_;
    std::shared_ptr<const std::vector<Point>> keepClear_;  // the pins' positions, shared with them
    double keepClearRadiusPx_ = 0.0;
    TextBatch batch_;
};

}  // namespace samenkaart::mapping
