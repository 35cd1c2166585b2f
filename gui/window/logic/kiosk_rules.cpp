#include "gui/window/logic/kiosk_rules.hpp"

namespace samenkaart::gui {

bool KioskRules::mayChangePin(const Pin& pin) const {
    if (!locked) return true;
    if (placedWhileLocked.contains(pin.id)) return true;
    // Both are ISO 8601 UTC with milliseconds: as text they sort as times.
    return !lockedAt.empty() && pin.createdAt >= lockedAt;
}

NewPinEntry::Result NewPinEntry::submit(const std::string& entry) {
    if (first_.empty()) {
        if (entry.size() < kShortestPin) return Result::TooShort;
        first_ = entry;
        return Result::TypeAgain;
    }
    const bool same = entry == first_;
    first_.clear();
    return same ? Result::Confirmed : Result::Mismatch;
}

}  // namespace samenkaart::gui
