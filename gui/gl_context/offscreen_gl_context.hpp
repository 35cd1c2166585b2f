// An OpenGL 3.3 core context for drawing without a window on screen: an invisible GLFW window whose
// context draws into framebuffer objects. It still needs an X display (xvfb-run on servers).
//
// Two uses: `samenkaart render` owns GLFW and makes the context current on its own thread; the window
// (which owns GLFW already) creates one on its main thread, as GLFW requires, and a worker thread makes
// it current to draw a session's map picture beside the window's frames (mapping/map_picture.hpp).
#pragma once

#include <string>

struct GLFWwindow;

namespace samenkaart::gui {

class OffscreenGlContext {
public:
    enum class Glfw {
        Own,       // initialise GLFW and terminate it with the context; current on this thread at once
        Borrowed,  // GLFW is the window's: create the context only (on the main thread), not current
    };
    // Throws Error(errorSubject, ...) naming the cause when there is no display or no GL 3.3 core.
    explicit OffscreenGlContext(const std::string& errorSubject = "render", Glfw glfw = Glfw::Own);
    // With Glfw::Borrowed: on the main thread, and not current on any thread.
    ~OffscreenGlContext();
    OffscreenGlContext(const OffscreenGlContext&) = delete;
    OffscreenGlContext& operator=(const OffscreenGlContext&) = delete;

    // Makes the context current on the calling thread, or none (a context is current on at most one
    // thread at a time).
    void makeCurrent() const;
    static void releaseCurrent();

    // GL_RENDERER, e.g. "llvmpipe (LLVM 15.0.6, 256 bits)". Needs the context current.
    std::string rendererName() const;

private:
    GLFWwindow* window_ = nullptr;
    Glfw glfw_ = Glfw::Own;
};

// The context current on this thread for the life of this object.
class CurrentGlContext {
public:
    explicit CurrentGlContext(const OffscreenGlContext& context) { context.makeCurrent(); }
    ~CurrentGlContext() { OffscreenGlContext::releaseCurrent(); }
    CurrentGlContext(const CurrentGlContext&) = delete;
    CurrentGlContext& operator=(const CurrentGlContext&) = delete;
};

}  // namespace samenkaart::gui
