#include "gui/window/logic/window_placement.hpp"

#include <algorithm>

namespace samenkaart::gui {

WindowPlacement fitPlacement(WindowPlacement wanted, const std::vector<ScreenArea>& areas, int frameWidth,
                             int frameHeight) {
    std::vector<ScreenArea> usable;
    for (const ScreenArea& a : areas)
        if (a.width > 0 && a.height > 0) usable.push_back(a);
    if (usable.empty()) return wanted;
    bool placed = wanted.x >= 0 && wanted.y >= 0;
    ScreenArea area = usable.front();
    if (placed) {
        const int cx = wanted.x + wanted.width / 2, cy = wanted.y + wanted.height / 2;
        auto holds = [&](const ScreenArea& a) {
            return cx >= a.x && cx < a.x + a.width && cy >= a.y && cy < a.y + a.height;
        };
        if (auto it = std::find_if(usable.begin(), usable.end(), holds); it != usable.end())
            area = *it;
        else {
            placed = false;  // its monitor is gone: the window manager places it
            wanted.x = wanted.y = -1;
        }
    }
    const int roomW = std::max(1, area.width - std::max(0, frameWidth));
    const int roomH = std::max(1, area.height - std::max(0, frameHeight));
    wanted.width = std::min(std::max(wanted.width, std::min(kMinWindowWidth, roomW)), roomW);
    wanted.height = std::min(std::max(wanted.height, std::min(kMinWindowHeight, roomH)), roomH);
    if (placed) {
        wanted.x = std::clamp(wanted.x, area.x, area.x + roomW - wanted.width);
        wanted.y = std::clamp(wanted.y, area.y, area.y + roomH - wanted.height);
    }
    return wanted;
}

}  // namespace samenkaart::gui
