// Settings: language, UI scale (1.0 - 2.5 in steps a finger can hit), and the on-screen keyboard
// on or off. The panel only reports choices; the app applies them to the window and translator.
#pragma once

#include "gui/app/panels/panel_context.hpp"
#include "gui/app/panels/touch_widgets.hpp"

namespace samenkaart::gui {

struct Settings {
    Language language = Language::Dutch;
    float uiScale = 1.0f;
    bool onScreenKeyboard = true;
};

class SettingsPanel {
public:
    void toggle() { open_ = !open_; }
    void close() { open_ = false; }
    bool isOpen() const { return open_; }
    // Returns true when `settings` changed this frame.
    // bottomInset: what the bottom of the screen holds (status bar).
    bool draw(const PanelContext& ctx, Settings& settings, float bottomInset);

private:
    bool open_ = false;
    ScrollBody body_;
};

}  // namespace samenkaart::gui
