#include "mapping/gl_state_guard.hpp"

namespace samenkaart::mapping {

namespace {
void restoreCapability(GLenum capability, GLboolean enabled) {
    if (enabled)
        glEnable(capability);
    else
        glDisable(capability);
}
}  // namespace

GlStateGuard::GlStateGuard() {
    glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &drawFramebuffer_);
    glGetIntegerv(GL_READ_FRAMEBUFFER_BINDING, &readFramebuffer_);
    glGetIntegerv(GL_RENDERBUFFER_BINDING, &renderbuffer_);
    glGetIntegerv(GL_CURRENT_PROGRAM, &program_);
    glGetIntegerv(GL_VERTEX_ARRAY_BINDING, &vertexArray_);
    glGetIntegerv(GL_ARRAY_BUFFER_BINDING, &arrayBuffer_);
    glGetIntegerv(GL_ACTIVE_TEXTURE, &activeTexture_);
    glActiveTexture(GL_TEXTURE0);
    glGetIntegerv(GL_TEXTURE_BINDING_2D, &texture2d_);
    glGetIntegerv(GL_PACK_ALIGNMENT, &packAlignment_);
    glGetIntegerv(GL_UNPACK_ALIGNMENT, &unpackAlignment_);
    glGetIntegerv(GL_VIEWPORT, viewport_.data());
    glGetIntegerv(GL_SCISSOR_BOX, scissorBox_.data());
    glGetFloatv(GL_COLOR_CLEAR_VALUE, clearColour_.data());
    glGetIntegerv(GL_BLEND_SRC_RGB, &blendSourceRgb_);
    glGetIntegerv(GL_BLEND_DST_RGB, &blendDestinationRgb_);
    glGetIntegerv(GL_BLEND_SRC_ALPHA, &blendSourceAlpha_);
    glGetIntegerv(GL_BLEND_DST_ALPHA, &blendDestinationAlpha_);
    glGetIntegerv(GL_BLEND_EQUATION_RGB, &blendEquationRgb_);
    glGetIntegerv(GL_BLEND_EQUATION_ALPHA, &blendEquationAlpha_);
    blend_ = glIsEnabled(GL_BLEND);
    depthTest_ = glIsEnabled(GL_DEPTH_TEST);
    cullFace_ = glIsEnabled(GL_CULL_FACE);
    scissorTest_ = glIsEnabled(GL_SCISSOR_TEST);
    stencilTest_ = glIsEnabled(GL_STENCIL_TEST);
}

GlStateGuard::~GlStateGuard() {
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, static_cast<GLuint>(drawFramebuffer_));
    glBindFramebuffer(GL_READ_FRAMEBUFFER, static_cast<GLuint>(readFramebuffer_));
    glBindRenderbuffer(GL_RENDERBUFFER, static_cast<GLuint>(renderbuffer_));
    glUseProgram(static_cast<GLuint>(program_));
    glBindVertexArray(static_cast<GLuint>(vertexArray_));
    glBindBuffer(GL_ARRAY_BUFFER, static_cast<GLuint>(arrayBuffer_));
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(texture2d_));
    glActiveTexture(static_cast<GLenum>(activeTexture_));
    glPixelStorei(GL_PACK_ALIGNMENT, packAlignment_);
    glPixelStorei(GL_UNPACK_ALIGNMENT, unpackAlignment_);
    glViewport(viewport_[0], viewport_[1], viewport_[2], viewport_[3]);
    glScissor(scissorBox_[0], scissorBox_[1], scissorBox_[2], scissorBox_[3]);
    glClearColor(clearColour_[0], clearColour_[1], clearColour_[2], clearColour_[3]);
    glBlendFuncSeparate(static_cast<GLenum>(blendSourceRgb_), static_cast<GLenum>(blendDestinationRgb_),
                        static_cast<GLenum>(blendSourceAlpha_), static_cast<GLenum>(blendDestinationAlpha_));
    glBlendEquationSeparate(static_cast<GLenum>(blendEquationRgb_), static_cast<GLenum>(blendEquationAlpha_));
    restoreCapability(GL_BLEND, blend_);
    restoreCapability(GL_DEPTH_TEST, depthTest_);
    restoreCapability(GL_CULL_FACE, cullFace_);
    restoreCapability(GL_SCISSOR_TEST, scissorTest_);
    restoreCapability(GL_STENCIL_TEST, stencilTest_);
}

}  // namespace samenkaart::mapping
