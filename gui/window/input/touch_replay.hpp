// Synthetic touch sequences for the window's GUI tests: Xvfb has no touchscreen, and XSendEvent
// cannot send XInput2 events, so a test writes the touches to a file (`open --touch-replay FILE`)
// and the window feeds them in where decoded X touch events enter (TouchInput::addTouches), one
// group per frame, as a touchscreen's events arrive over successive frames.
//
// The file, one event a line: `begin|update|end ID X Y` (window coordinates), `frame` ends the
// group of this frame; `#` starts a comment.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "gui/window/input/touch_router.hpp"

namespace samenkaart::gui {

using TouchFrames = std::vector<std::vector<TouchPoint>>;

// Throws samenkaart::Error naming the line that is not one of the above.
TouchFrames parseTouchReplay(const std::string& text);

// Watches for the file; when it appears, takes it (deletes it, so the test knows it was read) and
// hands out its frames one by one.
class TouchReplay {
public:
    explicit TouchReplay(std::string path) : path_(std::move(path)) {}
    // Loads the file if it appeared (a file that cannot be parsed is reported on stderr and dropped).
    void check();
    bool playing() const { return next_ < frames_.size(); }
    std::vector<TouchPoint> nextFrame();

private:
    std::string path_;
    TouchFrames frames_;
    size_t next_ = 0;
};

}  // namespace samenkaart::gui
