// The project's neighbourhood boundaries as the map and the statistics need them: id, name,
// geometry in the map CRS, and the source's attributes for the info card.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "engine/geometry.hpp"
#include "engine/project.hpp"

namespace samenkaart {

struct Boundary {
    int64_t fid = 0;
    std::string name;
    MultiPolygon geometry;
    Bbox bounds;
    // The source's own columns, in order, as text (empty values left out).
    std::vector<std::pair<std::string, std::string>> attributes;
};

std::vector<Boundary> loadBoundaries(Project& project);

}  // namespace samenkaart
