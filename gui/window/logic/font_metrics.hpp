// What a TrueType font's own tables say about its size, so text can be sized as people measure it.
// ImGui (stb_truetype's ScaleForPixelHeight) sizes a font by its ascender-to-descender height, which
// for DejaVu Sans is 1.16 em: "18 px" there is a 15.5 px font as CSS and WCAG count it (the em), with
// capitals 11 px tall. The window asks for its body text by the em instead (kBodyTextEmPx).
#pragma once

#include <optional>
#include <string>

namespace samenkaart::gui {

// Body text at UI scale 1.0, in pixels per em (CSS font-size).
inline constexpr float kBodyTextEmPx = 18.0f;

struct FontMetrics {
    int unitsPerEm = 0;  // head
    int ascender = 0;    // hhea, what stb_truetype scales by
    int descender = 0;   // hhea, negative
    int capHeight = 0;   // OS/2 (version 2 and later); 0 when the font does not say
    int xHeight = 0;     // OS/2 (version 2 and later); 0 when the font does not say
};

// Reads the head, hhea and OS/2 tables of a .ttf; nullopt when it is not a readable TrueType file.
std::optional<FontMetrics> readFontMetrics(const std::string& path);

// The size to give ImGui (AddFontFromFileTTF's size_pixels) for `emPx` pixels per em.
float imguiSizeForEm(const FontMetrics& m, float emPx);
// What an ImGui size gives: pixels per em, and the height of capitals and of an x.
float emForImguiSize(const FontMetrics& m, float imguiSize);
float capHeightPx(const FontMetrics& m, float emPx);
float xHeightPx(const FontMetrics& m, float emPx);

}  // namespace samenkaart::gui
