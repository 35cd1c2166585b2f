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
    for (const ContextLayer& layer : ContextLayerStore(project.db()).list()) {
        ContextSnapshot c;
        c.layer = layer;
        try {
            if (layer.kind == ContextKind::Raster) {
                RasterContextData r = readRasterContext(layer, project.mapCrs().definition);
                c.raster = RasterLayer{r.width, r.height, std::move(r.rgba), r.bounds};
            } else {
                VectorContextData v = readVectorContext(layer, project.mapCrs().definition);
                if (!v.polygons.empty())
                    c.polygons = prepareLayer(PolygonLayer{std::move(v.polygons), {kContextPolygonStyle}});
                if (!v.lines.empty()) c.lines = prepareLayer(LineLayer{std::move(v.lines), {kContextLineStyle}});
                if (!v.points.empty())
                    c.points = prepareLayer(PointLayer{std::move(v.points), {kContextPointColour}, 5.0f});
            }
        } catch (const std::exception& e) {
            c.error = e.what();
        }
        s->context.push_back(std::move(c));
    }
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
    for (const auto& [context, id] : contextLayers_) renderer_.removeLayer(id);
    contextLayers_.clear();
    boundaryLayer_.reset();
    highlightLayer_.reset();
    snapshot_ = std::move(snapshot);
    if (!snapshot_) return;
    // Images lie under the buurten, vector context (streets, buildings, places) over their fills.
    auto track = [this](const ContextSnapshot& c, MapRenderer::LayerId id) {
        contextLayers_.emplace_back(c.layer.id, id);
        renderer_.setLayerVisible(id, c.layer.visible);
        renderer_.setLayerOpacity(id, c.layer.opacity);
    };
    bool anyRaster = false;
    for (const ContextSnapshot& c : snapshot_->context)
        if (c.raster) {
            track(c, renderer_.addLayer(*c.raster));
            anyRaster = anyRaster || c.layer.visible;
        }
    boundaryLayer_ = renderer_.addLayer(snapshot_->boundaryLayer);
    // Over a basemap the buurten are tinted, not painted, so the image stays readable.
    if (anyRaster) renderer_.setLayerOpacity(*boundaryLayer_, 0.55f);
    for (const ContextSnapshot& c : snapshot_->context) {
        if (c.polygons) track(c, renderer_.addLayer(*c.polygons));
        if (c.lines) track(c, renderer_.addLayer(*c.lines));
        if (c.points) track(c, renderer_.addLayer(*c.points));
    }
}

void MapScene::setContextVisible(int64_t contextLayerId, bool visible) {
    for (const auto& [context, id] : contextLayers_)
        if (context == contextLayerId) renderer_.setLayerVisible(id, visible);
}

void MapScene::setContextOpacity(int64_t contextLayerId, float opacity) {
    for (const auto& [context, id] : contextLayers_)
        if (context == contextLayerId) renderer_.setLayerOpacity(id, opacity);
}

void MapScene::setBoundaryOpacity(float opacity) {
    if (boundaryLayer_) renderer_.setLayerOpacity(*boundaryLayer_, opacity);
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
