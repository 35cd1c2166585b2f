// Pseudonyms for contributor aliases: what leaves the laptop when a project is published. A
// pseudonym is a keyed hash (BLAKE2b, libsodium) of the alias under a key that only the project
// file holds, so it is the same for the same alias within a project, differs between projects,
// and cannot be turned back into the alias by anyone without the key (the server never has it).
#pragma once

#include <string>
#include <string_view>

namespace samenkaart {

// A new random key: 32 bytes as 64 lower-case hex digits.
std::string newPseudonymKey();

// "anon-" followed by 12 hex digits (48 bits: unique among the few hundred aliases of a project).
// Throws Error when keyHex is not a key newPseudonymKey made.
std::string pseudonym(std::string_view keyHex, std::string_view alias);

}  // namespace samenkaart
