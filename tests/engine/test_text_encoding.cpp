#include <gtest/gtest.h>

#include "engine/text_encoding.hpp"

using namespace samenkaart;

TEST(TextEncoding, AcceptsValidUtf8IncludingEmojiAndDutchDiacritics) {
    EXPECT_TRUE(isValidUtf8("Kröller-Müller ë ï é ĳ 🌷"));
    EXPECT_TRUE(isValidUtf8(""));
}

TEST(TextEncoding, RejectsMalformedSequences) {
    EXPECT_FALSE(isValidUtf8("\xC3"));              // truncated
    EXPECT_FALSE(isValidUtf8("\xC0\xAF"));          // overlong '/'
    EXPECT_FALSE(isValidUtf8("\xED\xA0\x80"));      // surrogate
    EXPECT_FALSE(isValidUtf8("\xF4\x90\x80\x80"));  // past U+10FFFF
    EXPECT_FALSE(isValidUtf8("Caf\xE9"));           // Latin-1 é
}

TEST(TextEncoding, DecodesCp1252IncludingTheEuroAndQuotes) {
    EXPECT_EQ(cp1252ToUtf8("Caf\xE9"), "Café");
    EXPECT_EQ(cp1252ToUtf8("\x80 5"), "€ 5");
    EXPECT_EQ(cp1252ToUtf8("\x93ja\x94"), "“ja”");
    EXPECT_EQ(cp1252ToUtf8("\x81"), "\xEF\xBF\xBD");  // undefined byte -> U+FFFD
}

TEST(TextEncoding, LenientDecodingKeepsValidUtf8) {
    EXPECT_EQ(toUtf8Lenient("Ëikenhof"), "Ëikenhof");
    EXPECT_EQ(toUtf8Lenient("\xCBikenhof"), "Ëikenhof");
}
