// The kiosk PIN's stored form (Argon2id, old FNV hashes still accepted) and the wait after wrong PINs.
#include <gtest/gtest.h>

#include <string>

#include "gui/window/logic/kiosk_pin.hpp"

namespace samenkaart::gui {
namespace {

TEST(KioskPin, HashIsSaltedArgon2idAndChecksThePin) {
    const std::string a = hashKioskPin("2468");
    const std::string b = hashKioskPin("2468");
    EXPECT_EQ(a.rfind("$argon2id$", 0), 0u) << a;
    EXPECT_NE(a.find("m=19456,t=2,p=1"), std::string::npos) << a;
    EXPECT_NE(a, b) << "the same PIN twice gave the same text: no salt";
    EXPECT_EQ(a.find("2468"), std::string::npos);
    EXPECT_TRUE(kioskPinMatches("2468", a));
    EXPECT_TRUE(kioskPinMatches("2468", b));
    EXPECT_FALSE(kioskPinMatches("2467", a));
    EXPECT_FALSE(kioskPinMatches("24680", a));
    EXPECT_FALSE(kioskPinMatches("", a));
    EXPECT_FALSE(kioskPinNeedsRehash(a));
}

TEST(KioskPin, OldFnvHashesStillOpenTheLockAndAskToBeReplaced) {
    const std::string old = "d4daf6a29c13e068";  // Samenkaart 0.x's hash of 2468
    EXPECT_TRUE(kioskPinMatches("2468", old));
    EXPECT_FALSE(kioskPinMatches("1111", old));
    EXPECT_FALSE(kioskPinMatches("2468", "D4DAF6A29C13E068")) << "only the form 0.x wrote";
    EXPECT_TRUE(kioskPinNeedsRehash(old));
}

TEST(KioskPin, AnythingElseStoredOpensNothing) {
    const std::string good = hashKioskPin("13579");
    for (const std::string& stored : {std::string(), std::string("2468"), std::string("$argon2id$"),
                                      good.substr(0, good.size() / 2), good + "x", std::string(200, '$')}) {
        EXPECT_FALSE(kioskPinMatches("13579", stored)) << stored;
        EXPECT_FALSE(kioskPinMatches("", stored)) << stored;
    }
}

TEST(PinAttempts, FiveFreeTriesThenWaitsThatDoubleUpToFiveMinutes) {
    PinAttempts attempts;
    for (int i = 0; i < 4; ++i) {
        attempts.failed(100.0);
        EXPECT_EQ(attempts.waitLeft(100.0), 0.0) << "after " << i + 1 << " wrong PINs";
    }
    attempts.failed(100.0);  // the fifth
    EXPECT_DOUBLE_EQ(attempts.waitLeft(100.0), 30.0);
    EXPECT_DOUBLE_EQ(attempts.waitLeft(120.0), 10.0);
    EXPECT_EQ(attempts.waitLeft(130.0), 0.0);
    attempts.failed(130.0);
    EXPECT_DOUBLE_EQ(attempts.waitLeft(130.0), 60.0);
    for (int i = 0; i < 10; ++i) attempts.failed(200.0);
    EXPECT_DOUBLE_EQ(attempts.waitLeft(200.0), 300.0);
    attempts.succeeded();
    EXPECT_EQ(attempts.waitLeft(200.0), 0.0);
    EXPECT_EQ(attempts.failures(), 0);
    attempts.failed(300.0);
    EXPECT_EQ(attempts.waitLeft(300.0), 0.0) << "a right PIN starts the count again";
}

}  // namespace
}  // namespace samenkaart::gui
