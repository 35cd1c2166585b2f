// The map camera: which part of the world is shown in a window of a given size. Screen coordinates are
// logical pixels with y pointing down (as GLFW and ImGui report the mouse); world coordinates are map
// CRS metres with y pointing up.
#pragma once

#include <array>

#include "engine/geometry.hpp"

namespace samenkaart::mapping {

// Column-major matrices, ready for glUniformMatrix*fv with transpose = GL_FALSE.
using Matrix3 = std::array<float, 9>;
using Matrix4 = std::array<float, 16>;

class Viewport {
public:
    // Zoom limits in metres per logical pixel: from street level (1 cm) to the whole earth (~100 km).
    static constexpr double kDefaultMinResolution = 0.01;
    static constexpr double kDefaultMaxResolution = 100000.0;

    Viewport() = default;
    Viewport(Point centre, double metresPerPixel, double widthPx, double heightPx);

    Point centre() const { return centre_; }
    double resolution() const { return resolution_; }  // metres per logical pixel
    double widthPx() const { return width_; }
    double heightPx() const { return height_; }
    // Physical pixels per logical pixel (2 on a Retina display): the GL framebuffer is this much larger.
    double framebufferScale() const { return framebufferScale_; }
    int framebufferWidth() const;
    int framebufferHeight() const;

    void setCentre(Point centre) { centre_ = centre; }
    void setResolution(double metresPerPixel);  // clamped to the zoom range
    void setSize(double widthPx, double heightPx);
    void setFramebufferScale(double scale);
    void setResolutionRange(double minResolution, double maxResolution);
    double minResolution() const { return minResolution_; }
    double maxResolution() const { return maxResolution_; }

    Point screenToWorld(Point screen) const;
    Point worldToScreen(Point world) const;

    // factor > 1 zooms in. The world point under `screen` stays under it (unless the zoom range clamps).
    void zoomAbout(Point screen, double factor);
    // Moves the map with the pointer: dragging right by dx shows what lay to the left.
    void panByPixels(double dx, double dy);
    // Shows the whole bbox with a margin of `marginFraction` of the window on each side.
    void fitBbox(const Bbox& bbox, double marginFraction = 0.05);
    // The same, into a part of the screen (pixels, y down) rather than the whole of it.
    void fitBboxInto(const Bbox& bbox, const Bbox& screenArea, double marginFraction = 0.05);
    Bbox visibleBbox() const;
    // Moves the centre the least for `content` (the map's extent) to fill at least `fraction` of the
    // view's width and of its height, or all of its own width or height where that is smaller: a
    // pan, a fling or a zoom at the edge can no longer leave an empty screen with the map out of sight.
    void keepShowing(const Bbox& content, double fraction);

    // Maps coordinates given relative to `origin` (as stored in float vertex buffers) to clip space.
    // Computed in double and rounded once, so precision does not depend on the size of the coordinates.
    Matrix3 worldToClip3(Point origin) const;
    Matrix4 worldToClip4(Point origin) const;

private:
    Point centre_{0.0, 0.0};
    double resolution_ = 1.0;
    double width_ = 1.0;
    double height_ = 1.0;
    double framebufferScale_ = 1.0;
    double minResolution_ = kDefaultMinResolution;
    double maxResolution_ = kDefaultMaxResolution;
};

}  // namespace samenkaart::mapping
