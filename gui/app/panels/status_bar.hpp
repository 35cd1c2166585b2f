// One line at the bottom: which project, how much is in it, and that everything is saved.
#pragma once

#include "gui/app/panels/panel_context.hpp"

namespace samenkaart::gui {

class StatusBar {
public:
    // Returns its height so other panels keep clear of it. Sets `toggleLanguage` when tapped.
    float draw(const PanelContext& ctx, bool& toggleLanguage);
};

}  // namespace samenkaart::gui
