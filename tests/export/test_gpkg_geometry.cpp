// The export's direct geometry paths: SpatiaLite blobs read without AsBinary(), and GeoPackage
// geometry blobs written without GDAL. Both are checked against the libraries they replace.
#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <ogrsf_frmts.h>

#include <random>
#include <string>
#include <vector>

#include "engine/gdal_support.hpp"
#include "engine/gpkg_geometry.hpp"
#include "engine/sqlite_db.hpp"
#include "engine/wkb.hpp"
#include "tests/support/cli_runner.hpp"

using namespace samenkaart;

namespace {

const std::vector<std::string> kShapes = {
    "POLYGON((0 0, 10 0, 10 10, 0 10, 0 0))",
    "POLYGON((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 2 4, 4 4, 4 2, 2 2), (6 6, 6 8, 8 8, 6 6))",
    "MULTIPOLYGON(((0 0, 1 0, 1 1, 0 0)), ((5 5, 9 5, 9 9, 5 9, 5 5), (6 6, 6 7, 7 7, 6 6)))",
    "MULTIPOLYGON(((155000.125 463000.5, 155100.75 463000.5, 155100.75 463200.25, 155000.125 463000.5)))",
};

std::vector<uint8_t> blobOf(Database& db, const std::string& sql) {
    Statement st(db, sql);
    EXPECT_TRUE(st.step()) << sql;
    return st.columnBlob(0);
}

std::optional<MultiPolygon> viaAsBinary(Database& db, const std::vector<uint8_t>& blob) {
    Statement st(db, "SELECT AsBinary(?1)");
    st.bindBlob(1, blob.data(), blob.size());
    EXPECT_TRUE(st.step());
    auto [wkb, size] = st.columnBlobView(0);
    return multiPolygonFromWkb(wkb, size);
}

}  // namespace

TEST(SpatialiteBlob, ReadsWhatAsBinaryReadsInEveryCoordinateLayout) {
    const std::string dir = test::makeTempDir("spatialite_blob");
    Database db(dir + "/blobs.sqlite", Database::Mode::ReadWriteCreate);
    for (const std::string& wkt : kShapes) {
        const std::string g = "GeomFromText('" + wkt + "', 28992)";
        for (const std::string& sql : {"SELECT " + g, "SELECT CastToXYZ(" + g + ")", "SELECT CastToXYM(" + g + ")",
                                       "SELECT CastToXYZM(" + g + ")", "SELECT CastToMultiPolygon(" + g + ")"}) {
            const std::vector<uint8_t> blob = blobOf(db, sql);
            const auto direct = multiPolygonFromSpatialite(blob.data(), blob.size());
            const auto expected = viaAsBinary(db, blob);
            ASSERT_TRUE(expected) << sql;
            ASSERT_TRUE(direct) << sql;
            EXPECT_EQ(*direct, *expected) << sql;
        }
    }
}

TEST(SpatialiteBlob, DeclinesWhatItDoesNotReadAndNeverOverruns) {
    const std::string dir = test::makeTempDir("spatialite_blob_bad");
    Database db(dir + "/blobs.sqlite", Database::Mode::ReadWriteCreate);
    // Compressed geometries and other classes go back to AsBinary().
    for (const std::string& sql : {std::string("SELECT CompressGeometry(GeomFromText('") + kShapes[1] + "', 28992))",
                                   std::string("SELECT GeomFromText('POINT(1 2)', 28992)"),
                                   std::string("SELECT GeomFromText('LINESTRING(1 2, 3 4)', 28992)")}) {
        const std::vector<uint8_t> blob = blobOf(db, sql);
        EXPECT_FALSE(multiPolygonFromSpatialite(blob.data(), blob.size())) << sql;
    }
    EXPECT_FALSE(multiPolygonFromSpatialite(nullptr, 0));
    // Every truncation and random damage of a real blob: a clean "no", never a read past the end
    // (the AddressSanitizer build runs this too).
    const std::vector<uint8_t> good = blobOf(db, "SELECT GeomFromText('" + kShapes[2] + "', 28992)");
    for (size_t n = 0; n < good.size(); ++n) {
        std::vector<uint8_t> cut(good.begin(), good.begin() + static_cast<std::ptrdiff_t>(n));
        EXPECT_FALSE(multiPolygonFromSpatialite(cut.data(), cut.size())) << n;
    }
    std::mt19937 rng(7);
    for (int i = 0; i < 2000; ++i) {
        std::vector<uint8_t> bad = good;
        bad[rng() % bad.size()] = static_cast<uint8_t>(rng());
        (void)multiPolygonFromSpatialite(bad.data(), bad.size());
    }
}

// What GDAL's GeoPackage driver stores for a geometry, read back with SQLite.
std::vector<std::vector<uint8_t>> gdalBlobs(const std::string& dir, OGRwkbGeometryType type,
                                            const std::vector<std::string>& wkts) {
    ensureGdalRegistered();
    const std::string path = dir + "/gdal.gpkg";
    {
        GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GPKG");
        GDALDataset* ds = driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr);
        OGRSpatialReference srs;
        srs.importFromEPSG(28992);
        OGRLayer* layer = ds->CreateLayer("t", &srs, type, nullptr);
        for (const std::string& wkt : wkts) {
            OGRFeature f(layer->GetLayerDefn());
            OGRGeometry* g = nullptr;
            OGRGeometryFactory::createFromWkt(wkt.c_str(), nullptr, &g);
            f.SetGeometryDirectly(OGRGeometryFactory::forceTo(g, type));
            EXPECT_EQ(layer->CreateFeature(&f), OGRERR_NONE);
        }
        GDALClose(ds);
    }
    Database db(path, Database::Mode::PlainReadWrite);
    Statement st(db, "SELECT geom FROM t ORDER BY fid");
    std::vector<std::vector<uint8_t>> out;
    while (st.step()) out.push_back(st.columnBlob(0));
    return out;
}

TEST(GpkgGeometry, MultiPolygonsAreByteForByteWhatGdalWrites) {
    const std::string dir = test::makeTempDir("gpkg_geometry_polygons");
    const auto expected = gdalBlobs(dir, wkbMultiPolygon, kShapes);
    ASSERT_EQ(expected.size(), kShapes.size());
    for (size_t i = 0; i < kShapes.size(); ++i) {
        OGRGeometry* g = nullptr;
        OGRGeometryFactory::createFromWkt(kShapes[i].c_str(), nullptr, &g);
        std::vector<uint8_t> wkb(static_cast<size_t>(g->WkbSize()));
        g->exportToWkb(wkbNDR, wkb.data(), wkbVariantIso);
        OGRGeometryFactory::destroyGeometry(g);
        const MultiPolygon mp = *multiPolygonFromWkb(wkb.data(), wkb.size());
        std::vector<uint8_t> blob;
        appendGpkgMultiPolygon(blob, 28992, mp, bboxOf(mp));
        EXPECT_EQ(blob, expected[i]) << kShapes[i];
    }
}

TEST(GpkgGeometry, PointsAreByteForByteWhatGdalWrites) {
    const std::string dir = test::makeTempDir("gpkg_geometry_points");
    const std::vector<Point> points = {{1, 2}, {155000.125, 463000.5}, {-0.5, 1e-300}};
    std::vector<std::string> wkts;
    for (const Point& p : points) {
        char buf[96];
        std::snprintf(buf, sizeof buf, "POINT(%.17g %.17g)", p.x, p.y);
        wkts.push_back(buf);
    }
    const auto expected = gdalBlobs(dir, wkbPoint, wkts);
    ASSERT_EQ(expected.size(), points.size());
    for (size_t i = 0; i < points.size(); ++i) {
        std::vector<uint8_t> blob;
        appendGpkgPoint(blob, 28992, points[i]);
        EXPECT_EQ(blob.size(), kGpkgPointBytes);
        EXPECT_EQ(blob, expected[i]) << wkts[i];
    }
}
