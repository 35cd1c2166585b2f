#include "mapping/viewport.hpp"
