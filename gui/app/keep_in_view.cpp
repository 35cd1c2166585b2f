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

std::optional<Point> clearBoxOffset(const Bbox& box, const std::vector<Bbox>& covered, const Bbox& screen, double gap) {
    // The box's centre must keep half its height plus the gap from every panel; the extra half width
    // goes into the panels and out of the screen, so one margin serves both axes.
    const double halfHeight = box.height() / 2;
    const double extraX = std::max(0.0, box.width() / 2 - halfHeight);
    const double extraY = std::max(0.0, halfHeight - box.width() / 2);
    const double margin = std::min(box.width(), box.height()) / 2 + gap;
    std::vector<Bbox> grown;
    grown.reserve(covered.size());
    for (const Bbox& b : covered) grown.push_back({b.minx - extraX, b.miny - extraY, b.maxx + extraX, b.maxy + extraY});
    // The screen edge needs no gap: the box may touch it.
    const Bbox inner{screen.minx - gap + extraX, screen.miny - gap + extraY, screen.maxx + gap - extraX,
                     screen.maxy + gap - extraY};
    const Point centre = box.center();
    const std::optional<Point> spot = nearestClearSpot(centre, grown, inner, margin);
    if (!spot) return std::nullopt;
    return Point{spot->x - centre.x, spot->y - centre.y};
}

}  // namespace samenkaart::gui
