// The saved-state banner: "Saved: <title>" in green after a commit, or what failed in red. It stays
// a few seconds, so a resident sees that the pin is safe.
#pragma once

#include <string>

#include "gui/window/panels/panel_context.hpp"

namespace samenkaart::gui {

class Toast {
public:
    void success(std::string text, double now) { show(std::move(text), false, now); }
    // A success with more to say (the filter hides the pin just saved): it stays longer, and scripted
    // tests see it as toast.saved and as `note`.
    void successNoting(std::string text, const std::string& note, double now) {
        show(std::move(text), false, now);
        note_ = note;
        until_ = now + 8.0;
    }
    void failure(std::string text, double now) { show(std::move(text), true, now); }
    bool visible(double now) const { return !text_.empty() && now < until_; }
    void draw(const PanelContext& ctx, double now);

private:
    void show(std::string text, bool error, double now) {
        text_ = std::move(text);
        note_.clear();
        error_ = error;
        until_ = now + (error ? 8.0 : 4.0);
    }
    std::string text_;
    std::string note_;
    bool error_ = false;
    double until_ = 0.0;
};

}  // namespace samenkaart::gui
