// Damaged project files, damaged on purpose as a pulled USB stick or a failing disk leaves them:
// `samenkaart info` names the true cause ("the project file is damaged (...)", never "read-only"),
// and `samenkaart repair DAMAGED --out NEW` rescues exactly what can still be read into a new,
// valid project, reports the counts and what was lost, and never overwrites.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "engine/boundary_import.hpp"
#include "engine/pins.hpp"
#include "engine/project.hpp"
#include "engine/project_summary.hpp"
#include "engine/sessions.hpp"
#include "engine/sqlite_db.hpp"
#include "tests/support/cli_runner.hpp"

using namespace samenkaart;
using namespace samenkaart::test;

namespace {

namespace fs = std::filesystem;

struct Counts {
    int64_t sessions = 0, pins = 0, history = 0, boundaries = 0;
};

Counts countRows(const std::string& path) {
    Database db(path, Database::Mode::ReadOnly);
    Counts c;
    c.sessions = db.queryInt("SELECT count(*) FROM sessions").value_or(-1);
    c.pins = db.queryInt("SELECT count(*) FROM pins").value_or(-1);
    c.history = db.queryInt("SELECT count(*) FROM pin_history").value_or(-1);
    c.boundaries = db.queryInt("SELECT count(*) FROM boundaries").value_or(-1);
    return c;
}

// One b-tree page of a table, as SQLite's dbstat sees it.
struct Page {
    int64_t number = 0;
    std::string path;  // "/" for the root, "/000/" for its first child, ...
    bool leaf = false;
    int64_t cells = 0;
};

std::vector<Page> pagesOf(const std::string& file, const std::string& table) {
    Database db(file, Database::Mode::ReadOnly);
    // The schema table is called sqlite_schema by newer SQLite, sqlite_master by older.
    Statement st(db,
                 "SELECT pageno, path, pagetype, ncell FROM dbstat WHERE name IN (?1, ?2) AND pagetype != 'overflow'");
    st.bind(1, table).bind(2, table == "sqlite_schema" ? "sqlite_master" : table);
    std::vector<Page> pages;
    while (st.step()) pages.push_back({st.columnInt(0), st.columnText(1), st.columnText(2) == "leaf", st.columnInt(3)});
    return pages;
}

// The rows of `table` that lie on leaf pages which, with every page above them, are among the
// first `pages` pages of the file: what a reader can reach after the file was cut there.
int64_t rowsWithin(const std::vector<Page>& tablePages, int64_t pages) {
    std::map<std::string, int64_t> numberOf;
    for (const Page& p : tablePages) numberOf[p.path] = p.number;
    int64_t rows = 0;
    for (const Page& p : tablePages) {
        if (!p.leaf) continue;
        bool reachable = true;
        for (size_t slash = 0; slash != std::string::npos && reachable; slash = p.path.find('/', slash + 1)) {
            const auto it = numberOf.find(p.path.substr(0, slash + 1));
            reachable = it != numberOf.end() && it->second <= pages;
        }
        if (reachable) rows += p.cells;
    }
    return rows;
}

void overwrite(const std::string& file, int64_t offset, const std::string& bytes) {
    std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(offset);
    f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

std::string readAll(const std::string& file) {
    std::ifstream in(file, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

int64_t pageSize(const std::string& file) {
    Database db(file, Database::Mode::ReadOnly);
    return db.queryInt("PRAGMA page_size").value_or(4096);
}

class RepairTest : public ::testing::Test {
protected:
    std::string dir = makeTempDir(::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::string project = dir + "/wijk.sqlite";
    std::string rescued = dir + "/gered.sqlite";
    Counts before;

    void SetUp() override {
        BoundaryImportOptions o;
        o.source = std::string(SAMENKAART_SAMPLE_DIR) + "/buurten.geojson";
        createProjectFromBoundaries(project, o);
        {
            auto p = Project::open(project);
            SessionStore sessions(p->db());
            const int64_t a = sessions.start({"Buurtavond", std::string("Fatima"), {}, 12, {}, true});
            const int64_t b = sessions.start({"Tweede avond", std::string("Henk"), {}, 8, {}, true});
            PinStore pins(*p);
            for (int i = 0; i < 400; ++i) {
                const std::string id =
                    pins.add({i % 3 ? a : b,
                              i % 2 ? "kans" : "idee",
                              "Pin nummer " + std::to_string(i),
                              "Een beschrijving die de rij wat langer maakt, zoals bewoners schrijven.",
                              {},
                              nlohmann::json::object(),
                              {155500.0 + i, 464000.0 + i}});
                if (i % 10 == 0) pins.edit(id, {.title = std::string("Bewerkt ") + std::to_string(i)});
            }
        }
        {
            Database db(project, Database::Mode::ReadWrite);
            db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
        }
        // Everything is in the main file now: the damage below hits what a reader sees.
        for (const char* suffix : {"-wal", "-shm"}) fs::remove(project + suffix);
        before = countRows(project);
        ASSERT_EQ(before.pins, 400);
        ASSERT_EQ(before.history, 440);
        ASSERT_GT(before.boundaries, 0);
    }

    CliResult repair() { return runSamenkaart({"repair", project, "--out", rescued}); }

    // The rescued file is a proper project: `info` reads it and SQLite finds nothing wrong.
    void expectValidProject(const Counts& expected) {
        ASSERT_TRUE(fs::exists(rescued));
        const CliResult info = runSamenkaart({"info", rescued});
        EXPECT_EQ(info.exitCode, 0) << info.err;
        EXPECT_NE(info.out.find("Pins:        " + std::to_string(expected.pins)), std::string::npos) << info.out;
        {
            Database db(rescued, Database::Mode::ReadOnly);
            EXPECT_EQ(db.queryText("PRAGMA integrity_check").value_or(""), "ok");
            EXPECT_EQ(db.queryInt("PRAGMA user_version").value_or(0), kSchemaVersion);
        }
        const Counts got = countRows(rescued);
        EXPECT_EQ(got.sessions, expected.sessions);
        EXPECT_EQ(got.pins, expected.pins);
        EXPECT_EQ(got.history, expected.history);
        EXPECT_EQ(got.boundaries, expected.boundaries);
        // A rescued project takes new pins like any other.
        const CliResult add = runSamenkaart({"pin", "add", rescued, "--session", "1", "--category", "kans", "--title",
                                             "Na redding", "--xy", "155600", "464100"});
        EXPECT_EQ(add.exitCode, 0) << add.err;
    }
};

}  // namespace

TEST_F(RepairTest, FlippedBytesInAPinsPageLoseOnlyThatPagesPins) {
    const std::vector<Page> pins = pagesOf(project, "pins");
    std::vector<Page> leaves;
    for (const Page& p : pins)
        if (p.leaf) leaves.push_back(p);
    ASSERT_GE(leaves.size(), 3u);
    // The first page of rows (the scan must find its way past it from the start) and one in the
    // middle: their headers (type, cell count, content offset) flipped, as a bad sector leaves them.
    std::sort(leaves.begin(), leaves.end(), [](const Page& a, const Page& b) { return a.path < b.path; });
    const Page first = leaves.front(), hit = leaves[leaves.size() / 2];
    for (const Page& p : {first, hit}) overwrite(project, (p.number - 1) * pageSize(project), std::string(8, '\xff'));
    const int64_t lost = first.cells + hit.cells;

    const CliResult info = runSamenkaart({"info", project});
    EXPECT_EQ(info.exitCode, 1);
    EXPECT_NE(info.err.find(project + ": the project file is damaged ("), std::string::npos) << info.err;
    EXPECT_EQ(info.err.find("read-only"), std::string::npos) << info.err;

    const CliResult r = repair();
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.out.find("Rescued into " + rescued + ": 2 sessions, " + std::to_string(400 - lost) +
                         " pins, 440 pin history rows"),
              std::string::npos)
        << r.out;
    EXPECT_NE(r.err.find("lost: pins: at most"), std::string::npos) << r.err;
    expectValidProject({before.sessions, before.pins - lost, before.history, before.boundaries});
}

TEST_F(RepairTest, AMalformedSchemaIsNamedAsDamageAndEverythingIsRescued) {
    // A flipped byte in the pins table's definition: SQLite can no longer read the file's schema.
    const std::string bytes = readAll(project);
    const size_t at = bytes.find("CREATE TABLE pins (");
    ASSERT_NE(at, std::string::npos);
    overwrite(project, static_cast<int64_t>(at + 18), "!");

    for (const char* command : {"info", "export"}) {
        std::vector<std::string> args{command, project};
        if (std::string(command) == "export") args.insert(args.end(), {"--out", dir + "/x.gpkg"});
        const CliResult r = runSamenkaart(args);
        EXPECT_EQ(r.exitCode, 1) << command;
        EXPECT_NE(r.err.find(project + ": the project file is damaged ("), std::string::npos)
            << command << ": " << r.err;
        EXPECT_EQ(r.err.find("read-only"), std::string::npos) << r.err;
        EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    }

    const CliResult r = repair();
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(
        r.out.find("2 sessions, 400 pins, 440 pin history rows, " + std::to_string(before.boundaries) + " boundaries"),
        std::string::npos)
        << r.out;
    expectValidProject(before);
    // The damaged file itself is never changed.
    EXPECT_EQ(readAll(project).substr(at, 19), "CREATE TABLE pins !");
}

TEST_F(RepairTest, ACutShortFileGivesBackWhatLiesBeforeTheCut) {
    const int64_t size = static_cast<int64_t>(fs::file_size(project));
    const int64_t page = pageSize(project);
    const int64_t keep = (size / page) * 3 / 4;  // whole pages: a cut as a copy that stopped
    const int64_t expectedPins = rowsWithin(pagesOf(project, "pins"), keep);
    const int64_t expectedHistory = rowsWithin(pagesOf(project, "pin_history"), keep);
    ASSERT_LT(expectedPins + expectedHistory, 840) << "the cut must lose something";
    fs::resize_file(project, static_cast<uintmax_t>(keep * page));

    const CliResult info = runSamenkaart({"info", project});
    EXPECT_EQ(info.exitCode, 1);
    EXPECT_NE(info.err.find("the project file is damaged (it is cut short: " + std::to_string(keep * page) +
                            " of its " + std::to_string(size) + " bytes are there)"),
              std::string::npos)
        << info.err;

    const CliResult r = repair();
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const Counts got = countRows(rescued);
    EXPECT_EQ(got.pins, expectedPins);
    EXPECT_EQ(got.history, expectedHistory);
    EXPECT_LE(got.boundaries, before.boundaries);
    EXPECT_FALSE(r.err.empty()) << "what was lost is reported";
    Database db(rescued, Database::Mode::ReadOnly);
    EXPECT_EQ(db.queryText("PRAGMA integrity_check").value_or(""), "ok");
}

TEST_F(RepairTest, ZerosEmptyAndForeignFilesRescueNothingAndSaySo) {
    struct Case {
        const char* name;
        std::string content;
        const char* cause;
    };
    const std::vector<Case> cases = {
        {"zeros", std::string(static_cast<size_t>(fs::file_size(project)), '\0'),
         "the project file is damaged (its first bytes are all zeros"},
        {"empty", "", "the project file is damaged (it is empty: 0 bytes)"},
        {"text", "naam,x,y\nMoestuin,1,2\n", "is not a Samenkaart project file (it is not an SQLite database)"},
    };
    for (const Case& c : cases) {
        { std::ofstream(project, std::ios::binary | std::ios::trunc) << c.content; }
        for (const char* command : {"info", "repair"}) {
            std::vector<std::string> args{command, project};
            if (std::string(command) == "repair") args.insert(args.end(), {"--out", rescued});
            const CliResult r = runSamenkaart(args);
            EXPECT_EQ(r.exitCode, 1) << c.name << " " << command;
            EXPECT_EQ(r.err.rfind("samenkaart: " + project + ": ", 0), 0u) << r.err;
            EXPECT_NE(r.err.find(c.cause), std::string::npos) << c.name << " " << command << ": " << r.err;
            EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
        }
        EXPECT_FALSE(fs::exists(rescued)) << c.name;
        for (const auto& entry : fs::directory_iterator(dir))
            EXPECT_EQ(entry.path().filename().string().find(".partial-"), std::string::npos) << entry.path();
    }
}

TEST_F(RepairTest, ADamagedSchemaPageNeverCrashesAndNeverLeavesAHalfFile) {
    const std::vector<Page> schema = pagesOf(project, "sqlite_schema");
    ASSERT_FALSE(schema.empty());
    for (const Page& p : schema) {
        if (p.number == 1) continue;  // page 1 also holds the file's header: see the zeros case
        for (const std::string& f : {project, project + "-wal", project + "-shm", rescued}) fs::remove(f);
        SetUp();  // a fresh project each time
        overwrite(project, (p.number - 1) * pageSize(project), std::string(8, '\xff'));
        const CliResult r = repair();
        EXPECT_FALSE(r.timedOut);
        EXPECT_EQ(r.signal, 0);
        ASSERT_TRUE(r.exitCode == 0 || r.exitCode == 1) << r.err;
        if (r.exitCode == 0) {
            Database db(rescued, Database::Mode::ReadOnly);
            EXPECT_EQ(db.queryText("PRAGMA integrity_check").value_or(""), "ok");
        } else {
            EXPECT_FALSE(fs::exists(rescued));
            EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
        }
    }
}

TEST_F(RepairTest, NeverOverwritesAnExistingFile) {
    std::ofstream(rescued) << "mine";
    const CliResult r = repair();
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.err.find(rescued + ": already exists"), std::string::npos) << r.err;
    EXPECT_EQ(readAll(rescued), "mine");
}

TEST_F(RepairTest, AnUndamagedProjectIsCopiedWhole) {
    const CliResult r = repair();
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.out.find("nothing readable was lost"), std::string::npos) << r.out;
    expectValidProject(before);
}
