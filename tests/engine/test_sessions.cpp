#include <gtest/gtest.h>

#include "engine/sessions.hpp"
#include "tests/engine/engine_fixture.hpp"

using namespace samenkaart;

TEST(Sessions, StartingWithCloseEndsTheOpenSessionInTheSameStep) {
    auto p = test::makeEmptyRdProject("sessions-one-open");
    SessionStore sessions(p->db());
    const int64_t first = sessions.start({"Eerste avond", {}, {}, {}, {}, true});
    const int64_t second = sessions.start({"Tweede avond", {}, {}, {}, {}, true}, SessionStore::OtherOpen::Close);
    EXPECT_FALSE(sessions.get(first).isOpen());
    EXPECT_TRUE(sessions.get(second).isOpen());
    // The first ended when the second started: what a reader of the file sees matches the window.
    EXPECT_EQ(*sessions.get(first).endedAt, sessions.get(second).startedAt);
    EXPECT_EQ(sessions.latestOpen()->id, second);
    EXPECT_EQ(p->db().queryInt("SELECT count(*) FROM sessions WHERE ended_at IS NULL"), 1);
}

TEST(Sessions, KeepLeavesOthersOpenAsTheCommandLineDoes) {
    auto p = test::makeEmptyRdProject("sessions-keep");
    SessionStore sessions(p->db());
    const int64_t first = sessions.start({"Eerste avond", {}, {}, {}, {}, true});
    sessions.start({"Tweede avond", {}, {}, {}, {}, true});
    EXPECT_TRUE(sessions.get(first).isOpen());
}

TEST(Sessions, ReopeningWithCloseEndsTheOneThatWasOpen) {
    auto p = test::makeEmptyRdProject("sessions-reopen");
    SessionStore sessions(p->db());
    const int64_t first = sessions.start({"Eerste avond", {}, {}, {}, {}, true});
    sessions.close(first);
    const int64_t second = sessions.start({"Tweede avond", {}, {}, {}, {}, true}, SessionStore::OtherOpen::Close);
    sessions.reopen(first, SessionStore::OtherOpen::Close);
    EXPECT_TRUE(sessions.get(first).isOpen());
    EXPECT_FALSE(sessions.get(second).isOpen());
    EXPECT_EQ(sessions.latestOpen()->id, first);
}
