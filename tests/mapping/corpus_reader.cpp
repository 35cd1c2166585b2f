#include "corpus_reader.hpp"

#include <cpl_error.h>
#include <gdal.h>
#include <ogr_api.h>

#include <memory>
#include <stdexcept>
#include <type_traits>

namespace samenkaart::test_support {

namespace {

Ring readRing(OGRGeometryH ring) {
    Ring out;
    const int n = OGR_G_GetPointCount(ring);
    out.reserve(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i) out.push_back({OGR_G_GetX(ring, i), OGR_G_GetY(ring, i)});
    if (out.size() > 1 && out.front() == out.back()) out.pop_back();
    return out;
}

Polygon readPolygon(OGRGeometryH polygon) {
    Polygon out;
    const int rings = OGR_G_GetGeometryCount(polygon);
    for (int r = 0; r < rings; ++r) out.push_back(readRing(OGR_G_GetGeometryRef(polygon, r)));
    return out;
}

struct DatasetCloser {
    void operator()(void* ds) const { GDALClose(ds); }
};
struct FeatureDestroyer {
    void operator()(OGRFeatureH f) const { OGR_F_Destroy(f); }
};

}  // namespace

std::vector<CorpusFeature> readCorpusPolygons(const std::string& path, bool checkValidity) {
    GDALAllRegister();
    CPLErrorReset();
    std::unique_ptr<void, DatasetCloser> ds(
        GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr));
    if (!ds) throw std::runtime_error("cannot open " + path + ": " + CPLGetLastErrorMsg());
    OGRLayerH layer = GDALDatasetGetLayer(ds.get(), 0);
    if (!layer) throw std::runtime_error(path + " has no layer");

    std::vector<CorpusFeature> features;
    OGR_L_ResetReading(layer);
    while (true) {
        std::unique_ptr<std::remove_pointer_t<OGRFeatureH>, FeatureDestroyer> feature(OGR_L_GetNextFeature(layer));
        if (!feature) break;
        OGRGeometryH geometry = OGR_F_GetGeometryRef(feature.get());
        if (!geometry) continue;
        CorpusFeature out;
        const OGRwkbGeometryType type = wkbFlatten(OGR_G_GetGeometryType(geometry));
        if (type == wkbPolygon) {
            out.geometry.push_back(readPolygon(geometry));
        } else if (type == wkbMultiPolygon) {
            const int parts = OGR_G_GetGeometryCount(geometry);
            for (int i = 0; i < parts; ++i) out.geometry.push_back(readPolygon(OGR_G_GetGeometryRef(geometry, i)));
        } else {
            continue;
        }
        if (checkValidity) {
            CPLPushErrorHandler(CPLQuietErrorHandler);  // GEOS reports "Self-intersection at ..." as a warning
            out.valid = OGR_G_IsValid(geometry) != 0;
            CPLPopErrorHandler();
        }
        features.push_back(std::move(out));
    }
    return features;
}

std::string sharedDataPath(const std::string& relative) {
    // GDAL's virtual file systems take the real path after their prefix.
    const std::string zipPrefix = "/vsizip/";
    if (relative.rfind(zipPrefix, 0) == 0)
        return zipPrefix + SAMENKAART_SHARED_DATA + "/" + relative.substr(zipPrefix.size());
    return std::string(SAMENKAART_SHARED_DATA) + "/" + relative;
}

}  // namespace samenkaart::test_support
