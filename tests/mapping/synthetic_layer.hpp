// Generated polygon layers for tests and benchmarks: a grid of wobbly blobs (some with holes) in RD New
// style coordinates, so results do not depend on files and scale to any size.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "engine/geometry.hpp"

namespace samenkaart::test_support {

struct SyntheticLayerSpec {
    size_t featureCount = 14000;
    size_t verticesPerFeature = 180;  // exterior plus hole, roughly
    double cellSize = 500.0;          // metres between blob centres
    Point corner{100000.0, 400000.0};
    uint32_t seed = 42;
};

// Every third feature has a hole; every seventh is a two-part multipolygon. Blobs never overlap.
std::vector<MultiPolygon> makeSyntheticLayer(const SyntheticLayerSpec& spec);

size_t countVertices(const std::vector<MultiPolygon>& features);

}  // namespace samenkaart::test_support
