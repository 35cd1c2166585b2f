#include "mapping/packed_rtree.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace samenkaart::mapping {

namespace {

// Orders `order` (positions into boxes) in STR fashion: vertical slices by x, each slice sorted by y, so
// that consecutive runs of kNodeCapacity make compact nodes.
void sortTileRecursive(const std::vector<Bbox>& boxes, std::vector<uint32_t>& order) {
    const size_t n = order.size();
    const size_t nodeCount = (n + PackedRTree::kNodeCapacity - 1) / PackedRTree::kNodeCapacity;
    const auto sliceCount = static_cast<size_t>(std::ceil(std::sqrt(static_cast<double>(nodeCount))));
    const size_t sliceSize = sliceCount * PackedRTree::kNodeCapacity;
    // Empty boxes sort last instead of poisoning the comparison with inf - inf = NaN.
    constexpr double kLast = std::numeric_limits<double>::infinity();
    auto centreX = [&](uint32_t i) { return boxes[i].empty() ? kLast : boxes[i].minx + boxes[i].maxx; };
    auto centreY = [&](uint32_t i) { return boxes[i].empty() ? kLast : boxes[i].miny + boxes[i].maxy; };
    std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return centreX(a) < centreX(b); });
    for (size_t start = 0; start < n; start += sliceSize) {
        const auto end = order.begin() + static_cast<std::ptrdiff_t>(std::min(n, start + sliceSize));
        std::sort(order.begin() + static_cast<std::ptrdiff_t>(start), end,
                  [&](uint32_t a, uint32_t b) { return centreY(a) < centreY(b); });
    }
}

}  // namespace

PackedRTree::PackedRTree(std::span<const Bbox> boxes) : itemCount_(boxes.size()) {
    if (boxes.empty()) return;
    std::vector<Bbox> items(boxes.begin(), boxes.end());
    std::vector<uint32_t> order(items.size());
    std::iota(order.begin(), order.end(), 0u);
    sortTileRecursive(items, order);

    boxes_.reserve(items.size() * 17 / 15 + 2);
    itemIds_.reserve(items.size());
    for (uint32_t i : order) {
        boxes_.push_back(items[i]);
        itemIds_.push_back(i);
    }

    // Build each level from the one below until a single root remains. A lone item still gets a root
    // node, so search() always starts from a node.
    size_t levelBegin = 0;
    size_t levelEnd = boxes_.size();
    do {
        // Parents in creation order, then STR-sorted among themselves before being appended.
        std::vector<Bbox> parents;
        std::vector<uint32_t> parentBegin, parentEnd;
        for (size_t first = levelBegin; first < levelEnd; first += kNodeCapacity) {
            const size_t last = std::min(levelEnd, first + kNodeCapacity);
            Bbox box;
            for (size_t c = first; c < last; ++c) box.expand(boxes_[c]);
            parents.push_back(box);
            parentBegin.push_back(static_cast<uint32_t>(first));
            parentEnd.push_back(static_cast<uint32_t>(last));
        }
        std::vector<uint32_t> parentOrder(parents.size());
        std::iota(parentOrder.begin(), parentOrder.end(), 0u);
        if (parents.size() > 1) sortTileRecursive(parents, parentOrder);
        levelBegin = boxes_.size();
        for (uint32_t p : parentOrder) {
            boxes_.push_back(parents[p]);
            childBegin_.push_back(parentBegin[p]);
            childEnd_.push_back(parentEnd[p]);
        }
        levelEnd = boxes_.size();
    } while (levelEnd - levelBegin > 1);
}

}  // namespace samenkaart::mapping
