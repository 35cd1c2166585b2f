#include "tests/cli/shapefile_writer.hpp"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <stdexcept>

namespace samenkaart::test {

void writeVectorFile(const std::string& path, const std::vector<TestFeature>& features, int epsg,
                     const std::string& encoding, const std::string& geometryType) {
    GDALAllRegister();
    const bool geojson = path.size() > 8 && path.substr(path.size() - 8) == ".geojson";
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName(geojson ? "GeoJSON" : "ESRI Shapefile");
    GDALDataset* ds = driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr);
    if (!ds) throw std::runtime_error("cannot create " + path);
    OGRSpatialReference srs;
    OGRSpatialReference* srsPtr = nullptr;
    if (epsg) {
        srs.importFromEPSG(epsg);
        srsPtr = &srs;
    }
    char** options = nullptr;
    if (!geojson) options = CSLSetNameValue(options, "ENCODING", encoding.c_str());
    const OGRwkbGeometryType type = geometryType == "line"    ? wkbLineString
                                    : geometryType == "point" ? wkbPoint
                                                              : wkbPolygon;
    OGRLayer* layer = ds->CreateLayer("buurten", srsPtr, type, options);
    CSLDestroy(options);
    OGRFieldDefn name("buurtnaam", OFTString);
    name.SetWidth(80);
    layer->CreateField(&name);
    OGRFieldDefn inwoners("inwoners", OFTInteger);
    layer->CreateField(&inwoners);
    for (const TestFeature& f : features) {
        OGRFeature feature(layer->GetLayerDefn());
        feature.SetField("buurtnaam", f.name.c_str());
        feature.SetField("inwoners", static_cast<int>(f.inwoners));
        if (!f.wkt.empty()) {
            OGRGeometry* g = nullptr;
            OGRGeometryFactory::createFromWkt(f.wkt.c_str(), nullptr, &g);
            feature.SetGeometryDirectly(g);
        }
        if (layer->CreateFeature(&feature) != OGRERR_NONE) throw std::runtime_error("cannot write to " + path);
    }
    GDALClose(ds);
}

}  // namespace samenkaart::test
