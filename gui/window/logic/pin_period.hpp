// The periods the window's filter offers with one tap: a session evening (today), the last week or
// month, this calendar year. Whole local days, as `--from` / `--until` on the command line.
#pragma once

#include <span>

#include "engine/pin_filter.hpp"

namespace samenkaart::gui {

enum class PinPeriod { All, Today, Week, Month, Year };

// Every period, in the order the window offers them.
std::span<const PinPeriod> pinPeriods();
// The translation key of its chip ("filter.period_today").
const char* periodKey(PinPeriod period);
// Sets the filter's createdFrom for `period` counted back from `today` (All: leaves it unset).
// Week: today and the 6 days before; Month: today and the 29 before; Year: from 1 January.
void applyPeriod(PinFilter& filter, PinPeriod period, CalendarDay today);

}  // namespace samenkaart::gui
