// `samenkaart pin import` and PinStore::addMany: bad rows, strict mode, CRS guesses.
#include <gtest/gtest.h>

#include <array>
#include <fstream>
#include <random>
#include <set>

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
                                  "x,y,title,category,description\n"                                  // line 1
                                  "156000,464500,Goed 1,kans,\"twee\nregels\"\n"                      // lines 2-3
                                  "\n"                                                                // line 4: empty
                                  "156010,464510,Goed 2,kans,\"drie\r\n\r\nregels, \"\"zo\"\"\"\r\n"  // 5-7
                                  "abc,464500,Slecht,kans,\n"                                         // line 8
                                  "156020,464520,,kans,\"leeg\nmaar\"\n"                              // lines 9-10
                                  "156030,464530,Goed 3,kans,\n");                                    // line 11
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

namespace {

// The pins whose position lies in the box, asked through the R-tree and asked of every row.
std::pair<std::set<std::string>, std::set<std::string>> pinsInBox(Database& db, double x0, double y0, double x1,
                                                                  double y1) {
    std::set<std::string> viaIndex, everyRow;
    Statement a(db,
                "SELECT id FROM pins WHERE rowid IN (SELECT pkid FROM idx_pins_geom WHERE xmin <= ?3 AND "
                "xmax >= ?1 AND ymin <= ?4 AND ymax >= ?2) AND X(geom) BETWEEN ?1 AND ?3 AND "
                "Y(geom) BETWEEN ?2 AND ?4");
    a.bind(1, x0).bind(2, y0).bind(3, x1).bind(4, y1);
    while (a.step()) viaIndex.insert(a.columnText(0));
    Statement b(db, "SELECT id FROM pins WHERE X(geom) BETWEEN ?1 AND ?3 AND Y(geom) BETWEEN ?2 AND ?4");
    b.bind(1, x0).bind(2, y0).bind(3, x1).bind(4, y1);
    while (b.step()) everyRow.insert(b.columnText(0));
    return {viaIndex, everyRow};
}

std::vector<NewPin> randomPins(size_t n, unsigned seed) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> x(150000, 162000), y(458000, 470000);
    std::vector<NewPin> pins;
    for (size_t i = 0; i < n; ++i)
        pins.push_back({1, "kans", "Pin " + std::to_string(i), "", {}, kNoFields, {x(rng), y(rng)}});
    return pins;
}

}  // namespace

// A bulk write builds the pins' R-tree packed (rtree_pack.hpp) when it at least doubles the index and
// inserts through the R-tree otherwise; either way SQLite's own checker, spatial queries through
// the index, GDAL's spatial filter and later single edits must all agree with the rows.
TEST_F(ImportTest, BulkWritesLeaveACorrectSpatialIndex) {
    auto p = Project::open(project);
    PinStore pins(*p);
    Database& db = p->db();
    for (const NewPin& n : randomPins(3, 1)) pins.add(n);  // entries made by SpatiaLite's trigger
    const auto bulk = pins.addMany(randomPins(5000, 2));   // packed: 5,000 new against 3
    ASSERT_EQ(bulk.size(), 5000u);
    EXPECT_EQ(db.queryText("SELECT rtreecheck('idx_pins_geom')").value_or(""), "ok");
    EXPECT_EQ(db.queryInt("SELECT count(*) FROM idx_pins_geom"), 5003);
    EXPECT_EQ(db.queryInt("SELECT CheckSpatialIndex('pins', 'geom')"), 1);
    EXPECT_EQ(db.queryInt("SELECT count(*) FROM pins WHERE geom IS NULL OR ST_Srid(geom) <> " +
                          std::to_string(p->mapCrs().srid) +
                          " OR GeometryType(geom) <> 'POINT' OR "
                          "geom <> MakePoint(X(geom), Y(geom), ST_Srid(geom))"),
              0);
    // The BLOB is SpatiaLite's own, byte for byte.
    const Pin first = pins.get(bulk.front());
    Statement same(db, "SELECT geom = MakePoint(?, ?, ?) FROM pins WHERE id = ?");
    same.bind(1, first.position.x).bind(2, first.position.y).bind(3, p->mapCrs().srid).bind(4, first.id);
    ASSERT_TRUE(same.step());
    EXPECT_EQ(same.columnInt(0), 1);

    pins.addMany(randomPins(7, 3));  // few against many: through the R-tree itself
    pins.add(randomPins(1, 4).front());
    EXPECT_EQ(db.queryText("SELECT rtreecheck('idx_pins_geom')").value_or(""), "ok");
    ASSERT_TRUE(pins.undo());  // the single pin
    ASSERT_TRUE(pins.undo());  // one of the seven
    EXPECT_EQ(db.queryInt("SELECT count(*) FROM idx_pins_geom"), 5009);
    EXPECT_EQ(db.queryText("SELECT rtreecheck('idx_pins_geom')").value_or(""), "ok");
    for (const auto& [x0, y0, x1, y1] : std::vector<std::array<double, 4>>{{150000, 458000, 151000, 459000},
                                                                           {155000, 460000, 158000, 466000},
                                                                           {161500, 469500, 163000, 471000},
                                                                           {149000, 457000, 163000, 471000}}) {
        const auto [viaIndex, everyRow] = pinsInBox(db, x0, y0, x1, y1);
        EXPECT_EQ(viaIndex, everyRow) << x0 << " " << y0;
        EXPECT_FALSE(everyRow.empty());
    }
    p.reset();

    // GDAL (ogrinfo -spat) finds the index and answers a spatial filter from it.
    auto ds = openVector(project);
    ASSERT_TRUE(ds);
    OGRLayer* layer = ds->GetLayerByName("pins");
    ASSERT_NE(layer, nullptr);
    EXPECT_TRUE(layer->TestCapability(OLCFastSpatialFilter));
    layer->SetSpatialFilterRect(155000, 460000, 158000, 466000);
    auto check = Project::open(project, true);
    EXPECT_EQ(layer->GetFeatureCount(TRUE),
              static_cast<long long>(pinsInBox(check->db(), 155000, 460000, 158000, 466000).second.size()));
}

// The history row of a bulk-created pin is written as text directly; it must be the JSON an edit's
// snapshot is, and undo/redo must bring the pin back exactly, odd characters included.
TEST_F(ImportTest, BulkHistoryRowsAreCompleteSnapshots) {
    auto p = Project::open(project);
    PinStore pins(*p);
    NewPin odd{1,
               "kans",
               "Tab\there, \"quoted\" \\ back \x01 ctl \x1f caf\xc3\xa9 \xe2\x82\xac",
               "Two\nlines\r\nand \b\f",
               std::string("Bewoner \"7\""),
               nlohmann::json{{"wie", "buurvrouw"}, {"n", 3}, {"x", 0.1}},
               {156123.456789012345, 464987.000000001}};
    NewPin whole{1, "idee", "Geheel", "", {}, kNoFields, {156000.0, 464000.0}};
    const auto ids = pins.addMany({odd, whole});
    ASSERT_EQ(ids.size(), 2u);
    Statement st(p->db(), "SELECT after, at FROM pin_history WHERE pin_id = ? AND action = 'create'");
    for (const std::string& id : ids) {
        const Pin pin = pins.get(id);
        st.bind(1, id);
        ASSERT_TRUE(st.step());
        const std::string text = st.columnText(0);
        const nlohmann::json after = nlohmann::json::parse(text);
        EXPECT_EQ(after.dump(), text);  // nlohmann's own form: sorted keys, same escapes and numbers
        EXPECT_EQ(st.columnText(1), pin.createdAt);
        st.reset();
        EXPECT_EQ(after["title"], pin.title);
        EXPECT_EQ(after["description"], pin.description);
        EXPECT_EQ(after["contributor"], pin.contributor ? nlohmann::json(*pin.contributor) : nlohmann::json());
        EXPECT_EQ(after["attributes"], pin.attributes);
        EXPECT_EQ(after["x"].get<double>(), pin.position.x);
        EXPECT_EQ(after["y"].get<double>(), pin.position.y);
        EXPECT_EQ(after["session_id"], 1);
        EXPECT_EQ(after["created_at"], pin.createdAt);
        EXPECT_TRUE(after["deleted_at"].is_null());
    }
    // Undo both creates, redo both: the pins come back exactly from the history text.
    const Pin before = pins.get(ids[0]);
    ASSERT_TRUE(pins.undo());
    ASSERT_TRUE(pins.undo());
    EXPECT_FALSE(pins.find(ids[0]));
    ASSERT_TRUE(pins.redo());
    ASSERT_TRUE(pins.redo());
    const Pin again = pins.get(ids[0]);
    EXPECT_EQ(again.title, before.title);
    EXPECT_EQ(again.description, before.description);
    EXPECT_EQ(again.contributor, before.contributor);
    EXPECT_EQ(again.attributes, before.attributes);
    EXPECT_EQ(again.position, before.position);
    EXPECT_EQ(again.createdAt, before.createdAt);
    EXPECT_EQ(p->db().queryText("SELECT rtreecheck('idx_pins_geom')").value_or(""), "ok");
}

namespace {

// A CSV of `rows` good points, with the given 1-based data rows replaced by bad ones and a quoted
// two-line description on every 100th row (so that lines and records drift apart). Returns the text
// and the line each data row starts on.
std::pair<std::string, std::vector<int>> manyRowsCsv(int rows, const std::set<int>& badRows) {
    std::string text = "x,y,title,category,description\n";
    std::vector<int> lines{0};
    int line = 2;
    for (int r = 1; r <= rows; ++r) {
        lines.push_back(line);
        const bool twoLines = r % 100 == 0;
        const std::string x = badRows.contains(r) ? "oops" : std::to_string(150000 + r % 1000);
        text += x + "," + std::to_string(460000 + r / 10) + ",Punt " + std::to_string(r) + ",kans," +
                (twoLines ? "\"eerste\nregel\"" : "\"een, \"\"twee\"\"\"") + "\n";
        line += twoLines ? 2 : 1;
    }
    return {text, lines};
}

}  // namespace

// The rows are read and checked on a reader thread in chunks while the main thread writes them: bad
// rows anywhere (also past the first chunks) are still reported by their line, in line order, and
// the pins go in id order with their history rows in the same order.
TEST_F(ImportTest, ManyRowsAreCheckedOnTheReaderWithTheirLineNumbers) {
    const std::set<int> bad{1, 1023, 1024, 1025, 2500, 3000};
    const auto [text, lines] = manyRowsCsv(3000, bad);
    const std::string csv = write("many.csv", text);
    CliResult r = runSamenkaart({"pin", "import", project, csv, "--session", "1", "--category", "kans"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.out.find("Imported 2994 of 3000 points into session 1; skipped 6"), std::string::npos) << r.out;
    size_t at = 0;
    for (int row : bad) {
        const std::string expected =
            csv + ": line " + std::to_string(lines[static_cast<size_t>(row)]) + ": the coordinates are not numbers";
        const size_t found = r.err.find(expected, at);
        ASSERT_NE(found, std::string::npos) << expected << "\n" << r.err;
        at = found + expected.size();  // in line order
    }
    auto p = Project::open(project, true);
    Database& db = p->db();
    EXPECT_EQ(db.queryInt("SELECT count(*) FROM pins"), 2994);
    EXPECT_EQ(db.queryInt("SELECT count(*) FROM pin_history WHERE action = 'create' AND state = 'done'"), 2994);
    EXPECT_EQ(db.queryText("SELECT description FROM pins WHERE title = 'Punt 200'").value_or(""), "eerste\nregel");
    EXPECT_EQ(db.queryText("SELECT description FROM pins WHERE title = 'Punt 201'").value_or(""), "een, \"twee\"");
    EXPECT_EQ(db.queryInt("SELECT count(*) FROM pins WHERE title IN ('Punt 1', 'Punt 1024', 'Punt 3000')"), 0);
    // Row order is id order, for the pins' rowids and for the history ids alike.
    EXPECT_EQ(db.queryInt("SELECT count(*) FROM (SELECT rowid, row_number() OVER (ORDER BY id) AS n FROM pins) "
                          "WHERE rowid <> n"),
              0);
    EXPECT_EQ(db.queryInt("SELECT count(*) FROM (SELECT pin_id, row_number() OVER (ORDER BY id) AS n FROM "
                          "pin_history) AS h JOIN (SELECT id, row_number() OVER (ORDER BY id) AS n FROM pins) AS p "
                          "ON p.id = h.pin_id WHERE h.n <> p.n"),
              0);
    EXPECT_EQ(db.queryText("SELECT rtreecheck('idx_pins_geom')").value_or(""), "ok");
    EXPECT_EQ(db.queryText("PRAGMA integrity_check").value_or(""), "ok");
    EXPECT_EQ(db.queryInt("SELECT count(*) FROM idx_pins_geom"), 2994);
}

// With --strict a bad row far into the file refuses the import although the writer has already
// written the rows before it inside the transaction: all of it is rolled back, the redo branch too.
TEST_F(ImportTest, StrictRefusesABadRowPastTheFirstChunks) {
    {
        auto p = Project::open(project);
        PinStore pins(*p);
        pins.add({1, "kans", "Eerder", "", {}, kNoFields, {156000, 464500}});
        ASSERT_TRUE(pins.undo());  // leaves a redo step that a real import would drop
    }
    const auto [text, lines] = manyRowsCsv(2500, {2400});
    const std::string csv = write("strict.csv", text);
    CliResult r = runSamenkaart({"pin", "import", project, csv, "--session", "1", "--category", "kans", "--strict"});
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_EQ(r.err, "samenkaart: " + csv + ": line " + std::to_string(lines[2400]) +
                         ": the coordinates are not numbers; nothing was imported (--strict)\n");
    EXPECT_EQ(count("pins"), 0);
    EXPECT_EQ(count("pin_history WHERE state = 'undone'"), 1);
    EXPECT_EQ(count("pin_history"), 1);
    auto p = Project::open(project, true);
    EXPECT_EQ(p->db().queryInt("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name IN "
                               "('ggi_pins_geom', 'gii_pins_geom', 'tmi_pins_geom')"),
              3);
    EXPECT_EQ(p->db().queryInt("SELECT count(*) FROM idx_pins_geom"), 0);
}

// A file whose every row is bad writes nothing at all: not even the redo branch is ended.
TEST_F(ImportTest, NothingToImportChangesNothing) {
    {
        auto p = Project::open(project);
        PinStore pins(*p);
        pins.add({1, "kans", "Eerder", "", {}, kNoFields, {156000, 464500}});
        ASSERT_TRUE(pins.undo());
    }
    const std::string csv = write("allbad.csv", "x,y,title\nabc,464500,Een\n156000,464500,\n");
    CliResult r = runSamenkaart({"pin", "import", project, csv, "--session", "1", "--category", "kans"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.out.find("Imported 0 of 2 points into session 1; skipped 2"), std::string::npos) << r.out;
    EXPECT_NE(r.err.find(csv + ": line 3: new pin: a title is required"), std::string::npos) << r.err;
    EXPECT_EQ(count("pin_history WHERE state = 'undone'"), 1);
}
