// An OpenGL 3.3 core context for drawing without a window on screen: an invisible GLFW window whose
// context is made current. `samenkaart render` uses it; it still needs an X display (xvfb-run on servers).
#pragma once

#include <string>

struct GLFWwindow;

namespace samenkaart::gui {

class OffscreenGlContext {
public:
    // Throws Error("render", ...) naming the cause when there is no display or no GL 3.3 core.
    explicit OffscreenGlContext(const std::string& errorSubject = "render");
    ~OffscreenGlContext();
    OffscreenGlContext(const OffscreenGlContext&) = delete;
    OffscreenGlContext& operator=(const OffscreenGlContext&) = delete;

    // GL_RENDERER, e.g. "llvmpipe (LLVM 15.0.6, 256 bits)".
    std::string rendererName() const;

private:
    GLFWwindow* window_ = nullptr;
};

}  // namespace samenkaart::gui
