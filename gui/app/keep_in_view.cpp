#include "gui/app/keep_in_view.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace samenkaart::gui {
namespace {

bool clear(Point p, const std::vector<Bbox>& covered, const Bbox& inner, double margin) {
    if (p.x < inner.minx || p.x > inner.maxx || p.y < inner.miny || p.y > inner.maxy) return false;
    return std::none_of(covered.begin(), covered.end(), [&](const Bbox& b) {
        return p.x > b.minx - margin && p.x < b.maxx + margin && p.y > b.miny - margin && p.y < b.maxy + margin;
    });
}

}  // namespace

std::optional<Point> nearestClearSpot(Point at, const std::vector<Bbox>& covered, const Bbox& screen, double margin) {
    const Bbox inner{screen.minx + margin, screen.miny + margin, screen.maxx - margin, screen.maxy - margin};
    if (inner.empty()) return std::nullopt;
    if (clear(at, covered, inner, margin)) return at;
    // A grid of candidates a few pixels apart: a screen has some ten thousand, each checked against a
    // handful of panels, once when a form opens.
    const double step = std::max(4.0, margin * 0.5);
    std::optional<Point> best;
    double bestDistance = std::numeric_limits<double>::infinity();
    for (double y = inner.miny; y <= inner.maxy; y += step) {
        for (double x = inner.minx; x <= inner.maxx; x += step) {
            const double d = std::hypot(x - at.x, y - at.y);
            if (d < bestDistance && clear({x, y}, covered, inner, margin)) {
                best = Point{x, y};
                bestDistance = d;
            }
        }
    }
    return best;
}

}  // namespace samenkaart::gui
