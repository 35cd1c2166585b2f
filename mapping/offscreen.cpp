#include "mapping/offscreen.hpp"

#include <algorithm>
#include <cstring>
#include <string>

#include "mapping/gl_program.hpp"
#include "mapping/gl_state_guard.hpp"

namespace samenkaart::mapping {

OffscreenTarget::OffscreenTarget(int width, int height) { resize(width, height); }

void OffscreenTarget::resize(int width, int height) {
    width = std::max(1, width);
    height = std::max(1, height);
    if (framebuffer_ && width == width_ && height == height_) return;
    const GlStateGuard guard;
    colour_ = GlTexture::create();
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, colour_.id());
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    framebuffer_ = GlFramebuffer::create();
    glBindFramebuffer(GL_FRAMEBUFFER, framebuffer_.id());
    glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, colour_.id(), 0);
    if (glCheckFramebufferStatus(GL_FRAMEBUFFER) != GL_FRAMEBUFFER_COMPLETE)
        throw GlError("cannot render into a " + std::to_string(width) + " x " + std::to_string(height) + " texture");
    width_ = width;
    height_ = height;
}

RgbaImage readFramebuffer(const GlFramebuffer* framebuffer, int width, int height, bool opaque) {
    const GlStateGuard guard;
    RgbaImage image;
    image.width = width;
    image.height = height;
    image.pixels.resize(static_cast<size_t>(width) * static_cast<size_t>(height) * 4);
    glBindFramebuffer(GL_READ_FRAMEBUFFER, framebuffer ? framebuffer->id() : 0);
    if (!framebuffer) glReadBuffer(GL_BACK);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, image.pixels.data());
    // GL's first row is the bottom one; images and PNG files start at the top.
    const size_t rowBytes = static_cast<size_t>(width) * 4;
    std::vector<uint8_t> row(rowBytes);
    for (int top = 0, bottom = height - 1; top < bottom; ++top, --bottom) {
        uint8_t* a = image.pixels.data() + static_cast<size_t>(top) * rowBytes;
        uint8_t* b = image.pixels.data() + static_cast<size_t>(bottom) * rowBytes;
        std::memcpy(row.data(), a, rowBytes);
        std::memcpy(a, b, rowBytes);
        std::memcpy(b, row.data(), rowBytes);
    }
    if (opaque)
        for (size_t i = 3; i < image.pixels.size(); i += 4) image.pixels[i] = 255;
    return image;
}

RgbaImage OffscreenTarget::readPixels() const { return readFramebuffer(&framebuffer_, width_, height_); }

RgbaImage renderToImage(MapRenderer& renderer, const Viewport& viewport) {
    const OffscreenTarget target(viewport.framebufferWidth(), viewport.framebufferHeight());
    renderer.render(viewport, &target.framebuffer());
    return target.readPixels();
}

}  // namespace samenkaart::mapping
