// One line at the bottom: which project, how much is in it, and whether everything is saved.
#pragma once

#include <string>

#include "gui/window/panels/panel_context.hpp"

namespace samenkaart::gui {

class StatusBar {
public:
    // Returns its height so other panels keep clear of it. Sets `toggleLanguage` when tapped.
    // `writeFailed`: a change could not be written and waits for a retry.
    float draw(const PanelContext& ctx, bool writeFailed, bool& toggleLanguage);
};

// While the filter leaves pins out: how many the map shows of the project's live pins, in words
// ("3 van 7 pins"); the status bar and the counts panel say it alike.
std::string filteredPinCount(const PanelContext& ctx);

}  // namespace samenkaart::gui
