// A static R-tree packed with Sort-Tile-Recursive (Leutenegger et al. 1997): built once from a list of
// boxes, then only queried. Nodes live in flat arrays, so a query touches a few cache lines per level.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "engine/geometry.hpp"

namespace samenkaart::mapping {

class PackedRTree {
public:
    static constexpr uint32_t kNodeCapacity = 16;

    PackedRTree() = default;
    // Item i is reported as i. Empty boxes are kept but never match.
    explicit PackedRTree(std::span<const Bbox> boxes);

    size_t size() const { return itemCount_; }
    bool empty() const { return itemCount_ == 0; }

    // Calls visit(itemIndex) for every item whose box intersects `query` (in no particular order).
    template <typename Visit>
    void search(const Bbox& query, Visit&& visit) const;

private:
    // boxes_ holds the items (in packed order) followed by each level of nodes, the root last.
    std::vector<Bbox> boxes_;
    std::vector<uint32_t> itemIds_;     // packed position -> caller's index
    std::vector<uint32_t> childBegin_;  // per node (index - itemCount_): first child in boxes_
    std::vector<uint32_t> childEnd_;
    size_t itemCount_ = 0;
};

template <typename Visit>
void PackedRTree::search(const Bbox& query, Visit&& visit) const {
    if (boxes_.empty() || query.empty()) return;
    // Depth is log16(n) and each level pushes at most 16 children: 32 bit indices never need more.
    // Only stack[0, top) is read, each slot after it was written; zeroing it would cost every search.
    std::array<uint32_t, 8 * kNodeCapacity + 1> stack;  // NOLINT(cppcoreguidelines-pro-type-member-init)
    size_t top = 0;
    stack[top++] = static_cast<uint32_t>(boxes_.size() - 1);
    while (top > 0) {
        const uint32_t index = stack[--top];
        if (!boxes_[index].intersects(query)) continue;
        if (index < itemCount_) {
            visit(static_cast<size_t>(itemIds_[index]));
            continue;
        }
        const size_t node = index - itemCount_;
        for (uint32_t child = childBegin_[node]; child < childEnd_[node]; ++child) stack[top++] = child;
    }
}

}  // namespace samenkaart::mapping
