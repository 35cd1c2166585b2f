// Every press and release counts, whatever the frame time.
//
// Dear ImGui 1.86 has no input queue: its GLFW backend writes a key's state straight into the
// frame's input, so a key that goes down and up between two frames is never seen (a fast Ctrl+Z,
// an Enter right after typing), and the window's thread samples the mouse buttons the same way.
// Frames on software OpenGL take 30 ms and more, exactly on the laptops facilitators have.
//
// The window's GLFW callbacks push each event here instead; before each frame `nextFrame` hands
// ImGui the events of that frame, the way ImGui 1.87+ trickles its own queue: at most one change
// of each mouse button and each key per frame, a pointer move never in the frame of a button
// change after it (the press lands where the pointer was), typed text and key changes in frames of
// their own while a text field has the keyboard (so Enter after typing sees the typed text, and
// typing before a key combination never swallows it). What is left waits for the next frame:
// while `pending()`, the loop draws frames instead of sleeping.
#pragma once

#include <array>
#include <bitset>
#include <cfloat>
#include <cstdint>
#include <deque>
#include <optional>
#include <vector>

namespace samenkaart::gui {

// What ImGui sees in one frame: held state (the pointer, buttons, keys) carries over from frame to
// frame; the wheel, text and a focus change are this frame's only.
struct InputFrame {
    static constexpr int kKeys = 512;  // ImGui 1.86's io.KeysDown, indexed by GLFW key codes
    static constexpr int kButtons = 5;
    float mouseX = -FLT_MAX, mouseY = -FLT_MAX;  // -FLT_MAX: the pointer is outside the window
    std::array<bool, kButtons> mouseDown{};
    std::bitset<kKeys> keys;
    float wheelX = 0.0f, wheelY = 0.0f;
    std::vector<uint32_t> text;   // Unicode code points typed this frame
    std::optional<bool> focused;  // the window gained (true) or lost (false) the focus this frame

    bool ctrl() const;
    bool shift() const;
    bool alt() const;
    bool super() const;
};

class InputQueue {
public:
    // GLFW key codes of the modifiers (glfw3.h), so this file needs no window system.
    static constexpr int kLeftShift = 340, kLeftControl = 341, kLeftAlt = 342, kLeftSuper = 343;
    static constexpr int kRightShift = 344, kRightControl = 345, kRightAlt = 346, kRightSuper = 347;

    void mouseMove(float x, float y);
    void mouseLeave();
    void mouseButton(int button, bool down);
    void wheel(float dx, float dy);
    void key(int code, bool down);  // a repeat is no change: ImGui repeats held keys itself
    void character(uint32_t codePoint);
    void focus(bool focused);

    bool pending() const { return !events_.empty(); }
    size_t size() const { return events_.size(); }

    // Takes this frame's events from the front of the queue into `frame` (see above).
    // `textInput`: a text field had the keyboard in the last frame (ImGui's io.WantTextInput).
    void nextFrame(InputFrame& frame, bool textInput);

private:
    enum class Kind { Move, Leave, Button, Wheel, Key, Text, Focus };
    struct Event {
        Kind kind = Kind::Move;
        float x = 0.0f, y = 0.0f;
        int code = 0;  // button or key; the code point for Text
        bool down = false;
    };
    std::deque<Event> events_;
};

}  // namespace samenkaart::gui
