#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "engine/error.hpp"
#include "engine/project.hpp"
#include "engine/sessions.hpp"
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
        dir + "/p.sqlite", describeCrs("+proj=tmerc +lat_0=52 +lon_0=5 +k=1 +x_0=1000 +y_0=2000 +ellps=GRS80 +units=m +type=crs"));
    EXPECT_GE(p->mapCrs().srid, 900000);
    EXPECT_EQ(p->db().queryInt("SELECT count(*) FROM spatial_ref_sys WHERE srid = " +
                               std::to_string(p->mapCrs().srid)),
              1);
}

TEST(Project, OpeningSomethingElseGivesAClearError) {
    const std::string dir = test::makeTempDir("project-bad");
    {
        std::ofstream(dir + "/notes.txt") << "boodschappenlijst\n";
    }
    try {
        Project::open(dir + "/notes.txt");
        FAIL() << "opened a text file";
    } catch (const Error& e) {
        EXPECT_EQ(e.subject(), dir + "/notes.txt");
        EXPECT_NE(e.cause().find("not a Samenkaart project"), std::string::npos) << e.cause();
    }
    EXPECT_THROW(Project::open(dir + "/missing.sqlite"), Error);
    // A plain SQLite database that is not ours.
    { Database db(dir + "/other.sqlite", Database::Mode::ReadWriteCreate); db.exec("CREATE TABLE t(x)"); }
    EXPECT_THROW(Project::open(dir + "/other.sqlite"), Error);
}

TEST(Project, NewerSchemaIsRefusedNotDamaged) {
    const std::string dir = test::makeTempDir("project-newer");
    const std::string path = dir + "/p.sqlite";
    { auto p = Project::createEmpty(path, describeCrs("EPSG:28992")); p->db().exec("PRAGMA user_version = 99"); }
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
    }
}
