#include "gui/window/logic/font_metrics.hpp"

#include <cstdint>
#include <fstream>
#include <iterator>
#include <vector>

namespace samenkaart::gui {
namespace {

uint32_t u32(const std::vector<unsigned char>& d, size_t at) {
    return (uint32_t{d[at]} << 24) | (uint32_t{d[at + 1]} << 16) | (uint32_t{d[at + 2]} << 8) | uint32_t{d[at + 3]};
}
uint16_t u16(const std::vector<unsigned char>& d, size_t at) { return static_cast<uint16_t>((d[at] << 8) | d[at + 1]); }
int16_t s16(const std::vector<unsigned char>& d, size_t at) { return static_cast<int16_t>(u16(d, at)); }

}  // namespace

std::optional<FontMetrics> readFontMetrics(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    const std::vector<unsigned char> d((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (d.size() < 12) return std::nullopt;
    const size_t tables = u16(d, 4);
    if (d.size() < 12 + tables * 16) return std::nullopt;
    size_t head = 0, hhea = 0, os2 = 0, os2Length = 0;
    for (size_t i = 0; i < tables; ++i) {
        const size_t entry = 12 + i * 16;
        const uint32_t tag = u32(d, entry), offset = u32(d, entry + 8), length = u32(d, entry + 12);
        if (static_cast<size_t>(offset) + length > d.size()) return std::nullopt;
        if (tag == 0x68656164 && length >= 54) head = offset;     // 'head'
        if (tag == 0x68686561 && length >= 36) hhea = offset;     // 'hhea'
        if (tag == 0x4F532F32) os2 = offset, os2Length = length;  // 'OS/2'
    }
    if (!head || !hhea) return std::nullopt;
    FontMetrics m;
    m.unitsPerEm = u16(d, head + 18);
    m.ascender = s16(d, hhea + 4);
    m.descender = s16(d, hhea + 6);
    if (os2 && os2Length >= 90 && u16(d, os2) >= 2) {
        m.xHeight = s16(d, os2 + 86);
        m.capHeight = s16(d, os2 + 88);
    }
    if (m.unitsPerEm <= 0 || m.ascender - m.descender <= 0) return std::nullopt;
    return m;
}

float imguiSizeForEm(const FontMetrics& m, float emPx) {
    return emPx * static_cast<float>(m.ascender - m.descender) / static_cast<float>(m.unitsPerEm);
}

float emForImguiSize(const FontMetrics& m, float imguiSize) {
    return imguiSize * static_cast<float>(m.unitsPerEm) / static_cast<float>(m.ascender - m.descender);
}

float capHeightPx(const FontMetrics& m, float emPx) {
    return emPx * static_cast<float>(m.capHeight) / static_cast<float>(m.unitsPerEm);
}

float xHeightPx(const FontMetrics& m, float emPx) {
    return emPx * static_cast<float>(m.xHeight) / static_cast<float>(m.unitsPerEm);
}

}  // namespace samenkaart::gui
