#include "engine/engine_version.hpp"

namespace samenkaart {

const char* engineVersion() { return SAMENKAART_VERSION; }

}  // namespace samenkaart
