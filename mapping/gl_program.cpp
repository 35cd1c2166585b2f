#include "mapping/gl_program.hpp"

#include <vector>

namespace samenkaart::mapping {

namespace {

std::string shaderLog(const GlShader& shader) {
    GLint length = 0;
    glGetShaderiv(shader.id(), GL_INFO_LOG_LENGTH, &length);
    std::vector<char> log(static_cast<size_t>(std::max(length, 1)));
    glGetShaderInfoLog(shader.id(), static_cast<GLsizei>(log.size()), nullptr, log.data());
    return log.data();
}

std::string programLog(const GlProgram& program) {
    GLint length = 0;
    glGetProgramiv(program.id(), GL_INFO_LOG_LENGTH, &length);
    std::vector<char> log(static_cast<size_t>(std::max(length, 1)));
    glGetProgramInfoLog(program.id(), static_cast<GLsizei>(log.size()), nullptr, log.data());
    return log.data();
}

GlShader compileStage(std::string_view name, GLenum stage, std::string_view source) {
    GlShader shader = GlShader::create(stage);
    if (!shader) throw GlError("glCreateShader failed for " + std::string(name) + " (is a GL context current?)");
    const GLchar* text = source.data();
    const auto length = static_cast<GLint>(source.size());
    glShaderSource(shader.id(), 1, &text, &length);
    glCompileShader(shader.id());
    GLint ok = GL_FALSE;
    glGetShaderiv(shader.id(), GL_COMPILE_STATUS, &ok);
    if (ok != GL_TRUE) {
        const char* stageName =
            stage == GL_VERTEX_SHADER ? "vertex" : (stage == GL_GEOMETRY_SHADER ? "geometry" : "fragment");
        throw GlError(std::string(stageName) + " shader of " + std::string(name) +
                      " does not compile: " + shaderLog(shader));
    }
    return shader;
}

}  // namespace

GlProgram buildProgram(std::string_view name, std::string_view vertexSource, std::string_view fragmentSource) {
    return buildProgram(name, vertexSource, {}, fragmentSource);
}

GlProgram buildProgram(std::string_view name, std::string_view vertexSource, std::string_view geometrySource,
                       std::string_view fragmentSource) {
    std::vector<GlShader> stages;
    stages.push_back(compileStage(name, GL_VERTEX_SHADER, vertexSource));
    if (!geometrySource.empty()) stages.push_back(compileStage(name, GL_GEOMETRY_SHADER, geometrySource));
    stages.push_back(compileStage(name, GL_FRAGMENT_SHADER, fragmentSource));
    GlProgram program = GlProgram::create();
    for (const GlShader& stage : stages) glAttachShader(program.id(), stage.id());
    glLinkProgram(program.id());
    GLint ok = GL_FALSE;
    glGetProgramiv(program.id(), GL_LINK_STATUS, &ok);
    // Shaders may be deleted once linked; detaching lets the driver free them now.
    for (const GlShader& stage : stages) glDetachShader(program.id(), stage.id());
    if (ok != GL_TRUE) throw GlError("program " + std::string(name) + " does not link: " + programLog(program));
    return program;
}

GLint uniformLocation(const GlProgram& program, const char* uniformName) {
    const GLint location = glGetUniformLocation(program.id(), uniformName);
    if (location < 0) throw GlError(std::string("shader program has no active uniform ") + uniformName);
    return location;
}

}  // namespace samenkaart::mapping
