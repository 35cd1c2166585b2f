#include "gui/window/logic/keep_in_view.hpp"

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

std::optional<Bbox> bestClearArea(const std::vector<Bbox>& covered, const Bbox& screen, double aspect) {
    if (screen.empty() || !(aspect > 0)) return std::nullopt;
    // Every clear rectangle can grow until each side meets a panel's edge or the screen's: trying
    // the rectangles between those edges finds the best (a handful of panels: some thousands).
    std::vector<double> xs{screen.minx, screen.maxx}, ys{screen.miny, screen.maxy};
    for (const Bbox& b : covered) {
        for (double x : {b.minx, b.maxx})
            if (x > screen.minx && x < screen.maxx) xs.push_back(x);
        for (double y : {b.miny, b.maxy})
            if (y > screen.miny && y < screen.maxy) ys.push_back(y);
    }
    std::sort(xs.begin(), xs.end());
    std::sort(ys.begin(), ys.end());
    std::optional<Bbox> best;
    double bestSize = 0.0;
    double bestArea = 0.0;
    for (size_t l = 0; l < xs.size(); ++l)
        for (size_t r = l + 1; r < xs.size(); ++r)
            for (size_t t = 0; t < ys.size(); ++t)
                for (size_t b = t + 1; b < ys.size(); ++b) {
                    const Bbox c{xs[l], ys[t], xs[r], ys[b]};
                    // How large content of this aspect shows: its width when it fits the rectangle.
                    // Of rectangles that show it as large, the roomiest: the content sits in the
                    // middle of the free part, not against a panel that happens to end nearby.
                    const double size = std::min(c.width(), c.height() * aspect);
                    const double area = c.width() * c.height();
                    if (size < bestSize || (size == bestSize && area <= bestArea)) continue;
                    const bool clearOfAll = std::none_of(covered.begin(), covered.end(), [&](const Bbox& p) {
                        return p.minx < c.maxx && p.maxx > c.minx && p.miny < c.maxy && p.maxy > c.miny;
                    });
                    if (clearOfAll) {
                        best = c;
                        bestSize = size;
                        bestArea = area;
                    }
                }
    return best;
}

}  // namespace samenkaart::gui
