// Reads the polygons of a shared-corpus vector file with GDAL's C API. Test and benchmark support only:
// the mapping library itself never reads files.
#pragma once

#include <string>
#include <vector>

#include "engine/geometry.hpp"

namespace samenkaart::test_support {

struct CorpusFeature {
    MultiPolygon geometry;
    bool valid = true;  // GEOS validity as reported by OGR (true when GDAL cannot tell)
};

// Every polygon / multipolygon feature of the first layer; closing points are dropped. Throws
// std::runtime_error with GDAL's message when the file cannot be opened.
std::vector<CorpusFeature> readCorpusPolygons(const std::string& path, bool checkValidity = false);

// Path of a file under the shared data folder (SAMENKAART_SHARED_DATA, set by CMake).
std::string sharedDataPath(const std::string& relative);

}  // namespace samenkaart::test_support
