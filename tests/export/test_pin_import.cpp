// `samenkaart pin import` and PinStore::addMany: bad rows, strict mode, CRS guesses.
#include <gtest/gtest.h>

#include <fstream>

#include "engine/error.hpp"
#include "engine/pin_import.hpp"
#include "tests/export/export_fixture.hpp"

using namespace samenkaart;
using namespace samenkaart::test;

namespace {

struct ImportTest : ::testing::Test {
    std::string dir = makeTempDir(::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::string project = makeSampleProject(dir, "import");

    void SetUp() override {
        ASSERT_EQ(runSamenkaart({"session", "start", project, "--title", "Import", "--consent"}).exitCode, 0);
    }

    std::string write(const std::string& name, const std::string& text) {
        const std::string path = dir + "/" + name;
        std::ofstream(path, std::ios::binary) << text;
        return path;
    }

    long long count(const char* table) {
        auto p = Project::open(project, true);
        return p->db().queryInt(std::string("SELECT count(*) FROM ") + table).value_or(-1);
    }
};

const char* kBadCsv =
    "x,y,title,category,description\n"
    "156000.5,464500.25,Goed 1,kans,\"met, komma\"\n"  // line 2
    "abc,464500,Slechte x,kans,\n"                     // line 3
    "156000,464500,,kans,\n"                           // line 4: empty title
    "156000,464500,Onbekend,bestaatniet,\n"            // line 5: unknown category
    ",,Geen punt,kans,\n"                              // line 6
    "156100,464600,Goed 2,idee,\n";                    // line 7

}  // namespace

TEST_F(ImportTest, BadRowsAreReportedByLineAndSkipped) {
    const std::string csv = write("bad.csv", kBadCsv);
    CliResult r = runSamenkaart({"pin", "import", project, csv, "--session", "1", "--category-field", "category"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.out.find("Imported 2 of 6 points into session 1; skipped 4"), std::string::npos) << r.out;
    for (const char* line : {"line 3: the coordinates are not numbers", "line 4: new pin: a title is required",
                             "line 5: category bestaatniet: does not exist", "line 6: has no point"})
        EXPECT_NE(r.err.find(line), std::string::npos) << line << "\n" << r.err;
    EXPECT_NE(r.err.find("taken to be in the map's CRS"), std::string::npos) << r.err;
    EXPECT_EQ(count("pins"), 2);
    EXPECT_EQ(count("pin_history"), 2);
    auto p = Project::open(project, true);
    for (const Pin& pin : PinStore(*p).list())
        if (pin.title == "Goed 1") {
            EXPECT_EQ(pin.position, (Point{156000.5, 464500.25}));
            EXPECT_EQ(pin.description, "met, komma");
        }
}

// A quoted value may hold line breaks, and empty lines between records are skipped: a bad row is
// still named by the physical line it starts on, as a text editor shows it.
TEST_F(ImportTest, BadRowsAreNamedByTheLineTheyStartOnPastMultiLineValues) {
    const std::string csv = write("multiline.csv",
                                  "x,y,title,category,description\n"                   // line 1
                                  "156000,464500,Goed 1,kans,\"twee\nregels\"\n"        // lines 2-3
                                  "\n"                                                  // line 4: empty
                                  "156010,464510,Goed 2,kans,\"drie\r\n\r\nregels, \"\"zo\"\"\"\r\n"  // 5-7
                                  "abc,464500,Slecht,kans,\n"                           // line 8
                                  "156020,464520,,kans,\"leeg\nmaar\"\n"                // lines 9-10
                                  "156030,464530,Goed 3,kans,\n");                      // line 11
    auto r = runSamenkaart({"pin", "import", project, csv, "--session", "1", "--category", "kans"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.out.find("Imported 3 of 5 points"), std::string::npos) << r.out;
    EXPECT_NE(r.err.find(csv + ": line 8: the coordinates are not numbers"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find(csv + ": line 9: new pin: a title is required"), std::string::npos) << r.err;
    auto p = Project::open(project, true);
    EXPECT_EQ(p->db().queryText("SELECT description FROM pins WHERE title = 'Goed 1'").value_or(""), "twee\nregels");

    r = runSamenkaart({"pin", "import", project, csv, "--session", "1", "--category", "kans", "--strict"});
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.err.find("samenkaart: " + csv + ": line 8: the coordinates are not numbers"), std::string::npos)
        << r.err;
}

TEST_F(ImportTest, StrictRefusesTheWholeImport) {
    const std::string csv = write("bad.csv", kBadCsv);
    CliResult r =
        runSamenkaart({"pin", "import", project, csv, "--session", "1", "--category-field", "category", "--strict"});
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << r.err;  // one line
    EXPECT_NE(r.err.find("samenkaart: " + csv + ": line 3: the coordinates are not numbers"), std::string::npos)
        << r.err;
    EXPECT_EQ(count("pins"), 0);
    EXPECT_EQ(count("pin_history"), 0);
}

TEST_F(ImportTest, LonLatCsvIsTakenAsWgs84AndWktCsvAsTheMapCrs) {
    const std::string lonlat = write("ll.csv", "lon;lat;name\n5.38720621;52.15517440;De toren\n");
    CliResult r = runSamenkaart({"pin", "import", project, lonlat, "--session", "1", "--category", "idee"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.err.find("WGS 84 is assumed"), std::string::npos) << r.err;
    const std::string wkt = write("wkt.csv", "wkt,title\n\"POINT (156001.75 464502.125)\",Punt\n");
    r = runSamenkaart({"pin", "import", project, wkt, "--session", "1", "--category", "kans"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    auto p = Project::open(project, true);
    for (const Pin& pin : PinStore(*p).list()) {
        if (pin.title == "De toren") {
            EXPECT_NEAR(pin.position.x, 155000.0, 1.0);
            EXPECT_NEAR(pin.position.y, 463000.0, 1.0);
        } else {
            EXPECT_EQ(pin.position, (Point{156001.75, 464502.125}));
        }
    }
}

TEST_F(ImportTest, GeoJsonInWgs84IsReprojected) {
    const std::string gj = write("pts.geojson", R"({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"titel": "Kerk", "soort": "kans"},
         "geometry": {"type": "Point", "coordinates": [5.38720621, 52.15517440]}},
        {"type": "Feature", "properties": {"titel": "Lijn", "soort": "kans"},
         "geometry": {"type": "LineString", "coordinates": [[5.38, 52.15], [5.39, 52.16]]}}]})");
    CliResult r = runSamenkaart({"pin", "import", project, gj, "--session", "1", "--category-field", "soort"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.err.find("feature 2: is a Line String, not a point"), std::string::npos) << r.err;
    auto p = Project::open(project, true);
    auto pins = PinStore(*p).list();
    ASSERT_EQ(pins.size(), 1u);
    EXPECT_EQ(pins[0].title, "Kerk");
    EXPECT_NEAR(pins[0].position.x, 155000.0, 1.0);
}

TEST_F(ImportTest, RefusesClosedSessionsAndMissingOptions) {
    const std::string csv = write("ok.csv", "x,y,title\n156000,464500,A\n");
    CliResult r = runSamenkaart({"pin", "import", project, csv, "--session", "1"});
    EXPECT_EQ(r.exitCode, 2) << r.err;
    r = runSamenkaart({"pin", "import", project, csv, "--session", "1", "--category", "kans", "--title-field", "naam"});
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.err.find("has no field 'naam'"), std::string::npos) << r.err;
    ASSERT_EQ(runSamenkaart({"session", "close", project, "1"}).exitCode, 0);
    r = runSamenkaart({"pin", "import", project, csv, "--session", "1", "--category", "kans"});
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_EQ(r.err, "samenkaart: session 1: is closed; start or reopen a session to add pins\n");
}

TEST_F(ImportTest, AddManyChecksLikeAddAndKeepsUndoWorking) {
    auto p = Project::open(project);
    PinStore pins(*p);
    std::vector<NewPin> batch{{1, "kans", "Een", "", {}, kNoFields, {156000, 464500}},
                              {1, "kans", "   ", "", {}, kNoFields, {156000, 464500}},  // refused as add() refuses it
                              {1, "idee", "Twee", "", {}, kNoFields, {156010, 464510}}};
    std::vector<size_t> rejected;
    const auto ids = pins.addMany(batch, [&](size_t i, const Error&) { rejected.push_back(i); });
    EXPECT_EQ(ids.size(), 2u);
    EXPECT_EQ(rejected, std::vector<size_t>{1});
    EXPECT_THROW(pins.addMany(batch), Error);  // no callback: the first failure refuses everything
    EXPECT_EQ(pins.list().size(), 2u);
    // The spatial index and its triggers are intact after a bulk write.
    EXPECT_EQ(p->db().queryInt("SELECT count(*) FROM idx_pins_geom"), 2);
    EXPECT_EQ(p->db().queryInt("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name IN "
                               "('ggi_pins_geom', 'gii_pins_geom', 'tmi_pins_geom')"),
              3);
    pins.add({1, "kans", "Drie", "", {}, kNoFields, {156020, 464520}});
    EXPECT_EQ(p->db().queryInt("SELECT count(*) FROM idx_pins_geom"), 3);
    ASSERT_TRUE(pins.undo());  // Drie
    ASSERT_TRUE(pins.undo());  // the last pin of the bulk write
    EXPECT_EQ(pins.list().size(), 1u);
}
