// Rendering into a texture instead of a window: the GUI shows the map as an image (ImGui::Image), and
// the render command reads the pixels back to write a PNG.
#pragma once

#include <cstdint>
#include <vector>

#include "mapping/gl_object.hpp"
#include "mapping/map_layers.hpp"
#include "mapping/map_renderer.hpp"
#include "mapping/viewport.hpp"

namespace samenkaart::mapping {

struct RgbaImage {
    int width = 0;
    int height = 0;
    std::vector<uint8_t> pixels;  // 4 bytes per pixel, top row first

    Rgba at(int x, int y) const {
        const size_t i = (static_cast<size_t>(y) * static_cast<size_t>(width) + static_cast<size_t>(x)) * 4;
        return {pixels[i], pixels[i + 1], pixels[i + 2], pixels[i + 3]};
    }
};

// The pixels of a framebuffer (null: the default framebuffer's back buffer, e.g. a window's frame
// before it is swapped), flipped from GL's bottom-up rows to top row first. opaque: alpha set to 255
// (a window's back buffer may hold any alpha; its picture on screen has none).
RgbaImage readFramebuffer(const GlFramebuffer* framebuffer, int width, int height, bool opaque = false);

// A colour texture with a framebuffer around it. Needs a current GL context.
class OffscreenTarget {
public:
    OffscreenTarget(int width, int height);
    // Reallocates only when the size really changes (windows resize every frame while dragging).
    void resize(int width, int height);

    int width() const { return width_; }
    int height() const { return height_; }
    const GlFramebuffer& framebuffer() const { return framebuffer_; }
    const GlTexture& colourTexture() const { return colour_; }

    // The pixels, flipped from GL's bottom-up rows to top row first.
    RgbaImage readPixels() const;

private:
    int width_ = 0;
    int height_ = 0;
    GlTexture colour_;
    GlFramebuffer framebuffer_;
};

// Renders one frame of `viewport` (at its framebuffer size) and returns the picture.
RgbaImage renderToImage(MapRenderer& renderer, const Viewport& viewport);

}  // namespace samenkaart::mapping
