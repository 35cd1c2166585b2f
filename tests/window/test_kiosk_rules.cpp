// Kiosk mode's rules: which pins residents may change while locked, and setting a PIN twice.
#include <gtest/gtest.h>

#include "gui/window/logic/kiosk_rules.hpp"

namespace samenkaart::gui {
namespace {

Pin pinCreatedAt(const std::string& id, const std::string& createdAt) {
    Pin p;
    p.id = id;
    p.sessionId = 1;  // the session under way: before the fix that was enough to edit and move it
    p.createdAt = createdAt;
    return p;
}

TEST(KioskRules, UnlockedTheFacilitatorChangesEveryPin) {
    const KioskRules unlocked;
    EXPECT_TRUE(unlocked.mayChangePin(pinCreatedAt("a", "2026-11-22T19:00:00.000Z")));
}

TEST(KioskRules, LockedResidentsChangeOnlyPinsPlacedSinceTheLock) {
    const KioskRules locked{true, "2026-11-22T19:30:00.000Z", {}};
    // Of the same session, placed before the lock (by the facilitator, or a resident before it).
    EXPECT_FALSE(locked.mayChangePin(pinCreatedAt("before", "2026-11-22T19:29:59.999Z")));
    EXPECT_TRUE(locked.mayChangePin(pinCreatedAt("same_moment", "2026-11-22T19:30:00.000Z")));
    EXPECT_TRUE(locked.mayChangePin(pinCreatedAt("after", "2026-11-22T20:05:10.250Z")));
}

TEST(KioskRules, ALockOfAnOlderVersionAllowsOnlyPinsPlacedInThisWindow) {
    KioskRules legacy{true, "", {}};  // no lock time stored
    const Pin mine = pinCreatedAt("mine", "2026-11-22T20:00:00.000Z");
    EXPECT_FALSE(legacy.mayChangePin(mine));
    legacy.placedWhileLocked.insert("mine");
    EXPECT_TRUE(legacy.mayChangePin(mine));
}

TEST(NewPinEntry, APinIsTypedTwiceAndAMismatchStartsOver) {
    NewPinEntry entry;
    EXPECT_EQ(entry.submit("12"), NewPinEntry::Result::TooShort);
    EXPECT_EQ(entry.step(), NewPinEntry::Step::First);
    EXPECT_EQ(entry.submit("1234"), NewPinEntry::Result::TypeAgain);
    EXPECT_EQ(entry.step(), NewPinEntry::Step::Again);
    EXPECT_EQ(entry.submit("1243"), NewPinEntry::Result::Mismatch);  // a slip of the finger
    EXPECT_EQ(entry.step(), NewPinEntry::Step::First);
    EXPECT_EQ(entry.submit("1243"), NewPinEntry::Result::TypeAgain);  // the first entry was forgotten
    EXPECT_EQ(entry.submit("1243"), NewPinEntry::Result::Confirmed);
    EXPECT_EQ(entry.step(), NewPinEntry::Step::First);
}

}  // namespace
}  // namespace samenkaart::gui
