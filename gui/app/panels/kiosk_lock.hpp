// Kiosk mode: the facilitator sets a PIN and locks the window for residents. Locked, residents add
// and edit pins of the current session, but cannot delete pins they did not place, export, switch
// or close sessions, change settings or quit. The lock (and the PIN's hash, kiosk_pin.hpp) live in the
// project, so a restart after a crash comes back locked. After five wrong PINs in a row the keypad
// waits before it takes the next one.
#pragma once

#include <set>
#include <string>
#include <utility>

#include "gui/app/kiosk_pin.hpp"
#include "gui/app/panels/panel_context.hpp"

namespace samenkaart::gui {

class KioskLock {
public:
    // Reads the saved lock state from the project.
    void load(Project& project);
    bool locked() const { return locked_; }
    // A pin placed while locked: its maker may delete it again.
    void notePlaced(const std::string& pinId) {
        if (locked_) placedWhileLocked_.insert(pinId);
    }
    bool mayDelete(const std::string& pinId) const { return !locked_ || placedWhileLocked_.count(pinId) > 0; }

    void showDialog() {
        verifyOnly_ = false;
        dialog_ = true;
        entry_.clear();
        message_.clear();
        focus_ = true;
    }
    // Asks for the facilitator's PIN without unlocking (for one facilitator-only action, such as
    // exporting); takeVerified() is true once after the right PIN was entered.
    void showVerifyDialog() {
        showDialog();
        verifyOnly_ = true;
    }
    bool takeVerified() { return std::exchange(verified_, false); }
    bool dialogOpen() const { return dialog_; }
    void draw(const PanelContext& ctx);

    // Counting down before the keypad takes a PIN again: the loop draws a frame each second.
    bool waiting(double now) const { return dialog_ && locked_ && attempts_.waitLeft(now) > 0.0; }

private:
    void save(Project& project);

    bool locked_ = false;
    std::string pinHash_;
    std::set<std::string> placedWhileLocked_;
    bool dialog_ = false;
    bool verifyOnly_ = false;
    bool verified_ = false;
    bool focus_ = false;
    std::string entry_;
    std::string message_;
    PinAttempts attempts_;
};

}  // namespace samenkaart::gui
