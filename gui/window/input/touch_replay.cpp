#include "gui/window/input/touch_replay.hpp"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "engine/error.hpp"

namespace samenkaart::gui {

TouchFrames parseTouchReplay(const std::string& text) {
    TouchFrames frames(1);
    std::istringstream lines(text);
    std::string line;
    for (int number = 1; std::getline(lines, line); ++number) {
        if (const size_t hash = line.find('#'); hash != std::string::npos) line.erase(hash);
        std::istringstream fields(line);
        std::string word;
        if (!(fields >> word)) continue;
        if (word == "frame") {
            frames.emplace_back();
            continue;
        }
        TouchPoint p;
        if (word == "begin")
            p.phase = TouchPhase::Down;
        else if (word == "update")
            p.phase = TouchPhase::Move;
        else if (word == "end")
            p.phase = TouchPhase::Up;
        else
            throw Error("touch replay line " + std::to_string(number),
                        "'" + word + "' is not begin, update, end or frame");
        std::string rest;
        if (!(fields >> p.id >> p.x >> p.y) || (fields >> rest))
            throw Error("touch replay line " + std::to_string(number), "expected '" + word + " ID X Y'");
        frames.back().push_back(p);
    }
    if (frames.back().empty()) frames.pop_back();
    return frames;
}

void TouchReplay::check() {
    std::error_code ec;
    if (playing() || !std::filesystem::exists(path_, ec)) return;
    std::ifstream in(path_);
    std::stringstream text;
    text << in.rdbuf();
    std::filesystem::remove(path_, ec);
    try {
        frames_ = parseTouchReplay(text.str());
    } catch (const Error& e) {
        std::cerr << "samenkaart: " << e.what() << "\n";
        frames_.clear();
    }
    next_ = 0;
}

std::vector<TouchPoint> TouchReplay::nextFrame() { return playing() ? frames_[next_++] : std::vector<TouchPoint>{}; }

}  // namespace samenkaart::gui
