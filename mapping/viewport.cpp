#include "mapping/viewport.hpp"

#include <algorithm>
#include <cmath>

namespace samenkaart::mapping {

Viewport::Viewport(Point centre, double metresPerPixel, double widthPx, double heightPx) : centre_(centre) {
    setSize(widthPx, heightPx);
    setResolution(metresPerPixel);
}

int Viewport::framebufferWidth() const { return static_cast<int>(std::lround(width_ * framebufferScale_)); }
int Viewport::framebufferHeight() const { return static_cast<int>(std::lround(height_ * framebufferScale_)); }

void Viewport::setResolution(double metresPerPixel) {
    if (!std::isfinite(metresPerPixel) || metresPerPixel <= 0) return;
    resolution_ = std::clamp(metresPerPixel, minResolution_, maxResolution_);
}

void Viewport::setSize(double widthPx, double heightPx) {
    // A minimised window reports 0 x 0; one pixel keeps every division defined.
    width_ = std::max(1.0, widthPx);
    height_ = std::max(1.0, heightPx);
}

void Viewport::setFramebufferScale(double scale) {
    if (std::isfinite(scale) && scale > 0) framebufferScale_ = scale;
}

void Viewport::setResolutionRange(double minResolution, double maxResolution) {
    if (!(minResolution > 0) || !(maxResolution >= minResolution)) return;
    minResolution_ = minResolution;
    maxResolution_ = maxResolution;
    resolution_ = std::clamp(resolution_, minResolution_, maxResolution_);
}

Point Viewport::screenToWorld(Point screen) const {
    return {centre_.x + (screen.x - width_ / 2) * resolution_, centre_.y - (screen.y - height_ / 2) * resolution_};
}

Point Viewport::worldToScreen(Point world) const {
    return {(world.x - centre_.x) / resolution_ + width_ / 2, (centre_.y - world.y) / resolution_ + height_ / 2};
}

void Viewport::zoomAbout(Point screen, double factor) {
    if (!std::isfinite(factor) || factor <= 0) return;
    const Point anchor = screenToWorld(screen);
    setResolution(resolution_ / factor);
    // Put the centre where it must be for `anchor` to map back onto `screen`.
    centre_.x = anchor.x - (screen.x - width_ / 2) * resolution_;
    centre_.y = anchor.y + (screen.y - height_ / 2) * resolution_;
}

void Viewport::panByPixels(double dx, double dy) {
    centre_.x -= dx * resolution_;
    centre_.y += dy * resolution_;
}

void Viewport::fitBbox(const Bbox& bbox, double marginFraction) {
    if (bbox.empty()) return;
    centre_ = bbox.center();
    const double usable = std::clamp(1.0 - 2.0 * marginFraction, 0.05, 1.0);
    const double needed = std::max(bbox.width() / (width_ * usable), bbox.height() / (height_ * usable));
    // A single point (zero-size bbox) keeps the current zoom.
    if (needed > 0) setResolution(needed);
}

void Viewport::fitBboxInto(const Bbox& bbox, const Bbox& area, double marginFraction) {
    if (bbox.empty() || area.empty()) return;
    const double usable = std::clamp(1.0 - 2.0 * marginFraction, 0.05, 1.0);
    const double needed = std::max(bbox.width() / (area.width() * usable), bbox.height() / (area.height() * usable));
    if (needed > 0) setResolution(needed);
    // The bbox's centre shows at the area's centre.
    const Point c = bbox.center();
    const Point a = area.center();
    centre_ = Point{c.x - (a.x - width_ / 2) * resolution_, c.y + (a.y - height_ / 2) * resolution_};
}

void Viewport::keepShowing(const Bbox& content, double fraction) {
    if (content.empty()) return;
    // Along one axis: the view [c - half, c + half] and the content [lo, hi] overlap by at least
    // `need` when c lies in [lo - half + need, hi + half - need] (never an empty range: need is at
    // most the content's size and half the view's).
    auto keep = [fraction](double c, double half, double lo, double hi) {
        const double need = std::min(hi - lo, 2.0 * half * std::clamp(fraction, 0.0, 0.5));
        return std::clamp(c, lo - half + need, hi + half - need);
    };
    centre_.x = keep(centre_.x, width_ / 2 * resolution_, content.minx, content.maxx);
    centre_.y = keep(centre_.y, height_ / 2 * resolution_, content.miny, content.maxy);
}

Bbox Viewport::visibleBbox() const {
    const double halfW = width_ / 2 * resolution_;
    const double halfH = height_ / 2 * resolution_;
    return {centre_.x - halfW, centre_.y - halfH, centre_.x + halfW, centre_.y + halfH};
}

Matrix3 Viewport::worldToClip3(Point origin) const {
    const double sx = 2.0 / (width_ * resolution_);
    const double sy = 2.0 / (height_ * resolution_);
    const double tx = (origin.x - centre_.x) * sx;
    const double ty = (origin.y - centre_.y) * sy;
    return {static_cast<float>(sx), 0.0f, 0.0f, 0.0f, static_cast<float>(sy), 0.0f, static_cast<float>(tx),
            static_cast<float>(ty), 1.0f};
}

Matrix4 Viewport::worldToClip4(Point origin) const {
    const Matrix3 m = worldToClip3(origin);
    return {m[0], 0.0f, 0.0f, 0.0f, 0.0f, m[4], 0.0f, 0.0f, 0.0f, 0.0f, 1.0f, 0.0f, m[6], m[7], 0.0f, 1.0f};
}

}  // namespace samenkaart::mapping
