#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "engine/error.hpp"
#include "engine/file_damage.hpp"
#include "engine/project.hpp"
#include "engine/sessions.hpp"
#include "engine/text_encoding.hpp"
#include "tests/engine/engine_fixture.hpp"

using namespace samenkaart;

TEST(Project, CreatedFileHasSchemaVersionWalAndSpatialMetadata) {
    const std::string dir = test::makeTempDir("project-create");
    const std::string path = dir + "/p.sqlite";
    { Project::createEmpty(path, describeCrs("EPSG:28992")); }
    auto p = Project::open(path);
    EXPECT_EQ(p->db().queryInt("PRAGMA user_version"), kSchemaVersion);
    EXPECT_EQ(p->db().queryText("PRAGMA journal_mode"), "wal");
    EXPECT_EQ(p->db().queryInt("PRAGMA foreign_keys"), 1);
    EXPECT_EQ(p->mapCrs().srid, 28992);
    EXPECT_EQ(p->mapCrs().definition, "EPSG:28992");
    EXPECT_EQ(p->db().queryText("SELECT geometry_type || ':' || srid FROM geometry_columns WHERE f_table_name='pins'"),
              "1:28992");
    EXPECT_EQ(p->db().queryInt("SELECT spatial_index_enabled FROM geometry_columns WHERE f_table_name='pins'"), 1);
    EXPECT_EQ(p->db().queryText("PRAGMA integrity_check"), "ok");
}

TEST(Project, CustomCrsWithoutEpsgGetsAUserSrid) {
    const std::string dir = test::makeTempDir("project-custom");
    auto p = Project::createEmpty(
        dir + "/p.sqlite",
        describeCrs("+proj=tmerc +lat_0=52 +lon_0=5 +k=1 +x_0=1000 +y_0=2000 +ellps=GRS80 +units=m +type=crs"));
    EXPECT_GE(p->mapCrs().srid, 900000);
    EXPECT_EQ(p->db().queryInt("SELECT count(*) FROM spatial_ref_sys WHERE srid = " + std::to_string(p->mapCrs().srid)),
              1);
}

TEST(Project, OpeningSomethingElseGivesAClearError) {
    const std::string dir = test::makeTempDir("project-bad");
    { std::ofstream(dir + "/notes.txt") << "boodschappenlijst\n"; }
    try {
        Project::open(dir + "/notes.txt");
        FAIL() << "opened a text file";
    } catch (const Error& e) {
        EXPECT_EQ(e.subject(), dir + "/notes.txt");
        EXPECT_NE(e.cause().find("not a Samenkaart project"), std::string::npos) << e.cause();
        EXPECT_EQ(e.kind(), ErrorKind::Unsupported);
    }
    EXPECT_THROW(Project::open(dir + "/missing.sqlite"), Error);
    // A plain SQLite database that is not ours.
    {
        Database db(dir + "/other.sqlite", Database::Mode::ReadWriteCreate);
        db.exec("CREATE TABLE t(x)");
    }
    EXPECT_THROW(Project::open(dir + "/other.sqlite"), Error);
}

// Issue 12: damage is a kind of its own (DamagedFileError), told by the file's bytes or by SQLite's
// code, never blamed on a read-only disk or a lock; a foreign file is not damage.
TEST(Project, ADamagedFileIsADamagedFileErrorWithItsTrueCause) {
    const std::string dir = test::makeTempDir("project-damaged");
    const std::string good = dir + "/good.sqlite";
    { auto p = Project::createEmpty(good, describeCrs("EPSG:28992")); }
    std::ifstream in(good, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), {});
    auto write = [&dir](const std::string& name, const std::string& content) {
        std::ofstream(dir + "/" + name, std::ios::binary) << content;
        return dir + "/" + name;
    };
    std::string malformed = bytes;
    malformed[malformed.find("CREATE TABLE pins (") + 18] = '!';
    const std::vector<std::pair<std::string, std::string>> cases = {
        {write("cut.sqlite", bytes.substr(0, bytes.size() / 2)), "it is cut short: "},
        {write("zeros.sqlite", std::string(bytes.size(), '\0')), "its first bytes are all zeros"},
        {write("empty.sqlite", ""), "it is empty: 0 bytes"},
        {write("schema.sqlite", malformed), "malformed database schema (pins)"},
    };
    for (const auto& [path, detail] : cases) {
        for (bool readOnly : {false, true}) {
            try {
                Project::open(path, readOnly);
                ADD_FAILURE() << "opened " << path;
            } catch (const DamagedFileError& e) {
                EXPECT_EQ(e.subject(), path);
                EXPECT_EQ(e.cause().rfind("the project file is damaged (", 0), 0u) << e.cause();
                EXPECT_NE(e.detail().find(detail), std::string::npos) << e.detail();
                EXPECT_EQ(e.cause().find("read-only"), std::string::npos) << e.cause();
                EXPECT_EQ(e.kind(), ErrorKind::Damaged);
            }
        }
    }
    // SQLite quotes a damaged schema byte for byte; the cause stays one line of valid UTF-8.
    std::string garbled = bytes;
    garbled.replace(garbled.find("CREATE TABLE pins (") + 18, 2, "\xe2\x01");
    try {
        Project::open(write("garbled.sqlite", garbled), true);
        ADD_FAILURE() << "opened a garbled schema";
    } catch (const DamagedFileError& e) {
        EXPECT_TRUE(isValidUtf8(e.cause())) << e.cause();
        EXPECT_EQ(e.cause().find_first_of("\n\r\x01"), std::string::npos) << e.cause();
    }
    // A page whose header is gone: opening reads only the schema, checkAllPagesReadable finds it.
    int64_t pageSize = 0, pageNumber = 0;
    {
        Database db(good, Database::Mode::ReadOnly);
        pageSize = db.queryInt("PRAGMA page_size").value_or(4096);
        pageNumber = db.queryInt("SELECT max(pageno) FROM dbstat WHERE name = 'spatial_ref_sys'").value_or(0);
    }
    ASSERT_GT(pageNumber, 1);
    std::string page = bytes;
    for (int64_t i = 0; i < 8; ++i) page[static_cast<size_t>((pageNumber - 1) * pageSize + i)] = '\xff';
    const std::string damagedPage = write("page.sqlite", page);
    auto p = Project::open(damagedPage, true);
    try {
        checkAllPagesReadable(p->db());
        ADD_FAILURE() << "a damaged page passed";
    } catch (const DamagedFileError& e) {
        EXPECT_EQ(e.cause().find('\n'), std::string::npos) << e.cause();  // quick_check's answer, on one line
    }
    // Someone else's file is not damage.
    EXPECT_THROW(
        {
            try {
                Project::open(write("notes.sqlite", "boodschappen\n"));
            } catch (const DamagedFileError&) {
                FAIL() << "a text file called damaged";
            }
        },
        Error);
}

TEST(Project, NewerSchemaIsRefusedNotDamaged) {
    const std::string dir = test::makeTempDir("project-newer");
    const std::string path = dir + "/p.sqlite";
    {
        auto p = Project::createEmpty(path, describeCrs("EPSG:28992"));
        p->db().exec("PRAGMA user_version = 99");
    }
    try {
        Project::open(path);
        FAIL();
    } catch (const Error& e) {
        EXPECT_NE(e.cause().find("newer Samenkaart"), std::string::npos);
    }
}

TEST(Project, ReadOnlyFileGivesAClearMessageOnWrite) {
    const std::string dir = test::makeTempDir("project-ro");
    const std::string path = dir + "/p.sqlite";
    { Project::createEmpty(path, describeCrs("EPSG:28992")); }
    auto p = Project::open(path, true);  // as SQLite opens a file it may not write
    try {
        SessionStore(p->db()).start({"x", {}, {}, {}, {}, false});
        FAIL() << "wrote to a read-only project";
    } catch (const Error& e) {
        EXPECT_EQ(e.subject(), path);
        EXPECT_NE(e.cause().find("read-only"), std::string::npos) << e.cause();
        EXPECT_EQ(e.kind(), ErrorKind::ReadOnly);
    }
}

TEST(Project, SecondWriterWaitsThenReportsTheLockInPlainWords) {
    const std::string dir = test::makeTempDir("project-lock");
    const std::string path = dir + "/p.sqlite";
    { Project::createEmpty(path, describeCrs("EPSG:28992")); }
    auto a = Project::open(path);
    auto b = Project::open(path);
    Transaction holding(a->db());  // another program holds the write lock
    b->db().exec("PRAGMA busy_timeout = 100");
    try {
        SessionStore(b->db()).start({"tweede venster", {}, {}, {}, {}, false});
        FAIL() << "wrote through another writer's lock";
    } catch (const Error& e) {
        EXPECT_NE(e.cause().find("locked"), std::string::npos) << e.cause();
        EXPECT_EQ(e.kind(), ErrorKind::Locked);
    }
}
