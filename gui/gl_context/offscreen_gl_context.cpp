#include "gui/gl_context/offscreen_gl_context.hpp"

#include <GLFW/glfw3.h>

#include "engine/error.hpp"

namespace samenkaart::gui {

namespace {
std::string glfwMessage() {
    const char* description = nullptr;
    glfwGetError(&description);
    return description ? description : "unknown GLFW error";
}
}  // namespace

OffscreenGlContext::OffscreenGlContext(const std::string& errorSubject, Glfw glfw) : glfw_(glfw) {
    if (glfw_ == Glfw::Own) {
        // Errors are read with glfwGetError below; the default callback would print them a second time.
        glfwSetErrorCallback(nullptr);
        // On X11 glfwInit fails only when it cannot open the display (DISPLAY unset or unreachable).
        if (!glfwInit()) throw Error(errorSubject, "no X display (run under xvfb-run)");
    }
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
    glfwWindowHint(GLFW_VISIBLE, GLFW_FALSE);
    // (GLFW keeps the calling thread's current context across the creation.)
    window_ = glfwCreateWindow(64, 64, "samenkaart offscreen", nullptr, nullptr);
    if (glfw_ == Glfw::Borrowed) glfwDefaultWindowHints();  // the window's own hints stay as they were
    if (!window_) {
        const std::string detail = glfwMessage();
        if (glfw_ == Glfw::Own) glfwTerminate();
        throw Error(errorSubject, "no OpenGL 3.3 core context on this display (" + detail + ")");
    }
    if (glfw_ == Glfw::Own) glfwMakeContextCurrent(window_);
}

OffscreenGlContext::~OffscreenGlContext() {
    if (glfw_ == Glfw::Own) glfwMakeContextCurrent(nullptr);
    glfwDestroyWindow(window_);
    if (glfw_ == Glfw::Own) glfwTerminate();
}

void OffscreenGlContext::makeCurrent() const { glfwMakeContextCurrent(window_); }

void OffscreenGlContext::releaseCurrent() { glfwMakeContextCurrent(nullptr); }

std::string OffscreenGlContext::rendererName() const {
    const auto* name = reinterpret_cast<const char*>(glGetString(GL_RENDERER));
    return name ? name : "unknown";
}

}  // namespace samenkaart::gui
