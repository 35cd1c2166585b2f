// Where feature labels go: an anchor well inside each polygon, and a greedy pass in screen space that
// keeps only labels which neither overlap each other nor stick out of their feature.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "engine/geometry.hpp"
#include "mapping/viewport.hpp"

namespace samenkaart::mapping {

struct PoleOfInaccessibility {
    Point point;
    double distance = 0.0;  // to the nearest edge of the outline (holes included)
};

// The interior point farthest from the outline, found to within `precision` (world units) by quadtree
// search over the bbox (the "polylabel" approach). Degenerate polygons give their bbox corner.
PoleOfInaccessibility poleOfInaccessibility(const Polygon& polygon, double precision);
// The pole of the part with the largest area: where a multipolygon's one label should go.
PoleOfInaccessibility poleOfInaccessibility(const MultiPolygon& polygons, double precision);

struct LabelRequest {
    Point anchor;          // world position of the label's centre (usually the pole)
    double widthPx = 0.0;  // text size as measured by the UI's font
    double heightPx = 0.0;
    Bbox featureBbox;       // world bbox of the labelled feature
    double priority = 0.0;  // larger first (e.g. feature area)
};

struct PlacedLabel {
    size_t request = 0;  // index into the requests
    Bbox screenRect;     // logical pixels; miny is the top edge (screen y points down)
};

// Greedy placement: by descending priority (ties: lower index first), a label is shown when it lies in
// the window, fits inside its feature's on-screen bbox, and keeps `paddingPx` clear of labels already
// placed and of the markers at `keepClear` (world points, each a square of 2 x `keepClearRadiusPx`):
// markers such as pins are never covered by a label. A label whose place holds a marker moves just
// above or below it when that still fits its feature, else it is left out.
std::vector<PlacedLabel> placeLabels(std::span<const LabelRequest> requests, const Viewport& viewport,
                                     double paddingPx = 2.0, std::span<const Point> keepClear = {},
                                     double keepClearRadiusPx = 0.0);

// The order placeLabels tries the requests in: by descending priority, ties by index. It does not depend
// on the view, so a caller that places the same requests every frame sorts them once (14,000 buurten:
// the sort was a third of the placement's time).
std::vector<uint32_t> labelOrder(std::span<const LabelRequest> requests);
// The same placement with `order` from labelOrder(requests).
std::vector<PlacedLabel> placeLabels(std::span<const LabelRequest> requests, std::span<const uint32_t> order,
                                     const Viewport& viewport, double paddingPx, std::span<const Point> keepClear,
                                     double keepClearRadiusPx);

}  // namespace samenkaart::mapping
