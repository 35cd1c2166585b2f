#pragma once

#include <string>

namespace samenkaart {

// Current time as ISO 8601 UTC with milliseconds, e.g. "2026-11-22T19:03:12.481Z". Sorts as text.
std::string nowIso8601();

// A random (version 4) UUID in lower-case text form.
std::string newUuid();

}  // namespace samenkaart
