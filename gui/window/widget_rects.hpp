// Where named widgets were drawn in the last frame, written next to the --screenshot PNG so that
// scripted GUI tests (xdotool) click buttons by name instead of by guessed coordinates.
#pragma once

#include <map>
#include <string>

namespace samenkaart::gui {

struct WidgetRect {
    float x0, y0, x1, y1;
};

class WidgetRects {
public:
    void beginFrame() { rects_.clear(); }
    void note(const std::string& name, WidgetRect r) { rects_[name] = r; }
    // Writes {"name": [x0, y0, x1, y1], ...} atomically (written beside, then renamed).
    bool write(const std::string& path) const;

private:
    std::map<std::string, WidgetRect> rects_;
};

}  // namespace samenkaart::gui
