// Settings: language, UI scale (1.0 - 2.5 in steps a finger can hit), and the on-screen keyboard
// on or off. The panel only reports choices; the app applies them to the window and translator.
#pragma once

#include "gui/window/logic/settings.hpp"
#include "gui/window/panels/panel_context.hpp"
#include "gui/window/panels/touch_widgets.hpp"

namespace samenkaart::gui {

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
