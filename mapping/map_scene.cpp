#include "mapping/map_scene.hpp"

#include <chrono>
#include <future>

#include "mapping/map_style.hpp"

namespace samenkaart::mapping {

namespace {
double secondsSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}
}  // namespace

std::shared_ptr<const MapSnapshot> loadMapSnapshot(Project& project, const MapSnapshotOptions& options) {
    MapSnapshotOptions::Timings timings;
    auto start = std::chrono::steady_clock::now();
    auto s = std::make_shared<MapSnapshot>();
    s->boundaries = loadBoundaries(project);
    s->categories = CategoryStore(project.db()).list();
    for (const Boundary& b : s->boundaries) s->extent.expand(b.bounds);
    timings.read = secondsSince(start);

    // The three stages only read the boundaries: anchors and the pick index on worker threads while this
    // one tessellates (the largest part). Each writes its own member of the snapshot.
    const MapSnapshot& in = *s;
    auto anchors = std::async(std::launch::async, [&in, &options, &timings] {
        const auto begin = std::chrono::steady_clock::now();
        std::vector<LabelRequest> labels;
        if (!options.labelAnchors) return labels;
        labels.reserve(in.boundaries.size());
        for (const Boundary& b : in.boundaries) {
            // A fortieth of the buurt's size: the label's centre needs no more precision than that.
            const double precision = std::max(b.bounds.width(), b.bounds.height()) / 40.0;
            const double minExtent = options.viewResolution * kMinLabelledFeaturePx;
            LabelRequest label;
            if (b.bounds.width() < minExtent || b.bounds.height() < minExtent)
                label.anchor = b.bounds.center();
            else
                label.anchor = poleOfInaccessibility(b.geometry, std::max(precision, 1e-9)).point;
            label.featureBbox = b.bounds;
            label.priority = b.bounds.width() * b.bounds.height();
            labels.push_back(label);
        }
        timings.anchors = secondsSince(begin);
        return labels;
    });
    auto picker = std::async(std::launch::async, [&in, &options, &timings] {
        const auto begin = std::chrono::steady_clock::now();
        if (!options.pickIndex) return PickIndex{};
        std::vector<MultiPolygon> shapes;
        shapes.reserve(in.boundaries.size());
        for (const Boundary& b : in.boundaries) shapes.push_back(b.geometry);
        PickIndex index(shapes);
        timings.pickIndex = secondsSince(begin);
        return index;
    });
    start = std::chrono::steady_clock::now();
    PrepareOptions prepare;
    prepare.singleResolution = options.viewResolution;
    s->boundaryLayer = prepareLayer(boundaryLayer(s->boundaries), prepare);
    timings.prepare = secondsSince(start);
    s->boundaryLabels = anchors.get();
    s->boundaryPicker = picker.get();
    if (options.timings) *options.timings = timings;
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
