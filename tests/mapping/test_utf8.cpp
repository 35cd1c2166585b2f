#include "mapping/utf8.hpp"

#include <gtest/gtest.h>

using samenkaart::mapping::decodeUtf8;
using samenkaart::mapping::kReplacementCharacter;

TEST(Utf8, DecodesDutchNamesAndTheEuro) {
    EXPECT_EQ(decodeUtf8("Poëtenbuurt"), U"Poëtenbuurt");
    EXPECT_EQ(decodeUtf8("\u0133sbaan \u20AC5"), U"\u0133sbaan \u20AC5");
    EXPECT_EQ(decodeUtf8("\xF0\x9F\x8C\xB3"), U"\U0001F333");  // four bytes
    EXPECT_EQ(decodeUtf8(""), U"");
}

TEST(Utf8, ReplacesEveryMalformedSequenceAndKeepsGoing) {
    const std::u32string r(1, kReplacementCharacter);
    EXPECT_EQ(decodeUtf8("a\xC3"), U"a" + r);          // truncated at the end
    EXPECT_EQ(decodeUtf8("\xC3(b"), r + U"(b");        // truncated in the middle
    EXPECT_EQ(decodeUtf8("\x80x"), r + U"x");          // stray continuation byte
    EXPECT_EQ(decodeUtf8("\xC0\xAF"), r);              // overlong '/'
    EXPECT_EQ(decodeUtf8("\xED\xA0\x80"), r);          // a surrogate
    EXPECT_EQ(decodeUtf8("\xE9t\xE9"), r + U"t" + r);  // Latin-1 bytes, not UTF-8
}
