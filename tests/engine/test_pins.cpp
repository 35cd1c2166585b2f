#include <gtest/gtest.h>

#include "engine/error.hpp"
#include "engine/pins.hpp"
#include "engine/sessions.hpp"
#include "tests/engine/engine_fixture.hpp"

using namespace samenkaart;

namespace {

struct PinsTest : ::testing::Test {
    std::string dir = test::makeTempDir(::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::string path = dir + "/p.sqlite";
    std::unique_ptr<Project> project = Project::createEmpty(path, describeCrs("EPSG:28992"));
    int64_t session = SessionStore(project->db()).start({"Buurtavond", std::string("Fatima"), {}, 9, {}, true});

    NewPin pin(const std::string& title, Point at = {155500, 463500}) {
        NewPin n;
        n.sessionId = session;
        n.category = "kans";
        n.title = title;
        n.position = at;
        return n;
    }
};

}  // namespace

TEST_F(PinsTest, AddStoresTextByteForByte) {
    PinStore pins(*project);
    const std::string hostile = "Robert'); DROP TABLE pins;--\n\"quoted\" 🌷 ĳsbaan\tTab";
    NewPin n = pin(hostile);
    n.description = std::string(5000, 'x') + "ë";
    n.contributor = "buurvrouw \"Ans\"";
    const std::string id = pins.add(n);
    Pin p = pins.get(id);
    EXPECT_EQ(p.title, hostile);
    EXPECT_EQ(p.description, n.description);
    EXPECT_EQ(p.contributor, n.contributor);
    EXPECT_EQ(p.position, (Point{155500, 463500}));
    EXPECT_EQ(id.size(), 36u);
    EXPECT_EQ(project->db().queryInt("SELECT count(*) FROM pins"), 1);
}

TEST_F(PinsTest, RefusesWhatCannotBeStored) {
    PinStore pins(*project);
    EXPECT_THROW(pins.add(pin("   ")), Error);                  // empty title
    EXPECT_THROW(pins.add(pin("Caf\xE9")), Error);              // invalid UTF-8
    EXPECT_THROW(pins.add(pin(std::string(600, 'a'))), Error);  // too long
    NewPin badCategory = pin("x");
    badCategory.category = "onbekend";
    EXPECT_THROW(pins.add(badCategory), Error);
    NewPin badSession = pin("x");
    badSession.sessionId = 999;
    EXPECT_THROW(pins.add(badSession), Error);
    EXPECT_THROW(pins.add(pin("x", {std::nan(""), 1.0})), Error);
    EXPECT_THROW(pins.add(pin("x", {1e12, 1e12})), Error);  // off the earth
    EXPECT_THROW(pins.fromLonLat(200.0, 52.0), Error);
    EXPECT_EQ(project->db().queryInt("SELECT count(*) FROM pins"), 0);
    EXPECT_EQ(project->db().queryInt("SELECT count(*) FROM pin_history"), 0);
}

TEST_F(PinsTest, ClosedSessionTakesNoNewPins) {
    SessionStore(project->db()).close(session);
    PinStore pins(*project);
    EXPECT_THROW(pins.add(pin("te laat")), Error);
}

TEST_F(PinsTest, ReopenedSessionTakesPinsAgain) {
    SessionStore sessions(project->db());
    EXPECT_THROW(sessions.reopen(session), Error);  // it is open
    sessions.close(session);
    sessions.reopen(session);
    EXPECT_TRUE(sessions.get(session).isOpen());
    PinStore pins(*project);
    EXPECT_FALSE(pins.add(pin("na heropenen")).empty());
    EXPECT_THROW(sessions.reopen(999), Error);
}

TEST_F(PinsTest, EveryChangeIsInTheHistoryAndDeleteIsSoft) {
    PinStore pins(*project);
    const std::string id = pins.add(pin("Moestuin"));
    PinEdit rename;
    rename.title = "Moestuin bij school";
    pins.edit(id, rename);
    pins.move(id, {155600, 463600});
    pins.remove(id);
    EXPECT_TRUE(pins.list().empty());
    PinFilter all;
    all.includeDeleted = true;
    EXPECT_EQ(pins.list(all).size(), 1u);
    pins.restore(id);
    Statement st(project->db(), "SELECT action FROM pin_history WHERE pin_id = ? ORDER BY id");
    st.bind(1, id);
    std::vector<std::string> actions;
    while (st.step()) actions.push_back(st.columnText(0));
    EXPECT_EQ(actions, (std::vector<std::string>{"create", "edit", "move", "delete", "restore"}));
}

TEST_F(PinsTest, UndoRedoWalkTheHistoryAndSurviveReopening) {
    std::string id;
    {
        PinStore pins(*project);
        id = pins.add(pin("Bankje"));
        pins.move(id, {155700, 463700});
        pins.remove(id);
    }
    project.reset();
    project = Project::open(path);  // as after a restart
    PinStore pins(*project);
    ASSERT_TRUE(pins.undo());  // delete undone
    EXPECT_TRUE(pins.get(id).isLive());
    ASSERT_TRUE(pins.undo());  // move undone
    EXPECT_EQ(pins.get(id).position, (Point{155500, 463500}));
    ASSERT_TRUE(pins.undo());  // create undone: the pin is gone
    EXPECT_FALSE(pins.find(id));
    EXPECT_FALSE(pins.undo());
    ASSERT_TRUE(pins.redo());
    EXPECT_TRUE(pins.find(id));
    ASSERT_TRUE(pins.redo());
    EXPECT_EQ(pins.get(id).position, (Point{155700, 463700}));
    // A new change drops the redo branch.
    PinEdit rename;
    rename.title = "Bankje in het park";
    pins.edit(id, rename);
    EXPECT_FALSE(pins.canRedo());
    EXPECT_FALSE(pins.redo());
    EXPECT_EQ(pins.get(id).title, "Bankje in het park");
}

TEST_F(PinsTest, LonLatRoundTripInRdNew) {
    PinStore pins(*project);
    Point p = pins.fromLonLat(5.38720621, 52.15517440);
    // Without the RDNAPTRANS grid PROJ's datum shift is good to about a metre.
    EXPECT_NEAR(p.x, 155000.0, 1.0);
    EXPECT_NEAR(p.y, 463000.0, 1.0);
    const std::string id = pins.add(pin("Toren", p));
    auto j = pins.toJson(pins.get(id));
    EXPECT_NEAR(j["lon"].get<double>(), 5.38720621, 1e-7);
    EXPECT_NEAR(j["lat"].get<double>(), 52.15517440, 1e-7);
}
