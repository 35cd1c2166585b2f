// `samenkaart new` on files written by the test itself, one edge case each.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "engine/sqlite_db.hpp"
#include "tests/cli/shapefile_writer.hpp"
#include "tests/support/cli_runner.hpp"

using namespace samenkaart::test;
namespace fs = std::filesystem;

namespace {

// Two RD New squares: one with a hole, one multipolygon of two parts.
const std::vector<TestFeature> kRdBuurten = {
    {"POLYGON((155000 463000,156000 463000,156000 464000,155000 464000,155000 463000),"
     "(155400 463400,155600 463400,155600 463600,155400 463600,155400 463400))",
     "Oude Molenbuurt", 1200},
    {"MULTIPOLYGON(((156000 463000,157000 463000,157000 464000,156000 464000,156000 463000)),"
     "((157500 463000,158000 463000,158000 463500,157500 463500,157500 463000)))",
     "Havenkwartier", 800},
};

struct Imported {
    CliResult result;
    std::string project;
};

Imported importFile(const std::string& dir, const std::string& src, std::vector<std::string> extra = {}) {
    Imported i{{}, dir + "/p.sqlite"};
    std::vector<std::string> args = {"new", i.project, "--boundaries", src};
    args.insert(args.end(), extra.begin(), extra.end());
    i.result = runSamenkaart(args);
    return i;
}

nlohmann::json info(const std::string& project) {
    auto r = runSamenkaart({"info", project, "--json"});
    EXPECT_EQ(r.exitCode, 0) << r.err;
    return nlohmann::json::parse(r.out);
}

}  // namespace

TEST(GeneratedImport, HolesAndMultipolygonsKeepTheirArea) {
    const std::string dir = makeTempDir("gen-holes");
    writeVectorFile(dir + "/buurten.shp", kRdBuurten, 28992);
    auto i = importFile(dir, dir + "/buurten.shp");
    ASSERT_EQ(i.result.exitCode, 0) << i.result.err;
    EXPECT_TRUE(i.result.err.empty()) << "clean input must give no warnings: " << i.result.err;
    auto j = info(i.project);
    EXPECT_EQ(j["crs"], "EPSG:28992");
    EXPECT_EQ(j["boundaries"], 2);
    samenkaart::Database db(i.project, samenkaart::Database::Mode::ReadOnly);
    EXPECT_EQ(
        db.queryInt("SELECT CAST(round(ST_Area(geom)) AS INTEGER) FROM boundaries WHERE name = 'Oude Molenbuurt'"),
        1000000 - 40000);
    EXPECT_EQ(db.queryInt("SELECT ST_NumGeometries(geom) FROM boundaries WHERE name = 'Havenkwartier'"), 2);
    EXPECT_EQ(db.queryInt("SELECT inwoners FROM boundaries WHERE name = 'Havenkwartier'"), 800);
    EXPECT_EQ(db.queryInt("SELECT spatial_index_enabled FROM geometry_columns WHERE f_table_name = 'boundaries'"), 1);
    // The SpatiaLite triggers that rest during the import are back: the stored blobs pass the
    // geometry constraint, the insert time is set, and a wrong geometry is refused afterwards.
    EXPECT_EQ(db.queryInt("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'boundaries' "
                          "AND name IN ('ggi_boundaries_geom', 'tmi_boundaries_geom')"),
              2);
    EXPECT_EQ(db.queryInt("SELECT count(*) FROM boundaries WHERE GeometryConstraints(geom, 6, 28992) = 1"), 2);
    EXPECT_EQ(db.queryInt("SELECT count(*) FROM geometry_columns_time WHERE f_table_name = 'boundaries' "
                          "AND last_insert > '2000'"),
              1);
    samenkaart::Database writable(i.project, samenkaart::Database::Mode::ReadWrite);
    EXPECT_THROW(writable.exec("INSERT INTO boundaries (name, geom) VALUES ('x', MakePoint(1, 2, 28992))"),
                 std::exception);
}

TEST(GeneratedImport, Cp1252NamesWithoutCodePageAreDecodedWithAWarning) {
    const std::string dir = makeTempDir("gen-cp1252");
    std::vector<TestFeature> f = kRdBuurten;
    f[0].name = "\xCBikenhof";      // "Ëikenhof" in Windows-1252
    f[1].name = "Caf\xE9 \x80uro";  // "Café €uro"
    writeVectorFile(dir + "/buurten.shp", f, 28992, "");
    auto i = importFile(dir, dir + "/buurten.shp");
    ASSERT_EQ(i.result.exitCode, 0) << i.result.err;
    EXPECT_NE(i.result.err.find("Windows-1252"), std::string::npos) << i.result.err;
    EXPECT_NE(i.result.err.find(dir + "/buurten.shp"), std::string::npos);
    samenkaart::Database db(i.project, samenkaart::Database::Mode::ReadOnly);
    EXPECT_EQ(db.queryText("SELECT name FROM boundaries ORDER BY fid LIMIT 1"), "Ëikenhof");
    EXPECT_EQ(db.queryText("SELECT buurtnaam FROM boundaries ORDER BY fid DESC LIMIT 1"), "Café €uro");
}

TEST(GeneratedImport, DeclaredCodePageIsHonouredSilently) {
    const std::string dir = makeTempDir("gen-cpg");
    std::vector<TestFeature> f = kRdBuurten;
    f[0].name = "Ëikenhof";  // GDAL writes it as CP1252 with a .cpg saying so
    writeVectorFile(dir + "/buurten.shp", f, 28992, "CP1252");
    ASSERT_TRUE(fs::exists(dir + "/buurten.cpg"));
    auto i = importFile(dir, dir + "/buurten.shp");
    ASSERT_EQ(i.result.exitCode, 0) << i.result.err;
    EXPECT_EQ(i.result.err.find("Windows-1252"), std::string::npos) << i.result.err;
    samenkaart::Database db(i.project, samenkaart::Database::Mode::ReadOnly);
    EXPECT_EQ(db.queryText("SELECT name FROM boundaries ORDER BY fid LIMIT 1"), "Ëikenhof");
}

TEST(GeneratedImport, AnsiCodePageNameInCpgIsUnderstood) {
    const std::string dir = makeTempDir("gen-ansi-cpg");
    std::vector<TestFeature> f = kRdBuurten;
    f[0].name = "\x8Akolska";  // "Školska" in Windows-1250
    writeVectorFile(dir + "/buurten.shp", f, 28992, "");
    std::ofstream(dir + "/buurten.cpg") << "ANSI 1250";
    auto i = importFile(dir, dir + "/buurten.shp");
    ASSERT_EQ(i.result.exitCode, 0) << i.result.err;
    samenkaart::Database db(i.project, samenkaart::Database::Mode::ReadOnly);
    EXPECT_EQ(db.queryText("SELECT name FROM boundaries ORDER BY fid LIMIT 1"), "Školska");
}

TEST(GeneratedImport, ProjectedCoordinatesWithoutPrjAreRefusedUntilTheCrsIsGiven) {
    const std::string dir = makeTempDir("gen-noprj");
    writeVectorFile(dir + "/buurten.shp", kRdBuurten, 0);
    ASSERT_FALSE(fs::exists(dir + "/buurten.prj"));
    auto refused = importFile(dir, dir + "/buurten.shp");
    EXPECT_EQ(refused.result.exitCode, 1);
    EXPECT_NE(refused.result.err.find(dir + "/buurten.shp"), std::string::npos) << refused.result.err;
    EXPECT_NE(refused.result.err.find("--source-crs"), std::string::npos) << refused.result.err;
    EXPECT_FALSE(fs::exists(refused.project));
    auto ok = importFile(dir, dir + "/buurten.shp", {"--source-crs", "EPSG:28992"});
    ASSERT_EQ(ok.result.exitCode, 0) << ok.result.err;
    EXPECT_EQ(info(ok.project)["crs"], "EPSG:28992");
}

TEST(GeneratedImport, LonLatWithoutPrjAssumesWgs84AndPicksRdInTheNetherlands) {
    const std::string dir = makeTempDir("gen-lonlat");
    writeVectorFile(dir + "/buurten.shp",
                    {{"POLYGON((5.38 52.15,5.39 52.15,5.39 52.16,5.38 52.16,5.38 52.15))", "Centrum", 10}}, 0);
    auto i = importFile(dir, dir + "/buurten.shp");
    ASSERT_EQ(i.result.exitCode, 0) << i.result.err;
    EXPECT_NE(i.result.err.find("WGS 84 is assumed"), std::string::npos) << i.result.err;
    auto j = info(i.project);
    EXPECT_EQ(j["crs"], "EPSG:28992");
    EXPECT_NEAR(j["extent"][0].get<double>(), 154508.0, 50.0);  // RD x of 5.38 E at 52.15 N
}

TEST(GeneratedImport, InvalidAndNullShapesAreRepairedOrSkippedAndCounted) {
    const std::string dir = makeTempDir("gen-invalid");
    std::vector<TestFeature> f = kRdBuurten;
    f.push_back({"POLYGON((155000 465000,156000 466000,156000 465000,155000 466000,155000 465000))", "Strik", 1});
    f.push_back({"", "Niets", 0});
    writeVectorFile(dir + "/buurten.shp", f, 28992);
    auto i = importFile(dir, dir + "/buurten.shp");
    ASSERT_EQ(i.result.exitCode, 0) << i.result.err;
    EXPECT_NE(i.result.err.find("1 empty shape was skipped and 1 invalid shape was repaired"), std::string::npos)
        << i.result.err;
    samenkaart::Database db(i.project, samenkaart::Database::Mode::ReadOnly);
    EXPECT_EQ(db.queryInt("SELECT count(*) FROM boundaries"), 3);
    EXPECT_EQ(db.queryInt("SELECT count(*) FROM boundaries WHERE ST_IsValid(geom) IS NOT 1"), 0);
    EXPECT_EQ(db.queryInt("SELECT ST_NumGeometries(geom) FROM boundaries WHERE name = 'Strik'"), 2);
}

TEST(GeneratedImport, TruncatedShapefileNeverCrashes) {
    const std::string dir = makeTempDir("gen-truncated");
    std::vector<TestFeature> f;
    for (int k = 0; k < 50; ++k) {
        const int x = 150000 + k * 100;
        f.push_back({"POLYGON((" + std::to_string(x) + " 463000," + std::to_string(x + 90) + " 463000," +
                         std::to_string(x + 90) + " 463090," + std::to_string(x) + " 463000))",
                     "buurt " + std::to_string(k), k});
    }
    writeVectorFile(dir + "/buurten.shp", f, 28992);
    fs::resize_file(dir + "/buurten.shp", fs::file_size(dir + "/buurten.shp") / 2);
    auto i = importFile(dir, dir + "/buurten.shp");
    ASSERT_EQ(i.result.signal, 0) << i.result.err;
    ASSERT_TRUE(i.result.exitCode == 0 || i.result.exitCode == 1) << i.result.err;
    EXPECT_NE(i.result.err.find(dir + "/buurten.shp"), std::string::npos) << i.result.err;
    if (i.result.exitCode == 0) {
        const long long n = info(i.project)["boundaries"];
        EXPECT_GT(n, 0);
        EXPECT_LT(n, 50);
    }
}

TEST(GeneratedImport, LinesAreRefusedWithTheReason) {
    const std::string dir = makeTempDir("gen-lines");
    writeVectorFile(dir + "/straten.shp", {{"LINESTRING(155000 463000,156000 464000)", "Kerkstraat", 0}}, 28992,
                    "UTF-8", "line");
    auto i = importFile(dir, dir + "/straten.shp");
    EXPECT_EQ(i.result.exitCode, 1);
    EXPECT_NE(i.result.err.find("holds lines, not areas"), std::string::npos) << i.result.err;
}

TEST(GeneratedImport, ExistingProjectIsNeverOverwritten) {
    const std::string dir = makeTempDir("gen-exists");
    writeVectorFile(dir + "/buurten.shp", kRdBuurten, 28992);
    { std::ofstream(dir + "/p.sqlite") << "mijn belangrijke bestand"; }
    auto i = importFile(dir, dir + "/buurten.shp");
    EXPECT_EQ(i.result.exitCode, 1);
    EXPECT_NE(i.result.err.find("already exists"), std::string::npos) << i.result.err;
    std::ifstream in(dir + "/p.sqlite");
    std::string content((std::istreambuf_iterator<char>(in)), {});
    EXPECT_EQ(content, "mijn belangrijke bestand");
    for (const auto& entry : fs::directory_iterator(dir))
        EXPECT_EQ(entry.path().string().find(".partial"), std::string::npos) << "left behind: " << entry.path();
}

// An import killed outright leaves PROJECT.partial-PID behind; the next import of that project
// removes it once no process with that id runs, and never touches a running import's file.
TEST(GeneratedImport, PartialFilesOfKilledImportsAreCleanedUp) {
    const std::string dir = makeTempDir("gen-partials");
    writeVectorFile(dir + "/buurten.shp", kRdBuurten, 28992);
    const pid_t dead = ::fork();
    if (dead == 0) ::_exit(0);
    ::waitpid(dead, nullptr, 0);
    const std::string abandoned = dir + "/p.sqlite.partial-" + std::to_string(dead);
    const std::string running = dir + "/p.sqlite.partial-" + std::to_string(::getpid());
    for (const std::string& f : {abandoned, abandoned + "-wal", running}) std::ofstream(f) << "half";
    auto i = importFile(dir, dir + "/buurten.shp");
    ASSERT_EQ(i.result.exitCode, 0) << i.result.err;
    EXPECT_FALSE(fs::exists(abandoned));
    EXPECT_FALSE(fs::exists(abandoned + "-wal"));
    EXPECT_TRUE(fs::exists(running)) << "a running import's file was removed";
}

TEST(GeneratedImport, NameFieldCanBeChosenAndAWrongOneIsExplained) {
    const std::string dir = makeTempDir("gen-namefield");
    writeVectorFile(dir + "/buurten.shp", kRdBuurten, 28992);
    auto wrong = importFile(dir, dir + "/buurten.shp", {"--name-field", "straatnaam"});
    EXPECT_EQ(wrong.result.exitCode, 1);
    EXPECT_NE(wrong.result.err.find("buurtnaam"), std::string::npos) << "should list the fields: " << wrong.result.err;
    auto ok = importFile(dir, dir + "/buurten.shp", {"--name-field", "INWONERS"});
    ASSERT_EQ(ok.result.exitCode, 0) << ok.result.err;
    samenkaart::Database db(ok.project, samenkaart::Database::Mode::ReadOnly);
    EXPECT_EQ(db.queryText("SELECT name FROM boundaries ORDER BY fid LIMIT 1"), "1200");
}

TEST(GeneratedImport, BundledSampleNeighbourhoodImports) {
    const std::string dir = makeTempDir("gen-sample");
    auto i = importFile(dir, std::string(SAMENKAART_SAMPLE_DIR) + "/buurten.geojson");
    ASSERT_EQ(i.result.exitCode, 0) << i.result.err;
    EXPECT_TRUE(i.result.err.empty()) << i.result.err;
    auto j = info(i.project);
    EXPECT_EQ(j["crs"], "EPSG:28992");
    EXPECT_EQ(j["boundaries"], 10);
    samenkaart::Database db(i.project, samenkaart::Database::Mode::ReadOnly);
    EXPECT_EQ(db.queryInt("SELECT count(*) FROM boundaries WHERE name = 'Ëikenhof'"), 1);
}
