#pragma once

namespace samenkaart {

// The version string of this build, e.g. "0.1.0"; written into project files and exports.
const char* engineVersion();

}  // namespace samenkaart
