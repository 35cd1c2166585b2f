#include "mapping/label_layer.hpp"

namespace samenkaart::mapping {
namespace {

const std::vector<Point>& noPoints() {
    static const std::vector<Point> none;
    return none;
}

}  // namespace

void LabelLayer::measure(const MapSnapshot& snapshot, const std::vector<std::string>& names, float uiScale) {
    if (measuredSnapshot_ == &snapshot && measuredScale_ == uiScale && measuredNames_ == names) return;
    requests_ = snapshot.boundaryLabels;
    const float sizePx = style_.text.sizePx * uiScale;
    const double haloPx = style_.text.haloPx * uiScale;
    for (size_t i = 0; i < requests_.size(); ++i) {
        if (i >= names.size() || names[i].empty()) {
            // Never placed: wider than any window.
            requests_[i].widthPx = requests_[i].heightPx = 1e9;
            continue;
        }
        const TextSize size = text_.measure(names[i], sizePx);
        // The halo belongs to the label: it must not be cut by a neighbour or stick out of the buurt.
        requests_[i].widthPx = size.width + 2 * haloPx;
        requests_[i].heightPx = size.height + 2 * haloPx;
    }
    order_ = labelOrder(requests_);
    measuredSnapshot_ = &snapshot;
    measuredNames_ = names;
    measuredScale_ = uiScale;
}

size_t LabelLayer::draw(const MapSnapshot& snapshot, const std::vector<std::string>& names, const Viewport& viewport,
                        const GlFramebuffer* target, float uiScale) {
    measure(snapshot, names, uiScale);
    placed_ = placeLabels(requests_, order_, viewport, style_.paddingPx * uiScale,
                          keepClear_ ? *keepClear_ : noPoints(), keepClearRadiusPx_ * uiScale);
    TextStyle style = style_.text;
    style.sizePx *= uiScale;
    style.haloPx *= uiScale;
    batch_.clear();
    for (const PlacedLabel& label : placed_)
        text_.addText(batch_, names[label.request],
                      {label.screenRect.minx + style.haloPx, label.screenRect.miny + style.haloPx}, style);
    text_.draw(batch_, viewport, target);
    return placed_.size();
}

size_t LabelLayer::draw(const MapSnapshot& snapshot, const Viewport& viewport, const GlFramebuffer* target,
                        float uiScale) {
    if (boundaryNamesOf_ != &snapshot) {
        boundaryNames_.clear();
        for (const Boundary& b : snapshot.boundaries) boundaryNames_.push_back(b.name);
        boundaryNamesOf_ = &snapshot;
    }
    return draw(snapshot, boundaryNames_, viewport, target, uiScale);
}

}  // namespace samenkaart::mapping
