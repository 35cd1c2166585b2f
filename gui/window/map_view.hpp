// The map widget: fills the window behind every panel. Turns pointer, wheel and keys into viewport
// changes (pan, zoom about the pointer, smooth animated zoom), reports taps, and draws the map.
// The map is rendered into a texture only when something changed; while a gesture runs on slow
// (software) OpenGL the last texture is moved and scaled instead, and redrawn when it ends.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "gui/window/input/gesture_recognizer.hpp"
#include "gui/window/input/touch_input.hpp"
#include "mapping/map_renderer.hpp"
#include "mapping/map_scene.hpp"
#include "mapping/offscreen.hpp"
#include "mapping/text_renderer.hpp"
#include "mapping/viewport.hpp"

namespace samenkaart::gui {

struct MapTap {
    // Tap: a short touch. LongPress: held still (then HoldDrag while it moves, HoldEnd on release).
    enum class Kind { Tap, LongPress, HoldDrag, HoldEnd };
    Kind kind = Kind::Tap;
    Point world;
    Point screen;
    std::optional<size_t> boundary;  // index into the snapshot's boundaries
    std::optional<size_t> pin;       // index into the current pins
};

// Below this many pins the map shows each pin unless the user chose clusters; from it, clusters.
inline constexpr size_t kAutoClusterPins = 1000;

class MapView {
public:
    MapView();  // needs the window's GL context

    void setSnapshot(std::shared_ptr<const mapping::MapSnapshot> snapshot);
    void setPins(const mapping::PinSnapshot& pins);
    void setHighlight(std::optional<size_t> boundary);
    // Rings the pin whose card is open (index into the pins last set), or none; cheap when unchanged.
    void setPinRing(std::optional<size_t> pin);
    void setContextVisible(int64_t contextLayerId, bool visible);
    void setContextOpacity(int64_t contextLayerId, float opacity);
    // Each pin or clusters, as the user chose (until then: clusters from kAutoClusterPins pins).
    void choosePinView(mapping::PinView view);
    mapping::PinView pinView() const { return scene_.pinView(); }
    // The clusters' digit groups: '.' in Dutch, ',' in English.
    void setThousandsSeparator(char separator);
    // Why the density cannot be drawn, or empty.
    const std::string& densityError() const { return scene_.densityError(); }
    // The clusters and single pins on screen (clusters mode; for the status line and tests).
    const std::vector<mapping::MapMarker>& markers() const { return scene_.markers(); }

    // One frame: input (when no panel has the pointer or keyboard; the map's touch contacts from
    // `touch`), rendering, drawing into ImGui's background. Returns a tap on the map, if there was one.
    std::optional<MapTap> frame(float uiScale, float framebufferScale, TouchInput& touch);

    // Smoothly zooms by `factor` (> 1 zooms in) about a screen point (default: the centre).
    void zoomBy(double factor, std::optional<Point> aboutScreen = std::nullopt);
    void showWhole();
    // Fits `bbox` into the part of the map clear of the docked panels (setDockedPanels).
    void showBbox(const Bbox& bbox);
    // The screen rectangles of the panels that stay on screen (toolbar, palette, map controls,
    // status bar), as last drawn: what "whole neighbourhood" keeps the wijk clear of.
    void setDockedPanels(std::vector<Bbox> panels);
    // When `world` lies under a panel (`covered`: screen rectangles) or off screen, glides the map
    // (about 150 ms) so that it shows at the nearest spot `margin` clear of them (keep_in_view.hpp).
    void keepInView(Point world, const std::vector<Bbox>& covered, double margin);
    bool busy() const;         // a gesture or animation is running: keep frames coming
    bool needsRedraw() const;  // the picture on screen is not the current view yet
    // Levels of detail of the buurten still to upload: one per frame while nothing moves (renderIfNeeded).
    bool uploading() const { return scene_.uploadsPending(); }
    const mapping::Viewport& viewport() const { return viewport_; }
    void setView(Point centre, double resolution);
    double lastRenderMs() const { return lastRenderMs_; }

private:
    void handleInput(float uiScale, TouchInput& touch, std::optional<MapTap>& tap);
    MapTap makeTap(MapTap::Kind kind, Point screen, float uiScale) const;
    // A tap on a cluster zooms to its pins, or fans them out when they sit on one spot. True when the
    // tap was the cluster's (nobody else sees it).
    bool tapCluster(Point screen, float uiScale);
    void applyPinView();
    void animate();
    void keepMapInView();  // Viewport::keepShowing for the boundaries and pins
    void renderIfNeeded(float uiScale);
    void drawMap();

    mapping::MapRenderer renderer_;
    std::optional<mapping::TextRenderer> labelText_;  // the buurt names' font, as in a map picture
    mapping::MapScene scene_;
    std::optional<mapping::OffscreenTarget> target_;
    mapping::Viewport viewport_;
    mapping::Viewport rendered_;
    float renderedScale_ = 0.0f;  // the UI scale the names in the picture were drawn for
    bool haveRendered_ = false;
    bool sceneDirty_ = true;
    bool viewInitialised_ = false;
    bool sized_ = false;              // the window size is known (after the first frame)
    std::optional<Bbox> pendingFit_;  // a fit asked for before that, or before the panels it keeps clear of
    // Frames until the first fit: the panels it keeps clear of (the palette) are drawn once the map
    // is there, and a new panel is measured a frame after it first shows (setDockedPanels).
    int fitAfterPanels_ = 0;
    std::vector<Bbox> docked_;  // panels the fit keeps clear of
    Bbox pinExtent_;            // the pins': with the boundaries', what a pan keeps in view
    double lastRenderMs_ = 0.0;
    bool slowGl_ = false;

    std::shared_ptr<const mapping::MapSnapshot> snapshot_;
    std::shared_ptr<const mapping::PickIndex> pinPicker_;  // the pins' (shared with their snapshot)
    std::optional<size_t> ringedPin_;
    size_t pinCount_ = 0;
    std::optional<mapping::PinView> chosenPinView_;
    char thousands_ = '.';

    GestureRecognizer gestures_;
    bool dragging_ = false;  // a pan or pinch is under way

    // Smooth zoom: the resolution we are heading for and the screen point that stays fixed.
    std::optional<double> targetResolution_;
    std::optional<Point> targetCentre_;  // a glide under way (keepInView)
    Point zoomAnchor_;
    std::chrono::steady_clock::time_point lastAnimation_;

    // Label placement is redone only when the view changes.
};

}  // namespace samenkaart::gui
