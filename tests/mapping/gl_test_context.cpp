#include "gl_test_context.hpp"

#include <GLFW/glfw3.h>

namespace samenkaart::test_support {

HiddenGlContext::HiddenGlContext() {
    glfwSetErrorCallback(nullptr);
    if (!glfwInit()) {
        const char* description = nullptr;
        glfwGetError(&description);
        error_ = std::string("glfwInit failed (no display? run under xvfb-run): ") + (description ? description : "");
        return;
    }
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
    glfwWindowHint(GLFW_VISIBLE, GLFW_FALSE);
    window_ = glfwCreateWindow(64, 64, "samenkaart test", nullptr, nullptr);
    if (!window_) {
        const char* description = nullptr;
        glfwGetError(&description);
        error_ = std::string("no OpenGL 3.3 core context: ") + (description ? description : "");
        glfwTerminate();
        return;
    }
    glfwMakeContextCurrent(window_);
}

HiddenGlContext::~HiddenGlContext() {
    if (window_) {
        glfwDestroyWindow(window_);
        glfwTerminate();
    }
}

std::string HiddenGlContext::description() const {
    if (!window_) return error_;
    const auto* renderer = reinterpret_cast<const char*>(glGetString(GL_RENDERER));
    const auto* version = reinterpret_cast<const char*>(glGetString(GL_VERSION));
    return std::string(renderer ? renderer : "?") + " / " + (version ? version : "?");
}

}  // namespace samenkaart::test_support
