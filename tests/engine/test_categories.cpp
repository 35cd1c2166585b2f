#include <gtest/gtest.h>

#include "engine/categories.hpp"
#include "engine/error.hpp"
#include "tests/engine/engine_fixture.hpp"

using namespace samenkaart;

TEST(Categories, NewProjectHasTheFourDefaultsInPaletteOrder) {
    auto p = test::makeEmptyRdProject("cat-defaults");
    auto list = CategoryStore(p->db()).list();
    ASSERT_EQ(list.size(), 4u);
    EXPECT_EQ(list[0].code, "kans");
    EXPECT_EQ(list[1].code, "hulpbron");
    EXPECT_EQ(list[2].code, "knelpunt");
    EXPECT_EQ(list[3].code, "idee");
    EXPECT_EQ(list[0].labelEn, "Opportunity");
    EXPECT_TRUE(list[1].personal);
    EXPECT_EQ(list[1].fields.size(), 2u);
}

TEST(Categories, AddNormalisesColourAndAppendsToPalette) {
    auto p = test::makeEmptyRdProject("cat-add");
    CategoryStore store(p->db());
    store.add({"groen", "Groen", "Green", "#0A0", "tree", "resource", "", false, nlohmann::json::array(), 0});
    auto c = store.find("groen");
    ASSERT_TRUE(c);
    EXPECT_EQ(c->colour, "#00aa00");
    EXPECT_EQ(c->sortOrder, 5);
}

TEST(Categories, RefusesBadInput) {
    auto p = test::makeEmptyRdProject("cat-bad");
    CategoryStore store(p->db());
    auto make = [](std::string code, std::string colour, std::string nl = "x") {
        return Category{code, nl, "x", colour, "", "", "", false, nlohmann::json::array(), 0};
    };
    EXPECT_THROW(store.add(make("kans", "#000000")), Error);  // duplicate
    EXPECT_THROW(store.add(make("a b", "#000000")), Error);   // space
    EXPECT_THROW(store.add(make("x'--", "#000000")), Error);  // quote
    EXPECT_THROW(store.add(make("ok", "red")), Error);        // not #rrggbb
    EXPECT_THROW(store.add(make("ok", "#12345g")), Error);
    EXPECT_THROW(store.add(make("ok", "#123456", "  ")), Error);  // empty label
    EXPECT_EQ(store.list().size(), 4u);
}
