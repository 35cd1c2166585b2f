// The programme store when its server goes away: on a cluster of the test's own, stopped hard in
// the middle of a publish (as a power cut or a killed server would).
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <future>
#include <thread>

#include "engine/pins.hpp"
#include "engine/programme/programme_store.hpp"
#include "engine/programme/programme_view.hpp"
#include "engine/programme/publish.hpp"
#include "engine/project.hpp"
#include "engine/sessions.hpp"
#include "tests/engine/engine_fixture.hpp"
#include "tests/support/cli_runner.hpp"

namespace samenkaart::test {
namespace {

const std::string kScript = std::string(SAMENKAART_SOURCE_DIR) + "/scripts/pg-test-cluster.sh";

// A cluster of this test's own, stopped and removed at the end.
class OwnCluster {
public:
    OwnCluster() : state_(makeTempDir("own_pg_cluster")) {
        ok_ = run("start") == 0;
        std::ifstream in(state_ + "/cluster.env");
        for (std::string line; std::getline(in, line);)
            if (line.starts_with("PGPORT=")) port_ = line.substr(7);
    }
    ~OwnCluster() { run("stop"); }
    OwnCluster(const OwnCluster&) = delete;
    OwnCluster& operator=(const OwnCluster&) = delete;

    bool ok() const { return ok_ && !port_.empty(); }
    int run(const std::string& action) const {
        return std::system(("bash " + kScript + " " + action + " " + state_ + " >/dev/null 2>&1").c_str());
    }
    std::string db(const std::string& name) const {
        return "host=127.0.0.1 port=" + port_ + " user=samenkaart_admin dbname=" + name;
    }

private:
    std::string state_, port_;
    bool ok_ = false;
};

TEST(ProgrammeFaults, ServerStoppedHardMidPublishHoldsNothingAndTheSameCommandThenSendsAll) {
    OwnCluster cluster;
    ASSERT_TRUE(cluster.ok());
    {
        pg::Connection c = pg::Connection::open(cluster.db("postgres"));
        c.exec("CREATE DATABASE programme TEMPLATE samenkaart_template");
    }
    {
        pg::Connection c = pg::Connection::open(cluster.db("programme"));
        programme::initStore(c);
        programme::addWerkplaats(c, "utrecht", "");
    }
    constexpr int kPins = 100000;
    auto project = makeEmptyRdProject("crash_publish");
    const std::string path = project->path();
    {
        Database& db = project->db();
        db.exec(
            "INSERT INTO boundaries (fid, name, geom) VALUES (1, 'Centrum', GeomFromText('MULTIPOLYGON(((150000 "
            "460000, 160000 460000, 160000 470000, 150000 470000, 150000 460000)))', 28992))");
        const int64_t session = SessionStore(db).start({.title = "Avond", .consent = true});
        std::vector<NewPin> pins;
        pins.reserve(kPins);
        for (int i = 0; i < kPins; ++i)
            pins.push_back({.sessionId = session,
                            .category = "kans",
                            .title = "pin " + std::to_string(i),
                            .position = {150000.0 + (i % 1000) * 10.0, 460000.0 + (i / 1000) * 10.0}});
        PinStore(*project).addMany(std::move(pins));
    }
    project.reset();
    const std::string db = cluster.db("programme");

    // The publish runs as a user would run it; the server is stopped once the pins are on their way.
    auto publishing = std::async(std::launch::async, [&] {
        return runSamenkaart({"publish", path, db, "--werkplaats", "utrecht"}, 120);
    });
    bool sending = false;
    {
        pg::Connection watch = pg::Connection::open(cluster.db("programme"));
        for (int i = 0; i < 6000 && !sending; ++i) {
            sending = watch
                          .exec(
                              "SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'COPY stage_pins%' OR query "
                              "LIKE 'INSERT INTO samenkaart.pins%' OR query LIKE 'COPY stage_history%'")
                          .integer(0, 0) > 0;
            if (!sending) std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
    }
    ASSERT_TRUE(sending) << "the publish never reached the pins";
    ASSERT_EQ(cluster.run("crash"), 0);
    const CliResult cut = publishing.get();
    EXPECT_EQ(cut.exitCode, 1) << cut.out << cut.err;
    EXPECT_EQ(cut.out, "");
    EXPECT_EQ(std::count(cut.err.begin(), cut.err.end(), '\n'), 1) << cut.err;
    EXPECT_NE(cut.err.find("127.0.0.1"), std::string::npos) << "names the server: " << cut.err;

    ASSERT_EQ(cluster.run("restart"), 0);
    {
        pg::Connection c = pg::Connection::open(db);
        EXPECT_EQ(c.exec("SELECT count(*) FROM samenkaart.pins").integer(0, 0), 0);
        EXPECT_EQ(c.exec("SELECT count(*) FROM samenkaart.projects").integer(0, 0), 0);
        EXPECT_EQ(c.exec("SELECT count(*) FROM samenkaart.publishes").integer(0, 0), 0);
        auto p = Project::open(path, true);
        EXPECT_TRUE(programme::publishHistory(*p).empty()) << "the project file recorded no publish";
    }
    const CliResult again = runSamenkaart({"publish", path, db, "--werkplaats", "utrecht"}, 120);
    ASSERT_EQ(again.exitCode, 0) << again.err;
    EXPECT_NE(again.out.find("sent 100000 pins (100000 new, 0 changed, 0 deleted)"), std::string::npos) << again.out;
    EXPECT_NE(again.out.find("the server holds 100000 pins of this project; refused 0"), std::string::npos)
        << again.out;
}

TEST(ProgrammeFaults, ServerStoppedHardWhileTheViewIsReadLeavesTheLastViewAsItWas) {
    OwnCluster cluster;
    ASSERT_TRUE(cluster.ok());
    {
        pg::Connection c = pg::Connection::open(cluster.db("postgres"));
        c.exec("CREATE DATABASE programme TEMPLATE samenkaart_template");
    }
    const std::string db = cluster.db("programme");
    {
        pg::Connection c = pg::Connection::open(db);
        programme::initStore(c);
        programme::addWerkplaats(c, "utrecht", "");
    }
    constexpr int kPins = 50000;  // more than one fetch of the view's cursor
    auto project = makeEmptyRdProject("crash_view");
    int64_t session = 0;
    auto addPins = [&](int n, int from) {
        std::vector<NewPin> pins;
        for (int i = from; i < from + n; ++i)
            pins.push_back({.sessionId = session,
                            .category = "kans",
                            .title = "pin " + std::to_string(i),
                            .position = {150000.0 + (i % 1000) * 10.0, 460000.0 + (i / 1000) * 10.0}});
        PinStore(*project).addMany(std::move(pins));
    };
    project->db().exec(
        "INSERT INTO boundaries (fid, name, geom) VALUES (1, 'Centrum', GeomFromText('MULTIPOLYGON(((150000 "
        "460000, 160000 460000, 160000 470000, 150000 470000, 150000 460000)))', 28992))");
    session = SessionStore(project->db()).start({.title = "Avond", .consent = true});
    addPins(kPins, 0);
    auto publish = [&] {
        pg::Connection c = pg::Connection::open(db);
        programme::PublishOptions o;
        o.werkplaats = "utrecht";
        programme::publishProject(project->path(), c, o);
    };
    publish();
    const std::string folder = makeTempDir("crash_view_folder");
    std::string path;
    {
        pg::Connection c = pg::Connection::open(db);
        path = programme::readProgrammeView(c, folder).path;
    }
    const auto written = std::filesystem::last_write_time(path);
    const auto size = std::filesystem::file_size(path);

    addPins(10, kPins);
    publish();
    {
        pg::Connection c = pg::Connection::open(db);
        bool stopped = false;
        try {
            programme::readProgrammeView(c, folder, [&](int64_t read, int64_t) {
                if (read > 0 && !stopped) stopped = cluster.run("crash") == 0;  // after the first fetch
            });
            FAIL() << "the read went on without its server";
        } catch (const Error& e) {
            EXPECT_TRUE(stopped);
            EXPECT_NE(std::string(e.what()).find("127.0.0.1"), std::string::npos) << "names the server: " << e.what();
        }
    }
    EXPECT_EQ(std::filesystem::last_write_time(path), written) << "the last view is kept as it was";
    EXPECT_EQ(std::filesystem::file_size(path), size);
    EXPECT_FALSE(std::filesystem::exists(path + ".part"));
    EXPECT_EQ(PinStore(*Project::open(path, true)).list({}).size(), static_cast<size_t>(kPins));

    ASSERT_EQ(cluster.run("restart"), 0);
    pg::Connection c = pg::Connection::open(db);
    const programme::ProgrammeView view = programme::readProgrammeView(c, folder);
    EXPECT_FALSE(view.reused);
    EXPECT_EQ(view.pins, kPins + 10);
}

}  // namespace
}  // namespace samenkaart::test
