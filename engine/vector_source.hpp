// Opens any GDAL vector source the way a facilitator hands it to us: a shapefile (with or without
// its .shx, with a .cpg GDAL does not know), a zip (also with the data in a sub-folder), a
// GeoPackage, GeoJSON or a /vsi path. Problems become one Error naming the file and the cause.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

class GDALDataset;
class OGRLayer;

namespace samenkaart {

class VectorSource {
public:
    // Throws Error(path, cause) when nothing readable is there.
    static std::unique_ptr<VectorSource> open(const std::string& path);
    ~VectorSource();
    VectorSource(const VectorSource&) = delete;  // it owns the dataset
    VectorSource& operator=(const VectorSource&) = delete;

    GDALDataset& dataset() { return *dataset_; }
    const std::string& path() const { return userPath_; }
    // Notes about repairs or guesses made while opening (missing .shx rebuilt, code page guessed).
    const std::vector<std::string>& warnings() const { return warnings_; }

    // The layer called `name`, or when none is given the only layer, or the first layer whose
    // features satisfy `preferred` (e.g. polygons), noting the others in warnings(). Throws Error.
    OGRLayer& layer(const std::optional<std::string>& name, bool (*preferred)(OGRLayer&));

private:
    VectorSource() = default;
    std::string userPath_;
    std::string memoryDir_;  // /vsimem/ copy used to rebuild a missing .shx
    GDALDataset* dataset_ = nullptr;
    std::vector<std::string> warnings_;
};

// The ENCODING open option GDAL should use for a .cpg text such as "ANSI 1250" or "1252";
// empty when the text names no code page.
std::string encodingFromCpg(const std::string& cpgText);

}  // namespace samenkaart
