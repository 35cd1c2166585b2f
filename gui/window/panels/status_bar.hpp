// One line at the bottom: which project, how much is in it, and whether everything is saved.
#pragma once

#include "gui/window/panels/panel_context.hpp"

namespace samenkaart::gui {

class StatusBar {
public:
    // Returns its height so other panels keep clear of it. Sets `toggleLanguage` when tapped.
    // `writeFailed`: a change could not be written and waits for a retry.
    float draw(const PanelContext& ctx, bool writeFailed, bool& toggleLanguage);
};

}  // namespace samenkaart::gui
