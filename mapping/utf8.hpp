// Decoding UTF-8 text (names from shapefiles and GeoJSON, category labels) into code points for the glyph
// atlas. Malformed bytes never throw: each becomes U+FFFD, so a damaged name still draws.
#pragma once

#include <string>
#include <string_view>

namespace samenkaart::mapping {

inline constexpr char32_t kReplacementCharacter = 0xFFFD;

std::u32string decodeUtf8(std::string_view text);

}  // namespace samenkaart::mapping
