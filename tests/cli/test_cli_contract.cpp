// The command-line contract of docs/cli.md: outputs scripts rely on, exit codes, exact text.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>

#include "engine/sqlite_db.hpp"
#include "tests/support/cli_runner.hpp"

using namespace samenkaart::test;

namespace {

std::string trimNewline(std::string s) {
    while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
    return s;
}

struct CliContract : ::testing::Test {
    std::string dir =
        makeTempDir(std::string("cli-") + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::string project = dir + "/wijk.sqlite";
    std::string session;

    void SetUp() override {
        auto r =
            runSamenkaart({"new", project, "--boundaries", std::string(SAMENKAART_SAMPLE_DIR) + "/buurten.geojson"});
        ASSERT_EQ(r.exitCode, 0) << r.err;
        auto s = runSamenkaart({"session", "start", project, "--title", "Buurtavond", "--facilitator", "Fatima"});
        ASSERT_EQ(s.exitCode, 0) << s.err;
        session = trimNewline(s.out);
    }

    CliResult addPin(const std::string& title, std::vector<std::string> extra = {"--xy", "156000", "464500"}) {
        std::vector<std::string> args = {"pin",        "add",  project,   "--session", session,
                                         "--category", "kans", "--title", title};
        args.insert(args.end(), extra.begin(), extra.end());
        return runSamenkaart(args);
    }

    nlohmann::json pins(bool includeDeleted = false) {
        std::vector<std::string> args = {"pin", "list", project, "--json"};
        if (includeDeleted) args.push_back("--include-deleted");
        auto r = runSamenkaart(args);
        EXPECT_EQ(r.exitCode, 0) << r.err;
        return nlohmann::json::parse(r.out);
    }
};

}  // namespace

TEST(CliBasics, VersionHelpAndUsageErrors) {
    auto v = runSamenkaart({"--version"});
    EXPECT_EQ(v.exitCode, 0);
    EXPECT_NE(v.out.find("samenkaart "), std::string::npos);
    for (std::vector<std::string> cmd : {std::vector<std::string>{"new"},
                                         {"info"},
                                         {"session", "start"},
                                         {"pin", "add"},
                                         {"pin", "list"},
                                         {"category", "add"},
                                         {"undo"},
                                         {"redo"}}) {
        cmd.push_back("--help");
        auto h = runSamenkaart(cmd);
        EXPECT_EQ(h.exitCode, 0) << cmd[0];
        EXPECT_NE(h.out.find("Usage"), std::string::npos) << cmd[0] << ": " << h.out;
    }
    EXPECT_EQ(runSamenkaart({"frobnicate"}).exitCode, 2);
    EXPECT_EQ(runSamenkaart({"new"}).exitCode, 2);  // PROJECT and --boundaries missing
    EXPECT_EQ(
        runSamenkaart({"pin", "add", "x.sqlite", "--session", "1", "--category", "kans", "--title", "t"}).exitCode,
        2);  // no position
}

TEST(CliBasics, MissingProjectIsOneClearLine) {
    auto r = runSamenkaart({"info", "/nonexistent/wijk.sqlite"});
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_EQ(r.err, "samenkaart: /nonexistent/wijk.sqlite: no such file\n");
}

TEST_F(CliContract, SessionStartAndPinAddPrintOnlyTheId) {
    EXPECT_TRUE(std::regex_match(session, std::regex("[0-9]+"))) << session;
    auto r = addPin("Moestuin");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_TRUE(
        std::regex_match(r.out, std::regex("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\n")))
        << r.out;
    EXPECT_TRUE(r.err.empty()) << r.err;
}

TEST_F(CliContract, CategoryListIsCodeFirstWithoutHeader) {
    auto r = runSamenkaart({"category", "list", project});
    ASSERT_EQ(r.exitCode, 0);
    EXPECT_EQ(r.out.substr(0, r.out.find('\t')), "kans");
    auto add = runSamenkaart(
        {"category", "add", project, "groen", "--label-nl", "Groen", "--label-en", "Green", "--colour", "#1B5E20"});
    ASSERT_EQ(add.exitCode, 0) << add.err;
    auto again = runSamenkaart({"category", "list", project});
    EXPECT_NE(again.out.find("groen\tGroen\tGreen\t#1b5e20\n"), std::string::npos) << again.out;
    auto json = nlohmann::json::parse(runSamenkaart({"category", "list", project, "--json"}).out);
    EXPECT_EQ(json.size(), 5u);
    EXPECT_EQ(runSamenkaart({"category", "add", project, "x", "--label-nl", "X", "--label-en", "X", "--colour", "rood"})
                  .exitCode,
              1);
}

TEST_F(CliContract, HostileTextIsStoredByteForByte) {
    const std::string title = "Robert'); DROP TABLE pins;--";
    const std::string description = "regel 1\nregel 2 \"aanhalingstekens\" \\ backslash\t🌷 ĳs";
    auto r = addPin(title, {"--xy", "156000", "464500", "--description", description, "--contributor", "O'Neil"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    auto list = pins();
    ASSERT_EQ(list.size(), 1u);
    EXPECT_EQ(list[0]["title"], title);
    EXPECT_EQ(list[0]["description"], description);
    EXPECT_EQ(list[0]["contributor"], "O'Neil");
    EXPECT_EQ(list[0]["session_id"], std::stoll(session));
    EXPECT_EQ(list[0]["x"], 156000.0);
    for (const char* key : {"id", "category", "lon", "lat", "created_at", "updated_at", "deleted_at"})
        EXPECT_TRUE(list[0].contains(key)) << key;
    // Invalid UTF-8 is refused, not stored.
    auto bad = addPin("Caf\xE9");
    EXPECT_EQ(bad.exitCode, 1);
    EXPECT_NE(bad.err.find("UTF-8"), std::string::npos) << bad.err;
    EXPECT_EQ(pins().size(), 1u);
}

TEST_F(CliContract, UnknownThingsAndImpossibleCoordinatesAreRefused) {
    auto unknownCat = runSamenkaart({"pin", "add", project, "--session", session, "--category", "onzin", "--title", "t",
                                     "--xy", "156000", "464500"});
    EXPECT_EQ(unknownCat.exitCode, 1);
    EXPECT_EQ(unknownCat.err.rfind("samenkaart: category onzin: ", 0), 0u) << unknownCat.err;
    auto unknownSession = runSamenkaart(
        {"pin", "add", project, "--session", "77", "--category", "kans", "--title", "t", "--xy", "156000", "464500"});
    EXPECT_EQ(unknownSession.exitCode, 1);
    EXPECT_NE(unknownSession.err.find("session 77"), std::string::npos);
    EXPECT_EQ(addPin("t", {"--lonlat", "200", "52"}).exitCode, 1);
    EXPECT_EQ(addPin("t", {"--lonlat", "5.1", "95"}).exitCode, 1);
    EXPECT_EQ(addPin("t", {"--xy", "nan", "nan"}).exitCode, 1);
    EXPECT_EQ(addPin("t", {"--xy", "1e300", "1e300"}).exitCode, 1);
    EXPECT_EQ(addPin("t", {"--xy", "abc", "464500"}).exitCode, 2);
    EXPECT_EQ(pins().size(), 0u);
    // Negative coordinates are numbers, not options.
    auto west = addPin("Ergens", {"--lonlat", "-0.5", "51.5"});
    EXPECT_EQ(west.exitCode, 0) << west.err;
}

TEST_F(CliContract, EditMoveDeleteAndUndoRedoAcrossRuns) {
    const std::string id = trimNewline(addPin("Bankje").out);
    ASSERT_EQ(runSamenkaart({"pin", "edit", project, id, "--title", "Bankje bij de vijver"}).exitCode, 0);
    ASSERT_EQ(runSamenkaart({"pin", "move", project, id, "--xy", "156100", "464600"}).exitCode, 0);
    ASSERT_EQ(runSamenkaart({"pin", "delete", project, id}).exitCode, 0);
    EXPECT_EQ(pins().size(), 0u);
    EXPECT_EQ(pins(true).size(), 1u);
    // Each command is a new process: the history is on disk.
    auto u1 = runSamenkaart({"undo", project});
    EXPECT_EQ(u1.exitCode, 0);
    EXPECT_NE(u1.out.find("delete"), std::string::npos) << u1.out;
    ASSERT_EQ(pins().size(), 1u);
    auto u2 = runSamenkaart({"undo", project});
    EXPECT_NE(u2.out.find("move"), std::string::npos);
    EXPECT_EQ(pins()[0]["x"], 156000.0);
    auto r1 = runSamenkaart({"redo", project});
    EXPECT_NE(r1.out.find("move"), std::string::npos);
    EXPECT_EQ(pins()[0]["x"], 156100.0);
    EXPECT_EQ(pins()[0]["title"], "Bankje bij de vijver");
    ASSERT_EQ(runSamenkaart({"undo", project}).exitCode, 0);  // move
    ASSERT_EQ(runSamenkaart({"undo", project}).exitCode, 0);  // edit
    ASSERT_EQ(runSamenkaart({"undo", project}).exitCode, 0);  // create
    EXPECT_EQ(pins(true).size(), 0u);
    auto nothing = runSamenkaart({"undo", project});
    EXPECT_EQ(nothing.exitCode, 1);
    EXPECT_NE(nothing.err.find("nothing to undo"), std::string::npos);
    EXPECT_EQ(runSamenkaart({"pin", "delete", project, "geen-pin"}).exitCode, 1);
}

TEST_F(CliContract, PinsAreASpatialLayerWithAnIndexForOtherPrograms) {
    for (int k = 0; k < 3; ++k) ASSERT_EQ(addPin("p" + std::to_string(k)).exitCode, 0);
    samenkaart::Database db(project, samenkaart::Database::Mode::ReadOnly);
    EXPECT_EQ(db.queryInt("SELECT spatial_index_enabled FROM geometry_columns WHERE f_table_name = 'pins'"), 1);
    EXPECT_EQ(db.queryInt("SELECT count(*) FROM idx_pins_geom"), 3);
    EXPECT_EQ(db.queryText("PRAGMA integrity_check"), "ok");
    // ogrinfo, as a researcher would run it.
    std::string cmd = "ogrinfo -ro -so '";
    cmd += project;
    cmd += "' pins 2>&1";
    FILE* p = popen(cmd.c_str(), "r");
    ASSERT_NE(p, nullptr);
    std::string out;
    char buf[4096];
    while (size_t n = fread(buf, 1, sizeof buf, p)) out.append(buf, n);
    EXPECT_EQ(pclose(p), 0) << out;
    EXPECT_NE(out.find("Geometry: Point"), std::string::npos) << out;
    EXPECT_NE(out.find("Feature Count: 3"), std::string::npos) << out;
    EXPECT_NE(out.find("Amersfoort / RD New"), std::string::npos) << out;
}

TEST_F(CliContract, LockedProjectWaitsThenSaysSoAndLosesNothing) {
    samenkaart::Database other(project, samenkaart::Database::Mode::ReadWrite);
    other.exec("BEGIN IMMEDIATE");  // another program is writing
    auto r = addPin("Tijdens slot");
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.err.find(project), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("locked"), std::string::npos) << r.err;
    other.exec("ROLLBACK");
    EXPECT_EQ(addPin("Na slot").exitCode, 0);  // a retry succeeds once the cause is gone
    EXPECT_EQ(pins().size(), 1u);
}

TEST_F(CliContract, FullOrReadOnlyDiskSaysSoOnceAndLosesNothing) {
    // The disk under the project fills up, or turns read-only, while `pin add` writes: the preload
    // library (tests/window/fail_writes_preload.c) refuses the project's writes while the flag exists.
    ASSERT_EQ(addPin("Voor de volle schijf").exitCode, 0);
    const std::string flag = dir + "/disk_refuses";
    std::string preload = SAMENKAART_FAIL_WRITES_PRELOAD;
    if (!std::string(SAMENKAART_ASAN_RUNTIME).empty()) preload = std::string(SAMENKAART_ASAN_RUNTIME) + ":" + preload;
    const std::vector<std::string> env = {
        "LD_PRELOAD=" + preload, "SAMENKAART_TEST_FAIL_WRITES=" + flag,
        "SAMENKAART_TEST_FAIL_PREFIX=" + std::filesystem::canonical(project).string()};
    const std::vector<std::string> add = {
        "pin",  "add",    project, "--session", session, "--category", "kans", "--title", "Op een weigerende schijf",
        "--xy", "156000", "464500"};
    for (const auto& [errnoName, cause] : {std::pair{"ENOSPC", "the disk is full"}, std::pair{"EROFS", "read-only"}}) {
        std::ofstream(flag) << errnoName;
        auto r = runSamenkaart(add, 60, env);
        EXPECT_EQ(r.exitCode, 1) << errnoName << ": " << r.err;
        EXPECT_TRUE(r.out.empty()) << errnoName << ": " << r.out;
        // One line, naming the file and the cause.
        EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
        EXPECT_EQ(r.err.rfind("samenkaart: " + project + ": ", 0), 0u) << r.err;
        EXPECT_NE(r.err.find(cause), std::string::npos) << errnoName << ": " << r.err;
        std::filesystem::remove(flag);
        ASSERT_EQ(pins().size(), 1u) << errnoName << ": a pin was stored on a refusing disk, or one was lost";
    }
    {
        samenkaart::Database db(project, samenkaart::Database::Mode::ReadOnly);
        EXPECT_EQ(db.queryText("PRAGMA integrity_check").value_or(""), "ok");
    }
    // The disk is back: the same command, with the same library loaded, stores the pin once.
    auto retry = runSamenkaart(add, 60, env);
    EXPECT_EQ(retry.exitCode, 0) << retry.err;
    EXPECT_TRUE(retry.err.empty()) << retry.err;
    EXPECT_EQ(pins().size(), 2u);
}

TEST_F(CliContract, InfoAndSessionListReflectTheProject) {
    addPin("a");
    addPin("b");
    auto j = nlohmann::json::parse(runSamenkaart({"info", project, "--json"}).out);
    EXPECT_EQ(j["boundaries"], 10);
    EXPECT_EQ(j["pins"], 2);
    EXPECT_EQ(j["open_sessions"], 1);
    EXPECT_EQ(j["pins_per_category"][0]["code"], "kans");
    EXPECT_EQ(j["pins_per_category"][0]["pins"], 2);
    ASSERT_EQ(runSamenkaart({"session", "close", project, session}).exitCode, 0);
    EXPECT_EQ(runSamenkaart({"session", "close", project, session}).exitCode, 1);  // already closed
    auto list = nlohmann::json::parse(runSamenkaart({"session", "list", project, "--json"}).out);
    EXPECT_EQ(list[0]["open"], false);
    EXPECT_EQ(list[0]["facilitator"], "Fatima");
    EXPECT_EQ(addPin("te laat").exitCode, 1);
}

// `pin list`, `render` and the density GeoTIFF take the window's filter: --session, --category
// (repeated), --from and --until (whole local days). A mistyped category or day is one clear line.
TEST_F(CliContract, PinListFiltersByCategoryAndPeriod) {
    ASSERT_EQ(addPin("Moestuin").exitCode, 0);
    ASSERT_EQ(runSamenkaart({"pin", "add", project, "--session", session, "--category", "idee", "--title", "Bankje",
                             "--xy", "156100", "464600"})
                  .exitCode,
              0);
    ASSERT_EQ(runSamenkaart({"pin", "add", project, "--session", session, "--category", "knelpunt", "--title",
                             "Oversteek", "--xy", "156200", "464700"})
                  .exitCode,
              0);
    {  // the Oversteek was pointed out a year ago
        samenkaart::Database db(project, samenkaart::Database::Mode::ReadWrite);
        db.exec("UPDATE pins SET created_at = '2025-12-01T18:30:00.000Z' WHERE title = 'Oversteek'");
    }
    auto titles = [&](std::vector<std::string> extra) {
        std::vector<std::string> args = {"pin", "list", project, "--json"};
        args.insert(args.end(), extra.begin(), extra.end());
        auto r = runSamenkaart(args);
        EXPECT_EQ(r.exitCode, 0) << r.err;
        std::vector<std::string> out;
        for (const auto& p : nlohmann::json::parse(r.out.empty() ? "[]" : r.out)) out.push_back(p["title"]);
        std::sort(out.begin(), out.end());
        return out;
    };
    using V = std::vector<std::string>;
    EXPECT_EQ(titles({}), (V{"Bankje", "Moestuin", "Oversteek"}));
    EXPECT_EQ(titles({"--category", "kans", "--category", "idee"}), (V{"Bankje", "Moestuin"}));
    EXPECT_EQ(titles({"--until", "2025-12-31"}), (V{"Oversteek"}));
    EXPECT_EQ(titles({"--from", "2025-11-30", "--until", "2025-12-01"}), (V{"Oversteek"}));
    EXPECT_EQ(titles({"--from", "2026-01-01", "--category", "knelpunt"}), V{});
    EXPECT_EQ(titles({"--session", session, "--category", "knelpunt"}), (V{"Oversteek"}));

    auto typo = runSamenkaart({"pin", "list", project, "--category", "kansen"});
    EXPECT_EQ(typo.exitCode, 1);
    EXPECT_EQ(typo.err.rfind("samenkaart: category kansen: is not in this project (its categories: ", 0), 0u)
        << typo.err;
    auto badDay = runSamenkaart({"pin", "list", project, "--from", "2026-02-30"});
    EXPECT_EQ(badDay.exitCode, 1);
    EXPECT_EQ(badDay.err.rfind("samenkaart: --from: is not a day: give it as YYYY-MM-DD", 0), 0u) << badDay.err;
    auto backwards = runSamenkaart({"pin", "list", project, "--from", "2026-12-05", "--until", "2026-12-01"});
    EXPECT_EQ(backwards.exitCode, 1);
    EXPECT_NE(backwards.err.find("lies before --from"), std::string::npos) << backwards.err;
    // The density GeoTIFF counts the filtered pins only (no display needed).
    const std::string tif = dir + "/kansen.tif";
    auto density = runSamenkaart({"render", project, "--density", "--out", tif, "--category", "kans"});
    EXPECT_EQ(density.exitCode, 0) << density.err;
    EXPECT_NE(density.out.find(", 1 pin;"), std::string::npos) << density.out;
}

// The density's 300 m are metres on the ground in any map CRS: the same pins (by longitude and
// latitude) in an RD New project and in a Web Mercator one (1.64 map units to the metre here) give
// the same pins per km², not 2.7 times fewer.
TEST_F(CliContract, DensityIsPerKm2OnTheGroundInWebMercatorToo) {
    const std::string mercator = dir + "/mercator.sqlite";
    auto made = runSamenkaart({"new", mercator, "--boundaries", std::string(SAMENKAART_SAMPLE_DIR) + "/buurten.geojson",
                               "--crs", "EPSG:3857"});
    ASSERT_EQ(made.exitCode, 0) << made.err;
    auto started = runSamenkaart({"session", "start", mercator, "--title", "Avond"});
    ASSERT_EQ(started.exitCode, 0) << started.err;
    const std::string mercatorSession = trimNewline(started.out);
    for (int i = 0; i < 12; ++i) {
        const std::string lon = std::to_string(5.400 + 0.0004 * (i % 4)),
                          lat = std::to_string(52.170 + 0.0003 * (i / 4));
        ASSERT_EQ(addPin("p", {"--lonlat", lon, lat}).exitCode, 0);
        ASSERT_EQ(runSamenkaart({"pin", "add", mercator, "--session", mercatorSession, "--category", "kans", "--title",
                                 "p", "--lonlat", lon, lat})
                      .exitCode,
                  0);
    }
    auto highest = [&](const std::string& path) {
        auto r = runSamenkaart({"render", path, "--density", "--out", dir + "/d.tif"});
        EXPECT_EQ(r.exitCode, 0) << r.err;
        const auto at = r.out.find("highest ");
        EXPECT_NE(at, std::string::npos) << r.out;
        EXPECT_NE(r.out.find("cells of 50 m, quartic kernel of radius 300 m"), std::string::npos) << r.out;
        return at == std::string::npos ? 0.0 : std::stod(r.out.substr(at + 8));
    };
    const double rd = highest(project), web = highest(mercator);
    EXPECT_GT(rd, 20.0);
    EXPECT_NEAR(web, rd, 0.03 * rd);
}
