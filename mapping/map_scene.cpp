#include "mapping/map_scene.hpp"

#include "mapping/map_style.hpp"

namespace samenkaart::mapping {

std::shared_ptr<const MapSnapshot> loadMapSnapshot(Project& project) {
    auto s = std::make_shared<MapSnapshot>();
    s->boundaries = loadBoundaries(project);
    s->categories = CategoryStore(project.db()).list();
    std::vector<MultiPolygon> shapes;
    shapes.reserve(s->boundaries.size());
    for (const Boundary& b : s->boundaries) {
        shapes.push_back(b.geometry);
        s->extent.expand(b.bounds);
    }
    s->boundaryLayer = prepareLayer(boundaryLayer(s->boundaries));
    s->boundaryPicker = PickIndex(shapes);
    for (size_t i = 0; i < s->boundaries.size(); ++i) {
        const Boundary& b = s->boundaries[i];
        const double precision = std::max(b.bounds.width(), b.bounds.height()) / 100.0;
        LabelRequest label;
        label.anchor = poleOfInaccessibility(b.geometry, std::max(precision, 1e-9)).point;
        label.featureBbox = b.bounds;
        label.priority = b.bounds.width() * b.bounds.height();
        s->boundaryLabels.push_back(std::move(label));
    }
    return s;
}

PinSnapshot preparePins(std::vector<Pin> pins, const std::vector<Category>& categories, float radiusPx) {
    PinSnapshot s;
    s.pins = std::move(pins);
    PointLayer layer = pinLayer(s.pins, categories, radiusPx);
    s.picker = PickIndex({}, layer.points);
    s.layer = prepareLayer(layer);
    return s;
}

void MapScene::setSnapshot(std::shared_ptr<const MapSnapshot> snapshot) {
    if (boundaryLayer_) renderer_.removeLayer(*boundaryLayer_);
    if (highlightLayer_) renderer_.removeLayer(*highlightLayer_);
    boundaryLayer_.reset();
    highlightLayer_.reset();
    snapshot_ = std::move(snapshot);
    if (!snapshot_) return;
    boundaryLayer_ = renderer_.addLayer(snapshot_->boundaryLayer);
}

void MapScene::setPins(const PinSnapshot& pins) {
    if (pinLayer_) renderer_.removeLayer(*pinLayer_);
    pinLayer_ = renderer_.addLayer(pins.layer);
}

void MapScene::setHighlight(std::optional<size_t> index) {
    if (highlightLayer_) renderer_.removeLayer(*highlightLayer_);
    highlightLayer_.reset();
    if (!snapshot_ || !index || *index >= snapshot_->boundaries.size()) return;
    PolygonLayer outline;
    outline.features.push_back(snapshot_->boundaries[*index].geometry);
    outline.styles.push_back({Rgba{20, 90, 200, 40}, kHighlightOutline, 4.0f});
    highlightLayer_ = renderer_.addLayer(prepareLayer(outline));
}

}  // namespace samenkaart::mapping
