#include "mapping/map_scene.hpp"

#include <chrono>
#include <future>
#include <limits>

#include "mapping/label_layer.hpp"
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
    // One picture: simplify each boundary as it is read and keep its full outline only when it can get a
    // label (its pole needs it), rather than hold the layer's 2.5 M vertices first. Fresh memory costs page
    // faults, which are dear on virtual machines; the rings are decoded into the same buffers row after row.
    PolygonLayer simplified;
    if (options.viewResolution > 0) {
        const SimplifyOptions simplify = simplifyOptionsForResolution(options.viewResolution);
        const double minLabelledExtent = options.viewResolution * kMinLabelledFeaturePx;
        forEachBoundary(project, options.area, [&](Boundary& b) {
            simplified.features.push_back(simplifyMultiPolygon(b.geometry, simplify));
            const bool labelled =
                options.labelAnchors && b.bounds.width() >= minLabelledExtent && b.bounds.height() >= minLabelledExtent;
            s->boundaries.push_back(std::move(b));
            // An outline nothing needs goes back, its buffers to be decoded into for the next row.
            if (!labelled && !options.pickIndex) {
                // Only b's geometry is used again, assigned first: the next row is decoded into it.
                b.geometry = std::move(s->boundaries.back().geometry);  // NOLINT(bugprone-use-after-move)
                s->boundaries.back().geometry.clear();
            }
        });
    } else {
        s->boundaries = loadBoundaries(project, options.area);
    }
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
    PrepareOptions boundaryPrepare = prepare;
    boundaryPrepare.origin = options.boundaryOrigin;
    if (options.viewResolution > 0) {
        // The rings simplified while reading: what prepareLayer's singleResolution gives, with the same
        // origin and one level.
        simplified.styles = boundaryStyles(s->boundaries);
        if (!boundaryPrepare.origin && !s->extent.empty()) boundaryPrepare.origin = s->extent.center();
        boundaryPrepare.singleResolution = 0.0;
        boundaryPrepare.lodMinimumVertices = std::numeric_limits<size_t>::max();  // this level only
        s->boundaryLayer = prepareLayer(simplified, boundaryPrepare);
    } else {
        s->boundaryLayer = prepareLayer(boundaryLayer(s->boundaries), boundaryPrepare);
    }
    timings.prepare = secondsSince(start);
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
                    c.polygons = prepareLayer(PolygonLayer{std::move(v.polygons), {kContextPolygonStyle}}, prepare);
                if (!v.lines.empty())
                    c.lines = prepareLayer(LineLayer{std::move(v.lines), {kContextLineStyle}}, prepare);
                if (!v.points.empty())
                    c.points = prepareLayer(PointLayer{std::move(v.points), {kContextPointColour}, 5.0f, {}, {}});
            }
        } catch (const std::exception& e) {
            c.error = e.what();  // shown in the layer panel; the rest of the map still loads
        }
        s->context.push_back(std::move(c));
    }
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

MapScene::MapScene(MapRenderer& renderer) : renderer_(renderer) {}
MapScene::~MapScene() = default;

void MapScene::setLabelText(TextRenderer* text) {
    labels_.reset();
    if (!text) return;
    labels_ = std::make_unique<LabelLayer>(*text);
    labels_->setKeepClear(pinPositions_, kLabelKeepClearPx);
}

size_t MapScene::draw(const Viewport& viewport, const GlFramebuffer* target, float uiScale) {
    renderer_.render(viewport, target);
    return labels_ && snapshot_ ? labels_->draw(*snapshot_, viewport, target, uiScale) : 0;
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
    pins_ = pins.layer;
    pinPositions_.clear();
    for (const Pin& p : pins.pins) pinPositions_.push_back(p.position);
    if (labels_) labels_->setKeepClear(pinPositions_, kLabelKeepClearPx);
    ringed_.reset();  // new pins, new indices: whoever rings one rings it again
    if (pinLayer_) renderer_.removeLayer(*pinLayer_);
    pinLayer_ = renderer_.addLayer(pins_);
}

void MapScene::setPinRing(std::optional<size_t> pinIndex) {
    if (pinIndex && *pinIndex * 2 + 1 >= pins_.marks.size()) pinIndex.reset();
    if (pinIndex == ringed_) return;
    if (ringed_) pins_.marks[*ringed_ * 2 + 1] = 0;
    if (pinIndex) pins_.marks[*pinIndex * 2 + 1] = 1;
    ringed_ = pinIndex;
    if (pinLayer_) {
        renderer_.removeLayer(*pinLayer_);
        pinLayer_ = renderer_.addLayer(pins_);
    }
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
