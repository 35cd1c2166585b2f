#include "gui/window/input/input_queue.hpp"

namespace samenkaart::gui {

bool InputFrame::ctrl() const { return keys[InputQueue::kLeftControl] || keys[InputQueue::kRightControl]; }
bool InputFrame::shift() const { return keys[InputQueue::kLeftShift] || keys[InputQueue::kRightShift]; }
bool InputFrame::alt() const { return keys[InputQueue::kLeftAlt] || keys[InputQueue::kRightAlt]; }
bool InputFrame::super() const { return keys[InputQueue::kLeftSuper] || keys[InputQueue::kRightSuper]; }

void InputQueue::mouseMove(float x, float y) {
    // Moves in a row are one move: only where the pointer ends matters until something else happens.
    if (!events_.empty() && events_.back().kind == Kind::Move) {
        events_.back().x = x;
        events_.back().y = y;
        return;
    }
    events_.push_back({Kind::Move, x, y});
}

void InputQueue::mouseLeave() { events_.push_back({Kind::Leave}); }

void InputQueue::mouseButton(int button, bool down) {
    if (button < 0 || button >= InputFrame::kButtons) return;
    events_.push_back({Kind::Button, 0.0f, 0.0f, button, down});
}

void InputQueue::wheel(float dx, float dy) { events_.push_back({Kind::Wheel, dx, dy}); }

void InputQueue::key(int code, bool down) {
    if (code < 0 || code >= InputFrame::kKeys) return;  // GLFW_KEY_UNKNOWN (-1): a key GLFW cannot name
    events_.push_back({Kind::Key, 0.0f, 0.0f, code, down});
}

void InputQueue::character(uint32_t codePoint) {
    if (codePoint == 0 || codePoint > 0x10FFFF) return;
    events_.push_back({Kind::Text, 0.0f, 0.0f, static_cast<int>(codePoint)});
}

void InputQueue::focus(bool focused) { events_.push_back({Kind::Focus, 0.0f, 0.0f, 0, focused}); }

void InputQueue::nextFrame(InputFrame& frame, bool textInput) {
    frame.wheelX = frame.wheelY = 0.0f;
    frame.text.clear();
    frame.focused.reset();
    bool moved = false, wheeled = false, typed = false, keyChanged = false, keyPressed = false;
    unsigned buttonsChanged = 0;
    std::bitset<InputFrame::kKeys> keysChanged;
    while (!events_.empty()) {
        const Event& e = events_.front();
        switch (e.kind) {
            case Kind::Move:
            case Kind::Leave:
                // After a press, release, key or text, the pointer moves in the next frame.
                if (buttonsChanged != 0 || wheeled || keyChanged || typed) return;
                frame.mouseX = e.kind == Kind::Move ? e.x : -FLT_MAX;
                frame.mouseY = e.kind == Kind::Move ? e.y : -FLT_MAX;
                moved = true;
                break;
            case Kind::Button: {
                const unsigned bit = 1u << e.code;
                auto& down = frame.mouseDown[static_cast<size_t>(e.code)];
                if (down == e.down) break;  // no change (a release after a focus loss)
                if ((buttonsChanged & bit) != 0 || wheeled) return;
                down = e.down;
                buttonsChanged |= bit;
                break;
            }
            case Kind::Wheel:
                if (moved || buttonsChanged != 0) return;
                frame.wheelX += e.x;
                frame.wheelY += e.y;
                wheeled = true;
                break;
            case Kind::Key: {
                const auto code = static_cast<size_t>(e.code);
                if (frame.keys[code] == e.down) break;  // no change
                // A release waits for the next frame after any press in this one: a chord (Ctrl+Z)
                // is held together in at least one frame, in whatever order its keys come up.
                if (keysChanged[code] || typed || buttonsChanged != 0 || (!e.down && keyPressed)) return;
                frame.keys[code] = e.down;
                keysChanged[code] = true;
                keyChanged = true;
                keyPressed = keyPressed || e.down;
                break;
            }
            case Kind::Text:
                // Into a text field, keys and text take turns: Enter after typing sees the text.
                if ((keyChanged && textInput) || buttonsChanged != 0 || moved || wheeled) return;
                frame.text.push_back(static_cast<uint32_t>(e.code));
                typed = true;
                break;
            case Kind::Focus:
                frame.focused = e.down;
                if (!e.down) {
                    // ImGui forgets held keys and buttons when the window loses the focus; so do we,
                    // or the next frame would hold them down again.
                    frame.keys.reset();
                    frame.mouseDown.fill(false);
                }
                break;
        }
        events_.pop_front();
    }
}

}  // namespace samenkaart::gui
