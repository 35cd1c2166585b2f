// Everything the map shows of one project, in two halves. MapSnapshot is the CPU half: loaded from
// the project and prepared (tessellated, indexed) on any thread, immutable afterwards. MapScene is
// the GPU half on the GL thread: it uploads a snapshot once and swaps only what changes (pins, the
// highlighted buurt), and draws the map and then the buurt names (LabelLayer) into one framebuffer.
// The window and a map picture (map_picture.hpp, `samenkaart render`) both draw through
// MapScene::draw, so they show the same map with the same names.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/boundary_store.hpp"
#include "engine/categories.hpp"
#include "engine/context_layers.hpp"
#include "engine/pins.hpp"
#include "engine/project.hpp"
#include "mapping/label_placement.hpp"
#include "mapping/map_renderer.hpp"
#include "mapping/pick_index.hpp"
#include "mapping/prepared_layer.hpp"

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
    std::vector<LabelRequest> boundaryLabels;  // one per boundary, at its pole of inaccessibility;
                                               // the text's size is filled in by whoever draws it
    Bbox extent;                               // of the boundaries
    std::vector<ContextSnapshot> context;      // bottom to top
};

// Below this size on screen (either axis) a buurt is too small for any label.
inline constexpr double kMinLabelledFeaturePx = 12.0;

struct MapSnapshotOptions {
    bool pickIndex = true;     // false leaves boundaryPicker empty (a picture that is never clicked)
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
    // Seconds spent per stage, filled in when not null (for `samenkaart render --verbose` and benchmarks).
    struct Timings {
        double read = 0, prepare = 0, anchors = 0, pickIndex = 0;
    }* timings = nullptr;
};

// Reads and prepares the project's boundaries and categories; heavy, so callers may run it on a
// worker thread with its own Project handle. The independent stages (tessellation, label anchors, pick
// index) run on threads of their own.
std::shared_ptr<const MapSnapshot> loadMapSnapshot(Project& project, const MapSnapshotOptions& options = {});

// Pins as drawn and picked, rebuilt whenever pins change (cheap: one marker each).
struct PinSnapshot {
    std::vector<Pin> pins;
    PreparedPointLayer layer;
    PickIndex picker;
};
PinSnapshot preparePins(std::vector<Pin> pins, const std::vector<Category>& categories, float radiusPx);

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

    void setSnapshot(std::shared_ptr<const MapSnapshot> snapshot);
    void setPins(const PinSnapshot& pins);
    // Rings one pin (index into the pins last set; the one whose card is open), or none. Setting
    // pins clears the ring.
    void setPinRing(std::optional<size_t> pinIndex);
    // Draws a highlight around one boundary (index into snapshot->boundaries), or none.
    void setHighlight(std::optional<size_t> boundaryIndex);
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
    PreparedPointLayer pins_;  // as last set, to ring another pin without preparing them again
    std::optional<size_t> ringed_;
    std::unique_ptr<LabelLayer> labels_;
    std::vector<Point> pinPositions_;  // names keep clear of the pins
};

}  // namespace samenkaart::mapping
