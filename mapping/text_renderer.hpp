// Text on the map: buurt names, the title, legend and scale bar of an exported picture. Glyphs come from a
// TrueType font (stb_truetype) as signed distance fields in one atlas texture, so one atlas serves every
// size and the white halo that keeps a name readable over any fill is just a wider threshold of the same
// field (the approach of maplibre's SDF glyphs). Glyphs are rasterised on first use; any code point the
// font has works (DejaVu Sans covers Latin-1, Latin Extended-A with the Dutch ij, and the euro sign).
//
// Use: build quads into a TextBatch on the CPU (addText, addRect, addDisc), then draw the batch in one
// call. Coordinates are logical screen pixels, y down, like Viewport's screen coordinates.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engine/geometry.hpp"
#include "mapping/gl_object.hpp"
#include "mapping/map_layers.hpp"
#include "mapping/viewport.hpp"

namespace samenkaart::mapping {

// The fonts Debian's fonts-dejavu-core installs.
inline constexpr const char* kDejaVuSansPath = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
inline constexpr const char* kDejaVuSansBoldPath = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";

struct TextStyle {
    float sizePx = 13.0f;  // logical pixels from the lowest descender to the highest ascender
    Rgba colour{35, 35, 45, 255};
    Rgba halo{255, 255, 255, 255};
    float haloPx = 2.0f;  // width of the outline around each glyph; 0 draws none
};

struct TextSize {
    double width = 0.0;
    double height = 0.0;
};

// One corner of a quad, as uploaded.
struct TextVertex {
    float x = 0, y = 0;  // logical pixels, y down
    float u = 0, v = 0;  // atlas texture coordinates
    Rgba colour;
    Rgba halo;
    float pxPerAtlasPx = 1.0f;  // how large one atlas pixel is on screen, in logical pixels
    float haloPx = 0.0f;
};
static_assert(sizeof(TextVertex) == 32, "uploaded as is");

// Quads waiting to be drawn. Belongs to the TextRenderer that filled it (the texture coordinates point
// into that renderer's atlas).
struct TextBatch {
    std::vector<TextVertex> vertices;  // six per quad (two triangles)
    void clear() { vertices.clear(); }
    bool empty() const { return vertices.empty(); }
};

class TextRenderer {
public:
    // Reads the font; throws Error(path, cause) when the file is missing or no TrueType font. Needs a
    // current OpenGL 3.3 core context (throws GlError when the shaders do not build).
    explicit TextRenderer(const std::string& fontPath);
    ~TextRenderer();
    TextRenderer(const TextRenderer&) = delete;
    TextRenderer& operator=(const TextRenderer&) = delete;

    // Size of one line of UTF-8 text: advance widths with kerning, and the font's full line height.
    TextSize measure(std::string_view utf8, float sizePx);
    // Distance from the top of the line to the baseline.
    double ascent(float sizePx) const;
    bool hasGlyph(char32_t codepoint) const;

    // Appends one line of text whose line box starts at topLeft (logical pixels).
    void addText(TextBatch& batch, std::string_view utf8, Point topLeft, const TextStyle& style);
    // A solid rectangle (panels, the scale bar).
    void addRect(TextBatch& batch, const Bbox& rect, Rgba fill) const;
    // A filled circle with a rim of `rimPx` in `rim` (the legend's colour dots, drawn like the pins).
    void addDisc(TextBatch& batch, Point centre, float radiusPx, Rgba fill, Rgba rim, float rimPx) const;

    // Draws the batch over whatever `target` holds (nullptr: the default framebuffer), which must be
    // screen.framebufferWidth() x framebufferHeight(). GL state is restored afterwards.
    void draw(const TextBatch& batch, const Viewport& screen, const GlFramebuffer* target = nullptr);

    // The atlas as the GPU sees it (one byte per texel), for tests and debugging.
    int atlasWidth() const;
    int atlasHeight() const;
    const std::vector<uint8_t>& atlasPixels() const;

private:
    struct Font;
    struct Glyph {
        int index = 0;                                      // the font's glyph index
        float advance = 0.0f;                               // atlas pixels
        int atlasX = 0, atlasY = 0, width = 0, height = 0;  // the distance field, 0 x 0 for blanks
        int offsetX = 0, offsetY = 0;  // from the pen position on the baseline to the field's top left
    };

    const Glyph& glyph(char32_t codepoint);
    bool reserveAtlasArea(int width, int height, int& x, int& y);
    void addQuad(TextBatch& batch, const Bbox& rect, float u0, float v0, float u1, float v1, Rgba colour, Rgba halo,
                 float pxPerAtlasPx, float haloPx) const;

    std::unique_ptr<Font> font_;
    std::unordered_map<char32_t, Glyph> glyphs_;
    std::vector<uint8_t> atlas_;
    int shelfX_ = 0, shelfY_ = 0, shelfHeight_ = 0;
    bool atlasDirty_ = true;

    GlTexture texture_;
    GlBuffer vertexBuffer_;
    GlVertexArray vertexArray_;
    GlProgram program_;
    GLint screenPxUniform_ = -1, pixelRatioUniform_ = -1, atlasUniform_ = -1;
};

}  // namespace samenkaart::mapping
