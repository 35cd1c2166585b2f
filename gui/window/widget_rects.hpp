// Where named widgets were drawn in the last frame, written next to the --screenshot PNG so that
// scripted GUI tests (xdotool) click buttons by name instead of by guessed coordinates.
#pragma once

#include <map>
#include <string>
#include <utility>

namespace samenkaart::gui {

struct WidgetRect {
    float x0, y0, x1, y1;
};

class WidgetRects {
public:
    void beginFrame() { rects_.clear(); }
    void note(const std::string& name, WidgetRect r) { rects_[name] = r; }
    // "window.pointer": where the window last saw the pointer, a point (AppWindow::pointerSeen).
    void notePointer(std::pair<float, float> at) {
        rects_["window.pointer"] = {at.first, at.second, at.first, at.second};
    }
    // Writes {"name": [x0, y0, x1, y1], ...} atomically (written beside, then renamed).
    bool write(const std::string& path) const;

private:
    std::map<std::string, WidgetRect> rects_;
};

}  // namespace samenkaart::gui
