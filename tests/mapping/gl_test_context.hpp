// A hidden GLFW window with an OpenGL 3.3 core context, for GL tests and benchmarks. (Only tests may use
// GLFW from the mapping folder; the library itself never does.)
#pragma once

#include <string>

struct GLFWwindow;

namespace samenkaart::test_support {

class HiddenGlContext {
public:
    HiddenGlContext();
    ~HiddenGlContext();
    HiddenGlContext(const HiddenGlContext&) = delete;
    HiddenGlContext& operator=(const HiddenGlContext&) = delete;

    bool ok() const { return window_ != nullptr; }
    // Why no context could be made (no display, no 3.3 core support), for a loud skip message.
    const std::string& error() const { return error_; }
    // GL_RENDERER and GL_VERSION, e.g. "llvmpipe (LLVM 15.0.6, 256 bits) / 4.5 (Core Profile) Mesa 22.3.6".
    std::string description() const;

private:
    GLFWwindow* window_ = nullptr;
    std::string error_;
};

}  // namespace samenkaart::test_support
