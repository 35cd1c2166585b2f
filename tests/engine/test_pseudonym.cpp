// Pseudonyms for published aliases: stable under one key, different under another, not the alias.
#include <gtest/gtest.h>

#include <set>

#include "engine/error.hpp"
#include "engine/pseudonym.hpp"

namespace samenkaart {
namespace {

TEST(Pseudonym, StableUnderOneKeyDifferentUnderAnother) {
    const std::string key = newPseudonymKey();
    ASSERT_EQ(key.size(), 64u);
    EXPECT_NE(key, newPseudonymKey()) << "keys are random";
    const std::string p = pseudonym(key, "Ans de Vries");
    EXPECT_EQ(p.size(), 17u);
    EXPECT_EQ(p.rfind("anon-", 0), 0u);
    EXPECT_EQ(pseudonym(key, "Ans de Vries"), p);
    EXPECT_NE(pseudonym(key, "Ans de vries"), p) << "an alias is taken as typed";
    EXPECT_NE(pseudonym(newPseudonymKey(), "Ans de Vries"), p);
    // A known answer: the same key and alias give the same pseudonym on every machine and build.
    // (BLAKE2b-48 keyed with 32 zero bytes; a change of hash or encoding changes every pseudonym on
    // the server, so it shows here first.)
    EXPECT_EQ(pseudonym(std::string(64, '0'), "Ans"), "anon-d54c5a8a01fa");
    std::set<std::string> many;
    for (int i = 0; i < 1000; ++i) many.insert(pseudonym(key, "bewoner " + std::to_string(i)));
    EXPECT_EQ(many.size(), 1000u);
}

TEST(Pseudonym, ABrokenKeyIsAnError) {
    EXPECT_THROW(pseudonym("not hex", "Ans"), Error);
    EXPECT_THROW(pseudonym(std::string(63, 'a'), "Ans"), Error);
    EXPECT_THROW(pseudonym(std::string(64, 'g'), "Ans"), Error);
}

}  // namespace
}  // namespace samenkaart
