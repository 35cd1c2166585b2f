#include <gtest/gtest.h>

#include "engine/context_layers.hpp"
#include "engine/error.hpp"
#include "tests/engine/engine_fixture.hpp"

using namespace samenkaart;

namespace {

const std::string kSample = std::string(SAMENKAART_SOURCE_DIR) + "/assets/sample/";
// De Vlinderhof lies within this box in RD New (assets/sample/README.md).
const Bbox kWijk{154000, 462500, 159000, 467000};

}  // namespace

TEST(ContextLayers, StoreKeepsOrderVisibilityAndOpacity) {
    auto p = test::makeEmptyRdProject("ctx-store");
    ContextLayerStore store(p->db());
    const int64_t streets = store.add(kSample + "straten.geojson");
    const int64_t basemap = store.add(kSample + "basemap.tif", std::nullopt, std::string("Ondergrond"));
    auto layers = store.list();
    ASSERT_EQ(layers.size(), 2u);
    EXPECT_EQ(layers[0].kind, ContextKind::Vector);
    EXPECT_EQ(layers[1].kind, ContextKind::Raster);
    EXPECT_EQ(layers[1].title, "Ondergrond");
    store.move(basemap, -1);  // the image goes under the streets
    EXPECT_EQ(store.list()[0].id, basemap);
    store.move(basemap, -1);  // already at the bottom: nothing happens
    EXPECT_EQ(store.list()[0].id, basemap);
    store.setVisible(streets, false);
    store.setOpacity(streets, 1.7f);  // clamped
    EXPECT_FALSE(store.list()[1].visible);
    EXPECT_FLOAT_EQ(store.list()[1].opacity, 1.0f);
    store.remove(streets);
    EXPECT_EQ(store.list().size(), 1u);
    EXPECT_THROW(store.remove(streets), Error);
    EXPECT_THROW(store.add(kSample + "bestaat-niet.shp"), Error);
}

TEST(ContextLayers, VectorSourceIsReadIntoTheMapCrs) {
    ContextLayer streets;
    streets.source = kSample + "straten.geojson";
    VectorContextData d = readVectorContext(streets, "EPSG:28992");
    EXPECT_GT(d.lines.size(), 30u);
    EXPECT_TRUE(d.polygons.empty());
    EXPECT_TRUE(kWijk.contains(d.extent.center()));
    ContextLayer places;
    places.source = kSample + "plekken.geojson";
    VectorContextData p = readVectorContext(places, "EPSG:28992");
    EXPECT_EQ(p.points.size(), 12u);
    // The same places in WGS 84 land near Amersfoort.
    VectorContextData ll = readVectorContext(places, "EPSG:4326");
    EXPECT_NEAR(ll.extent.center().x, 5.4, 0.1);
    EXPECT_NEAR(ll.extent.center().y, 52.16, 0.1);
}

TEST(ContextLayers, RasterIsWarpedToTheMapCrsWithTransparentCorners) {
    ContextLayer basemap;
    basemap.source = kSample + "basemap.tif";
    RasterContextData rd = readRasterContext(basemap, "EPSG:28992", 512);
    EXPECT_EQ(std::max(rd.width, rd.height), 512);
    EXPECT_EQ(rd.rgba.size(), static_cast<size_t>(rd.width) * static_cast<size_t>(rd.height) * 4);
    EXPECT_TRUE(kWijk.contains(rd.bounds.center()));
    // Warped into UTM the image turns slightly: corners outside it are transparent, the centre is not.
    RasterContextData utm = readRasterContext(basemap, "EPSG:32631", 256);
    const size_t centre = (static_cast<size_t>(utm.height / 2) * static_cast<size_t>(utm.width) + utm.width / 2) * 4;
    EXPECT_EQ(utm.rgba[centre + 3], 255);
    EXPECT_EQ(utm.rgba[3], 0) << "top-left corner should be outside the turned image";
}

TEST(ContextLayers, ImageWithoutGeoreferenceIsRefusedClearly) {
    // A plain PNG (no world file): it cannot be placed.
    ContextLayer png;
    png.source = std::string(SAMENKAART_SOURCE_DIR) + "/docs/images/samenkaart-sample.png";
    png.kind = ContextKind::Raster;
    try {
        readRasterContext(png, "EPSG:28992");
        FAIL() << "placed an image that has no coordinates";
    } catch (const Error& e) {
        EXPECT_NE(e.cause().find("not georeferenced"), std::string::npos) << e.cause();
    }
}

TEST(ContextLayers, SchemaOneFilesAreMigrated) {
    const std::string dir = test::makeTempDir("ctx-migrate");
    const std::string path = dir + "/p.sqlite";
    {
        auto p = Project::createEmpty(path, describeCrs("EPSG:28992"));
        p->db().exec("DROP TABLE context_layers; PRAGMA user_version = 1;");  // as written by schema 1
    }
    auto p = Project::open(path);
    EXPECT_EQ(p->db().queryInt("PRAGMA user_version"), 2);
    EXPECT_NO_THROW(ContextLayerStore(p->db()).add(kSample + "straten.geojson"));
}
