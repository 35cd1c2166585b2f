// The pin a form is about stays in sight: when the pin form and the on-screen keyboard open over the
// place a resident just tapped, the map glides so that the pin lies clear of every panel.
#pragma once

#include <optional>
#include <vector>

#include "engine/geometry.hpp"

namespace samenkaart::gui {

// The spot nearest to `at` (screen pixels) that lies inside `screen` and at least `margin` away from
// every rectangle of `covered` (the panels); `at` itself when it is clear already; nullopt when no
// spot is clear (panels cover everything).
std::optional<Point> nearestClearSpot(Point at, const std::vector<Bbox>& covered, const Bbox& screen, double margin);

}  // namespace samenkaart::gui
