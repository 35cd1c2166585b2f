// The window's main loop: opens a project, wires the map view and the panels together, and idles
// (no frames drawn) whenever nothing moves.
#pragma once

#include <optional>
#include <string>

namespace samenkaart::gui {

struct AppOptions {
    std::string projectPath;
    std::optional<std::string> screenshotPath;  // each time the window settles, its picture goes here
    std::optional<float> uiScale;               // 1.0 - 2.5; default: the monitor's content scale
    bool english = false;
    bool timings = false;  // print when the first frame, the loaded map and the settled map appear
    std::optional<std::string> touchReplayPath;  // GUI tests: touches to play when this file appears (touch_replay.hpp)
};

// Returns the process exit code.
int runApp(const AppOptions& options);

}  // namespace samenkaart::gui
