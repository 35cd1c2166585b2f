#include "mapping/map_renderer.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstring>
#include <limits>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
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

// The world box whose chunks are drawn: the view plus the cull margin.
Bbox cullBox(const Viewport& viewport) {
    const Bbox view = viewport.visibleBbox();
    const double margin = kCullMarginPx * viewport.resolution();
    return {view.minx - margin, view.miny - margin, view.maxx + margin, view.maxy + margin};
}

// Consecutive chunks in view are contiguous in the buffers: drawRun(first, last) once for each run.
template <typename DrawRun>
void forEachRunInView(const std::vector<DrawChunk>& chunks, const Bbox& view, DrawRun drawRun) {
    size_t c = 0;
    while (c < chunks.size()) {
        if (!chunks[c].bounds.intersects(view)) {
            ++c;
            continue;
        }
        const size_t runBegin = c;
        while (c < chunks.size() && chunks[c].bounds.intersects(view)) ++c;
        drawRun(chunks[runBegin], chunks[c - 1]);
    }
}

struct FillProgram {
    GlProgram program;
    GLint matrix = -1, opacity = -1;
};
struct EdgeProgram {
    GlProgram program;
    GLint features = -1, texel = -1, colour = -1;
};
EdgeProgram buildEdgeProgram(bool wide) {
    const std::string fragment =
        std::string("#version 330 core\n") + (wide ? "#define WIDE\n" : "") + shaders::kEdgeFragmentBody;
    EdgeProgram edge;
    edge.program = buildProgram(wide ? "wide edge" : "edge", shaders::kEdgeVertex, fragment);
    edge.features = uniformLocation(edge.program, "u_features");
    edge.texel = uniformLocation(edge.program, "u_texel");
    edge.colour = uniformLocation(edge.program, "u_colour");
    return edge;
}
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
void setBlending(bool on) {
    if (on)
        glEnable(GL_BLEND);
    else
        glDisable(GL_BLEND);
}

// The style most stroke segments have; none when there are no segments.
std::optional<StrokeStyle> dominantStroke(const std::vector<StrokeStyle>& styles) {
    std::unordered_map<uint64_t, size_t> counts;
    auto key = [](const StrokeStyle& style) {
        uint64_t bits = 0;
        static_assert(sizeof(StrokeStyle) == sizeof(bits));
        std::memcpy(&bits, &style, sizeof(bits));
        return bits;
    };
    std::optional<StrokeStyle> best;
    size_t bestCount = 0;
    for (const StrokeStyle& style : styles) {
        if (style.widthPx <= 0.0f) continue;
        const size_t count = ++counts[key(style)];
        if (count > bestCount) {
            bestCount = count;
            best = style;
        }
    }
    return best;
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
    // Built when first needed: most renderers (MSAA) never draw outlines from ids, and each program
    // costs start-up time on software GL.
    std::optional<EdgeProgram> edge, wideEdge;
    GlVertexArray noAttributes;  // core GL draws only with a vertex array bound, even one with no attributes
    StrokeProgram stroke;
    PinProgram pin;
    RasterProgram raster;
};

struct MapRenderer::GpuLevel {
    GlVertexArray fillVertexArray;
    GlBuffer fillXy, fillColours, fillFeatures, fillIndices;
    GlVertexArray strokeVertexArray;
    GlBuffer strokeXy, strokeStyles;
    // Without translucent colours blending changes nothing, and software GL draws faster without it.
    bool fillOpaque = false, strokeOpaque = false;
    std::vector<DrawChunk> chunks;
    // Outlines from feature ids (software GL): the style most segments have, drawn where the ids
    // change; the segments in any other style (a selected buurt's) as quads on top, listed in the
    // stroke vertex array's element buffer as GL_LINES, chunk c's from otherSegmentStart[c].
    std::optional<StrokeStyle> edgeStyle;
    GlBuffer otherSegments;
    std::vector<uint32_t> otherSegmentStart;
    bool uploaded = false;
};

struct MapRenderer::GpuVector {
    Bbox bounds;
    std::vector<double> levelMinResolutions;
    std::vector<GpuLevel> levels;
    // A layer added with its prepared geometry shared: levels are uploaded when first drawn, or one
    // at a time by uploadPendingLevel(). Empty when every level was uploaded at once.
    std::shared_ptr<const PreparedVectorLayer> source;
    std::vector<Rgba> featureColours;  // the last setFeatureFills, for levels uploaded later
};

struct MapRenderer::GpuLayer {
    using Level = GpuLevel;
    using Vector = GpuVector;
    struct Pins {
        GlVertexArray vertexArray;
        GlBuffer xy, colours, marks;
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

    // The level of detail a vector layer draws at in this view; null for other layers.
    const Level* levelFor(const Viewport& viewport) const {
        const auto* vector = std::get_if<Vector>(&content);
        if (!vector || vector->levels.empty()) return nullptr;
        return &vector->levels[levelIndexFor(*vector, viewport)];
    }
    static size_t levelIndexFor(const Vector& vector, const Viewport& viewport) {
        // Choose by physical pixels: a Retina display deserves the finer level.
        const double physicalResolution = viewport.resolution() / viewport.framebufferScale();
        return lodLevelFor(vector.levelMinResolutions, physicalResolution);
    }
};

// Outlines from feature ids. With one sample (software GL), stroking every polygon's rings costs two
// triangles a segment, and on llvmpipe that was most of a zoomed-out frame (80,000 segments, 25 of 37
// ms, docs/render.md). Instead the fills also write their feature id into `features`, and one
// full-screen pass draws the outline colour wherever the id changes between neighbouring pixels: every
// border once, gap-free, at a cost that does not grow with the vertices. The colour image is the
// target's own, attached here, or `ownColour` copied to the target at the end (the window's default
// framebuffer cannot be attached).
struct MapRenderer::EdgeTargets {
    GlFramebuffer withFeatures;  // colour + feature ids: the fills of a layer with edge outlines
    GlFramebuffer colourOnly;    // colour alone: the edge pass, which reads the ids
    GlTexture features;
    GlRenderbuffer ownColour;
    int width = 0, height = 0;
    int ownWidth = 0, ownHeight = 0;
    bool copyToTarget = false;
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
    p.fill.program = buildProgram("fill", shaders::kFillVertex, shaders::kFillFragment);
    p.fill.matrix = uniformLocation(p.fill.program, "u_matrix");
    p.fill.opacity = uniformLocation(p.fill.program, "u_opacity");
    p.noAttributes = GlVertexArray::create();
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

// Uploads one level of detail (GL state is the caller's to guard); its fills recoloured per feature when
// featureColours is not empty (setFeatureFills).
MapRenderer::GpuLevel MapRenderer::uploadLevel(const LodGeometry& source, std::span<const Rgba> featureColours) {
    GpuLevel level;
    level.chunks = source.chunks;

    level.fillVertexArray = GlVertexArray::create();
    glBindVertexArray(level.fillVertexArray.id());
    level.fillXy = uploadBuffer(GL_ARRAY_BUFFER, source.fillXy);
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 2 * sizeof(float), nullptr);
    level.fillColours = uploadBuffer(GL_ARRAY_BUFFER, source.fillColours);
    glEnableVertexAttribArray(1);
    glVertexAttribPointer(1, 4, GL_UNSIGNED_BYTE, GL_TRUE, sizeof(Rgba), nullptr);
    if (!source.fillFeatures.empty()) {
        level.fillFeatures = uploadBuffer(GL_ARRAY_BUFFER, source.fillFeatures);
        glEnableVertexAttribArray(2);
        glVertexAttribIPointer(2, 1, GL_UNSIGNED_INT, sizeof(uint32_t), nullptr);
    }
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
    glVertexAttribPointer(2, 1, GL_FLOAT, GL_FALSE, sizeof(StrokeStyle), byteOffset(offsetof(StrokeStyle, widthPx)));
    if (source.outlinesFollowFills && !source.fillFeatures.empty()) {
        level.edgeStyle = dominantStroke(source.strokeStyles);
        if (level.edgeStyle) {
            std::vector<uint32_t> others;
            level.otherSegmentStart.reserve(source.chunks.size() + 1);
            for (const DrawChunk& chunk : source.chunks) {
                level.otherSegmentStart.push_back(static_cast<uint32_t>(others.size()));
                const uint32_t end = chunk.firstStrokeVertex + chunk.strokeVertexCount;
                for (uint32_t v = chunk.firstStrokeVertex; v + 1 < end; ++v)
                    if (source.strokeStyles[v].widthPx > 0.0f && !(source.strokeStyles[v] == *level.edgeStyle))
                        others.insert(others.end(), {v, v + 1});
            }
            level.otherSegmentStart.push_back(static_cast<uint32_t>(others.size()));
            level.otherSegments = uploadBuffer(GL_ELEMENT_ARRAY_BUFFER, others);  // recorded in the VAO
        }
    }
    glBindVertexArray(0);
    level.fillOpaque = allOpaque(source.fillColours);
    level.strokeOpaque = allOpaque(source.strokeStyles);
    level.uploaded = true;
    if (!featureColours.empty()) recolourLevel(level, source, featureColours);
    return level;
}

void MapRenderer::recolourLevel(GpuLevel& level, const LodGeometry& from, std::span<const Rgba> featureColours) {
    std::vector<Rgba> colours = from.fillColours;
    if (!featureColours.empty() && from.fillFeatures.size() == colours.size())
        for (size_t v = 0; v < colours.size(); ++v)
            if (const uint32_t f = from.fillFeatures[v]; f > 0 && f <= featureColours.size())
                colours[v] = featureColours[f - 1];
    if (colours.empty()) return;
    glBindBuffer(GL_ARRAY_BUFFER, level.fillColours.id());
    glBufferSubData(GL_ARRAY_BUFFER, 0, static_cast<GLsizeiptr>(colours.size() * sizeof(Rgba)), colours.data());
    level.fillOpaque = allOpaque(colours);
}

MapRenderer::LayerId MapRenderer::addLayer(const PreparedVectorLayer& prepared) {
    const GlStateGuard guard;
    auto layer = std::make_unique<GpuLayer>();
    layer->id = nextId_++;
    layer->origin = prepared.origin;
    GpuLayer::Vector vector;
    vector.bounds = prepared.bounds;
    for (const LodGeometry& source : prepared.levels) {
        vector.levelMinResolutions.push_back(source.minResolution);
        vector.levels.push_back(uploadLevel(source, {}));
    }
    layer->content = std::move(vector);
    layers_.push_back(std::move(layer));
    return layers_.back()->id;
}

MapRenderer::LayerId MapRenderer::addLayer(std::shared_ptr<const PreparedVectorLayer> prepared) {
    auto layer = std::make_unique<GpuLayer>();
    layer->id = nextId_++;
    layer->origin = prepared->origin;
    GpuLayer::Vector vector;
    vector.bounds = prepared->bounds;
    for (const LodGeometry& source : prepared->levels) vector.levelMinResolutions.push_back(source.minResolution);
    vector.levels.resize(prepared->levels.size());
    vector.source = std::move(prepared);
    layer->content = std::move(vector);
    layers_.push_back(std::move(layer));
    return layers_.back()->id;
}

void MapRenderer::ensureUploaded(GpuVector& vector, size_t index) {
    if (vector.levels[index].uploaded || !vector.source) return;
    const GlStateGuard guard;
    vector.levels[index] = uploadLevel(vector.source->levels[index], vector.featureColours);
}

bool MapRenderer::uploadsPending() const {
    for (const auto& layer : layers_)
        if (const auto* vector = std::get_if<GpuLayer::Vector>(&layer->content); vector && vector->source)
            for (const GpuLayer::Level& level : vector->levels)
                if (!level.uploaded) return true;
    return false;
}

bool MapRenderer::uploadPendingLevel() {
    for (const auto& layer : layers_) {
        auto* vector = std::get_if<GpuLayer::Vector>(&layer->content);
        if (!vector || !vector->source) continue;
        // Coarse to fine: the next zoom step in needs the next finer level.
        for (size_t i = vector->levels.size(); i-- > 0;) {
            if (vector->levels[i].uploaded) continue;
            ensureUploaded(*vector, i);
            return true;
        }
    }
    return false;
}

MapRenderer::LayerId MapRenderer::addLayer(const PreparedPointLayer& prepared, const std::vector<uint8_t>* marks) {
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
    // Symbol and ring per point; a layer prepared without them draws plain discs.
    const std::vector<uint8_t>& symbols = marks ? *marks : prepared.marks;
    pins.marks = uploadBuffer(GL_ARRAY_BUFFER, symbols.size() == prepared.colours.size() * 2
                                                   ? symbols
                                                   : std::vector<uint8_t>(prepared.colours.size() * 2, 0));
    glEnableVertexAttribArray(2);
    glVertexAttribPointer(2, 2, GL_UNSIGNED_BYTE, GL_FALSE, 2, nullptr);
    glVertexAttribDivisor(2, 1);
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

void MapRenderer::setFeatureFills(LayerId id, const PreparedVectorLayer& source, std::span<const Rgba> featureColours) {
    const auto layer = std::find_if(layers_.begin(), layers_.end(), [id](const auto& l) { return l->id == id; });
    auto* vector = layer == layers_.end() ? nullptr : std::get_if<GpuLayer::Vector>(&(*layer)->content);
    if (!vector || vector->levels.size() != source.levels.size()) return;
    vector->featureColours.assign(featureColours.begin(), featureColours.end());
    const GlStateGuard guard;
    for (size_t i = 0; i < source.levels.size(); ++i)
        if (vector->levels[i].uploaded) recolourLevel(vector->levels[i], source.levels[i], featureColours);
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

void MapRenderer::drawPointsOnTop(const PreparedPointLayer& points, const Viewport& viewport,
                                  const GlFramebuffer* target) {
    const LayerId id = addLayer(points);
    {
        const GlStateGuard guard;
        glBindFramebuffer(GL_FRAMEBUFFER, target ? target->id() : 0);
        glViewport(0, 0, viewport.framebufferWidth(), viewport.framebufferHeight());
        glDisable(GL_DEPTH_TEST);
        glDisable(GL_CULL_FACE);
        glDisable(GL_SCISSOR_TEST);
        glDisable(GL_STENCIL_TEST);
        glEnable(GL_BLEND);
        glBlendEquation(GL_FUNC_ADD);
        glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
        for (const auto& layer : layers_)
            if (layer->id == id) drawPointLayer(*layer, viewport);
    }
    removeLayer(id);
}

void MapRenderer::render(const Viewport& viewport, const GlFramebuffer* target) {
    for (const auto& layer : layers_)
        if (auto* vector = std::get_if<GpuLayer::Vector>(&layer->content);
            vector && layer->visible && !vector->levels.empty())
            ensureUploaded(*vector, GpuLayer::levelIndexFor(*vector, viewport));
    const GlStateGuard guard;
    stats_ = RenderStats{};
    const int width = viewport.framebufferWidth();
    const int height = viewport.framebufferHeight();
    const GLuint targetId = target ? target->id() : 0;
    const bool multisample = samples_ > 1;
    const bool edgeOutlines = !multisample && edgeOutlinesPayOff(viewport);
    if (multisample) {
        ensureMultisampleTarget(width, height);
        glBindFramebuffer(GL_FRAMEBUFFER, multisampleFramebuffer_.id());
    } else if (edgeOutlines) {
        bindEdgeTargets(targetId, width, height);
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
        if (std::holds_alternative<GpuLayer::Vector>(layer->content)) drawVectorLayer(*layer, viewport, edgeOutlines);
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
    if (edgeOutlines) {
        EdgeTargets& e = *edges_;
        if (e.copyToTarget) {
            glBindFramebuffer(GL_READ_FRAMEBUFFER, e.withFeatures.id());
            glBindFramebuffer(GL_DRAW_FRAMEBUFFER, targetId);
            glBlitFramebuffer(0, 0, width, height, 0, 0, width, height, GL_COLOR_BUFFER_BIT, GL_NEAREST);
        } else {
            // Let go of the target's image: it stays the caller's, to resize or delete.
            for (const GlFramebuffer* framebuffer : {&e.withFeatures, &e.colourOnly}) {
                glBindFramebuffer(GL_FRAMEBUFFER, framebuffer->id());
                glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, 0);
            }
        }
    }
}

bool MapRenderer::edgeOutlinesPayOff(const Viewport& viewport) const {
    // The ids and the pass cost about as much as stroking one segment per 32 pixels: on llvmpipe at
    // 1600 x 1000, 50,000 segments (docs/render.md).
    constexpr size_t kPixelsPerSegment = 32;
    const Bbox view = cullBox(viewport);
    size_t segments = 0;
    for (const auto& layer : layers_) {
        const GpuLayer::Level* level = layer->visible ? layer->levelFor(viewport) : nullptr;
        if (!level || !level->edgeStyle) continue;
        forEachRunInView(level->chunks, view, [&](const DrawChunk& first, const DrawChunk& last) {
            segments += last.firstStrokeVertex + last.strokeVertexCount - first.firstStrokeVertex;
        });
    }
    const auto pixels =
        static_cast<size_t>(viewport.framebufferWidth()) * static_cast<size_t>(viewport.framebufferHeight());
    return segments * kPixelsPerSegment >= pixels;
}

void MapRenderer::bindEdgeTargets(GLuint targetId, int width, int height) {
    if (!edges_) edges_ = std::make_unique<EdgeTargets>();
    EdgeTargets& e = *edges_;
    if (!e.withFeatures) {
        e.withFeatures = GlFramebuffer::create();
        e.colourOnly = GlFramebuffer::create();
    }
    if (!e.features || e.width != width || e.height != height) {
        e.features = GlTexture::create();
        glActiveTexture(GL_TEXTURE0);
        glBindTexture(GL_TEXTURE_2D, e.features.id());
        glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);  // ids are never mixed
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
        e.width = width;
        e.height = height;
    }
    // The target's colour image, when it is a level-0 texture or a renderbuffer; otherwise our own.
    GLint type = GL_NONE, name = 0, level = 0;
    if (targetId != 0) {
        glBindFramebuffer(GL_FRAMEBUFFER, targetId);
        glGetFramebufferAttachmentParameteriv(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0,
                                              GL_FRAMEBUFFER_ATTACHMENT_OBJECT_TYPE, &type);
        if (type == GL_TEXTURE || type == GL_RENDERBUFFER)
            glGetFramebufferAttachmentParameteriv(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0,
                                                  GL_FRAMEBUFFER_ATTACHMENT_OBJECT_NAME, &name);
        if (type == GL_TEXTURE)
            glGetFramebufferAttachmentParameteriv(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0,
                                                  GL_FRAMEBUFFER_ATTACHMENT_TEXTURE_LEVEL, &level);
    }
    e.copyToTarget = !((type == GL_TEXTURE && level == 0) || type == GL_RENDERBUFFER);
    if (e.copyToTarget) {
        if (!e.ownColour || e.ownWidth != width || e.ownHeight != height) {
            e.ownColour = GlRenderbuffer::create();
            glBindRenderbuffer(GL_RENDERBUFFER, e.ownColour.id());
            glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, width, height);
            e.ownWidth = width;
            e.ownHeight = height;
        }
        type = GL_RENDERBUFFER;
        name = static_cast<GLint>(e.ownColour.id());
    }
    for (const GlFramebuffer* framebuffer : {&e.colourOnly, &e.withFeatures}) {
        glBindFramebuffer(GL_FRAMEBUFFER, framebuffer->id());
        if (type == GL_TEXTURE)
            glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, static_cast<GLuint>(name), 0);
        else
            glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, static_cast<GLuint>(name));
    }
    // Left bound: withFeatures, drawing to the colour only until a layer's fills also write their ids.
    glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT1, GL_TEXTURE_2D, e.features.id(), 0);
    const GLenum colour = GL_COLOR_ATTACHMENT0;
    glDrawBuffers(1, &colour);
    if (glCheckFramebufferStatus(GL_FRAMEBUFFER) != GL_FRAMEBUFFER_COMPLETE)
        throw GlError("the driver cannot draw outlines from feature ids into a " + std::to_string(width) + " x " +
                      std::to_string(height) + " target");
}

void MapRenderer::drawEdgeOutlines(const StrokeStyle& style, float layerOpacity, const Bbox& layerBounds,
                                   const Viewport& viewport) {
    const EdgeTargets& e = *edges_;
    // Only over the layer (and the pixel beside it that outlines its outer border): in the window at the
    // whole view, the panels and the map's aspect leave much of the target empty.
    const double scale = viewport.framebufferScale();
    const Point topLeft = viewport.worldToScreen({layerBounds.minx, layerBounds.maxy});
    const Point bottomRight = viewport.worldToScreen({layerBounds.maxx, layerBounds.miny});
    auto pixel = [](double v, int limit) { return static_cast<int>(std::clamp(v, 0.0, static_cast<double>(limit))); };
    const int left = pixel(std::floor(topLeft.x * scale) - 2.0, e.width);
    const int right = pixel(std::ceil(bottomRight.x * scale) + 2.0, e.width);
    const int top = pixel(std::floor(topLeft.y * scale) - 2.0, e.height);
    const int bottom = pixel(std::ceil(bottomRight.y * scale) + 2.0, e.height);
    if (right <= left || bottom <= top) return;
    // One pixel for the usual 1 - 1.5 px outline (its quads cover 1 or 2 pixels without anti-aliasing),
    // two from 2 physical pixels on.
    const bool wide = style.widthPx * scale >= 2.0;
    std::optional<EdgeProgram>& program = wide ? programs_->wideEdge : programs_->edge;
    if (!program) program = buildEdgeProgram(wide);
    const EdgeProgram& edge = *program;
    setBlending(!(style.colour.a == 255 && layerOpacity >= 1.0f));
    glBindFramebuffer(GL_FRAMEBUFFER, e.colourOnly.id());
    glUseProgram(edge.program.id());
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, e.features.id());
    glUniform1i(edge.features, 0);
    glUniform2f(edge.texel, 1.0f / static_cast<float>(e.width), 1.0f / static_cast<float>(e.height));
    glUniform4f(edge.colour, style.colour.r / 255.0f, style.colour.g / 255.0f, style.colour.b / 255.0f,
                style.colour.a / 255.0f * layerOpacity);
    glBindVertexArray(programs_->noAttributes.id());
    glEnable(GL_SCISSOR_TEST);
    glScissor(left, e.height - bottom, right - left, bottom - top);  // GL counts rows from the bottom
    glDrawArrays(GL_TRIANGLES, 0, 3);
    glDisable(GL_SCISSOR_TEST);
    ++stats_.drawCalls;
    ++stats_.edgeOutlinePasses;
    glBindFramebuffer(GL_FRAMEBUFFER, e.withFeatures.id());
}

void MapRenderer::drawVectorLayer(const GpuLayer& layer, const Viewport& viewport, bool edgeOutlinesThisFrame) {
    const GpuLayer::Level* chosen = layer.levelFor(viewport);
    if (!chosen) return;
    const GpuLayer::Level& level = *chosen;
    const auto levelIndex = static_cast<int>(chosen - std::get<GpuLayer::Vector>(layer.content).levels.data());
    stats_.finestLodLevel = std::min(stats_.finestLodLevel, levelIndex);
    const Bbox view = cullBox(viewport);
    const Matrix3 matrix = viewport.worldToClip3(layer.origin);
    auto forEachVisibleRun = [&](auto drawRun) { forEachRunInView(level.chunks, view, drawRun); };

    const Programs& p = *programs_;
    const bool layerOpaque = layer.opacity >= 1.0f;
    const bool edgeOutlines = edgeOutlinesThisFrame && level.edgeStyle;
    if (edgeOutlines) {
        const std::array<GLenum, 2> colourAndFeatures = {GL_COLOR_ATTACHMENT0, GL_COLOR_ATTACHMENT1};
        glDrawBuffers(2, colourAndFeatures.data());
        const std::array<GLfloat, 4> none = {0, 0, 0, 0};
        glClearBufferfv(GL_COLOR, 1, none.data());
    }
    setBlending(!(layerOpaque && level.fillOpaque));
    if (edgeOutlines) glDisablei(GL_BLEND, 1);  // ids are written, never blended
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
    if (edgeOutlines) {
        const GLenum colour = GL_COLOR_ATTACHMENT0;
        glDrawBuffers(1, &colour);
        drawEdgeOutlines(*level.edgeStyle, layer.opacity, std::get<GpuLayer::Vector>(layer.content).bounds, viewport);
        if (level.otherSegmentStart.back() == 0) {
            setBlending(true);
            return;
        }
    }

    setBlending(!(layerOpaque && level.strokeOpaque));
    glUseProgram(p.stroke.program.id());
    glUniformMatrix3fv(p.stroke.matrix, 1, GL_FALSE, matrix.data());
    glUniform1f(p.stroke.opacity, layer.opacity);
    glUniform2f(p.stroke.framebufferPx, static_cast<float>(viewport.framebufferWidth()),
                static_cast<float>(viewport.framebufferHeight()));
    glUniform1f(p.stroke.pixelRatio, static_cast<float>(viewport.framebufferScale()));
    glBindVertexArray(level.strokeVertexArray.id());
    forEachVisibleRun([&](const DrawChunk& first, const DrawChunk& last) {
        if (edgeOutlines) {  // only the segments the ids do not draw
            const uint32_t begin = level.otherSegmentStart[static_cast<size_t>(&first - level.chunks.data())];
            const uint32_t end = level.otherSegmentStart[static_cast<size_t>(&last - level.chunks.data()) + 1];
            if (end == begin) return;
            glDrawElements(GL_LINES, static_cast<GLsizei>(end - begin), GL_UNSIGNED_INT,
                           byteOffset(begin * sizeof(uint32_t)));
            ++stats_.drawCalls;
            stats_.segmentsSubmitted += (end - begin) / 2;
            return;
        }
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
