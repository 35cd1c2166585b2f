// `samenkaart merge`: projects in two CRSs into one research GeoPackage.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "tests/export/export_fixture.hpp"

using namespace samenkaart;
using namespace samenkaart::test;

namespace {

struct MergeTest : ::testing::Test {
    std::string dir = makeTempDir(::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::string rd = makeSampleProject(dir, "noord");                // EPSG:28992
    std::string utm = makeSampleProject(dir, "zuid", "EPSG:32631");  // the same area in UTM 31N
    const double lon = 5.4018, lat = 52.1690;                        // inside the sample neighbourhood

    void SetUp() override {
        for (const std::string& path : {rd, utm}) {
            auto p = Project::open(path);
            const int64_t s = SessionStore(p->db()).start({"Avond", {}, {}, {}, {}, true});
            PinStore pins(*p);
            pins.add({s, "kans", "Zelfde plek", "", {}, kNoFields, pins.fromLonLat(lon, lat)});
            pins.add({s, "idee", "Tweede", "", {}, kNoFields, pins.fromLonLat(lon + 0.002, lat + 0.001)});
        }
    }
};

}  // namespace

TEST_F(MergeTest, TwoCrsProjectsBecomeOneFileWithUniqueIdsAndProvenance) {
    const std::string out = dir + "/merged.gpkg";
    CliResult r = runSamenkaart({"merge", "--out", out, rd, utm});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.out.find("from 2 projects"), std::string::npos) << r.out;
    auto ds = openVector(out);
    ASSERT_TRUE(ds);
    EXPECT_EQ(featureCount(*ds, "pins"), 4);
    EXPECT_EQ(featureCount(*ds, "boundaries"), 20);
    EXPECT_EQ(featureCount(*ds, "sessions"), 2);

    // Everything in the first project's CRS; the same lon/lat lands on the same spot.
    OGRLayer* pins = ds->GetLayerByName("pins");
    EXPECT_STREQ(pins->GetSpatialRef()->GetAuthorityCode(nullptr), "28992");
    std::map<std::string, std::vector<OGRPoint>> samePlace;
    std::set<std::string> projects;
    std::set<GIntBig> sessionIds;
    for (auto& s : *ds->GetLayerByName("sessions")) sessionIds.insert(s->GetFieldAsInteger64("session_id"));
    EXPECT_EQ(sessionIds.size(), 2u);  // both projects had session 1: unique in the file
    for (auto& f : *pins) {
        projects.insert(f->GetFieldAsString("project"));
        EXPECT_TRUE(sessionIds.contains(f->GetFieldAsInteger64("session_id")));
        EXPECT_FALSE(f->IsFieldNull(f->GetFieldIndex("buurt_fid"))) << f->GetFieldAsString("project");
        if (std::string(f->GetFieldAsString("title")) == "Zelfde plek")
            samePlace["x"].push_back(*f->GetGeometryRef()->toPoint());
    }
    EXPECT_EQ(projects, (std::set<std::string>{"noord", "zuid"}));
    ASSERT_EQ(samePlace["x"].size(), 2u);
    EXPECT_NEAR(samePlace["x"][0].getX(), samePlace["x"][1].getX(), 0.01);
    EXPECT_NEAR(samePlace["x"][0].getY(), samePlace["x"][1].getY(), 0.01);

    std::set<GIntBig> fids;
    std::set<std::string> boundaryProjects;
    for (auto& b : *ds->GetLayerByName("boundaries")) {
        fids.insert(b->GetFID());
        boundaryProjects.insert(b->GetFieldAsString("project"));
    }
    EXPECT_EQ(fids.size(), 20u);
    EXPECT_EQ(boundaryProjects.size(), 2u);
    long long total = 0;
    for (auto& c : *ds->GetLayerByName("pin_counts")) total += c->GetFieldAsInteger64("total");
    EXPECT_EQ(total, 4);
    for (const char* layer : {"categories", "pin_history", "sessions", "pin_counts"}) {
        OGRLayer* l = ds->GetLayerByName(layer);
        EXPECT_GE(l->GetLayerDefn()->GetFieldIndex("project"), 0) << layer;
    }
    ds.reset();
    runPythonCheck({out, "--pins", "4", "--boundaries", "20", "--sessions", "2", "--epsg", "28992"});
}

TEST_F(MergeTest, CrsOptionAndRefusals) {
    const std::string out = dir + "/merged4326.gpkg";
    CliResult r = runSamenkaart({"merge", "--out", out, "--crs", "EPSG:4326", utm, rd});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    auto ds = openVector(out);
    ASSERT_TRUE(ds);
    EXPECT_STREQ(ds->GetLayerByName("boundaries")->GetSpatialRef()->GetAuthorityCode(nullptr), "4326");
    for (auto& f : *ds->GetLayerByName("pins")) EXPECT_NEAR(f->GetGeometryRef()->toPoint()->getX(), lon, 0.01);

    r = runSamenkaart({"merge", "--out", dir + "/m.csv", rd, utm});
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.err.find("a merge is written as a GeoPackage"), std::string::npos);
    r = runSamenkaart({"merge", "--out", dir + "/twice.gpkg", rd, rd});
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.err.find("is given twice"), std::string::npos);
}
