#include "mapping/map_renderer.hpp"

#include <algorithm>
#include <cstddef>
#include <limits>
#include <string>
#include <variant>

#include "mapping/gl_program.hpp"
#include "mapping/gl_state_guard.hpp"
#include "mapping/map_shaders.hpp"

namespace samenkaart::mapping {

namespace {

template <typename T>
GlBuffer uploadBuffer(GLenum target, const std::vector<T>& data) {
    GlBuffer buffer = GlBuffer::create();
    glBindBuffer(target, buffer.id());
    glBufferData(target, static_cast<GLsizeiptr>(data.size() * sizeof(T)), data.empty() ? nullptr : data.data(),
                 GL_STATIC_DRAW);
    return buffer;
}

const void* byteOffset(size_t bytes) { return reinterpret_cast<const void*>(bytes); }

// How far strokes and pins may reach outside their geometry, in logical pixels: chunks this close to the
// window edge are still drawn.
constexpr double kCullMarginPx = 32.0;

struct FillProgram {
    GlProgram program;
    GLint matrix = -1, opacity = -1;
};
struct StrokeProgram {
    GlProgram program;
    GLint matrix = -1, framebufferPx = -1, pixelRatio = -1, opacity = -1;
};

bool allOpaque(const std::vector<Rgba>& colours) {
    return std::all_of(colours.begin(), colours.end(), [](Rgba c) { return c.a == 255; });
}
bool allOpaque(const std::vector<StrokeStyle>& styles) {
    return std::all_of(styles.begin(), styles.end(), [](const StrokeStyle& s) { return s.colour.a == 255; });
}
struct PinProgram {
    GlProgram program;
    GLint matrix = -1, framebufferPx = -1, radiusPx = -1, rimPx = -1;
};
struct RasterProgram {
    GlProgram program;
    GLint matrix = -1, image = -1, opacity = -1;
};

}  // namespace

struct MapRenderer::Programs {
    FillProgram fill;
    StrokeProgram stroke;
    PinProgram pin;
    RasterProgram raster;
};

struct MapRenderer::GpuLayer {
    struct Level {
        GlVertexArray fillVertexArray;
        GlBuffer fillXy, fillColours, fillIndices;
        GlVertexArray strokeVertexArray;
        GlBuffer strokeXy, strokeStyles;
        // Without translucent colours blending changes nothing, and software GL draws faster without it.
        bool fillOpaque = false, strokeOpaque = false;
        std::vector<DrawChunk> chunks;
    };
    struct Vector {
        std::vector<double> levelMinResolutions;
        std::vector<Level> levels;
    };
    struct Pins {
        GlVertexArray vertexArray;
        GlBuffer xy, colours;
        GLsizei count = 0;
        float radiusPx = 7.0f;
    };
    struct Raster {
        GlVertexArray vertexArray;
        GlBuffer corners;
        GlTexture texture;
    };

    LayerId id = 0;
    bool visible = true;
    float opacity = 1.0f;
    Point origin;
    std::variant<Vector, Pins, Raster> content;
};

bool isSoftwareRenderer() {
    const auto* name = reinterpret_cast<const char*>(glGetString(GL_RENDERER));
    if (!name) return false;
    const std::string renderer(name);
    return renderer.find("llvmpipe") != std::string::npos || renderer.find("softpipe") != std::string::npos ||
           renderer.find("SwiftShader") != std::string::npos;
}

MapRenderer::MapRenderer() : programs_(std::make_unique<Programs>()) {
    Programs& p = *programs_;
    p.fill.program = buildProgram("fill", shaders::kFillVertex, shaders::kColourFragment);
    p.fill.matrix = uniformLocation(p.fill.program, "u_matrix");
    p.fill.opacity = uniformLocation(p.fill.program, "u_opacity");
    p.stroke.program =
        buildProgram("stroke", shaders::kStrokeVertex, shaders::kStrokeGeometry, shaders::kColourFragment);
    p.stroke.matrix = uniformLocation(p.stroke.program, "u_matrix");
    p.stroke.framebufferPx = uniformLocation(p.stroke.program, "u_framebufferPx");
    p.stroke.pixelRatio = uniformLocation(p.stroke.program, "u_pixelRatio");
    p.stroke.opacity = uniformLocation(p.stroke.program, "u_opacity");
    p.pin.program = buildProgram("pin", shaders::kPinVertex, shaders::kPinFragment);
    p.pin.matrix = uniformLocation(p.pin.program, "u_matrix");
    p.pin.framebufferPx = uniformLocation(p.pin.program, "u_framebufferPx");
    p.pin.radiusPx = uniformLocation(p.pin.program, "u_radiusPx");
    p.pin.rimPx = uniformLocation(p.pin.program, "u_rimPx");
    p.raster.program = buildProgram("raster", shaders::kRasterVertex, shaders::kRasterFragment);
    p.raster.matrix = uniformLocation(p.raster.program, "u_matrix");
    p.raster.image = uniformLocation(p.raster.program, "u_image");
    p.raster.opacity = uniformLocation(p.raster.program, "u_opacity");
    glGetIntegerv(GL_MAX_SAMPLES, &maxSamples_);
    maxSamples_ = std::max(1, maxSamples_);
    samples_ = std::min(samples_, maxSamples_);
}

MapRenderer::~MapRenderer() = default;

MapRenderer::LayerId MapRenderer::addLayer(const PreparedVectorLayer& prepared) {
    const GlStateGuard guard;
    auto layer = std::make_unique<GpuLayer>();
    layer->id = nextId_++;
    layer->origin = prepared.origin;
    GpuLayer::Vector vector;
    for (const LodGeometry& source : prepared.levels) {
        vector.levelMinResolutions.push_back(source.minResolution);
        GpuLayer::Level level;
        level.chunks = source.chunks;

        level.fillVertexArray = GlVertexArray::create();
        glBindVertexArray(level.fillVertexArray.id());
        level.fillXy = uploadBuffer(GL_ARRAY_BUFFER, source.fillXy);
        glEnableVertexAttribArray(0);
        glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 2 * sizeof(float), nullptr);
        level.fillColours = uploadBuffer(GL_ARRAY_BUFFER, source.fillColours);
        glEnableVertexAttribArray(1);
        glVertexAttribPointer(1, 4, GL_UNSIGNED_BYTE, GL_TRUE, sizeof(Rgba), nullptr);
        level.fillIndices = uploadBuffer(GL_ELEMENT_ARRAY_BUFFER, source.fillIndices);  // recorded in the VAO

        level.strokeVertexArray = GlVertexArray::create();
        glBindVertexArray(level.strokeVertexArray.id());
        level.strokeXy = uploadBuffer(GL_ARRAY_BUFFER, source.strokeXy);
        glEnableVertexAttribArray(0);
        glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 2 * sizeof(float), nullptr);
        level.strokeStyles = uploadBuffer(GL_ARRAY_BUFFER, source.strokeStyles);
        glEnableVertexAttribArray(1);
        glVertexAttribPointer(1, 4, GL_UNSIGNED_BYTE, GL_TRUE, sizeof(StrokeStyle), nullptr);
        glEnableVertexAttribArray(2);
        glVertexAttribPointer(2, 1, GL_FLOAT, GL_FALSE, sizeof(StrokeStyle),
                              byteOffset(offsetof(StrokeStyle, widthPx)));
        glBindVertexArray(0);
        level.fillOpaque = allOpaque(source.fillColours);
        level.strokeOpaque = allOpaque(source.strokeStyles);
        vector.levels.push_back(std::move(level));
    }
    layer->content = std::move(vector);
    layers_.push_back(std::move(layer));
    return layers_.back()->id;
}

MapRenderer::LayerId MapRenderer::addLayer(const PreparedPointLayer& prepared) {
    const GlStateGuard guard;
    auto layer = std::make_unique<GpuLayer>();
    layer->id = nextId_++;
    layer->origin = prepared.origin;
    GpuLayer::Pins pins;
    pins.count = static_cast<GLsizei>(prepared.colours.size());
    pins.radiusPx = prepared.radiusPx;
    pins.vertexArray = GlVertexArray::create();
    glBindVertexArray(pins.vertexArray.id());
    pins.xy = uploadBuffer(GL_ARRAY_BUFFER, prepared.xy);
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 2 * sizeof(float), nullptr);
    glVertexAttribDivisor(0, 1);
    pins.colours = uploadBuffer(GL_ARRAY_BUFFER, prepared.colours);
    glEnableVertexAttribArray(1);
    glVertexAttribPointer(1, 4, GL_UNSIGNED_BYTE, GL_TRUE, sizeof(Rgba), nullptr);
    glVertexAttribDivisor(1, 1);
    glBindVertexArray(0);
    layer->content = std::move(pins);
    layers_.push_back(std::move(layer));
    return layers_.back()->id;
}

MapRenderer::LayerId MapRenderer::addLayer(const RasterLayer& raster) {
    const GlStateGuard guard;
    auto layer = std::make_unique<GpuLayer>();
    layer->id = nextId_++;
    layer->origin = raster.bounds.empty() ? Point{} : raster.bounds.center();
    GpuLayer::Raster gpu;
    if (!raster.bounds.empty() && raster.width > 0 && raster.height > 0 &&
        raster.rgba.size() >= static_cast<size_t>(raster.width) * static_cast<size_t>(raster.height) * 4) {
        const auto hw = static_cast<float>(raster.bounds.width() / 2);
        const auto hh = static_cast<float>(raster.bounds.height() / 2);
        // x, y, u, v as a triangle strip; the image's first row (v = 0) is the world's top edge.
        const std::vector<float> corners = {-hw, -hh, 0, 1, hw, -hh, 1, 1, -hw, hh, 0, 0, hw, hh, 1, 0};
        gpu.vertexArray = GlVertexArray::create();
        glBindVertexArray(gpu.vertexArray.id());
        gpu.corners = uploadBuffer(GL_ARRAY_BUFFER, corners);
        glEnableVertexAttribArray(0);
        glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 4 * sizeof(float), nullptr);
        glEnableVertexAttribArray(1);
        glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, 4 * sizeof(float), byteOffset(2 * sizeof(float)));
        glBindVertexArray(0);

        gpu.texture = GlTexture::create();
        glActiveTexture(GL_TEXTURE0);
        glBindTexture(GL_TEXTURE_2D, gpu.texture.id());
        glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
        glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, raster.width, raster.height, 0, GL_RGBA, GL_UNSIGNED_BYTE,
                     raster.rgba.data());
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    }
    layer->content = std::move(gpu);
    layers_.push_back(std::move(layer));
    return layers_.back()->id;
}

void MapRenderer::removeLayer(LayerId id) {
    std::erase_if(layers_, [id](const std::unique_ptr<GpuLayer>& layer) { return layer->id == id; });
}

void MapRenderer::setLayerVisible(LayerId id, bool visible) {
    for (auto& layer : layers_)
        if (layer->id == id) layer->visible = visible;
}

void MapRenderer::setLayerOpacity(LayerId id, float opacity) {
    for (auto& layer : layers_)
        if (layer->id == id) layer->opacity = std::clamp(opacity, 0.0f, 1.0f);
}

void MapRenderer::clearLayers() { layers_.clear(); }

void MapRenderer::setSampleCount(int samples) { samples_ = std::clamp(samples, 1, maxSamples_); }

void MapRenderer::ensureMultisampleTarget(int width, int height) {
    if (multisampleFramebuffer_ && width == multisampleWidth_ && height == multisampleHeight_ &&
        samples_ == multisampleSamples_)
        return;
    multisampleColour_ = GlRenderbuffer::create();
    glBindRenderbuffer(GL_RENDERBUFFER, multisampleColour_.id());
    glRenderbufferStorageMultisample(GL_RENDERBUFFER, samples_, GL_RGBA8, width, height);
    multisampleFramebuffer_ = GlFramebuffer::create();
    glBindFramebuffer(GL_FRAMEBUFFER, multisampleFramebuffer_.id());
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, multisampleColour_.id());
    if (glCheckFramebufferStatus(GL_FRAMEBUFFER) != GL_FRAMEBUFFER_COMPLETE)
        throw GlError("the driver cannot create a " + std::to_string(samples_) + "x multisample framebuffer");
    multisampleWidth_ = width;
    multisampleHeight_ = height;
    multisampleSamples_ = samples_;
}

void MapRenderer::render(const Viewport& viewport, const GlFramebuffer* target) {
    const GlStateGuard guard;
    stats_ = RenderStats{};
    const int width = viewport.framebufferWidth();
    const int height = viewport.framebufferHeight();
    const GLuint targetId = target ? target->id() : 0;
    const bool multisample = samples_ > 1;
    if (multisample) {
        ensureMultisampleTarget(width, height);
        glBindFramebuffer(GL_FRAMEBUFFER, multisampleFramebuffer_.id());
    } else {
        glBindFramebuffer(GL_FRAMEBUFFER, targetId);
    }
    glViewport(0, 0, width, height);
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_CULL_FACE);
    glDisable(GL_SCISSOR_TEST);
    glDisable(GL_STENCIL_TEST);
    glClearColor(background_.r / 255.0f, background_.g / 255.0f, background_.b / 255.0f, background_.a / 255.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    glEnable(GL_BLEND);
    glBlendEquation(GL_FUNC_ADD);
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);

    stats_.finestLodLevel = std::numeric_limits<int>::max();
    for (const auto& layer : layers_) {
        if (!layer->visible) continue;
        if (std::holds_alternative<GpuLayer::Vector>(layer->content)) drawVectorLayer(*layer, viewport);
        if (std::holds_alternative<GpuLayer::Raster>(layer->content)) drawRasterLayer(*layer, viewport);
    }
    for (const auto& layer : layers_)
        if (layer->visible && std::holds_alternative<GpuLayer::Pins>(layer->content)) drawPointLayer(*layer, viewport);
    if (stats_.finestLodLevel == std::numeric_limits<int>::max()) stats_.finestLodLevel = 0;

    if (multisample) {
        glBindFramebuffer(GL_READ_FRAMEBUFFER, multisampleFramebuffer_.id());
        glBindFramebuffer(GL_DRAW_FRAMEBUFFER, targetId);
        glBlitFramebuffer(0, 0, width, height, 0, 0, width, height, GL_COLOR_BUFFER_BIT, GL_NEAREST);
    }
}

void MapRenderer::drawVectorLayer(const GpuLayer& layer, const Viewport& viewport) {
    const auto& vector = std::get<GpuLayer::Vector>(layer.content);
    if (vector.levels.empty()) return;
    // Choose by physical pixels: a Retina display deserves the finer level.
    const double physicalResolution = viewport.resolution() / viewport.framebufferScale();
    const size_t levelIndex = lodLevelFor(vector.levelMinResolutions, physicalResolution);
    stats_.finestLodLevel = std::min(stats_.finestLodLevel, static_cast<int>(levelIndex));
    const GpuLayer::Level& level = vector.levels[levelIndex];

    Bbox view = viewport.visibleBbox();
    const double margin = kCullMarginPx * viewport.resolution();
    view = {view.minx - margin, view.miny - margin, view.maxx + margin, view.maxy + margin};
    const Matrix3 matrix = viewport.worldToClip3(layer.origin);

    // Consecutive visible chunks are contiguous in the buffers: draw each run with one call.
    auto forEachVisibleRun = [&](auto drawRun) {
        size_t c = 0;
        while (c < level.chunks.size()) {
            if (!level.chunks[c].bounds.intersects(view)) {
                ++c;
                continue;
            }
            const size_t runBegin = c;
            while (c < level.chunks.size() && level.chunks[c].bounds.intersects(view)) ++c;
            drawRun(level.chunks[runBegin], level.chunks[c - 1]);
        }
    };

    const Programs& p = *programs_;
    const bool layerOpaque = layer.opacity >= 1.0f;
    auto setBlending = [](bool on) {
        if (on)
            glEnable(GL_BLEND);
        else
            glDisable(GL_BLEND);
    };
    setBlending(!(layerOpaque && level.fillOpaque));
    glUseProgram(p.fill.program.id());
    glUniformMatrix3fv(p.fill.matrix, 1, GL_FALSE, matrix.data());
    glUniform1f(p.fill.opacity, layer.opacity);
    glBindVertexArray(level.fillVertexArray.id());
    forEachVisibleRun([&](const DrawChunk& first, const DrawChunk& last) {
        const uint32_t count = last.firstIndex + last.indexCount - first.firstIndex;
        if (count == 0) return;
        glDrawElements(GL_TRIANGLES, static_cast<GLsizei>(count), GL_UNSIGNED_INT,
                       byteOffset(first.firstIndex * sizeof(uint32_t)));
        ++stats_.drawCalls;
        stats_.trianglesSubmitted += count / 3;
    });

    setBlending(!(layerOpaque && level.strokeOpaque));
    glUseProgram(p.stroke.program.id());
    glUniformMatrix3fv(p.stroke.matrix, 1, GL_FALSE, matrix.data());
    glUniform1f(p.stroke.opacity, layer.opacity);
    glUniform2f(p.stroke.framebufferPx, static_cast<float>(viewport.framebufferWidth()),
                static_cast<float>(viewport.framebufferHeight()));
    glUniform1f(p.stroke.pixelRatio, static_cast<float>(viewport.framebufferScale()));
    glBindVertexArray(level.strokeVertexArray.id());
    forEachVisibleRun([&](const DrawChunk& first, const DrawChunk& last) {
        const uint32_t vertices = last.firstStrokeVertex + last.strokeVertexCount - first.firstStrokeVertex;
        if (vertices < 2) return;
        glDrawArrays(GL_LINE_STRIP, static_cast<GLint>(first.firstStrokeVertex), static_cast<GLsizei>(vertices));
        ++stats_.drawCalls;
        stats_.segmentsSubmitted += vertices - 1;
    });
    setBlending(true);
}

void MapRenderer::drawPointLayer(const GpuLayer& layer, const Viewport& viewport) {
    const auto& pins = std::get<GpuLayer::Pins>(layer.content);
    if (pins.count == 0) return;
    const Programs& p = *programs_;
    const Matrix3 matrix = viewport.worldToClip3(layer.origin);
    const auto scale = static_cast<float>(viewport.framebufferScale());
    glUseProgram(p.pin.program.id());
    glUniformMatrix3fv(p.pin.matrix, 1, GL_FALSE, matrix.data());
    glUniform2f(p.pin.framebufferPx, static_cast<float>(viewport.framebufferWidth()),
                static_cast<float>(viewport.framebufferHeight()));
    glUniform1f(p.pin.radiusPx, pins.radiusPx * scale);
    glUniform1f(p.pin.rimPx, std::max(1.5f, pins.radiusPx * 0.25f) * scale);
    glBindVertexArray(pins.vertexArray.id());
    glDrawArraysInstanced(GL_TRIANGLE_STRIP, 0, 4, pins.count);
    ++stats_.drawCalls;
}

void MapRenderer::drawRasterLayer(const GpuLayer& layer, const Viewport& viewport) {
    const auto& raster = std::get<GpuLayer::Raster>(layer.content);
    if (!raster.texture) return;
    const Programs& p = *programs_;
    const Matrix3 matrix = viewport.worldToClip3(layer.origin);
    glUseProgram(p.raster.program.id());
    glUniformMatrix3fv(p.raster.matrix, 1, GL_FALSE, matrix.data());
    glUniform1i(p.raster.image, 0);
    glUniform1f(p.raster.opacity, layer.opacity);
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, raster.texture.id());
    glBindVertexArray(raster.vertexArray.id());
    glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
    ++stats_.drawCalls;
}

}  // namespace samenkaart::mapping
