// Everything the map shows of one project, in two halves. MapSnapshot is the CPU half: loaded from
// the project and prepared (tessellated, indexed) on any thread, immutable afterwards. MapScene is
// the GPU half on the GL thread: it uploads a snapshot once and swaps only what changes (pins, the
// highlighted buurt), and draws the map and then the buurt names (LabelLayer) into one framebuffer.
// The window and a map picture (map_picture.hpp, `samenkaart render`) both draw through
// MapScene::draw, so they show the same map with the same names.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/boundary_store.hpp"
#include "engine/categories.hpp"
#include "engine/context_layers.hpp"
#include "engine/pin_density.hpp"
#include "engine/pins.hpp"
#include "engine/project.hpp"
#include "mapping/label_placement.hpp"
#include "mapping/map_renderer.hpp"
#include "mapping/pick_index.hpp"
#include "mapping/pin_choropleth.hpp"
#include "mapping/pin_clusters.hpp"
#include "mapping/prepared_layer.hpp"
#include "mapping/prepared_map_cache.hpp"

namespace samenkaart::mapping {

// One context layer, read and prepared. A layer that could not be read keeps its error for the
// layer panel and draws nothing.
struct ContextSnapshot {
    ContextLayer layer;
    std::optional<PreparedVectorLayer> polygons;
    std::optional<PreparedVectorLayer> lines;
    std::optional<PreparedPointLayer> points;
    std::optional<RasterLayer> raster;
    std::string error;
};

struct MapSnapshot {
    std::vector<Boundary> boundaries;
    std::vector<Category> categories;
    PreparedVectorLayer boundaryLayer;
    PickIndex boundaryPicker;
    std::vector<double> boundaryAreaKm2;       // each boundary's true area, with the pick index
                                               // (pin_choropleth.hpp boundaryAreasKm2); else empty
    std::vector<LabelRequest> boundaryLabels;  // one per boundary, at its pole of inaccessibility;
                                               // the text's size is filled in by whoever draws it
    Bbox extent;                               // of the boundaries
    std::vector<ContextSnapshot> context;      // bottom to top
    std::string crsDefinition;                 // the map CRS (empty: its units are taken as metres)
    // Set when the load consulted a prepared-map cache file and prepared afresh instead (missing, stale or
    // damaged): storePreparedMap then writes this snapshot's parts under this key.
    std::optional<PreparedMapKey> cacheKeyToStore;
};

// Below this size on screen (either axis) a buurt is too small for any label.
inline constexpr double kMinLabelledFeaturePx = 12.0;

struct MapSnapshotOptions {
    bool pickIndex = true;     // false leaves boundaryPicker and boundaryAreaKm2 empty (a picture that is
                               // never clicked and shows no pins per buurt)
    bool labelAnchors = true;  // false leaves boundaryLabels empty (a map drawn without names)
    // When > 0 the snapshot is for one picture at this many map units per pixel: the boundaries are
    // prepared at that detail only, and buurten smaller than kMinLabelledFeaturePx on screen get their
    // bbox centre as anchor instead of the costly pole (no name fits them at that scale anyway); their
    // Boundary::geometry is then left empty unless pickIndex is set (nothing else in a picture needs it).
    double viewResolution = 0.0;
    // When set, only the boundaries whose bbox meets this area are read (through the spatial index), for
    // a picture of part of the project; each keeps its colour (Boundary::order) and its whole outline.
    std::optional<Bbox> area;
    // With `area`: the centre of all boundaries' extent, so the part's vertices round as in a full read.
    std::optional<Point> boundaryOrigin;
    // A prepared-map cache file (prepared_map_cache.hpp; preparedMapCacheFile names it): the boundaries'
    // triangles, label anchors and areas are read from it when it matches them, instead of being built.
    // Used only for a whole map (no viewResolution, no area); empty: no cache.
    std::string cacheFile;
    // Seconds spent per stage, filled in when not null (for `samenkaart render --verbose` and benchmarks).
    struct Timings {
        double read = 0, prepare = 0, anchors = 0, pickIndex = 0;
        double cacheRead = 0;  // reading and checking the cache file, beside `read`
        double cacheWait = 0;  // how long the read cache file was waited for after `read`
        std::string cache;     // "off", or cacheReadName's word, with the reason for "damaged"
    }* timings = nullptr;
};

// Reads and prepares the project's boundaries and categories; heavy, so callers may run it on a
// worker thread with its own Project handle. The independent stages (tessellation, label anchors, pick
// index) run on threads of their own.
std::shared_ptr<const MapSnapshot> loadMapSnapshot(Project& project, const MapSnapshotOptions& options = {});

// Writes a freshly prepared snapshot's parts to the cache file its load consulted (a snapshot read from
// the cache, or loaded without one, writes nothing). Returns an empty string, or why it was not written:
// a cache that cannot be written is no error, the next launch prepares the map again.
std::string storePreparedMap(const MapSnapshot& snapshot, const std::string& cacheFile);

// Pins as drawn and picked, rebuilt whenever pins change (cheap: one marker each, and the cluster
// index's sort).
struct PinSnapshot {
    PinPlaces pins;  // ids, categories and positions: a card reads the rest of its pin by id
    Bbox extent;     // of the pins' positions (empty without pins)
    std::shared_ptr<const PreparedPointLayer> layer;  // shared with the scene that draws them
    std::shared_ptr<const PickIndex> picker;          // shared with the map view (a million pins: some 50 MB)
    // For the clusters: each pin's category as an index into the categories (categories.size() for a
    // code the codebook does not know), and each category's colour and symbol in that order.
    std::vector<uint16_t> categoryOf;
    std::vector<Rgba> categoryColours;
    std::vector<PinSymbol> categorySymbols;
    std::shared_ptr<const PinClusterIndex> clusters;
    double clusterBuildMs = 0;  // the time the cluster index took (render --bench reports it)
    // The boundary each pin lies in (pin_choropleth.hpp boundaryOfPins; -1: none), when preparePins
    // was given the boundaries; else empty. The choropleth counts it, the window's cards and counts read it.
    std::vector<int32_t> boundaryOf;
    // How many of the pins each category has, by categoryOf (the last: codes the codebook does not
    // know): counted once here, so panels need not walk a million pins each frame.
    std::vector<size_t> pinsPerCategory;
    std::vector<std::string> categoryCodes;  // the codebook's codes in categoryOf's order
    // The place of this code in categoryCodes (and pinsPerCategory), or nullopt when the codebook does
    // not know it.
    std::optional<size_t> categoryIndex(std::string_view code) const;
    // pinsPerCategory of the category with this code (0 for a code the codebook does not know).
    size_t pinsOfCategory(std::string_view code) const;
    // Different for every preparePins: what a panel worked out from these pins (the counts per buurt,
    // the ringed pin's place) stays good while the revision does.
    uint64_t revision = 0;
    // The index of the pin with this id, or nullopt (a scan: callers keep the answer per revision).
    std::optional<size_t> indexOf(std::string_view id) const;
};
PinSnapshot preparePins(PinPlaces pins, const std::vector<Category>& categories, float radiusPx,
                        const PickIndex* boundaries = nullptr);
PinSnapshot preparePins(const std::vector<Pin>& pins, const std::vector<Category>& categories, float radiusPx,
                        const PickIndex* boundaries = nullptr);

// How the pins are shown: each pin, nearby pins as one marker with their count (pin_clusters.hpp),
// pins per km² on the fixed scale of engine/pin_density.hpp, or each buurt coloured by its pins (the
// choropleth, pin_choropleth.hpp): their number, or their number per km² of the buurt.
enum class PinView : uint8_t { Pins, Clusters, Density, CountPerBuurt, DensityPerBuurt };
// The choropleth's measure for a view; nullopt for the others.
std::optional<ChoroplethMeasure> choroplethMeasure(PinView view);

// The density the map shows: the kernel's radius and the grid's cells (metres). Fixed, so that a
// colour means the same density at every zoom and in every project.
inline constexpr double kMapDensityRadius = 300.0;
inline constexpr double kMapDensityCell = kMapDensityRadius / 4.0;
// A density grid for the map larger than this many cells (pins spread over more than about
// 300 x 300 km) is not drawn; the scene says why (densityError).
inline constexpr size_t kMaxMapDensityCells = 24'000'000;

// A density class's bounds as the legend shows them: "0,5 – 1" in Dutch, "0.5 – 1" in English, and
// "500 en meer" / "500 and more" for the last.
std::string densityClassLabel(size_t densityClass, bool english);
// The same for the choropleth's classes: "0 – 0,5" is "minder dan 0,5" / "under 0.5"; counts are
// whole numbers, so their classes read "2 – 4", "1.000 en meer" / "1,000 and more".
std::string choroplethClassLabel(ChoroplethMeasure measure, size_t choroplethClass, bool english);

// Pins closer than this on screen (logical pixels at UI scale 1) join one cluster, so the markers
// (about 15 to 30 px in radius, growing with their number) leave the map between them in view.
inline constexpr float kClusterSpacingPx = 64.0f;

// What the last draw put on the map that a tap can hit: a pin (drawn alone, or fanned out of a spot
// that holds several) or a cluster of pins.
struct MapMarker {
    Point world;                    // where it points to
    Point offsetPx;                 // drawn this far from `world` on screen (a fanned pin), else 0
    float radiusPx = 0;             // its size on screen
    uint32_t count = 1;             // pins under it
    std::optional<size_t> pin;      // count == 1: index into the pins
    Bbox extent;                    // of its pins (map CRS): zero size when they share one spot
    std::optional<size_t> cluster;  // a cluster: index into MapScene::clusterView().clusters
};

// The marker under a tap at `screen` (logical pixels): the nearest whose disc, grown by slopPx (a
// finger is wider than a pointer), holds it. Index into `markers`.
std::optional<size_t> markerAt(const std::vector<MapMarker>& markers, const Viewport& viewport, Point screen,
                               double slopPx);

class LabelLayer;
class TextRenderer;

class MapScene {
public:
    explicit MapScene(MapRenderer& renderer);
    ~MapScene();
    MapScene(const MapScene&) = delete;
    MapScene& operator=(const MapScene&) = delete;

    // The buurt names are drawn with this text renderer (which outlives the scene); null draws none.
    void setLabelText(TextRenderer* text);
    // The map, then the buurt names placed clear of the pins, into `target` (null: the default
    // framebuffer). uiScale enlarges the names as it enlarges the window's text. Returns the number
    // of names drawn.
    size_t draw(const Viewport& viewport, const GlFramebuffer* target, float uiScale = 1.0f);
    // The names placed by the last draw (tests).
    const LabelLayer* labels() const { return labels_.get(); }

    // Uploads only what the first view draws of the buurten (MapRenderer's deferred levels); the other
    // levels of detail follow through uploadPendingLevel(), or when a view first needs them.
    void setSnapshot(std::shared_ptr<const MapSnapshot> snapshot);
    bool uploadPendingLevel() { return renderer_.uploadPendingLevel(); }
    bool uploadsPending() const { return renderer_.uploadsPending(); }
    void setPins(const PinSnapshot& pins);
    // Rings one pin (index into the pins last set; the one whose card is open), or none. Setting
    // pins clears the ring.
    void setPinRing(std::optional<size_t> pinIndex);
    // Draws a highlight around one boundary (index into snapshot->boundaries), or none.
    void setHighlight(std::optional<size_t> boundaryIndex);
    // The font of the clusters' counts when no names are drawn (setLabelText sets both).
    void setMarkerText(TextRenderer* text) {
        text_ = text;
        laidOutFor_.reset();
    }
    // Pins or clusters; `thousands` groups the clusters' counts (12.345 in Dutch, 12,345 in English).
    void setPinView(PinView view, char thousands = '.');
    PinView pinView() const { return pinView_; }
    // With clusters: the cluster whose pins lie within `spot` (a cluster's extent: pins on one spot, or
    // too close together to be told apart at any zoom) has its pins drawn fanned out around it, each
    // its own marker; none closes the fan.
    void setFannedSpot(std::optional<Bbox> spot);
    // The markers of the last draw, the largest first (clusters mode; in pins mode empty: the pin
    // picker of PinSnapshot serves).
    const std::vector<MapMarker>& markers() const { return markers_; }
    // Why the density is not drawn (too large an area), or empty.
    const std::string& densityError() const { return densityError_; }
    // The pins in each boundary as the choropleth last counted them (null in the other views).
    const BoundaryPinCounts* boundaryPinCounts() const { return choroplethShown_ ? &boundaryCounts_ : nullptr; }
    // The clusters of the last draw (clusters mode), for tests and the status line.
    const ClusterView& clusterView() const { return clusterView_; }
    void setContextVisible(int64_t contextLayerId, bool visible);
    void setContextOpacity(int64_t contextLayerId, float opacity);
    void setBoundaryOpacity(float opacity);
    const std::shared_ptr<const MapSnapshot>& snapshot() const { return snapshot_; }

private:
    MapRenderer& renderer_;
    std::shared_ptr<const MapSnapshot> snapshot_;
    std::optional<MapRenderer::LayerId> boundaryLayer_;
    std::vector<std::pair<int64_t, MapRenderer::LayerId>> contextLayers_;  // context id -> renderer layers
    std::optional<MapRenderer::LayerId> highlightLayer_;
    std::optional<MapRenderer::LayerId> pinLayer_;
    std::shared_ptr<const PreparedPointLayer> pins_ = std::make_shared<const PreparedPointLayer>();  // as last set
    std::vector<uint8_t> pinMarks_;  // pins_'s marks with the ring: another pin is ringed without preparing them again
    std::optional<size_t> ringed_;
    std::unique_ptr<LabelLayer> labels_;
    // The pins' positions, shared with their PinPlaces and the names (which keep clear of them).
    std::shared_ptr<const std::vector<Point>> pinPositionsShared_ = std::make_shared<const std::vector<Point>>();
    const std::vector<Point>& pinPositions() const { return *pinPositionsShared_; }
    std::vector<int32_t> pinBoundaryOf_;  // PinSnapshot::boundaryOf of the pins set last
    size_t boundaryOfFeatures_ = 0;       // the boundaries it was found among

    void layOutClusters(const Viewport& viewport, float uiScale);
    void updateDensity();
    // Counts the pins per buurt and recolours the buurten, or gives them their own colours back.
    void updateChoropleth();
    BoundaryPinCounts boundaryCounts_;
    bool choroplethShown_ = false;
    std::optional<MapRenderer::LayerId> densityLayer_;
    std::string densityError_;
    void drawClusterMarkers(const Viewport& viewport, const GlFramebuffer* target, float uiScale);
    TextRenderer* text_ = nullptr;
    PinView pinView_ = PinView::Pins;
    char thousands_ = '.';
    // What setPins gave, for the clusters (pinPositions_ holds the positions).
    std::shared_ptr<const PinClusterIndex> clusters_;
    std::vector<uint16_t> categoryOf_;
    std::vector<Rgba> categoryColours_;
    std::vector<PinSymbol> categorySymbols_;
    float pinRadiusPx_ = 12.0f;
    std::optional<Bbox> fannedSpot_;
    std::optional<Point> fanCentre_;  // where the last layout fanned pins out from
    ClusterView clusterView_;
    std::vector<MapMarker> markers_;
    PreparedPointLayer singles_;      // the pins drawn alone in clusters mode
    std::optional<Bbox> laidOutFor_;  // the view (and scale) the clusters were laid out for
    double laidOutResolution_ = 0;
    float laidOutScale_ = 0;
};

}  // namespace samenkaart::mapping
