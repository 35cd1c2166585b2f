#include "gui/window/map_view.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "engine/error.hpp"

#include "gui/window/logic/keep_in_view.hpp"
#include "gui/window/theme_imgui.hpp"
#include "mapping/gl_api.hpp"
#include "mapping/map_style.hpp"

namespace samenkaart::gui {
namespace {

bool sameView(const mapping::Viewport& a, const mapping::Viewport& b) {
    return a.centre() == b.centre() && a.resolution() == b.resolution() && a.widthPx() == b.widthPx() &&
           a.heightPx() == b.heightPx() && a.framebufferScale() == b.framebufferScale();
}

ImVec2 toIm(Point p) { return {static_cast<float>(p.x), static_cast<float>(p.y)}; }

// Software GL is "slow" when a full redraw takes longer than a frame at 60 Hz.
constexpr double kSlowFrameMs = 16.0;

}  // namespace

MapView::MapView() : scene_(renderer_) {
    renderer_.setBackground(mapping::kMapBackground);
    // Multisampling costs llvmpipe several frame budgets on its own (docs/render.md); on software GL
    // the map goes without it and stays responsive.
    if (mapping::isSoftwareRenderer()) renderer_.setSampleCount(1);
    // The buurt names are drawn into the map by the scene, as in `samenkaart render`'s pictures.
    // Without the font (fonts-dejavu-core removed) the map goes without names rather than not at all.
    try {
        labelText_.emplace(mapping::kDejaVuSansPath);
        scene_.setLabelText(&*labelText_);
    } catch (const Error& e) {
        std::fprintf(stderr, "samenkaart: the map shows no buurt names: %s\n", e.what());
    }
}

void MapView::setSnapshot(std::shared_ptr<const mapping::MapSnapshot> snapshot) {
    snapshot_ = std::move(snapshot);
    scene_.setSnapshot(snapshot_);
    sceneDirty_ = true;
    if (!viewInitialised_ && !snapshot_->extent.empty()) {
        // The whole map, clear of the panels: fitted once they are all drawn and measured (two frames;
        // the map is not drawn until then, so it never shows under the palette first).
        pendingFit_ = snapshot_->extent;
        fitAfterPanels_ = 2;
        viewInitialised_ = true;
    }
}

void MapView::setDockedPanels(std::vector<Bbox> panels) {
    docked_ = std::move(panels);
    if (pendingFit_ && sized_ && fitAfterPanels_ > 0 && --fitAfterPanels_ == 0)
        showBbox(*std::exchange(pendingFit_, std::nullopt));
}

void MapView::setPins(const mapping::PinSnapshot& pins) {
    scene_.setPins(pins);
    pinCount_ = pins.pins.size();
    pinExtent_ = pins.extent;
    applyPinView();
    ringedPin_.reset();  // the scene dropped it with the old pins
    pinPicker_ = pins.picker;
    sceneDirty_ = true;
}

void MapView::choosePinView(mapping::PinView view) {
    chosenPinView_ = view;
    applyPinView();
}

void MapView::setThousandsSeparator(char separator) {
    if (separator == thousands_) return;
    thousands_ = separator;
    applyPinView();
}

void MapView::applyPinView() {
    scene_.setPinView(
        chosenPinView_.value_or(pinCount_ >= kAutoClusterPins ? mapping::PinView::Clusters : mapping::PinView::Pins),
        thousands_);
    sceneDirty_ = true;
}

bool MapView::tapCluster(Point screen, float uiScale) {
    if (scene_.pinView() != mapping::PinView::Clusters) return false;
    const auto hit = mapping::markerAt(scene_.markers(), viewport_, screen, 12.0 * uiScale);
    if (!hit || scene_.markers()[*hit].pin) {
        scene_.setFannedSpot(std::nullopt);  // a tap beside the fan (or on one of its pins) folds it
        sceneDirty_ = true;
        return false;
    }
    const mapping::MapMarker& m = scene_.markers()[*hit];
    // Pins closer together than zooming in all the way could tell apart: fanned out where they are.
    const double closest = viewport_.minResolution() * 4.0;
    if (m.extent.width() <= closest && m.extent.height() <= closest) {
        scene_.setFannedSpot(m.extent);
        // The fan needs room on every side: the map glides to put the spot in the middle.
        targetCentre_ = m.world;
        lastAnimation_ = std::chrono::steady_clock::now();
    } else {
        scene_.setFannedSpot(std::nullopt);
        const Bbox e = m.extent;
        const double pad = std::max(e.width(), e.height()) * 0.1 + viewport_.minResolution() * 40.0;
        showBbox({e.minx - pad, e.miny - pad, e.maxx + pad, e.maxy + pad});
    }
    sceneDirty_ = true;
    return true;
}

void MapView::setHighlight(std::optional<size_t> boundary) {
    scene_.setHighlight(boundary);
    sceneDirty_ = true;
}

void MapView::setPinRing(std::optional<size_t> pin) {
    if (pin == ringedPin_) return;
    ringedPin_ = pin;
    scene_.setPinRing(pin);
    sceneDirty_ = true;
}

void MapView::setContextVisible(int64_t contextLayerId, bool visible) {
    scene_.setContextVisible(contextLayerId, visible);
    sceneDirty_ = true;
}

void MapView::setContextOpacity(int64_t contextLayerId, float opacity) {
    scene_.setContextOpacity(contextLayerId, opacity);
    sceneDirty_ = true;
}

void MapView::setView(Point centre, double resolution) {
    pendingFit_.reset();
    fitAfterPanels_ = 0;
    viewport_.setCentre(centre);
    viewport_.setResolution(resolution);
    viewInitialised_ = true;
}

void MapView::showBbox(const Bbox& bbox) {
    if (bbox.empty()) return;
    if (!sized_) {
        pendingFit_ = bbox;
        viewInitialised_ = true;
        return;
    }
    pendingFit_.reset();
    fitAfterPanels_ = 0;
    const Bbox screen{0.0, 0.0, viewport_.widthPx(), viewport_.heightPx()};
    const double aspect = bbox.height() > 0 ? bbox.width() / bbox.height() : 1.0;
    const std::optional<Bbox> clear = bestClearArea(docked_, screen, aspect);
    // A clear part too small to be of use (panels fill a tiny window): the whole map area then.
    if (clear && clear->width() >= screen.width() * 0.3 && clear->height() >= screen.height() * 0.3)
        viewport_.fitBboxInto(bbox, *clear, 0.06);
    else
        viewport_.fitBbox(bbox, 0.08);
    targetResolution_.reset();
    targetCentre_.reset();
    viewInitialised_ = true;
}

void MapView::showWhole() {
    if (snapshot_) showBbox(snapshot_->extent);
}

void MapView::keepInView(Point world, const std::vector<Bbox>& covered, double margin) {
    if (!sized_) return;
    const Point now = viewport_.worldToScreen(world);
    const Bbox screen{0.0, 0.0, viewport_.widthPx(), viewport_.heightPx()};
    const std::optional<Point> spot = nearestClearSpot(now, covered, screen, margin);
    if (!spot || (spot->x == now.x && spot->y == now.y)) return;
    const Point centre = viewport_.centre();
    const double r = viewport_.resolution();
    targetCentre_ = Point{centre.x + (now.x - spot->x) * r, centre.y - (now.y - spot->y) * r};
    lastAnimation_ = std::chrono::steady_clock::now();
}

void MapView::zoomBy(double factor, std::optional<Point> about) {
    targetCentre_.reset();
    const double current = targetResolution_.value_or(viewport_.resolution());
    targetResolution_ = std::clamp(current / factor, viewport_.minResolution(), viewport_.maxResolution());
    zoomAnchor_ = about.value_or(Point{viewport_.widthPx() / 2, viewport_.heightPx() / 2});
    lastAnimation_ = std::chrono::steady_clock::now();
}

bool MapView::busy() const {
    return dragging_ || pendingFit_.has_value() || targetResolution_.has_value() || targetCentre_.has_value() ||
           gestures_.waitingForLongPress();
}

bool MapView::needsRedraw() const {
    return snapshot_ && (sceneDirty_ || !haveRendered_ || !sameView(viewport_, rendered_));
}

void MapView::animate() {
    if (!targetResolution_ && !targetCentre_) return;
    const auto now = std::chrono::steady_clock::now();
    const double dt = std::min(0.1, std::chrono::duration<double>(now - lastAnimation_).count());
    lastAnimation_ = now;
    // Exponential approach: about 150 ms to get there, whatever the frame rate.
    const double t = 1.0 - std::exp(-dt * 20.0);
    if (targetCentre_) {
        const Point c = viewport_.centre();
        Point next{c.x + (targetCentre_->x - c.x) * t, c.y + (targetCentre_->y - c.y) * t};
        if (std::hypot(targetCentre_->x - next.x, targetCentre_->y - next.y) < 0.25 * viewport_.resolution()) {
            next = *targetCentre_;
            targetCentre_.reset();
        }
        viewport_.setCentre(next);
    }
    if (!targetResolution_) return;
    const double res = viewport_.resolution();
    double next = res * std::pow(*targetResolution_ / res, t);
    if (std::abs(std::log(*targetResolution_ / next)) < 0.002) {
        next = *targetResolution_;
        targetResolution_.reset();
    }
    viewport_.zoomAbout(zoomAnchor_, res / next);
}

void MapView::keepMapInView() {
    if (!snapshot_ || pendingFit_) return;
    Bbox content = snapshot_->extent;
    content.expand(pinExtent_);
    const Point before = viewport_.centre();
    // A quarter of the view's width and height stays map, however far a pan or a fling went.
    viewport_.keepShowing(content, 0.25);
    // A glide towards a spot past that limit ends where the limit stops it (it would never arrive).
    if (targetCentre_ && !(viewport_.centre() == before)) targetCentre_.reset();
}

MapTap MapView::makeTap(MapTap::Kind kind, Point screen, float uiScale) const {
    MapTap t;
    t.kind = kind;
    t.screen = screen;
    t.world = viewport_.screenToWorld(screen);
    // Pins are the smaller target: a finger-sized radius around the marker. With clusters, the pins
    // drawn alone (or fanned out) are the markers of the last picture. The density and the buurten
    // coloured by their pins draw no pins: a tap there finds the buurt.
    if (scene_.pinView() == mapping::PinView::Clusters) {
        const auto hit = mapping::markerAt(scene_.markers(), viewport_, screen, 12.0 * uiScale);
        if (hit) t.pin = scene_.markers()[*hit].pin;
    } else if (pinPicker_ && scene_.pinView() == mapping::PinView::Pins) {
        t.pin = pinPicker_->pickNearestPoint(t.world, 24.0 * uiScale * viewport_.resolution());
    }
    t.boundary = snapshot_->boundaryPicker.pick(t.world);
    return t;
}

void MapView::handleInput(float uiScale, TouchInput& touch, std::optional<MapTap>& tap) {
    ImGuiIO& io = ImGui::GetIO();
    const Point mouse{io.MousePos.x, io.MousePos.y};
    const double now = ImGui::GetTime() * 1000.0;
    gestures_.setConfig({10.0 * uiScale, 550.0});
    std::vector<Gesture> found = gestures_.tick(now);
    for (const TouchEvent& e : touch.poll(now)) {
        auto more = gestures_.feed(e);
        found.insert(found.end(), more.begin(), more.end());
    }
    for (const Gesture& g : found) {
        const Point at{g.x, g.y};
        switch (g.type) {
            case GestureType::Tap:
                if (snapshot_ && !tapCluster(at, uiScale)) tap = makeTap(MapTap::Kind::Tap, at, uiScale);
                break;
            case GestureType::LongPress:
                if (snapshot_) tap = makeTap(MapTap::Kind::LongPress, at, uiScale);
                break;
            case GestureType::HoldDrag:
                if (snapshot_) tap = makeTap(MapTap::Kind::HoldDrag, at, uiScale);
                break;
            case GestureType::HoldEnd:
                if (snapshot_) tap = makeTap(MapTap::Kind::HoldEnd, at, uiScale);
                break;
            case GestureType::Pan:
                dragging_ = true;
                viewport_.panByPixels(g.dx, g.dy);
                targetResolution_.reset();
                targetCentre_.reset();
                break;
            case GestureType::Pinch:
                dragging_ = true;
                viewport_.panByPixels(g.dx, g.dy);
                viewport_.zoomAbout(at, g.scale);
                targetResolution_.reset();
                targetCentre_.reset();
                break;
            case GestureType::PanEnd:
            case GestureType::PinchEnd:
                dragging_ = false;
                break;
        }
    }
    if (!io.WantCaptureMouse) {
        if (io.MouseDoubleClicked[0]) zoomBy(2.0, mouse);
        if (io.MouseWheel != 0.0f) zoomBy(std::pow(1.25, io.MouseWheel), mouse);
    }
    if (!io.WantCaptureKeyboard && !io.WantTextInput) {
        // ImGui 1.86 maps its named keys to the backend's key codes through GetKeyIndex.
        auto pressed = [](ImGuiKey key) { return ImGui::IsKeyPressed(ImGui::GetKeyIndex(key)); };
        const double step = 120.0 * uiScale;
        if (pressed(ImGuiKey_LeftArrow)) viewport_.panByPixels(step, 0);
        if (pressed(ImGuiKey_RightArrow)) viewport_.panByPixels(-step, 0);
        if (pressed(ImGuiKey_UpArrow)) viewport_.panByPixels(0, step);
        if (pressed(ImGuiKey_DownArrow)) viewport_.panByPixels(0, -step);
        if (pressed(ImGuiKey_Home)) showWhole();
        // + - 0 as typed characters: the same on every keyboard layout and on the keypad.
        for (ImWchar c : io.InputQueueCharacters) {
            if (c == '+' || c == '=') zoomBy(2.0);
            if (c == '-') zoomBy(0.5);
            if (c == '0') showWhole();
        }
    }
}

void MapView::renderIfNeeded(float uiScale) {
    if (!snapshot_ || pendingFit_) return;  // no picture of a view about to change
    const bool changed = sceneDirty_ || !haveRendered_ || !sameView(viewport_, rendered_) || uiScale != renderedScale_;
    if (!changed) {
        // The map is on screen: the finer levels follow, one a frame, before a zoom needs them.
        if (!busy()) scene_.uploadPendingLevel();
        return;
    }
    // On slow GL, a moving view reuses the last picture (moved and scaled) until the gesture ends.
    if (haveRendered_ && !sceneDirty_ && slowGl_ && busy()) return;
    if (!target_)
        target_.emplace(viewport_.framebufferWidth(), viewport_.framebufferHeight());
    else
        target_->resize(viewport_.framebufferWidth(), viewport_.framebufferHeight());
    const auto start = std::chrono::steady_clock::now();
    scene_.draw(viewport_, &target_->framebuffer(), uiScale);
    glFinish();
    lastRenderMs_ = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    slowGl_ = lastRenderMs_ > kSlowFrameMs;
    rendered_ = viewport_;
    renderedScale_ = uiScale;
    haveRendered_ = true;
    sceneDirty_ = false;
}

void MapView::drawMap() {
    if (!haveRendered_ || !target_) return;
    // Where the last rendered picture lies in the current view (identical when nothing moved).
    const Bbox shown = rendered_.visibleBbox();
    const Point topLeft = viewport_.worldToScreen({shown.minx, shown.maxy});
    const Point bottomRight = viewport_.worldToScreen({shown.maxx, shown.miny});
    auto* texture = reinterpret_cast<ImTextureID>(static_cast<intptr_t>(target_->colourTexture().id()));
    ImGui::GetBackgroundDrawList()->AddImage(texture, toIm(topLeft), toIm(bottomRight), ImVec2(0, 1), ImVec2(1, 0));
}

std::optional<MapTap> MapView::frame(float uiScale, float framebufferScale, TouchInput& touch) {
    const ImGuiIO& io = ImGui::GetIO();
    viewport_.setSize(std::max(1.0f, io.DisplaySize.x), std::max(1.0f, io.DisplaySize.y));
    viewport_.setFramebufferScale(framebufferScale);
    sized_ = true;
    if (pendingFit_ && fitAfterPanels_ == 0) showBbox(*std::exchange(pendingFit_, std::nullopt));
    std::optional<MapTap> tap;
    handleInput(uiScale, touch, tap);
    animate();
    keepMapInView();
    renderIfNeeded(uiScale);
    drawMap();
    return tap;
}

}  // namespace samenkaart::gui
