// Text that comes from outside (DBF attributes, command-line arguments, typed input) must be valid
// UTF-8 before it is stored. These helpers check and convert; they never throw.
#pragma once

#include <string>
#include <string_view>

namespace samenkaart {

bool isValidUtf8(std::string_view bytes);

// Decodes Windows-1252 (a superset of Latin-1's printable range) into UTF-8.
std::string cp1252ToUtf8(std::string_view bytes);

// Valid UTF-8 passes through unchanged; anything else is decoded as CP1252.
std::string toUtf8Lenient(std::string_view bytes);

// ASCII letters to lower case (file extensions, field names); other bytes unchanged.
std::string asciiLower(std::string text);

// Trims ASCII whitespace at both ends.
std::string_view trimmed(std::string_view text);

}  // namespace samenkaart
