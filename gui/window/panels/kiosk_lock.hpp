// Kiosk mode: the facilitator sets a PIN (typed twice) and locks the window for residents. Locked,
// residents add pins and edit, move or delete the pins placed since the lock (kiosk_rules.hpp), but
// cannot change other pins or the map layers, export, switch or close sessions, change settings or
// quit. The lock (and the PIN's hash, kiosk_pin.hpp) live in the project, so a restart after a crash
// comes back locked. After five wrong PINs in a row the keypad waits before it takes the next one.
#pragma once

#include <string>
#include <utility>

#include "gui/window/logic/kiosk_pin.hpp"
#include "gui/window/logic/kiosk_rules.hpp"
#include "gui/window/panels/panel_context.hpp"

namespace samenkaart::gui {

class KioskLock {
public:
    // Reads the saved lock state from the project.
    void load(ProjectState& state);
    bool locked() const { return rules_.locked; }
    // A pin placed while locked: its maker may change it again.
    void notePlaced(const std::string& pinId) {
        if (rules_.locked) rules_.placedWhileLocked.insert(pinId);
    }
    const KioskRules& rules() const { return rules_; }

    void showDialog() {
        verifyOnly_ = false;
        dialog_ = true;
        entry_.clear();
        message_.clear();
        focus_ = true;
        newPin_.reset();
    }
    // Asks for the facilitator's PIN without unlocking (for one facilitator-only action, such as
    // exporting); takeVerified() is true once after the right PIN was entered.
    void showVerifyDialog() {
        showDialog();
        verifyOnly_ = true;
    }
    bool takeVerified() { return std::exchange(verified_, false); }
    bool dialogOpen() const { return dialog_; }
    // bottomInset: what the bottom of the screen holds (status bar, on-screen keyboard).
    void draw(const PanelContext& ctx, float bottomInset);

    // Counting down before the keypad takes a PIN again: the loop draws a frame each second.
    bool waiting(double now) const { return dialog_ && rules_.locked && attempts_.waitLeft(now) > 0.0; }

private:
    void save(Project& project);

    KioskRules rules_;
    std::string pinHash_;
    NewPinEntry newPin_;  // a new PIN, typed twice
    bool dialog_ = false;
    bool verifyOnly_ = false;
    bool verified_ = false;
    bool focus_ = false;
    std::string entry_;
    std::string message_;
    PinAttempts attempts_;
};

}  // namespace samenkaart::gui
