#include "gui/window/logic/pin_period.hpp"

#include <array>

namespace samenkaart::gui {

std::span<const PinPeriod> pinPeriods() {
    static constexpr std::array kPeriods{PinPeriod::All, PinPeriod::Today, PinPeriod::Week, PinPeriod::Month,
                                         PinPeriod::Year};
    return kPeriods;
}

const char* periodKey(PinPeriod period) {
    switch (period) {
        case PinPeriod::Today:
            return "filter.period_today";
        case PinPeriod::Week:
            return "filter.period_week";
        case PinPeriod::Month:
            return "filter.period_month";
        case PinPeriod::Year:
            return "filter.period_year";
        case PinPeriod::All:
            break;
    }
    return "filter.period_all";
}

void applyPeriod(PinFilter& filter, PinPeriod period, CalendarDay today) {
    switch (period) {
        case PinPeriod::All:
            return;
        case PinPeriod::Today:
            filter.createdFrom = localDayStart(today);
            return;
        case PinPeriod::Week:
            filter.createdFrom = localDayStart(addDays(today, -6));
            return;
        case PinPeriod::Month:
            filter.createdFrom = localDayStart(addDays(today, -29));
            return;
        case PinPeriod::Year:
            filter.createdFrom = localDayStart({today.year, 1, 1});
            return;
    }
}

}  // namespace samenkaart::gui
