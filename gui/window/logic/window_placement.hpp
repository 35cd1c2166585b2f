// Where the window opens: the size and place remembered for the project (or the default), fitted to
// the screens there are now. A 1600 x 1000 window on a 1366 x 768 laptop would put the status bar,
// the zoom buttons and the layers button off screen; a window remembered on a second monitor that is
// gone would open where nobody sees it.
#pragma once

#include <vector>

namespace samenkaart::gui {

struct WindowPlacement {
    int x = -1;  // -1: let the window manager choose
    int y = -1;
    int width = 1600;
    int height = 1000;
};

// A monitor's work area (without task bars and panels), in screen coordinates.
struct ScreenArea {
    int x = 0, y = 0, width = 0, height = 0;
};

// The smallest window the panels are laid out for at UI scale 1 (ui_scale.hpp's 800 x 500).
constexpr int kMinWindowWidth = 800;
constexpr int kMinWindowHeight = 500;

// `wanted` fitted to the work area that holds its centre (the first area, the primary monitor's,
// when it has no place yet or its centre is on no area): no larger than that area less `frame`
// (the window manager's title bar and borders: left + right, top + bottom), not smaller than
// kMinWindow* unless the area is, and, when it has a place, moved so that all of it lies on the area.
// With no areas (none reported), `wanted` unchanged.
WindowPlacement fitPlacement(WindowPlacement wanted, const std::vector<ScreenArea>& areas, int frameWidth = 0,
                             int frameHeight = 0);

}  // namespace samenkaart::gui
