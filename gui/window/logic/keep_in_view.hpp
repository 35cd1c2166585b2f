// The pin a form is about stays in sight: when the pin form and the on-screen keyboard open over the
// place a resident just tapped, the map glides so that the pin lies clear of every panel. The scale
// bar and the north arrow find their place the same way.
#pragma once

#include <optional>
#include <vector>

#include "engine/geometry.hpp"

namespace samenkaart::gui {

// The spot nearest to `at` (screen pixels) that lies inside `screen` and at least `margin` away from
// every rectangle of `covered` (the panels); `at` itself when it is clear already; nullopt when no
// spot is clear (panels cover everything).
std::optional<Point> nearestClearSpot(Point at, const std::vector<Bbox>& covered, const Bbox& screen, double margin);

// How far to move `box` (dx, dy) so that it lies inside `screen` and at least `gap` away from every
// rectangle of `covered`, moving as little as possible; (0, 0) when it is clear already; nullopt when
// no place is clear.
std::optional<Point> clearBoxOffset(const Bbox& box, const std::vector<Bbox>& covered, const Bbox& screen, double gap);

// The rectangle of `screen` clear of every rectangle of `covered` in which content of the given
// aspect (width / height) shows largest: where "whole neighbourhood" fits the wijk, so that no part
// of it lies under the docked panels. The whole screen when nothing covers it; nullopt when no clear
// rectangle is left.
std::optional<Bbox> bestClearArea(const std::vector<Bbox>& covered, const Bbox& screen, double aspect);

}  // namespace samenkaart::gui
