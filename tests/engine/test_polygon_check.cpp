// The cheap validity proof must never call a polygon valid that GEOS calls invalid, and it must
// prove the ordinary shapes of a neighbourhood layer (or the import gains nothing).
#include <gdal.h>
#include <gtest/gtest.h>
#include <ogr_geometry.h>
#include <ogrsf_frmts.h>

#include <cmath>
#include <filesystem>
#include <memory>
#include <random>
#include <string>

#include "engine/polygon_check.hpp"

namespace samenkaart {
namespace {

std::unique_ptr<OGRMultiPolygon> multiFromWkt(const std::string& wkt) {
    OGRGeometry* g = nullptr;
    EXPECT_EQ(OGRGeometryFactory::createFromWkt(wkt.c_str(), nullptr, &g), OGRERR_NONE) << wkt;
    std::unique_ptr<OGRGeometry> owned(g);
    auto multi = std::make_unique<OGRMultiPolygon>();
    if (wkbFlatten(owned->getGeometryType()) == wkbPolygon)
        multi->addGeometry(owned.get());
    else
        for (const OGRGeometry* part : *owned->toMultiPolygon()) multi->addGeometry(part);
    return multi;
}

struct Case {
    const char* what;
    const char* wkt;
    bool provable;  // an ordinary valid shape the fast path must prove
};

class PolygonCheckCase : public ::testing::TestWithParam<Case> {};

// GEOS explains each invalid shape on GDAL's error channel; the tests compare answers instead.
struct QuietGdal {
    QuietGdal() { CPLPushErrorHandler(CPLQuietErrorHandler); }
    ~QuietGdal() { CPLPopErrorHandler(); }
};

TEST_P(PolygonCheckCase, AgreesWithGeos) {
    const QuietGdal quiet;
    const Case& c = GetParam();
    auto multi = multiFromWkt(c.wkt);
    const bool fast = isCertainlyValid(*multi);
    const bool geos = multi->IsValid();
    if (fast) {
        EXPECT_TRUE(geos) << c.what << ": proved valid, but GEOS says invalid";
    }
    if (c.provable) {
        EXPECT_TRUE(geos) << c.what;
        EXPECT_TRUE(fast) << c.what << ": an ordinary valid shape was not proved";
    }
}

const Case kCases[] = {
    {"square", "POLYGON((0 0,10 0,10 10,0 10,0 0))", true},
    {"clockwise square", "POLYGON((0 0,0 10,10 10,10 0,0 0))", true},
    {"collinear vertices along an edge", "POLYGON((0 0,5 0,10 0,10 5,10 10,0 10,0 0))", true},
    {"repeated vertices", "POLYGON((0 0,10 0,10 0,10 10,0 10,0 10,0 0))", true},
    {"RD coordinates", "POLYGON((155000.123 463000.456,155100.5 463000.25,155100.75 463100.5,155000.123 463000.456))",
     true},
    {"square with a hole", "POLYGON((0 0,10 0,10 10,0 10,0 0),(2 2,2 8,8 8,8 2,2 2))", true},
    {"two holes", "POLYGON((0 0,10 0,10 10,0 10,0 0),(1 1,1 4,4 4,4 1,1 1),(6 6,6 9,9 9,9 6,6 6))", true},
    {"two parts", "MULTIPOLYGON(((0 0,1 0,1 1,0 1,0 0)),((2 0,3 0,3 1,2 1,2 0)))", true},
    {"island in a lake", "MULTIPOLYGON(((0 0,10 0,10 10,0 10,0 0),(2 2,2 8,8 8,8 2,2 2)),((4 4,6 4,6 6,4 6,4 4)))",
     true},
    {"bow tie", "POLYGON((0 0,10 10,10 0,0 10,0 0))", false},
    {"spike", "POLYGON((0 0,10 0,10 10,5 10,5 15,5 10,0 10,0 0))", false},
    {"ring touching itself at a vertex", "POLYGON((0 0,10 0,5 5,10 10,0 10,5 5,0 0))", false},
    {"vertex on an edge", "POLYGON((0 0,10 0,10 10,5 0,0 10,0 0))", false},
    {"hole outside the shell", "POLYGON((0 0,10 0,10 10,0 10,0 0),(20 20,20 25,25 25,25 20,20 20))", false},
    {"hole crossing the shell", "POLYGON((0 0,10 0,10 10,0 10,0 0),(5 5,5 15,15 15,15 5,5 5))", false},
    {"hole touching the shell", "POLYGON((0 0,10 0,10 10,0 10,0 0),(0 5,5 8,5 2,0 5))", false},
    {"hole inside a hole", "POLYGON((0 0,10 0,10 10,0 10,0 0),(1 1,1 9,9 9,9 1,1 1),(3 3,3 6,6 6,6 3,3 3))", false},
    {"overlapping parts", "MULTIPOLYGON(((0 0,10 0,10 10,0 10,0 0)),((5 5,15 5,15 15,5 15,5 5)))", false},
    {"part inside another part", "MULTIPOLYGON(((0 0,10 0,10 10,0 10,0 0)),((4 4,6 4,6 6,4 6,4 4)))", false},
    {"parts sharing an edge", "MULTIPOLYGON(((0 0,1 0,1 1,0 1,0 0)),((1 0,2 0,2 1,1 1,1 0)))", false},
    {"collapsed to a line", "POLYGON((0 0,10 0,5 0,0 0))", false},
    {"too few points", "POLYGON((0 0,10 0,0 0))", false},
    {"almost collinear crossing", "POLYGON((0 0,1e9 1,1e9 0,0 1e-7,0 0))", false},
};

INSTANTIATE_TEST_SUITE_P(Shapes, PolygonCheckCase, ::testing::ValuesIn(kCases));

TEST(PolygonCheck, UnclosedOrNonFiniteRingsAreLeftToGeos) {
    const Point open[] = {{0, 0}, {10, 0}, {10, 10}, {0, 10}};
    const Point nan[] = {{0, 0}, {10, 0}, {NAN, 10}, {0, 10}, {0, 0}};
    const ClosedRingView a[] = {ClosedRingView(open)};
    const ClosedRingView b[] = {ClosedRingView(nan)};
    EXPECT_FALSE(isCertainlyValid(a));
    EXPECT_FALSE(isCertainlyValid(b));
}

// Random rings: star-shaped ones (sorted by angle) are simple; shuffled ones mostly cross.
TEST(PolygonCheck, RandomRingsNeverDisagreeWithGeos) {
    const QuietGdal quiet;
    std::mt19937 rng(20261122);
    std::uniform_real_distribution<double> angle(0.0, 2.0 * M_PI), radius(0.2, 1.0);
    int starProved = 0, stars = 0, checked = 0;
    for (int round = 0; round < 600; ++round) {
        const int n = round % 7 == 1 ? 150 + round % 150 : 3 + round % 40;  // some long, noisy rings
        std::vector<std::pair<double, double>> polar;
        for (int i = 0; i < n; ++i) polar.push_back({angle(rng), radius(rng)});
        const bool star = round % 3 != 0;
        if (star) std::sort(polar.begin(), polar.end());
        OGRLinearRing ring;
        for (auto [a, r] : polar) ring.addPoint(150000.0 + 500.0 * r * std::cos(a), 450000.0 + 500.0 * r * std::sin(a));
        ring.closeRings();
        OGRPolygon poly;
        poly.addRing(&ring);
        if (round % 5 == 0) {  // a small hole near the centre, inside every star
            OGRLinearRing hole;
            for (double a : {0.0, 2.0, 4.0})
                hole.addPoint(150000.0 + 20.0 * std::cos(a), 450000.0 + 20.0 * std::sin(a));
            hole.closeRings();
            poly.addRing(&hole);
        }
        OGRMultiPolygon multi;
        multi.addGeometry(&poly);
        const bool fast = isCertainlyValid(multi);
        const bool geos = multi.IsValid();
        ++checked;
        if (fast) {
            ASSERT_TRUE(geos) << "proved valid but invalid: " << multi.exportToWkt();
        }
        if (star && geos) {
            ++stars;
            starProved += fast ? 1 : 0;
        }
    }
    EXPECT_EQ(checked, 600);
    EXPECT_GT(stars, 300);
    EXPECT_GE(starProved * 100, stars * 95) << starProved << " of " << stars << " valid stars proved";
}

// Two random stars as one multipolygon: apart (valid), overlapping or one inside the other (not).
TEST(PolygonCheck, RandomMultipolygonsNeverDisagreeWithGeos) {
    const QuietGdal quiet;
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> angle(0.0, 2.0 * M_PI), radius(0.3, 1.0), offset(0.0, 2.5);
    auto star = [&](double cx, double cy, double scale) {
        std::vector<double> angles(5 + rng() % 60);
        for (double& a : angles) a = angle(rng);
        std::sort(angles.begin(), angles.end());
        OGRLinearRing ring;
        for (double a : angles) {
            const double r = scale * radius(rng);
            ring.addPoint(cx + r * std::cos(a), cy + r * std::sin(a));
        }
        ring.closeRings();
        auto poly = std::make_unique<OGRPolygon>();
        poly->addRing(&ring);
        return poly;
    };
    int apartProved = 0, apart = 0;
    for (int round = 0; round < 400; ++round) {
        OGRMultiPolygon multi;
        multi.addGeometryDirectly(star(0, 0, 1.0).release());
        const double dx = offset(rng);
        multi.addGeometryDirectly(star(dx, 0.1, round % 4 == 0 ? 0.2 : 1.0).release());
        const bool fast = isCertainlyValid(multi);
        const bool geos = multi.IsValid();
        if (fast) {
            ASSERT_TRUE(geos) << "proved valid but invalid: " << multi.exportToWkt();
        }
        if (dx > 2.05) {  // the stars' boxes are apart
            ++apart;
            apartProved += fast ? 1 : 0;
        }
    }
    EXPECT_GT(apart, 50);
    EXPECT_EQ(apartProved, apart);
}

// Every polygon of the shared shapefile corpus: a proof of validity must match GEOS.
TEST(PolygonCheck, CorpusShapesNeverDisagreeWithGeos) {
    const std::filesystem::path corpus = std::filesystem::path(SAMENKAART_SHARED_DATA) / "shapefile-corpus";
    if (!std::filesystem::is_directory(corpus)) GTEST_SKIP() << "no corpus at " << corpus;
    GDALAllRegister();
    const QuietGdal quiet;
    int polygons = 0, proved = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(corpus)) {
        if (entry.path().extension() != ".shp") continue;
        std::unique_ptr<GDALDataset> ds(GDALDataset::Open(entry.path().c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
        if (!ds || ds->GetLayerCount() == 0) continue;
        for (auto& feature : ds->GetLayer(0)) {
            const OGRGeometry* g = feature->GetGeometryRef();
            if (!g) continue;
            const auto type = wkbFlatten(g->getGeometryType());
            if (type != wkbPolygon && type != wkbMultiPolygon) continue;
            std::unique_ptr<OGRGeometry> flat(g->clone());
            flat->flattenTo2D();
            OGRMultiPolygon multi;
            if (type == wkbPolygon)
                multi.addGeometry(flat.get());
            else
                for (const OGRGeometry* part : *flat->toMultiPolygon()) multi.addGeometry(part);
            ++polygons;
            if (isCertainlyValid(multi)) {
                ++proved;
                EXPECT_TRUE(multi.IsValid()) << entry.path() << " fid " << feature->GetFID();
            }
        }
    }
    EXPECT_GT(polygons, 100);
    EXPECT_GT(proved, polygons / 2) << "the fast path proves too few corpus shapes";
    RecordProperty("proved", proved);
}

}  // namespace
}  // namespace samenkaart
