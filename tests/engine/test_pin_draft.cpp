#include <gtest/gtest.h>

#include <sqlite3.h>

#include <cstdlib>

#include "engine/error.hpp"
#include "engine/pin_draft.hpp"
#include "engine/pins.hpp"
#include "engine/sessions.hpp"
#include "engine/sqlite_db.hpp"
#include "tests/engine/engine_fixture.hpp"

using namespace samenkaart;

TEST(PinDraft, SurvivesReopeningTheFileAndClearsAway) {
    const std::string dir = test::makeTempDir("pin-draft");
    const std::string path = dir + "/p.sqlite";
    PinDraft typed;
    typed.sessionId = 3;
    typed.position = {156500.25, 464500.5};
    typed.category = "kans";
    typed.title = "Moestuin bij de sch";
    typed.description = "twee regels\nmet \"aanhalingstekens\" en é ij";
    typed.contributor = "Henk";
    typed.fields = {{"wanneer", "zaterdag"}};
    {
        auto p = Project::createEmpty(path, describeCrs("EPSG:28992"));
        PinDraftStore store(*p);
        EXPECT_FALSE(store.load());
        store.save(typed);
    }  // as if the window were killed: only what is in the file counts
    {
        auto p = Project::open(path);
        PinDraftStore store(*p);
        const std::optional<PinDraft> back = store.load();
        ASSERT_TRUE(back);
        EXPECT_EQ(*back, typed);
        EXPECT_FALSE(back->pinId);
        store.clear();
        EXPECT_FALSE(store.load());
        EXPECT_EQ(p->db().queryText("PRAGMA integrity_check"), "ok");
    }
}

TEST(PinDraft, AnEditKeepsItsPinAndALaterDraftReplacesTheFirst) {
    auto p = test::makeEmptyRdProject("pin-draft-edit");
    PinDraftStore store(*p);
    PinDraft edit;
    edit.pinId = "0b6c3f7e-0000-4000-8000-000000000001";
    edit.title = "Bankje";
    store.save(edit);
    edit.title = "Bankje bij de vijver";
    store.save(edit);
    ASSERT_TRUE(store.load());
    EXPECT_EQ(store.load()->pinId, edit.pinId);
    EXPECT_EQ(store.load()->title, "Bankje bij de vijver");
    EXPECT_EQ(p->db().queryInt("SELECT count(*) FROM project_meta WHERE key = 'pin_draft'"), 1);
    // A draft skips the flush; the pins written next on the same connection do not.
    EXPECT_EQ(p->db().queryInt("PRAGMA synchronous"), 2);  // FULL
}

TEST(PinDraft, DamagedTextIsNoDraft) {
    EXPECT_FALSE(PinDraft::fromJson("{\"title\": \"zonder sessie\""));
    EXPECT_FALSE(PinDraft::fromJson("[1, 2]"));
    EXPECT_FALSE(PinDraft::fromJson("{\"session_id\": \"drie\", \"x\": 1, \"y\": 2}"));
}

// Another program holds the write lock while the form keeps its draft and saves: both are refused;
// once the lock is gone, the pin and the cleared draft must reach the file, not stay in a
// transaction the refused writes left open (the window said "saved" and the file had nothing).
TEST(PinDraft, AWriteRefusedUnderALockLeavesNoTransactionOpen) {
    const std::string dir = test::makeTempDir("pin-draft-locked");
    const std::string path = dir + "/p.sqlite";
    auto p = Project::createEmpty(path, describeCrs("EPSG:28992"));
    const int64_t session = SessionStore(p->db()).start({"Avond", {}, {}, {}, {}, true});
    p->db().setBusyTimeout(100);
    PinDraft typed;
    typed.sessionId = session;
    typed.position = {155500, 463500};
    typed.category = "kans";
    typed.title = "Fiets";
    Database other(path, Database::Mode::PlainReadWrite);
    other.exec("BEGIN IMMEDIATE");
    EXPECT_THROW(PinDraftStore(*p).save(typed), Error);
    NewPin n;
    n.sessionId = session;
    n.category = "kans";
    n.title = "Fiets";
    n.position = {155500, 463500};
    EXPECT_THROW(PinStore(*p).add(n), Error);
    other.exec("ROLLBACK");
    PinStore(*p).add(n);
    PinDraftStore(*p).clear();
    EXPECT_EQ(sqlite3_get_autocommit(p->db().handle()), 1) << "a transaction was left open";
    Database reader(path, Database::Mode::ReadOnly);
    EXPECT_EQ(reader.queryInt("SELECT count(*) FROM pins").value_or(-1), 1);
    EXPECT_EQ(reader.queryInt("SELECT count(*) FROM project_meta WHERE key = 'pin_draft'").value_or(-1), 0);
}

// A second look at an open project from the same program (the map loader, the export worker and
// the damage check all open it again) must not take the first connection's locks away: closing any
// descriptor of a file drops every POSIX lock the process holds on it. Without the locks another
// program (here the sqlite3 tool) that closes the database deletes the write-ahead log under the
// window, and what the window saves afterwards never reaches the file.
TEST(ProjectLocks, OpeningTheProjectAgainKeepsTheFirstConnectionsLocks) {
    const std::string dir = test::makeTempDir("second-open-locks");
    const std::string path = dir + "/p.sqlite";
    auto p = Project::createEmpty(path, describeCrs("EPSG:28992"));
    const int64_t session = SessionStore(p->db()).start({"Avond", {}, {}, {}, {}, true});
    NewPin n;
    n.sessionId = session;
    n.category = "kans";
    n.title = "Eerste";
    n.position = {155500, 463500};
    PinStore(*p).add(n);
    Project::open(path, true).reset();  // opened and closed again in this process
    ASSERT_EQ(std::system(("sqlite3 '" + path + "' 'SELECT count(*) FROM pins' > /dev/null").c_str()), 0);
    n.title = "Tweede";
    PinStore(*p).add(n);
    Database reader(path, Database::Mode::ReadOnly);
    EXPECT_EQ(reader.queryInt("SELECT count(*) FROM pins").value_or(-1), 2) << "a saved pin did not reach the file";
}
