// Saves the GL state a renderer changes and puts it back when it goes out of scope, so the map can be
// drawn in the middle of someone else's frame (the ImGui backend's, for instance) without side effects.
#pragma once

#include <array>

#include "mapping/gl_api.hpp"

namespace samenkaart::mapping {

class GlStateGuard {
public:
    GlStateGuard();
    ~GlStateGuard();
    GlStateGuard(const GlStateGuard&) = delete;
    GlStateGuard& operator=(const GlStateGuard&) = delete;

private:
    GLint drawFramebuffer_ = 0;
    GLint readFramebuffer_ = 0;
    GLint renderbuffer_ = 0;
    GLint program_ = 0;
    GLint vertexArray_ = 0;
    GLint arrayBuffer_ = 0;
    GLint activeTexture_ = 0;
    GLint texture2d_ = 0;  // on texture unit 0
    GLint packAlignment_ = 4;
    GLint unpackAlignment_ = 4;
    std::array<GLint, 4> viewport_{};
    std::array<GLint, 4> scissorBox_{};
    std::array<GLfloat, 4> clearColour_{};
    GLint blendSourceRgb_ = 0, blendDestinationRgb_ = 0, blendSourceAlpha_ = 0, blendDestinationAlpha_ = 0;
    GLint blendEquationRgb_ = 0, blendEquationAlpha_ = 0;
    GLboolean blend_ = GL_FALSE, depthTest_ = GL_FALSE, cullFace_ = GL_FALSE, scissorTest_ = GL_FALSE,
              stencilTest_ = GL_FALSE;
};

}  // namespace samenkaart::mapping
