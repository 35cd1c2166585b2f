#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "engine/crs.hpp"
#include "engine/error.hpp"

using namespace samenkaart;

TEST(Crs, DescribesRdNew) {
    CrsDescription d = describeCrs("EPSG:28992");
    EXPECT_EQ(d.epsg, 28992);
    EXPECT_TRUE(d.projected);
    EXPECT_FALSE(d.geographic);
    EXPECT_NE(d.name.find("RD New"), std::string::npos);
    EXPECT_NE(d.wkt.find("PROJCS"), std::string::npos);
}

TEST(Crs, IdentifiesEpsgFromWktWithoutAnId) {
    // A .prj as ArcGIS writes it: WKT 1 with no AUTHORITY nodes.
    const std::string prj =
        R"(PROJCS["RD_New",GEOGCS["GCS_Amersfoort",DATUM["D_Amersfoort",SPHEROID["Bessel_1841",6377397.155,299.1528128]],)"
        R"(PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Double_Stereographic"],)"
        R"(PARAMETER["False_Easting",155000.0],PARAMETER["False_Northing",463000.0],PARAMETER["Central_Meridian",5.38763888888889],)"
        R"(PARAMETER["Scale_Factor",0.9999079],PARAMETER["Latitude_Of_Origin",52.15616055555555],UNIT["Meter",1.0]])";
    EXPECT_EQ(describeCrs(prj).epsg, 28992);
}

TEST(Crs, RejectsNonsense) { EXPECT_THROW(describeCrs("EPSG:99999999"), Error); }

TEST(Crs, SuggestsRdInsideTheNetherlandsAndUtmElsewhere) {
    EXPECT_EQ(suggestedProjectedEpsg({5.0, 52.0, 5.2, 52.1}), 28992);
    EXPECT_EQ(suggestedProjectedEpsg({-71.2, 42.2, -70.9, 42.5}), 32619);    // Boston
    EXPECT_EQ(suggestedProjectedEpsg({151.0, -34.0, 151.3, -33.8}), 32756);  // Sydney
    EXPECT_EQ(suggestedProjectedEpsg({-180.0, -90.0, 180.0, 83.6}), 6933);   // the world
}

TEST(Crs, LonLatDetection) {
    EXPECT_TRUE(couldBeLonLat({4.0, 51.0, 6.0, 53.0}));
    EXPECT_FALSE(couldBeLonLat({155000, 463000, 156000, 464000}));
    EXPECT_FALSE(couldBeLonLat({}));
    EXPECT_TRUE(couldBeLonLat({-180.0, -90.0, 180.000002, 83.57}));  // TM_WORLD_BORDERS' header
}

TEST(Crs, TransformsRdOriginToAmersfoortLonLat) {
    CoordinateTransform t("EPSG:28992", "EPSG:4326");
    auto ll = t.forward({155000.0, 463000.0});
    ASSERT_TRUE(ll);
    EXPECT_NEAR(ll->x, 5.38720621, 1e-5);  // Onze Lieve Vrouwetoren, Amersfoort
    EXPECT_NEAR(ll->y, 52.15517440, 1e-5);
    auto back = t.inverse(*ll);
    ASSERT_TRUE(back);
    EXPECT_NEAR(back->x, 155000.0, 1e-3);
    EXPECT_NEAR(back->y, 463000.0, 1e-3);
}

// A planar area divided by the areal scale is the true area: RD New shrinks areas a little near its
// origin (scale factor 0.9999079, squared), Web Mercator blows them up by about 1/cos²(latitude), an
// equal-area projection not at all; degrees have no areas.
TEST(Crs, ArealScalesOfProjectionsPeopleUse) {
    const std::vector<double> rd = arealScales("EPSG:28992", {{155000.0, 463000.0}, {100000.0, 400000.0}});
    ASSERT_EQ(rd.size(), 2u);
    EXPECT_NEAR(rd[0], 0.9999079 * 0.9999079, 1e-6);
    EXPECT_GT(rd[1], rd[0]);  // farther from the origin the plane grows
    EXPECT_LT(rd[1], 1.0005);
    // Amsterdam in Web Mercator: x = 4.9 degrees, y at 52.37 degrees north.
    const double y = 6378137.0 * std::log(std::tan(std::numbers::pi / 4 + 52.37 * std::numbers::pi / 360));
    const std::vector<double> mercator = arealScales("EPSG:3857", {{545465.0, y}});
    const double secant = 1.0 / std::cos(52.37 * std::numbers::pi / 180);
    EXPECT_NEAR(mercator[0], secant * secant, 0.02);
    EXPECT_NEAR(arealScales("EPSG:6933", {{500000.0, 5000000.0}})[0], 1.0, 1e-9);
    EXPECT_THROW(arealScales("EPSG:4326", {{5.0, 52.0}}), Error);
    EXPECT_TRUE(arealScales("EPSG:28992", {}).empty());
    // The linear scale: the square root, for distances on the ground (the density's radius).
    EXPECT_NEAR(mapUnitsPerMetre("EPSG:28992", {155000.0, 463000.0}), 0.9999079, 1e-6);
    EXPECT_NEAR(mapUnitsPerMetre("EPSG:3857", {545465.0, y}), secant, 0.01);
    EXPECT_THROW(mapUnitsPerMetre("EPSG:4326", {5.0, 52.0}), Error);
    EXPECT_THROW(mapUnitsPerMetre("EPSG:3857", {std::nan(""), 0.0}), Error);
}
