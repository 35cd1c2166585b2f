// The on-screen keyboard: Dutch QWERTY with a row of the letters Dutch needs (é è ë ï ö ü ij).
// It types straight into the text field last tapped (the field's own string), so a key press that
// takes ImGui's focus from the field loses nothing. It can be switched off for a physical keyboard.
#pragma once

#include <string>
#include <utility>

namespace samenkaart::gui {

struct PanelContext;

class OnScreenKeyboard {
public:
    // A text field was tapped: keys go to it from now on.
    void attach(std::string* target, bool multiline) {
        target_ = target;
        multiline_ = multiline;
        hidden_ = false;
    }
    // A form closed: its fields are gone.
    void detach() { target_ = nullptr; }
    bool attachedTo(const std::string* target) const { return target_ == target; }
    bool visible() const { return target_ && !hidden_; }

    // Draws the keyboard at the bottom edge while a field is attached; returns its height.
    float draw(const PanelContext& ctx, float bottomInset);
    // Enter on the keyboard in a one-line field: the form treats it as Save (once).
    bool takeEnter() { return std::exchange(enter_, false); }

    // Text editing on UTF-8 strings, public for tests.
    static void appendText(std::string& text, const std::string& utf8) { text += utf8; }
    static void eraseLastCharacter(std::string& text);

private:
    void press(const std::string& key);

    std::string* target_ = nullptr;
    bool multiline_ = false;
    bool shift_ = false;
    bool hidden_ = false;
    bool enter_ = false;
};

}  // namespace samenkaart::gui
