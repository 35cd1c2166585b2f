// Which pins to read: one session's, some categories', those created in a period. The same filter
// serves the window's map and counts, `render`, `pin list` and the density GeoTIFF, so what one
// shows the others count. PinStore::list applies it in SQL; matches() is the same rule for one pin
// (the window asks it of a pin just saved).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/pin.hpp"

namespace samenkaart {

struct PinFilter {
    std::optional<int64_t> sessionId = std::nullopt;
    // Only pins of these sessions (a werkplaats's, in the programme view); an empty list: no pins.
    std::optional<std::vector<int64_t>> sessionIds = std::nullopt;
    // Only pins of these categories (their codes); none: every category. An empty list: no pins.
    std::optional<std::vector<std::string>> categories = std::nullopt;
    // Only pins created at or after createdFrom and before createdBefore: ISO 8601 UTC instants in
    // the form the project stores (nowIso8601), which sort as text. localDayStart() gives a local
    // calendar day's first instant.
    std::optional<std::string> createdFrom = std::nullopt;
    std::optional<std::string> createdBefore = std::nullopt;
    bool includeDeleted = false;

    // Whether it leaves out any live pin: sessions, categories or a period are set.
    bool narrows() const { return sessionId || sessionIds || categories || createdFrom || createdBefore; }
};

bool matches(const PinFilter& filter, const Pin& pin);

// A calendar date as written by people and the command line: "YYYY-MM-DD" (a real day of the
// Gregorian calendar, year 1000-9999). Throws Error (BadInput) naming `what` otherwise.
struct CalendarDay {
    int year = 0;
    int month = 0;
    int day = 0;
    friend bool operator==(const CalendarDay&, const CalendarDay&) = default;
};
CalendarDay parseCalendarDay(const std::string& text, const std::string& what);
// The day `days` days after (or before, when negative) `day`.
CalendarDay addDays(CalendarDay day, int days);
// Today in this computer's time zone.
CalendarDay localToday();
// The first instant of `day` in this computer's time zone (its midnight; where a time-zone change
// skips midnight, the first instant after), as an ISO 8601 UTC stamp like nowIso8601's.
std::string localDayStart(CalendarDay day);

// The period of `--from DAY` and `--until DAY` (both days included, local time; either may be
// empty): sets createdFrom / createdBefore. Throws Error when a day is malformed or until < from.
void setPeriod(PinFilter& filter, const std::string& fromDay, const std::string& untilDay);

}  // namespace samenkaart
