// Compiling and linking GLSL programs, with the driver's message when it fails.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

#include "mapping/gl_object.hpp"

namespace samenkaart::mapping {

// Thrown when the GPU side cannot be set up (no suitable context, a shader the driver rejects). The
// front end catches it and tells the user that drawing the map is not possible on this machine.
class GlError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Compiles both stages and links them. `name` is used in the error text. Throws GlError carrying the
// driver's info log.
GlProgram buildProgram(std::string_view name, std::string_view vertexSource, std::string_view fragmentSource);
// The same with a geometry stage between the two.
GlProgram buildProgram(std::string_view name, std::string_view vertexSource, std::string_view geometrySource,
                       std::string_view fragmentSource);

// Uniform location, or throws GlError when the program has no such active uniform (a typo in C++ or a
// uniform the compiler optimised away should be found at start-up, not as a silently wrong picture).
GLint uniformLocation(const GlProgram& program, const char* uniformName);

}  // namespace samenkaart::mapping
