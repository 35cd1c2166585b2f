// Which pins residents may change while the window is locked (docs/sessions.md, "Kiosk mode"): only
// those placed since the lock. And how a new PIN is set: typed twice, the second must match the first.
#pragma once

#include <set>
#include <string>

#include "engine/pins.hpp"

namespace samenkaart::gui {

struct KioskRules {
    bool locked = false;
    // When the lock was set (ISO 8601 UTC, as pins' created_at); empty for a lock of an older version.
    std::string lockedAt;
    // Pins placed in this window while locked (also those placed before a restart are covered by lockedAt).
    std::set<std::string> placedWhileLocked;

    // Edit, move and delete: the facilitator any pin; residents only the pins placed since the lock.
    bool mayChangePin(const Pin& pin) const;
};

// Setting a PIN: the first entry, then the same again. A mismatch starts over.
class NewPinEntry {
public:
    enum class Step { First, Again };
    enum class Result { TooShort, TypeAgain, Mismatch, Confirmed };
    static constexpr size_t kShortestPin = 4;

    Result submit(const std::string& entry);
    Step step() const { return first_.empty() ? Step::First : Step::Again; }
    void reset() { first_.clear(); }

private:
    std::string first_;
};

}  // namespace samenkaart::gui
