// Move-only owners of OpenGL objects (after maplibre-native's gl/object.hpp). Only the code that issues
// the gl* call reads id(); the id never travels on its own, so nothing can use an object after it was
// deleted or delete it twice. Destruction deletes the object at once: owners must be destroyed on the
// thread whose context is current (the main thread), which is where renderers live anyway.
#pragma once

#include <utility>

#include "mapping/gl_api.hpp"

namespace samenkaart::mapping {

template <typename Traits>
class GlHandle {
public:
    GlHandle() = default;
    template <typename... Args>
    static GlHandle create(Args... args) {
        return GlHandle(Traits::create(args...));
    }
    ~GlHandle() { reset(); }
    GlHandle(GlHandle&& other) noexcept : id_(std::exchange(other.id_, 0)) {}
    GlHandle& operator=(GlHandle&& other) noexcept {
        if (this != &other) {
            reset();
            id_ = std::exchange(other.id_, 0);
        }
        return *this;
    }
    GlHandle(const GlHandle&) = delete;
    GlHandle& operator=(const GlHandle&) = delete;

    GLuint id() const { return id_; }
    explicit operator bool() const { return id_ != 0; }
    void reset() {
        if (id_ != 0) Traits::destroy(id_);
        id_ = 0;
    }

private:
    explicit GlHandle(GLuint id) : id_(id) {}
    GLuint id_ = 0;
};

namespace gl_traits {
struct Buffer {
    static GLuint create() {
        GLuint id = 0;
        glGenBuffers(1, &id);
        return id;
    }
    static void destroy(GLuint id) { glDeleteBuffers(1, &id); }
};
struct VertexArray {
    static GLuint create() {
        GLuint id = 0;
        glGenVertexArrays(1, &id);
        return id;
    }
    static void destroy(GLuint id) { glDeleteVertexArrays(1, &id); }
};
struct Texture {
    static GLuint create() {
        GLuint id = 0;
        glGenTextures(1, &id);
        return id;
    }
    static void destroy(GLuint id) { glDeleteTextures(1, &id); }
};
struct Framebuffer {
    static GLuint create() {
        GLuint id = 0;
        glGenFramebuffers(1, &id);
        return id;
    }
    static void destroy(GLuint id) { glDeleteFramebuffers(1, &id); }
};
struct Renderbuffer {
    static GLuint create() {
        GLuint id = 0;
        glGenRenderbuffers(1, &id);
        return id;
    }
    static void destroy(GLuint id) { glDeleteRenderbuffers(1, &id); }
};
struct Shader {
    static GLuint create(GLenum type) { return glCreateShader(type); }
    static void destroy(GLuint id) { glDeleteShader(id); }
};
struct Program {
    static GLuint create() { return glCreateProgram(); }
    static void destroy(GLuint id) { glDeleteProgram(id); }
};
}  // namespace gl_traits

using GlBuffer = GlHandle<gl_traits::Buffer>;
using GlVertexArray = GlHandle<gl_traits::VertexArray>;
using GlTexture = GlHandle<gl_traits::Texture>;
using GlFramebuffer = GlHandle<gl_traits::Framebuffer>;
using GlRenderbuffer = GlHandle<gl_traits::Renderbuffer>;
using GlShader = GlHandle<gl_traits::Shader>;
using GlProgram = GlHandle<gl_traits::Program>;

}  // namespace samenkaart::mapping
