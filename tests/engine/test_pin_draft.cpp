#include <gtest/gtest.h>

#include "engine/pin_draft.hpp"
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
