#include "engine/pin_filter.hpp"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <tuple>

#include "engine/error.hpp"

namespace samenkaart {

bool matches(const PinFilter& f, const Pin& pin) {
    if (!f.includeDeleted && !pin.isLive()) return false;
    if (f.sessionId && pin.sessionId != *f.sessionId) return false;
    if (f.sessionIds && std::find(f.sessionIds->begin(), f.sessionIds->end(), pin.sessionId) == f.sessionIds->end())
        return false;
    if (f.categories && std::find(f.categories->begin(), f.categories->end(), pin.category) == f.categories->end())
        return false;
    if (f.createdFrom && pin.createdAt < *f.createdFrom) return false;
    if (f.createdBefore && !(pin.createdAt < *f.createdBefore)) return false;
    return true;
}

namespace {

bool isLeap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int daysIn(int year, int month) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && isLeap(year) ? 29 : kDays[month - 1];
}

}  // namespace

CalendarDay parseCalendarDay(const std::string& text, const std::string& what) {
    const auto bad = [&] {
        return Error(what, "is not a day: give it as YYYY-MM-DD, e.g. 2026-12-05 (got \"" + text + "\")",
                     ErrorKind::BadInput);
    };
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') throw bad();
    for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (text[i] < '0' || text[i] > '9') throw bad();
    const CalendarDay d{std::stoi(text.substr(0, 4)), std::stoi(text.substr(5, 2)), std::stoi(text.substr(8, 2))};
    if (d.year < 1000 || d.month < 1 || d.month > 12 || d.day < 1 || d.day > daysIn(d.year, d.month)) throw bad();
    return d;
}

CalendarDay addDays(CalendarDay d, int days) {
    for (; days > 0; --days) {
        if (++d.day > daysIn(d.year, d.month)) {
            d.day = 1;
            if (++d.month > 12) {
                d.month = 1;
                ++d.year;
            }
        }
    }
    for (; days < 0; ++days) {
        if (--d.day < 1) {
            if (--d.month < 1) {
                d.month = 12;
                --d.year;
            }
            d.day = daysIn(d.year, d.month);
        }
    }
    return d;
}

CalendarDay localToday() {
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    localtime_r(&now, &tm);
    return {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

std::string localDayStart(CalendarDay day) {
    std::tm tm{};
    tm.tm_year = day.year - 1900;
    tm.tm_mon = day.month - 1;
    tm.tm_mday = day.day;
    tm.tm_isdst = -1;  // the zone's rule for that day
    std::time_t t = std::mktime(&tm);
    if (t == static_cast<std::time_t>(-1))
        throw Error(std::to_string(day.year), "is outside the years this computer can count", ErrorKind::BadInput);
    std::tm utc{};
    gmtime_r(&t, &utc);
    char buf[64];  // room for any int the compiler can imagine; the text is 24 characters
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.000Z", utc.tm_year + 1900, utc.tm_mon + 1,
                  utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec);
    return buf;
}

void setPeriod(PinFilter& filter, const std::string& fromDay, const std::string& untilDay) {
    std::optional<CalendarDay> from, until;
    if (!fromDay.empty()) from = parseCalendarDay(fromDay, "--from");
    if (!untilDay.empty()) until = parseCalendarDay(untilDay, "--until");
    if (from && until && std::tie(until->year, until->month, until->day) < std::tie(from->year, from->month, from->day))
        throw Error("--until " + untilDay, "lies before --from " + fromDay, ErrorKind::BadInput);
    if (from) filter.createdFrom = localDayStart(*from);
    if (until) filter.createdBefore = localDayStart(addDays(*until, 1));  // the whole last day included
}

}  // namespace samenkaart
