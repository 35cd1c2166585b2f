// The input queue: every press and release reaches ImGui in a frame of its own, whatever the frame
// time. Without it (ImGui 1.86 samples key and button state once a frame) a press and release
// between two frames were never seen: a fast Ctrl+Z, Enter right after typing, a 0 ms tap.
#include <gtest/gtest.h>
#include <imgui.h>

#include <random>
#include <string>
#include <vector>

#include "gui/window/input/imgui_input.hpp"
#include "gui/window/input/input_queue.hpp"
#include "tests/window/headless_imgui.hpp"

namespace samenkaart::gui {
namespace {

using test::HeadlessImGui;

constexpr int kKeyZ = 90, kKeyY = 89, kKeyEnter = 257, kKeyA = 65;

// Runs frames until the queue is empty; returns each frame's state.
std::vector<InputFrame> drain(InputQueue& q, bool textInput = false) {
    std::vector<InputFrame> frames;
    InputFrame f;
    for (int guard = 0; q.pending() && guard < 10000; ++guard) {
        q.nextFrame(f, textInput);
        frames.push_back(f);
    }
    EXPECT_FALSE(q.pending());
    return frames;
}

TEST(InputQueue, TapBetweenTwoFramesIsPressedInOneFrameAndReleasedInTheNext) {
    InputQueue q;
    q.mouseMove(100, 200);
    q.mouseButton(0, true);
    q.mouseButton(0, false);
    const auto frames = drain(q);
    ASSERT_EQ(frames.size(), 2u);
    EXPECT_TRUE(frames[0].mouseDown[0]);
    EXPECT_EQ(frames[0].mouseX, 100);  // pressed where the pointer went first
    EXPECT_EQ(frames[0].mouseY, 200);
    EXPECT_FALSE(frames[1].mouseDown[0]);
}

TEST(InputQueue, PointerMoveAfterAPressWaitsForTheNextFrame) {
    InputQueue q;
    q.mouseMove(10, 10);
    q.mouseButton(0, true);
    q.mouseMove(50, 50);
    q.mouseButton(0, false);
    const auto frames = drain(q);
    ASSERT_EQ(frames.size(), 2u);
    EXPECT_TRUE(frames[0].mouseDown[0]);
    EXPECT_EQ(frames[0].mouseX, 10);
    EXPECT_EQ(frames[1].mouseX, 50);  // the drag, then the release where it ended
    EXPECT_FALSE(frames[1].mouseDown[0]);
}

TEST(InputQueue, FastCtrlZIsSeenWithCtrlHeld) {
    InputQueue q;
    q.key(InputQueue::kLeftControl, true);
    q.key(kKeyZ, true);
    q.key(kKeyZ, false);
    q.key(InputQueue::kLeftControl, false);
    const auto frames = drain(q);
    ASSERT_EQ(frames.size(), 2u);
    EXPECT_TRUE(frames[0].keys[kKeyZ]);
    EXPECT_TRUE(frames[0].ctrl());
    EXPECT_FALSE(frames[1].keys[kKeyZ]);
    EXPECT_FALSE(frames[1].ctrl());
}

TEST(InputQueue, AChordIsHeldTogetherWhateverOrderItsKeysComeUp) {
    // xdotool releases in the order it pressed: Ctrl comes up before Z.
    InputQueue q;
    q.key(InputQueue::kLeftControl, true);
    q.key(kKeyZ, true);
    q.key(InputQueue::kLeftControl, false);
    q.key(kKeyZ, false);
    InputFrame f;
    q.nextFrame(f, false);
    EXPECT_TRUE(f.ctrl() && f.keys[kKeyZ]);
    // The same keys arriving in two polls: Ctrl alone first, then Z down and Ctrl up together.
    InputQueue r;
    InputFrame g;
    r.key(InputQueue::kLeftControl, true);
    r.nextFrame(g, false);
    r.key(kKeyZ, true);
    r.key(InputQueue::kLeftControl, false);
    r.key(kKeyZ, false);
    r.nextFrame(g, false);
    EXPECT_TRUE(g.ctrl() && g.keys[kKeyZ]) << "Ctrl came up in the frame Z went down";
}

TEST(InputQueue, UndoThenRedoEachGetTheirOwnPress) {
    InputQueue q;
    for (int key : {kKeyZ, kKeyY}) {
        q.key(InputQueue::kLeftControl, true);
        q.key(key, true);
        q.key(key, false);
        q.key(InputQueue::kLeftControl, false);
    }
    int z = 0, y = 0;
    InputFrame last;
    for (const InputFrame& f : drain(q)) {
        z += f.keys[kKeyZ] && !last.keys[kKeyZ] && f.ctrl();
        y += f.keys[kKeyY] && !last.keys[kKeyY] && f.ctrl();
        last = f;
    }
    EXPECT_EQ(z, 1);
    EXPECT_EQ(y, 1);
}

TEST(InputQueue, EnterRightAfterTypingComesAfterTheText) {
    InputQueue q;
    for (char c : std::string("Moestuin")) {
        q.key(kKeyA, true);
        q.character(static_cast<uint32_t>(c));
        q.key(kKeyA, false);
    }
    q.key(kKeyEnter, true);
    q.key(kKeyEnter, false);
    std::string typed;
    int enterFrames = 0;
    for (const InputFrame& f : drain(q, /*textInput=*/true)) {
        if (f.keys[kKeyEnter]) {
            ++enterFrames;
            EXPECT_EQ(typed, "Moestuin") << "Enter arrived before the text";
            EXPECT_TRUE(f.text.empty());
        }
        for (uint32_t c : f.text) typed += static_cast<char>(c);
    }
    EXPECT_EQ(typed, "Moestuin");
    EXPECT_EQ(enterFrames, 1);
}

TEST(InputQueue, OutsideATextFieldADigitTypedIsTextInTheFrameOfItsKey) {
    InputQueue q;
    q.key(50, true);
    q.character('2');
    q.key(50, false);
    const auto frames = drain(q);
    ASSERT_EQ(frames.size(), 2u);
    ASSERT_EQ(frames[0].text.size(), 1u);
    EXPECT_EQ(frames[0].text[0], uint32_t{'2'});
}

TEST(InputQueue, FocusLossReleasesHeldKeysAndButtons) {
    InputQueue q;
    q.key(InputQueue::kLeftControl, true);
    q.mouseButton(0, true);
    InputFrame f;
    q.nextFrame(f, false);
    ASSERT_TRUE(f.ctrl() && f.mouseDown[0]);
    q.focus(false);
    q.mouseButton(0, false);  // the release GLFW may still report: no change any more
    q.nextFrame(f, false);
    EXPECT_FALSE(f.ctrl());
    EXPECT_FALSE(f.mouseDown[0]);
    ASSERT_TRUE(f.focused.has_value());
    EXPECT_FALSE(*f.focused);
    EXPECT_FALSE(q.pending());
}

TEST(InputQueue, WheelIsThisFramesOnly) {
    InputQueue q;
    q.wheel(0, 1);
    q.wheel(0, 2);
    InputFrame f;
    q.nextFrame(f, false);
    EXPECT_EQ(f.wheelY, 3);
    q.nextFrame(f, false);
    EXPECT_EQ(f.wheelY, 0);
}

TEST(InputQueue, MovesInARowAreOne) {
    InputQueue q;
    for (int i = 0; i < 1000; ++i) q.mouseMove(static_cast<float>(i), 0);
    EXPECT_EQ(q.size(), 1u);
    InputFrame f;
    q.nextFrame(f, false);
    EXPECT_EQ(f.mouseX, 999);
}

// Seeded random input (taps of 0 ms, keys, text, wheel, focus): every transition of every button
// and key arrives in order, one per frame at most, and all the text arrives, in order.
TEST(InputQueue, RandomInputLosesNothing) {
    for (unsigned seed = 1; seed <= 50; ++seed) {
        std::mt19937 rng(seed);
        InputQueue q;
        std::vector<std::vector<bool>> pushedButtons(InputFrame::kButtons), pushedKeys(8);
        std::vector<bool> button(InputFrame::kButtons), key(8);
        std::vector<uint32_t> pushedText;
        const int keyCodes[8] = {kKeyZ, kKeyY, kKeyEnter, kKeyA, InputQueue::kLeftControl, InputQueue::kLeftShift,
                                 256,   32};
        for (int i = 0; i < 400; ++i) {
            switch (rng() % 5) {
                case 0:
                    q.mouseMove(static_cast<float>(rng() % 1000), static_cast<float>(rng() % 1000));
                    break;
                case 1: {
                    const size_t b = rng() % 3;
                    button[b] = !button[b];
                    q.mouseButton(static_cast<int>(b), button[b]);
                    pushedButtons[b].push_back(button[b]);
                    break;
                }
                case 2: {
                    const size_t k = rng() % 8;
                    key[k] = !key[k];
                    q.key(keyCodes[k], key[k]);
                    pushedKeys[k].push_back(key[k]);
                    break;
                }
                case 3: {
                    const uint32_t c = 'a' + static_cast<uint32_t>(rng() % 26);
                    q.character(c);
                    pushedText.push_back(c);
                    break;
                }
                default:
                    q.wheel(0, 1);
                    break;
            }
        }
        std::vector<std::vector<bool>> seenButtons(InputFrame::kButtons), seenKeys(8);
        std::vector<uint32_t> seenText;
        InputFrame last;
        for (const InputFrame& f : drain(q, seed % 2 == 0)) {
            for (size_t b = 0; b < 3; ++b)
                if (f.mouseDown[b] != last.mouseDown[b]) seenButtons[b].push_back(f.mouseDown[b]);
            for (size_t k = 0; k < 8; ++k)
                if (f.keys[static_cast<size_t>(keyCodes[k])] != last.keys[static_cast<size_t>(keyCodes[k])])
                    seenKeys[k].push_back(f.keys[static_cast<size_t>(keyCodes[k])]);
            seenText.insert(seenText.end(), f.text.begin(), f.text.end());
            last = f;
        }
        EXPECT_EQ(seenButtons, pushedButtons) << "seed " << seed;
        EXPECT_EQ(seenKeys, pushedKeys) << "seed " << seed;
        EXPECT_EQ(seenText, pushedText) << "seed " << seed;
    }
}

// With a real ImGui context (no window, no GL): a tap whose press and release both arrived between
// two frames clicks the button exactly once, and so does each of ten such taps in a row.
class ImGuiInputTest : public ::testing::Test {
protected:
    HeadlessImGui imgui{ImVec2(800, 600)};

    void frame() {
        ImGui::GetIO().DeltaTime = 0.05f;  // a slow software-GL frame
        feedImGui(queue, state);
        ImGui::NewFrame();
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(ImVec2(400, 400));
        ImGui::Begin("panel", nullptr, ImGuiWindowFlags_NoDecoration);
        if (ImGui::Button("ok", ImVec2(200, 100))) ++clicks;
        if (ImGui::GetIO().KeyCtrl && ImGui::IsKeyPressed(kKeyZ)) ++undos;
        ImGui::End();
        ImGui::Render();
    }

    InputQueue queue;
    InputFrame state;
    int clicks = 0;
    int undos = 0;
};

TEST_F(ImGuiInputTest, ZeroMillisecondTapsAllClick) {
    frame();
    for (int i = 0; i < 10; ++i) {
        queue.mouseMove(100.0f + static_cast<float>(i), 50.0f);
        queue.mouseButton(0, true);
        queue.mouseButton(0, false);
        frame();
        while (queue.pending()) frame();
    }
    frame();
    EXPECT_EQ(clicks, 10);
}

TEST_F(ImGuiInputTest, CtrlZBetweenTwoFramesIsSeenOnce) {
    frame();
    queue.key(InputQueue::kLeftControl, true);
    queue.key(kKeyZ, true);
    queue.key(kKeyZ, false);
    queue.key(InputQueue::kLeftControl, false);
    for (int i = 0; i < 5; ++i) frame();
    EXPECT_EQ(undos, 1);
}

}  // namespace
}  // namespace samenkaart::gui
