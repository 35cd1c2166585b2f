#include <gtest/gtest.h>

#include "gui/window/logic/pin_workflow.hpp"

namespace samenkaart::gui {
namespace {

using Step = PinWorkflow::Step;

TEST(PinWorkflow, ArmedCategoryPlacesAProvisionalPinOnTheNextTap) {
    PinWorkflow w;
    EXPECT_FALSE(w.tapMap({1, 2}));  // idle: a tap places nothing
    w.arm("kans");
    EXPECT_EQ(w.step(), Step::Armed);
    EXPECT_TRUE(w.tapMap({10, 20}));
    EXPECT_EQ(w.step(), Step::Placing);
    EXPECT_EQ(w.category(), "kans");
    ASSERT_TRUE(w.provisional());
    EXPECT_EQ(w.provisional()->x, 10);
    w.finish();
    EXPECT_EQ(w.step(), Step::Idle);
    EXPECT_FALSE(w.provisional());
}

TEST(PinWorkflow, ArmingTheArmedCategoryAgainDisarms) {
    PinWorkflow w;
    w.arm("idee");
    w.arm("kans");
    EXPECT_EQ(w.category(), "kans");
    w.arm("kans");
    EXPECT_EQ(w.step(), Step::Idle);
}

TEST(PinWorkflow, LongPressPlacesAPinWithoutCategoryThenTheFormChoosesOne) {
    PinWorkflow w;
    EXPECT_TRUE(w.longPressMap({5, 5}));
    EXPECT_EQ(w.step(), Step::Placing);
    EXPECT_TRUE(w.category().empty());
    w.chooseCategory("knelpunt");
    EXPECT_EQ(w.category(), "knelpunt");
    w.arm("idee");  // the palette cannot change a pin under way
    EXPECT_EQ(w.step(), Step::Placing);
}

TEST(PinWorkflow, MoveModeTakesTheNextTapAsTheNewPlace) {
    PinWorkflow w;
    w.move("pin-1");
    EXPECT_EQ(w.step(), Step::Moving);
    EXPECT_TRUE(w.tapMap({7, 8}));
    ASSERT_TRUE(w.movedTo());
    EXPECT_EQ(w.movedTo()->y, 8);
    EXPECT_EQ(w.pinId(), "pin-1");
}

}  // namespace
}  // namespace samenkaart::gui
