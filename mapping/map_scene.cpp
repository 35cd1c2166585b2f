#include "mapping/map_scene.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <future>
#include <limits>
#include <numbers>

#include "engine/crs.hpp"
#include "engine/error.hpp"
#include "engine/pin_density.hpp"
#include "mapping/label_layer.hpp"
#include "mapping/map_style.hpp"
#include "mapping/overlay_painter.hpp"
#include "mapping/pin_choropleth.hpp"
#include "mapping/text_renderer.hpp"

namespace samenkaart::mapping {

namespace {
double secondsSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}
}  // namespace

std::shared_ptr<const MapSnapshot> loadMapSnapshot(Project& project, const MapSnapshotOptions& options) {
    MapSnapshotOptions::Timings timings;
    auto start = std::chrono::steady_clock::now();
    // A whole map may come from the cache. Its file is read beside the boundaries, whose key it needs
    // (both mostly wait on fresh memory, which this VM gives slowly), and checked against it after.
    const bool cacheable = !options.cacheFile.empty() && options.viewResolution <= 0 && !options.area;
    std::future<PreparedMapFile> cacheAhead;
    if (cacheable) {
        cacheAhead = std::async(std::launch::async, [&options, &timings] {
            const auto begin = std::chrono::steady_clock::now();
            PreparedMapFile file = readPreparedMapFile(options.cacheFile);
            timings.cacheRead = secondsSince(begin);
            return file;
        });
    }
    auto s = std::make_shared<MapSnapshot>();
    s->crsDefinition = project.mapCrs().definition;
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

    PrepareOptions prepare;
    prepare.singleResolution = options.viewResolution;
    PrepareOptions boundaryPrepare = prepare;
    boundaryPrepare.origin = options.boundaryOrigin;

    // The cache's key: all the parts depend on.
    std::optional<PreparedMapKey> key;
    if (cacheable) {
        const std::vector<PolygonStyle> styles = boundaryStyles(s->boundaries);
        key = preparedMapKey(
            {s->boundaries, styles, s->crsDefinition, boundaryPrepare, options.labelAnchors, options.pickIndex});
    }

    // The stages only read the boundaries: the pick index on a worker thread, always, while this one reads
    // the cache or, without one, tessellates (the largest part) with the anchors and areas on workers
    // beside it. Each writes its own member of the snapshot.
    const MapSnapshot& in = *s;
    auto picker = std::async(std::launch::async, [&in, &options, &timings] {
        const auto begin = std::chrono::steady_clock::now();
        if (!options.pickIndex) return PickIndex{};
        PickIndex index(in.boundaries.size(),
                        [&in](size_t i) -> const MultiPolygon& { return in.boundaries[i].geometry; });
        timings.pickIndex = secondsSince(begin);
        return index;
    });
    timings.cache = "off";
    if (key) {
        const auto begin = std::chrono::steady_clock::now();
        CacheReadResult cached = acceptPreparedMap(cacheAhead.get(), options.cacheFile, *key, s->boundaries.size());
        timings.cacheWait = secondsSince(begin);
        timings.cache = cacheReadName(cached.outcome);
        if (cached.outcome == CacheRead::Damaged) timings.cache += " (" + cached.reason + ")";
        if (cached.outcome == CacheRead::Used) {
            s->boundaryLayer = std::move(cached.parts.boundaryLayer);
            s->boundaryLabels = std::move(cached.parts.boundaryLabels);
            s->boundaryAreaKm2 = std::move(cached.parts.boundaryAreaKm2);
        } else {
            s->cacheKeyToStore = key;
        }
    }
    if (!key || s->cacheKeyToStore) {
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
        // With the pick index: both need every outline, and the choropleth needs both.
        auto areas = std::async(std::launch::async, [&in, &options] {
            return options.pickIndex ? boundaryAreasKm2(in.boundaries, in.crsDefinition) : std::vector<double>{};
        });
        start = std::chrono::steady_clock::now();
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
        s->boundaryLabels = anchors.get();
        s->boundaryAreaKm2 = areas.get();
    }
    s->boundaryPicker = picker.get();
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
    if (options.timings) *options.timings = timings;
    return s;
}

std::string storePreparedMap(const MapSnapshot& snapshot, const std::string& cacheFile) {
    if (!snapshot.cacheKeyToStore || cacheFile.empty()) return {};
    return writePreparedMap(cacheFile, *snapshot.cacheKeyToStore,
                            {snapshot.boundaryLayer, snapshot.boundaryLabels, snapshot.boundaryAreaKm2});
}

PinSnapshot preparePins(PinPlaces pins, const std::vector<Category>& categories, float radiusPx,
                        const PickIndex* boundaries) {
    PinSnapshot s;
    s.pins = std::move(pins);
    PinLooks looks = pinLooks(s.pins, categories);
    PointLayer layer;
    layer.radiusPx = radiusPx;
    layer.points = s.pins.positions();
    layer.colours.reserve(s.pins.size());
    layer.symbols.reserve(s.pins.size());
    for (size_t i = 0; i < s.pins.size(); ++i) {
        s.extent.expand(s.pins.position(i));
        layer.colours.push_back(looks.colours[looks.categoryOf[i]]);
        layer.symbols.push_back(looks.symbols[looks.categoryOf[i]]);
    }
    s.picker = std::make_shared<const PickIndex>(std::vector<MultiPolygon>{}, layer.points);
    s.categoryOf = std::move(looks.categoryOf);
    s.pinsPerCategory.assign(categories.size() + 1, 0);
    for (const Category& c : categories) s.categoryCodes.push_back(c.code);
    for (const uint16_t c : s.categoryOf) ++s.pinsPerCategory[std::min<size_t>(c, categories.size())];
    static std::atomic<uint64_t> revisions{0};
    s.revision = ++revisions;
    s.categoryColours = std::move(looks.colours);
    s.categorySymbols = std::move(looks.symbols);
    const auto start = std::chrono::steady_clock::now();
    s.clusters = std::make_shared<const PinClusterIndex>(layer.points, s.categoryOf, s.categoryColours.size());
    s.clusterBuildMs = secondsSince(start) * 1000.0;
    if (boundaries) s.boundaryOf = boundaryOfPins(*boundaries, layer.points);
    s.layer = std::make_shared<const PreparedPointLayer>(prepareLayer(layer));
    return s;
}

PinSnapshot preparePins(const std::vector<Pin>& pins, const std::vector<Category>& categories, float radiusPx,
                        const PickIndex* boundaries) {
    return preparePins(PinPlaces::of(pins), categories, radiusPx, boundaries);
}

std::optional<size_t> PinSnapshot::indexOf(std::string_view id) const {
    for (size_t i = 0; i < pins.size(); ++i)
        if (pins.id(i) == id) return i;
    return std::nullopt;
}

std::optional<size_t> PinSnapshot::categoryIndex(std::string_view code) const {
    for (size_t c = 0; c < categoryCodes.size(); ++c)
        if (categoryCodes[c] == code) return c;
    return std::nullopt;
}

size_t PinSnapshot::pinsOfCategory(std::string_view code) const {
    const std::optional<size_t> c = categoryIndex(code);
    return c && *c < pinsPerCategory.size() ? pinsPerCategory[*c] : 0;
}

std::optional<size_t> markerAt(const std::vector<MapMarker>& markers, const Viewport& viewport, Point screen,
                               double slopPx) {
    std::optional<size_t> best;
    double bestDistance = std::numeric_limits<double>::infinity();
    for (size_t i = 0; i < markers.size(); ++i) {
        const MapMarker& m = markers[i];
        const Point at = viewport.worldToScreen(m.world);
        const double d = std::hypot(at.x + m.offsetPx.x - screen.x, at.y + m.offsetPx.y - screen.y);
        if (d <= m.radiusPx + slopPx && d < bestDistance) {
            best = i;
            bestDistance = d;
        }
    }
    return best;
}

MapScene::MapScene(MapRenderer& renderer) : renderer_(renderer) {}
MapScene::~MapScene() = default;

void MapScene::setLabelText(TextRenderer* text) {
    text_ = text;
    laidOutFor_.reset();
    labels_.reset();
    if (!text) return;
    labels_ = std::make_unique<LabelLayer>(*text);
    labels_->setKeepClear(pinPositionsShared_, kLabelKeepClearPx);
}

namespace {
// A class bound as the legend writes it: 0,5 / 0.5, and 1.000 / 1,000.
std::string legendNumber(double v, bool english) {
    char text[32];
    std::snprintf(text, sizeof text, "%g", v);
    std::string out = text;
    if (!english)
        for (char& c : out)
            if (c == '.') c = ',';
    if (v >= 1000.0 && out.find_first_of(".,e") == std::string::npos)
        out.insert(out.size() - 3, 1, english ? ',' : '.');
    return out;
}

std::string classLabel(const DensityClass& c, bool wholeNumbers, bool english) {
    if (!std::isfinite(c.to)) return legendNumber(c.from, english) + (english ? " and more" : " en meer");
    if (c.from <= 0.0) return (english ? "under " : "minder dan ") + legendNumber(c.to, english);
    if (wholeNumbers && c.to - c.from <= 1.0) return legendNumber(c.from, english);
    return legendNumber(c.from, english) + " \u2013 " + legendNumber(wholeNumbers ? c.to - 1.0 : c.to, english);
}
}  // namespace

std::string densityClassLabel(size_t densityClass, bool english) {
    const auto classes = densityClasses();
    return densityClass < classes.size() ? classLabel(classes[densityClass], false, english) : std::string{};
}

std::string choroplethClassLabel(ChoroplethMeasure measure, size_t choroplethClass, bool english) {
    const auto classes = choroplethClasses(measure);
    return choroplethClass < classes.size()
               ? classLabel(classes[choroplethClass], measure == ChoroplethMeasure::Count, english)
               : std::string{};
}

std::optional<ChoroplethMeasure> choroplethMeasure(PinView view) {
    if (view == PinView::CountPerBuurt) return ChoroplethMeasure::Count;
    if (view == PinView::DensityPerBuurt) return ChoroplethMeasure::PinsPerKm2;
    return std::nullopt;
}

size_t MapScene::draw(const Viewport& viewport, const GlFramebuffer* target, float uiScale) {
    const bool clusters = pinView_ == PinView::Clusters && clusters_;
    if (pinLayer_) renderer_.setLayerVisible(*pinLayer_, pinView_ == PinView::Pins);
    if (clusters) layOutClusters(viewport, uiScale);
    renderer_.render(viewport, target);
    if (clusters && !singles_.xy.empty()) renderer_.drawPointsOnTop(singles_, viewport, target);
    const size_t names = labels_ && snapshot_ ? labels_->draw(*snapshot_, viewport, target, uiScale) : 0;
    if (clusters) drawClusterMarkers(viewport, target, uiScale);
    return names;
}

void MapScene::setPinView(PinView view, char thousands) {
    if (view == pinView_ && thousands == thousands_) return;
    pinView_ = view;
    thousands_ = thousands;
    laidOutFor_.reset();
    markers_.clear();
    clusterView_ = {};
    if (labels_) {
        if (view == PinView::Pins) labels_->setKeepClear(pinPositionsShared_, kLabelKeepClearPx);
        if (view != PinView::Pins && view != PinView::Clusters) labels_->setKeepClear(nullptr, kLabelKeepClearPx);
    }
    updateDensity();
    updateChoropleth();
}

void MapScene::updateChoropleth() {
    const std::optional<ChoroplethMeasure> measure = choroplethMeasure(pinView_);
    if (!boundaryLayer_ || !snapshot_) {
        choroplethShown_ = false;
        return;
    }
    if (!measure) {
        if (choroplethShown_) renderer_.setFeatureFills(*boundaryLayer_, snapshot_->boundaryLayer, {});
        choroplethShown_ = false;
        return;
    }
    // Each pin's buurt as the pins were prepared with these boundaries; else counted here.
    const size_t features = snapshot_->boundaryPicker.polygonFeatureCount();
    boundaryCounts_ = pinBoundaryOf_.size() == pinPositions().size() && boundaryOfFeatures_ == features
                          ? countPinsPerBoundary(features, pinBoundaryOf_)
                          : countPinsPerBoundary(snapshot_->boundaryPicker, pinPositions());
    renderer_.setFeatureFills(*boundaryLayer_, snapshot_->boundaryLayer,
                              choroplethFills(*measure, boundaryCounts_, snapshot_->boundaryAreaKm2));
    choroplethShown_ = true;
}

namespace {
// What Mesa and most GPUs take as one texture's side.
constexpr double kMaxDensityTextureSide = 16384.0;
}  // namespace

void MapScene::updateDensity() {
    if (densityLayer_) renderer_.removeLayer(*densityLayer_);
    densityLayer_.reset();
    densityError_.clear();
    if (pinView_ != PinView::Density || pinPositions().empty()) return;
    // One grid over every pin (and the reach of its kernel), uploaded once: panning and zooming
    // then only move a texture, and every view shows the same values.
    Bbox area;
    for (const Point& p : pinPositions())
        if (std::isfinite(p.x) && std::isfinite(p.y)) area.expand(p);
    if (area.empty()) return;
    // The kernel's 300 m are metres on the ground: in a CRS whose units are not (Web Mercator's are
    // 1.64 to the metre in the Netherlands) they are scaled at the pins' centre.
    double units = 1.0;
    if (snapshot_ && !snapshot_->crsDefinition.empty()) {
        try {
            units = mapUnitsPerMetre(snapshot_->crsDefinition, area.center());
        } catch (const Error& e) {
            densityError_ = e.what();
            return;
        }
    }
    const double reach = kMapDensityRadius * units, cell = kMapDensityCell * units;
    area = {area.minx - reach, area.miny - reach, area.maxx + reach, area.maxy + reach};
    const double cells = std::ceil(area.width() / cell) * std::ceil(area.height() / cell);
    if (cells > static_cast<double>(kMaxMapDensityCells) ||
        std::max(area.width(), area.height()) / cell > kMaxDensityTextureSide) {
        char text[160];
        std::snprintf(text, sizeof text,
                      "the pins lie over %.0f x %.0f km, more than a density map of %.0f m cells covers",
                      area.width() / units / 1000.0, area.height() / units / 1000.0, kMapDensityCell);
        densityError_ = text;
        return;
    }
    const DensityGrid grid = estimatePinDensity(pinPositions(), area, kMapDensityCell, kMapDensityRadius, units);
    RasterLayer raster{grid.columns, grid.rows, densityImage(grid), grid.extent};
    densityLayer_ = renderer_.addLayer(raster);
}

void MapScene::setFannedSpot(std::optional<Bbox> spot) {
    fannedSpot_ = spot;
    laidOutFor_.reset();
}

namespace {

// The most pins fanned out around one spot; the rest stay a cluster marker in its middle.
constexpr size_t kMaxFanned = 40;

// Large enough for the number with a margin, and growing a little with the count.
float clusterRadiusPx(uint32_t count, const std::string& text, TextRenderer* font, float uiScale) {
    const float sizePx = kClusterTextPx * uiScale;
    const double width = font ? font->measure(text, sizePx).width : 0.62 * sizePx * static_cast<double>(text.size());
    const double grown = (12.0 + 3.0 * std::log10(static_cast<double>(count))) * uiScale;
    return static_cast<float>(std::max(grown, width / 2.0 + 6.0 * uiScale));
}

}  // namespace

void MapScene::layOutClusters(const Viewport& viewport, float uiScale) {
    const Bbox view = viewport.visibleBbox();
    const double res = viewport.resolution();
    if (laidOutFor_ && laidOutFor_->minx == view.minx && laidOutFor_->miny == view.miny &&
        laidOutFor_->maxx == view.maxx && laidOutFor_->maxy == view.maxy && laidOutResolution_ == res &&
        laidOutScale_ == uiScale)
        return;
    laidOutFor_ = view;
    laidOutResolution_ = res;
    laidOutScale_ = uiScale;

    clusterView_ = clusters_->query(view, kClusterSpacingPx * uiScale * res);
    markers_.clear();
    fanCentre_.reset();
    PointLayer singles;
    singles.radiusPx = pinRadiusPx_;
    std::vector<Point> keepClear;
    const auto addSingle = [&](size_t pin, Point drawnAt, Point offsetPx, const Bbox& extent) {
        if (ringed_ && *ringed_ == pin) singles.ringed = singles.points.size();
        singles.points.push_back(drawnAt);
        singles.colours.push_back(categoryColours_[categoryOf_[pin]]);
        singles.symbols.push_back(categorySymbols_[categoryOf_[pin]]);
        markers_.push_back({pinPositions()[pin], offsetPx, pinRadiusPx_, 1, pin, extent, std::nullopt});
        keepClear.push_back(drawnAt);
    };
    for (size_t ci = 0; ci < clusterView_.clusters.size(); ++ci) {
        const PinCluster& c = clusterView_.clusters[ci];
        if (c.count == 1) {
            addSingle(c.pin, pinPositions()[c.pin], {0, 0}, c.extent);
            continue;
        }
        uint32_t left = c.count;
        if (fannedSpot_ && c.extent.minx >= fannedSpot_->minx - res && c.extent.maxx <= fannedSpot_->maxx + res &&
            c.extent.miny >= fannedSpot_->miny - res && c.extent.maxy <= fannedSpot_->maxy + res) {
            const std::vector<uint32_t> pins = clusters_->pinsIn(c.extent, kMaxFanned);
            // On rings around the spot, each with as many markers as fit with a finger between them
            // (one wide ring of 40 would reach off the screen).
            const double gap = 3.0 * pinRadiusPx_;
            double ring = 2.5 * pinRadiusPx_;
            size_t placed = 0;
            while (placed < pins.size()) {
                const size_t fits = std::max<size_t>(4, static_cast<size_t>(2.0 * std::numbers::pi * ring / gap));
                const size_t here = std::min(fits, pins.size() - placed);
                for (size_t i = 0; i < here; ++i) {
                    const double angle = 2.0 * std::numbers::pi * static_cast<double>(i) / static_cast<double>(here) -
                                         std::numbers::pi / 2;
                    const Point offset{ring * std::cos(angle), ring * std::sin(angle)};
                    addSingle(pins[placed + i], {c.centre.x + offset.x * res, c.centre.y - offset.y * res}, offset,
                              c.extent);
                }
                placed += here;
                ring += gap;
            }
            fanCentre_ = c.centre;
            left -= static_cast<uint32_t>(pins.size());
            if (left == 0) continue;
        }
        const float radius = clusterRadiusPx(left, groupDigits(left, thousands_), text_, uiScale);
        markers_.push_back({c.centre, {0, 0}, radius, left, std::nullopt, c.extent, ci});
        keepClear.push_back(c.centre);
    }
    // The single pins lie under the clusters' markers (drawn last), so a marker list from the top
    // down names the clusters first: put them first for whoever hit-tests in order.
    std::stable_partition(markers_.begin(), markers_.end(), [](const MapMarker& m) { return m.count > 1; });
    singles_ = prepareLayer(singles);
    if (labels_)
        labels_->setKeepClear(std::make_shared<const std::vector<Point>>(std::move(keepClear)),
                              kClusterSpacingPx * 0.4 * uiScale);
}

void MapScene::drawClusterMarkers(const Viewport& viewport, const GlFramebuffer* target, float uiScale) {
    if (!text_) return;
    TextBatch batch;
    const float sizePx = kClusterTextPx * uiScale;
    TextStyle style;
    style.sizePx = sizePx;
    style.colour = kClusterText;
    style.haloPx = 0.0f;
    // The spot the fanned pins belong to.
    if (fanCentre_)
        text_->addDisc(batch, viewport.worldToScreen(*fanCentre_), 5.0f * uiScale, kClusterFill, kClusterRim,
                       1.5f * uiScale);
    // Smallest first, so that a large cluster's marker lies on top where two touch.
    for (auto it = markers_.rbegin(); it != markers_.rend(); ++it) {
        const MapMarker& m = *it;
        if (m.count < 2) continue;
        const Point at = viewport.worldToScreen(m.world);
        const float r = m.radiusPx;
        text_->addDisc(batch, at, r, kClusterFill, kClusterRim, 2.5f * uiScale);
        const std::string count = groupDigits(m.count, thousands_);
        const TextSize size = text_->measure(count, sizePx);
        text_->addText(batch, count, {at.x - size.width / 2.0, at.y - size.height / 2.0 - 0.18 * r}, style);
        // The mix of categories: a bar of their shares under the number.
        if (!m.cluster) continue;
        const PinCluster& c = clusterView_.clusters[*m.cluster];
        const std::span<const uint32_t> counts = clusterView_.categoriesOf(c);
        const double barWidth = 1.25 * r, barHeight = std::max(3.0, 0.2 * r);
        double x = at.x - barWidth / 2.0;
        const double y = at.y + 0.32 * r;
        for (size_t k = 0; k < counts.size(); ++k) {
            if (counts[k] == 0) continue;
            const double w = barWidth * counts[k] / c.count;
            text_->addRect(batch, {x, y, x + w, y + barHeight}, categoryColours_[k]);
            x += w;
        }
    }
    text_->draw(batch, viewport, target);
}

void MapScene::setSnapshot(std::shared_ptr<const MapSnapshot> snapshot) {
    pinBoundaryOf_.clear();  // found with the old boundaries: counted anew until the pins come again
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
    boundaryLayer_ =
        renderer_.addLayer(std::shared_ptr<const PreparedVectorLayer>(snapshot_, &snapshot_->boundaryLayer));
    // Over a basemap the buurten are tinted, not painted, so the image stays readable.
    if (anyRaster) renderer_.setLayerOpacity(*boundaryLayer_, 0.55f);
    for (const ContextSnapshot& c : snapshot_->context) {
        if (c.polygons) track(c, renderer_.addLayer(*c.polygons));
        if (c.lines) track(c, renderer_.addLayer(*c.lines));
        if (c.points) track(c, renderer_.addLayer(*c.points));
    }
    choroplethShown_ = false;  // a new layer has its own colours
    updateDensity();           // over the new boundaries
    updateChoropleth();
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
    pins_ = pins.layer ? pins.layer : std::make_shared<const PreparedPointLayer>();
    pinMarks_ = pins_->marks;
    clusters_ = pins.clusters;
    categoryOf_ = pins.categoryOf;
    categoryColours_ = pins.categoryColours;
    categorySymbols_ = pins.categorySymbols;
    pinRadiusPx_ = pins_->radiusPx;
    laidOutFor_.reset();
    pinPositionsShared_ = pins.pins.sharedPositions();
    pinBoundaryOf_ = pins.boundaryOf;
    boundaryOfFeatures_ = snapshot_ ? snapshot_->boundaryPicker.polygonFeatureCount() : 0;
    updateDensity();
    updateChoropleth();
    if (labels_ && pinView_ == PinView::Pins) labels_->setKeepClear(pinPositionsShared_, kLabelKeepClearPx);
    ringed_.reset();  // new pins, new indices: whoever rings one rings it again
    if (pinLayer_) renderer_.removeLayer(*pinLayer_);
    pinLayer_ = renderer_.addLayer(*pins_, &pinMarks_);
}

void MapScene::setPinRing(std::optional<size_t> pinIndex) {
    if (pinIndex && *pinIndex * 2 + 1 >= pinMarks_.size()) pinIndex.reset();
    if (pinIndex == ringed_) return;
    laidOutFor_.reset();  // the clusters' single pins ring it too
    if (ringed_) pinMarks_[*ringed_ * 2 + 1] = 0;
    if (pinIndex) pinMarks_[*pinIndex * 2 + 1] = 1;
    ringed_ = pinIndex;
    if (pinLayer_) {
        renderer_.removeLayer(*pinLayer_);
        pinLayer_ = renderer_.addLayer(*pins_, &pinMarks_);
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
