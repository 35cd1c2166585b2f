// Writes small vector files for import tests with GDAL, so each test states its own edge case.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace samenkaart::test {

struct TestFeature {
    std::string wkt;   // geometry as WKT ("" for a null geometry)
    std::string name;  // raw bytes, written without recoding
    long long inwoners = 0;
};

// Writes PATH (.shp or .geojson by extension). epsg 0 writes no .prj. encoding: the DBF code page
// written in its header and .cpg ("UTF-8", "CP1252", or "" for none).
void writeVectorFile(const std::string& path, const std::vector<TestFeature>& features, int epsg,
                     const std::string& encoding = "UTF-8", const std::string& geometryType = "polygon");

}  // namespace samenkaart::test
