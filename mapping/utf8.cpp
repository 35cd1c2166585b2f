#include "mapping/utf8.hpp"

namespace samenkaart::mapping {

std::u32string decodeUtf8(std::string_view text) {
    std::u32string out;
    out.reserve(text.size());
    size_t i = 0;
    while (i < text.size()) {
        const auto lead = static_cast<unsigned char>(text[i]);
        int length = 0;
        char32_t cp = 0;
        char32_t minimum = 0;
        if (lead < 0x80) {
            out.push_back(lead);
            ++i;
            continue;
        }
        if ((lead & 0xE0) == 0xC0) {
            length = 2, cp = lead & 0x1Fu, minimum = 0x80;
        } else if ((lead & 0xF0) == 0xE0) {
            length = 3, cp = lead & 0x0Fu, minimum = 0x800;
        } else if ((lead & 0xF8) == 0xF0) {
            length = 4, cp = lead & 0x07u, minimum = 0x10000;
        } else {
            out.push_back(kReplacementCharacter);  // a stray continuation byte or an invalid lead byte
            ++i;
            continue;
        }
        int used = 1;
        while (used < length && i + static_cast<size_t>(used) < text.size() &&
               (static_cast<unsigned char>(text[i + static_cast<size_t>(used)]) & 0xC0) == 0x80) {
            cp = (cp << 6) | (static_cast<unsigned char>(text[i + static_cast<size_t>(used)]) & 0x3Fu);
            ++used;
        }
        // Truncated sequences, overlong forms, surrogates and values beyond Unicode are all replaced.
        if (used < length || cp < minimum || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            out.push_back(kReplacementCharacter);
        else
            out.push_back(cp);
        i += static_cast<size_t>(used);
    }
    return out;
}

}  // namespace samenkaart::mapping
