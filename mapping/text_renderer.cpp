#include "mapping/text_renderer.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>
#include <iterator>

#include "engine/error.hpp"
#include "mapping/gl_program.hpp"
#include "mapping/gl_state_guard.hpp"
#include "mapping/utf8.hpp"

// The one translation unit that compiles stb_truetype's implementation. Static: Dear ImGui (linked
// in the same program) uses the system libstb's stb_truetype with the real stb_rect_pack; an
// exported copy of ours, built with stb_truetype's fallback packer, would replace it and crash it.
#define STBTT_STATIC
#define STB_TRUETYPE_IMPLEMENTATION
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wshadow"
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
#pragma GCC diagnostic ignored "-Wunused-function"
#pragma GCC diagnostic ignored "-Wsign-compare"
#endif
#include <stb_truetype.h>
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif

namespace samenkaart::mapping {

namespace {

// Glyphs are rasterised once at this pixel height and scaled for every size: about 10 to 40 px look
// sharp from a 32 px field.
constexpr float kBasePx = 32.0f;
// The field reaches this many atlas pixels beyond each outline: room for halos up to ~7/32 of the size.
constexpr int kPadding = 8;
constexpr unsigned char kOnEdge = 128;
constexpr float kValuePerAtlasPx = 16.0f;  // texel value change per atlas pixel of distance

constexpr int kAtlasWidth = 2048;
constexpr int kAtlasHeight = 1024;
constexpr int kSolidSize = 4;  // an all-inside block at the atlas origin for rectangles
constexpr int kDiscTile = 64;
constexpr float kDiscRadius = 24.0f;  // atlas pixels; the tile leaves kPadding around it

constexpr const char* kTextVertex = R"(#version 330 core
layout(location = 0) in vec2 a_positionPx;
layout(location = 1) in vec2 a_uv;
layout(location = 2) in vec4 a_colour;
layout(location = 3) in vec4 a_halo;
layout(location = 4) in vec2 a_scaleAndHalo;
uniform vec2 u_screenPx;
uniform float u_pixelRatio;
out vec2 v_uv;
out vec4 v_colour;
out vec4 v_halo;
out vec2 v_scaleAndHalo;
void main() {
    gl_Position = vec4(a_positionPx.x / u_screenPx.x * 2.0 - 1.0, 1.0 - a_positionPx.y / u_screenPx.y * 2.0, 0.0, 1.0);
    v_uv = a_uv;
    v_colour = a_colour;
    v_halo = a_halo;
    v_scaleAndHalo = a_scaleAndHalo * u_pixelRatio;  // physical pixels
}
)";

// Premultiplied output: the text over its halo, both anti-aliased over one physical pixel.
constexpr const char* kTextFragment = R"(#version 330 core
in vec2 v_uv;
in vec4 v_colour;
in vec4 v_halo;
in vec2 v_scaleAndHalo;
uniform sampler2D u_atlas;
out vec4 fragColour;
void main() {
    float atlasDistance = (texture(u_atlas, v_uv).r * 255.0 - 128.0) / 16.0;  // > 0 inside the glyph
    float px = atlasDistance * v_scaleAndHalo.x;
    float fill = clamp(px + 0.5, 0.0, 1.0) * v_colour.a;
    float halo = v_scaleAndHalo.y > 0.0 ? clamp(px + v_scaleAndHalo.y + 0.5, 0.0, 1.0) * v_halo.a : 0.0;
    float alpha = fill + halo * (1.0 - fill);
    if (alpha <= 0.0) discard;
    fragColour = vec4(v_colour.rgb * fill + v_halo.rgb * halo * (1.0 - fill), alpha);
}
)";

const void* byteOffset(size_t bytes) { return reinterpret_cast<const void*>(bytes); }

}  // namespace

struct TextRenderer::Font {
    std::vector<unsigned char> data;
    stbtt_fontinfo info{};
    float scale = 1.0f;   // font units -> atlas pixels
    float ascent = 0.0f;  // atlas pixels
    char32_t fallback = '?';
};

TextRenderer::TextRenderer(const std::string& fontPath) : font_(std::make_unique<Font>()) {
    std::ifstream in(fontPath, std::ios::binary);
    if (!in) throw Error(fontPath, std::string("cannot read the font: ") + std::strerror(errno));
    font_->data.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    if (font_->data.empty() ||
        !stbtt_InitFont(&font_->info, font_->data.data(), stbtt_GetFontOffsetForIndex(font_->data.data(), 0)))
        throw Error(fontPath, "is not a TrueType font");
    font_->scale = stbtt_ScaleForPixelHeight(&font_->info, kBasePx);
    int ascent = 0, descent = 0, lineGap = 0;
    stbtt_GetFontVMetrics(&font_->info, &ascent, &descent, &lineGap);
    font_->ascent = static_cast<float>(ascent) * font_->scale;
    if (stbtt_FindGlyphIndex(&font_->info, static_cast<int>(kReplacementCharacter)) != 0)
        font_->fallback = kReplacementCharacter;

    atlas_.assign(static_cast<size_t>(kAtlasWidth) * kAtlasHeight, 0);
    int x = 0, y = 0;
    reserveAtlasArea(kSolidSize, kSolidSize, x, y);
    for (int row = 0; row < kSolidSize; ++row)
        std::fill_n(atlas_.begin() + static_cast<std::ptrdiff_t>(y + row) * kAtlasWidth + x, kSolidSize, uint8_t{255});
    reserveAtlasArea(kDiscTile, kDiscTile, x, y);
    for (int row = 0; row < kDiscTile; ++row)
        for (int column = 0; column < kDiscTile; ++column) {
            const float dx = static_cast<float>(column) + 0.5f - kDiscTile / 2.0f;
            const float dy = static_cast<float>(row) + 0.5f - kDiscTile / 2.0f;
            const float inside = kDiscRadius - std::sqrt(dx * dx + dy * dy);
            atlas_[static_cast<size_t>((y + row) * kAtlasWidth + x + column)] =
                static_cast<uint8_t>(std::clamp(kOnEdge + inside * kValuePerAtlasPx, 0.0f, 255.0f));
        }

    program_ = buildProgram("text", kTextVertex, kTextFragment);
    screenPxUniform_ = uniformLocation(program_, "u_screenPx");
    pixelRatioUniform_ = uniformLocation(program_, "u_pixelRatio");
    atlasUniform_ = uniformLocation(program_, "u_atlas");

    const GlStateGuard guard;
    texture_ = GlTexture::create();
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, texture_.id());
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);

    vertexArray_ = GlVertexArray::create();
    vertexBuffer_ = GlBuffer::create();
    glBindVertexArray(vertexArray_.id());
    glBindBuffer(GL_ARRAY_BUFFER, vertexBuffer_.id());
    constexpr auto stride = static_cast<GLsizei>(sizeof(TextVertex));
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, stride, byteOffset(offsetof(TextVertex, x)));
    glEnableVertexAttribArray(1);
    glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, stride, byteOffset(offsetof(TextVertex, u)));
    glEnableVertexAttribArray(2);
    glVertexAttribPointer(2, 4, GL_UNSIGNED_BYTE, GL_TRUE, stride, byteOffset(offsetof(TextVertex, colour)));
    glEnableVertexAttribArray(3);
    glVertexAttribPointer(3, 4, GL_UNSIGNED_BYTE, GL_TRUE, stride, byteOffset(offsetof(TextVertex, halo)));
    glEnableVertexAttribArray(4);
    glVertexAttribPointer(4, 2, GL_FLOAT, GL_FALSE, stride, byteOffset(offsetof(TextVertex, pxPerAtlasPx)));
    glBindVertexArray(0);
}

TextRenderer::~TextRenderer() = default;

int TextRenderer::atlasWidth() const { return kAtlasWidth; }
int TextRenderer::atlasHeight() const { return kAtlasHeight; }
const std::vector<uint8_t>& TextRenderer::atlasPixels() const { return atlas_; }

bool TextRenderer::reserveAtlasArea(int width, int height, int& x, int& y) {
    // Shelf packing with a one-texel gap, so linear filtering never reads a neighbour's field.
    if (shelfX_ + width + 1 > kAtlasWidth) {
        shelfY_ += shelfHeight_ + 1;
        shelfX_ = 0;
        shelfHeight_ = 0;
    }
    if (shelfY_ + height + 1 > kAtlasHeight || width + 1 > kAtlasWidth) return false;
    x = shelfX_;
    y = shelfY_;
    shelfX_ += width + 1;
    shelfHeight_ = std::max(shelfHeight_, height);
    atlasDirty_ = true;
    return true;
}

bool TextRenderer::hasGlyph(char32_t codepoint) const {
    return stbtt_FindGlyphIndex(&font_->info, static_cast<int>(codepoint)) != 0;
}

const TextRenderer::Glyph& TextRenderer::glyph(char32_t codepoint) {
    if (auto it = glyphs_.find(codepoint); it != glyphs_.end()) return it->second;
    Glyph g;
    g.index = stbtt_FindGlyphIndex(&font_->info, static_cast<int>(codepoint));
    if (g.index == 0 && codepoint != font_->fallback) return glyphs_[codepoint] = glyph(font_->fallback);
    int advance = 0, leftBearing = 0;
    stbtt_GetGlyphHMetrics(&font_->info, g.index, &advance, &leftBearing);
    g.advance = static_cast<float>(advance) * font_->scale;
    int width = 0, height = 0;
    unsigned char* field = stbtt_GetGlyphSDF(&font_->info, font_->scale, g.index, kPadding, kOnEdge, kValuePerAtlasPx,
                                             &width, &height, &g.offsetX, &g.offsetY);
    if (field) {
        // A full atlas (thousands of distinct glyphs) leaves further glyphs blank rather than failing.
        if (reserveAtlasArea(width, height, g.atlasX, g.atlasY)) {
            g.width = width;
            g.height = height;
            for (int row = 0; row < height; ++row)
                std::memcpy(&atlas_[static_cast<size_t>((g.atlasY + row) * kAtlasWidth + g.atlasX)],
                            field + static_cast<std::ptrdiff_t>(row) * width, static_cast<size_t>(width));
        }
        stbtt_FreeSDF(field, nullptr);
    }
    return glyphs_[codepoint] = g;
}

TextSize TextRenderer::measure(std::string_view utf8, float sizePx) {
    const float s = sizePx / kBasePx;
    float pen = 0.0f;
    int previous = 0;
    for (char32_t cp : decodeUtf8(utf8)) {
        const Glyph& g = glyph(cp);
        if (previous != 0)
            pen += static_cast<float>(stbtt_GetGlyphKernAdvance(&font_->info, previous, g.index)) * font_->scale;
        pen += g.advance;
        previous = g.index;
    }
    return {pen * s, sizePx};
}

double TextRenderer::ascent(float sizePx) const { return font_->ascent * sizePx / kBasePx; }

void TextRenderer::addQuad(TextBatch& batch, const Bbox& rect, float u0, float v0, float u1, float v1, Rgba colour,
                           Rgba halo, float pxPerAtlasPx, float haloPx) const {
    const auto x0 = static_cast<float>(rect.minx), y0 = static_cast<float>(rect.miny);
    const auto x1 = static_cast<float>(rect.maxx), y1 = static_cast<float>(rect.maxy);
    const TextVertex corners[4] = {{x0, y0, u0, v0, colour, halo, pxPerAtlasPx, haloPx},
                                   {x1, y0, u1, v0, colour, halo, pxPerAtlasPx, haloPx},
                                   {x0, y1, u0, v1, colour, halo, pxPerAtlasPx, haloPx},
                                   {x1, y1, u1, v1, colour, halo, pxPerAtlasPx, haloPx}};
    for (int i : {0, 1, 2, 2, 1, 3}) batch.vertices.push_back(corners[i]);
}

void TextRenderer::addText(TextBatch& batch, std::string_view utf8, Point topLeft, const TextStyle& style) {
    const float s = style.sizePx / kBasePx;
    // A halo wider than the field reaches would be cut off square.
    const float haloPx = std::min(style.haloPx, (kPadding - 1) * s);
    // Whole-pixel line positions keep stems from smearing over two pixel columns.
    float pen = std::round(static_cast<float>(topLeft.x));
    const float baseline = std::round(static_cast<float>(topLeft.y) + font_->ascent * s);
    int previous = 0;
    for (char32_t cp : decodeUtf8(utf8)) {
        const Glyph& g = glyph(cp);
        if (previous != 0)
            pen += static_cast<float>(stbtt_GetGlyphKernAdvance(&font_->info, previous, g.index)) * font_->scale * s;
        previous = g.index;
        if (g.width > 0) {
            const Bbox rect{pen + static_cast<float>(g.offsetX) * s, baseline + static_cast<float>(g.offsetY) * s,
                            pen + static_cast<float>(g.offsetX + g.width) * s,
                            baseline + static_cast<float>(g.offsetY + g.height) * s};
            addQuad(batch, rect, static_cast<float>(g.atlasX) / kAtlasWidth,
                    static_cast<float>(g.atlasY) / kAtlasHeight, static_cast<float>(g.atlasX + g.width) / kAtlasWidth,
                    static_cast<float>(g.atlasY + g.height) / kAtlasHeight, style.colour, style.halo, s, haloPx);
        }
        pen += g.advance * s;
    }
}

void TextRenderer::addRect(TextBatch& batch, const Bbox& rect, Rgba fill) const {
    // Every corner samples the middle of the solid block: full coverage, edges exact on the rectangle.
    const float u = (kSolidSize / 2.0f) / kAtlasWidth, v = (kSolidSize / 2.0f) / kAtlasHeight;
    addQuad(batch, rect, u, v, u, v, fill, Rgba{0, 0, 0, 0}, 64.0f, 0.0f);
}

void TextRenderer::addDisc(TextBatch& batch, Point centre, float radiusPx, Rgba fill, Rgba rim, float rimPx) const {
    // The rim is the halo of a disc that is rimPx smaller, so the whole marker has radiusPx.
    const float inner = std::max(0.5f, radiusPx - rimPx);
    const float s = inner / kDiscRadius;
    const float halfTile = kDiscTile / 2.0f * s;
    const Bbox rect{centre.x - halfTile, centre.y - halfTile, centre.x + halfTile, centre.y + halfTile};
    const float tileX = kSolidSize + 1;  // the disc tile follows the solid block on the first shelf
    addQuad(batch, rect, tileX / kAtlasWidth, 0.0f, (tileX + kDiscTile) / kAtlasWidth,
            static_cast<float>(kDiscTile) / kAtlasHeight, fill, rim, s, std::min(rimPx, (kPadding - 1) * s));
}

void TextRenderer::draw(const TextBatch& batch, const Viewport& screen, const GlFramebuffer* target) {
    if (batch.empty()) return;
    const GlStateGuard guard;
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, texture_.id());
    if (atlasDirty_) {
        glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
        glTexImage2D(GL_TEXTURE_2D, 0, GL_R8, kAtlasWidth, kAtlasHeight, 0, GL_RED, GL_UNSIGNED_BYTE, atlas_.data());
        atlasDirty_ = false;
    }
    glBindFramebuffer(GL_FRAMEBUFFER, target ? target->id() : 0);
    glViewport(0, 0, screen.framebufferWidth(), screen.framebufferHeight());
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_CULL_FACE);
    glDisable(GL_SCISSOR_TEST);
    glDisable(GL_STENCIL_TEST);
    glEnable(GL_BLEND);
    glBlendEquation(GL_FUNC_ADD);
    glBlendFuncSeparate(GL_ONE, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    glUseProgram(program_.id());
    glUniform2f(screenPxUniform_, static_cast<float>(screen.widthPx()), static_cast<float>(screen.heightPx()));
    glUniform1f(pixelRatioUniform_, static_cast<float>(screen.framebufferScale()));
    glUniform1i(atlasUniform_, 0);
    glBindVertexArray(vertexArray_.id());
    glBindBuffer(GL_ARRAY_BUFFER, vertexBuffer_.id());
    glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(batch.vertices.size() * sizeof(TextVertex)),
                 batch.vertices.data(), GL_STREAM_DRAW);
    glDrawArrays(GL_TRIANGLES, 0, static_cast<GLsizei>(batch.vertices.size()));
}

}  // namespace samenkaart::mapping
