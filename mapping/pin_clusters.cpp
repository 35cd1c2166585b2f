#include "mapping/pin_clusters.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <unordered_map>

namespace samenkaart::mapping {
namespace {

constexpr uint32_t kCells = 1U << PinClusterIndex::kLevels;
// A cell's box is widened by this share of the grid's side before it counts as inside or outside the
// view: a position that rounding put into a neighbouring cell is then checked one by one.
constexpr double kEdgeSlack = 1e-9;
// Runs this short are checked pin by pin instead of being split further.
constexpr uint32_t kScanRun = 16;

// The low 32 bits of v on the even bits of the result.
uint64_t spreadBits(uint64_t v) {
    v &= 0xFFFFFFFFULL;
    v = (v | (v << 16)) & 0x0000FFFF0000FFFFULL;
    v = (v | (v << 8)) & 0x00FF00FF00FF00FFULL;
    v = (v | (v << 4)) & 0x0F0F0F0F0F0F0F0FULL;
    v = (v | (v << 2)) & 0x3333333333333333ULL;
    v = (v | (v << 1)) & 0x5555555555555555ULL;
    return v;
}

uint32_t compactBits(uint64_t v) {
    v &= 0x5555555555555555ULL;
    v = (v | (v >> 1)) & 0x3333333333333333ULL;
    v = (v | (v >> 2)) & 0x0F0F0F0F0F0F0F0FULL;
    v = (v | (v >> 4)) & 0x00FF00FF00FF00FFULL;
    v = (v | (v >> 8)) & 0x0000FFFF0000FFFFULL;
    v = (v | (v >> 16)) & 0x00000000FFFFFFFFULL;
    return static_cast<uint32_t>(v);
}

uint32_t quantise(double offset, double cellsPerUnit) {
    const double q = std::floor(offset * cellsPerUnit);
    if (!(q > 0.0)) return 0;
    return q >= kCells - 1.0 ? kCells - 1 : static_cast<uint32_t>(q);
}

bool contains(const Bbox& view, Point p) {
    return p.x >= view.minx && p.x <= view.maxx && p.y >= view.miny && p.y <= view.maxy;
}

// LSD radix sort of (code, index) pairs by the code's 48 bits, 16 at a time.
void radixSort(std::vector<uint64_t>& codes, std::vector<uint32_t>& index) {
    const size_t n = codes.size();
    std::vector<uint64_t> codesOut(n);
    std::vector<uint32_t> indexOut(n);
    std::vector<uint32_t> counts(1U << 16);
    for (int shift = 0; shift < 2 * PinClusterIndex::kLevels; shift += 16) {
        std::fill(counts.begin(), counts.end(), 0U);
        for (const uint64_t c : codes) ++counts[(c >> shift) & 0xFFFFU];
        uint32_t total = 0;
        for (uint32_t& c : counts) {
            const uint32_t k = c;
            c = total;
            total += k;
        }
        for (size_t i = 0; i < n; ++i) {
            const uint32_t at = counts[(codes[i] >> shift) & 0xFFFFU]++;
            codesOut[at] = codes[i];
            indexOut[at] = index[i];
        }
        codes.swap(codesOut);
        index.swap(indexOut);
    }
}

}  // namespace

// What a cluster gathers while a query walks its cells.
struct PinClusterIndex::Acc {
    uint32_t count = 0;
    double sumX = 0, sumY = 0;  // relative to origin_
    Bbox extent;                // relative to origin_; filled in only for runs scanned pin by pin
    uint32_t lastSorted = 0;    // with count == 1: the pin
    std::vector<uint32_t> categories;
    std::vector<Run> runs;  // whole runs added, whose extent is computed at the end if needed
};

PinClusterIndex::PinClusterIndex(std::span<const Point> positions, std::span<const uint16_t> category,
                                 size_t categoryCount)
    : categoryCount_(categoryCount) {
    if (category.size() != positions.size())
        throw std::invalid_argument("PinClusterIndex: one category per position is needed");
    if (positions.size() >= 0xFFFFFFFFULL) throw std::invalid_argument("PinClusterIndex: too many pins");
    Bbox extent;
    std::vector<uint32_t> index;
    index.reserve(positions.size());
    for (size_t i = 0; i < positions.size(); ++i) {
        const Point p = positions[i];
        if (!std::isfinite(p.x) || !std::isfinite(p.y)) continue;
        if (category[i] >= categoryCount)
            throw std::invalid_argument("PinClusterIndex: a category index is out of range");
        extent.expand(p);
        index.push_back(static_cast<uint32_t>(i));
    }
    if (index.empty()) return;
    origin_ = {extent.minx, extent.miny};
    side_ = std::max(extent.width(), extent.height());
    side_ = side_ > 0.0 ? side_ * (1.0 + 1e-12) : 1.0;
    const double cellsPerUnit = kCells / side_;

    codes_.resize(index.size());
    for (size_t i = 0; i < index.size(); ++i) {
        const Point p = positions[index[i]];
        codes_[i] = spreadBits(quantise(p.x - origin_.x, cellsPerUnit)) |
                    (spreadBits(quantise(p.y - origin_.y, cellsPerUnit)) << 1);
    }
    radixSort(codes_, index);
    order_ = std::move(index);

    const size_t n = order_.size();
    positions_.resize(n);
    category_.resize(n);
    blockSums_.assign(n / kBlock + 1, Point{0, 0});
    blockCategory_.assign((n / kBlock + 1) * categoryCount_, 0U);
    blockBoxes_.assign(n / kBlock + 1, Bbox{});
    Point sum{0, 0};
    std::vector<uint32_t> running(categoryCount_, 0U);
    for (size_t i = 0; i < n; ++i) {
        if (i % kBlock == 0) {
            blockSums_[i / kBlock] = sum;
            std::copy(running.begin(), running.end(), blockCategory_.data() + (i / kBlock) * categoryCount_);
        }
        const Point p = positions[order_[i]];
        positions_[i] = {p.x - origin_.x, p.y - origin_.y};
        category_[i] = category[order_[i]];
        sum.x += positions_[i].x;
        sum.y += positions_[i].y;
        ++running[category_[i]];
        blockBoxes_[i / kBlock].expand(positions_[i]);
    }
    if (n % kBlock == 0) {  // the last boundary, at n itself
        blockSums_[n / kBlock] = sum;
        std::copy(running.begin(), running.end(), blockCategory_.data() + (n / kBlock) * categoryCount_);
    }
}

PinClusterIndex::Run PinClusterIndex::childRun(Run parent, uint64_t childPrefix, int childLevel) const {
    const int shift = 2 * (kLevels - childLevel);
    const uint64_t lo = childPrefix << shift, hi = (childPrefix + 1) << shift;
    const auto first = codes_.begin() + parent.begin, last = codes_.begin() + parent.end;
    const auto b = std::lower_bound(first, last, lo);
    const auto e = std::lower_bound(b, last, hi);
    return {static_cast<uint32_t>(b - codes_.begin()), static_cast<uint32_t>(e - codes_.begin())};
}

Bbox PinClusterIndex::cellBox(uint64_t prefix, int level) const {
    const double size = side_ / static_cast<double>(1ULL << level);
    const double x = origin_.x + compactBits(prefix) * size, y = origin_.y + compactBits(prefix >> 1) * size;
    return {x, y, x + size, y + size};
}

void PinClusterIndex::addPin(Acc& acc, uint32_t sorted) const {
    const Point p = positions_[sorted];
    ++acc.count;
    acc.sumX += p.x;
    acc.sumY += p.y;
    acc.extent.expand(p);
    acc.lastSorted = sorted;
    ++acc.categories[category_[sorted]];
}

void PinClusterIndex::addRun(Acc& acc, Run run) const {
    if (run.begin == run.end) return;
    // Sums over [0, i): the block's prefix plus the pins since.
    const auto prefix = [&](uint32_t i, Point& sum) {
        const uint32_t block = i / kBlock;
        sum = blockSums_[block];
        for (uint32_t k = block * kBlock; k < i; ++k) {
            sum.x += positions_[k].x;
            sum.y += positions_[k].y;
        }
    };
    const auto categories = [&](uint32_t i, int sign) {
        const uint32_t block = i / kBlock;
        const uint32_t* base = blockCategory_.data() + static_cast<size_t>(block) * categoryCount_;
        for (size_t c = 0; c < categoryCount_; ++c) acc.categories[c] += static_cast<uint32_t>(sign) * base[c];
        for (uint32_t k = block * kBlock; k < i; ++k) acc.categories[category_[k]] += static_cast<uint32_t>(sign);
    };
    Point hi, lo;
    prefix(run.end, hi);
    prefix(run.begin, lo);
    acc.sumX += hi.x - lo.x;
    acc.sumY += hi.y - lo.y;
    categories(run.end, 1);
    categories(run.begin, -1);  // unsigned wrap-around: adding 2^32 - n subtracts n
    acc.count += run.end - run.begin;
    acc.lastSorted = run.begin;
    acc.runs.push_back(run);
}

template <class Emit>
void PinClusterIndex::visit(const Bbox& view, int targetLevel, uint64_t prefix, int level, Run run, Emit& emit) const {
    if (run.begin == run.end) return;
    const double slack = side_ * kEdgeSlack;
    const Bbox box = cellBox(prefix, level);
    if (box.minx > view.maxx + slack || box.maxx < view.minx - slack || box.miny > view.maxy + slack ||
        box.maxy < view.miny - slack)
        return;
    const auto children = [&] {
        for (uint64_t c = 0; c < 4; ++c) {
            const uint64_t child = (prefix << 2) | c;
            visit(view, targetLevel, child, level + 1, childRun(run, child, level + 1), emit);
        }
    };
    if (level < targetLevel) {  // above the clusters' cells: only on the way down to them
        children();
        return;
    }
    // A cell of the clusters' level or inside one: taken whole when it lies inside the view, else its
    // pins one by one (short runs and the finest cells) or its children.
    const bool inside = box.minx >= view.minx + slack && box.maxx <= view.maxx - slack &&
                        box.miny >= view.miny + slack && box.maxy <= view.maxy - slack;
    if (!emit.gather(run, inside)) {
        if (level == kLevels || run.end - run.begin <= kScanRun)
            for (uint32_t i = run.begin; i < run.end; ++i) emit.pin(i);
        else
            children();
    }
    if (level == targetLevel) emit.close();  // one cluster per cell of that level
}

ClusterView PinClusterIndex::query(const Bbox& view, double radiusMapUnits) const {
    ClusterView out;
    out.categoryCount = categoryCount_;
    if (order_.empty() || view.empty()) return out;
    const double radius = std::max(0.0, radiusMapUnits);
    out.level =
        radius > 0.0 ? std::clamp(static_cast<int>(std::floor(std::log2(side_ / radius))), 0, kLevels) : kLevels;
    const Bbox local{view.minx - origin_.x, view.miny - origin_.y, view.maxx - origin_.x, view.maxy - origin_.y};

    std::vector<Acc> cells;
    // Gathers one cluster per cell of the target level: a cell inside the view whole, else its pins
    // in view one by one (splitting it further where that saves work).
    struct Emitter {
        const PinClusterIndex& index;
        const Bbox& local;
        std::vector<Acc>& cells;
        Acc acc;
        bool open = false;
        void start() {
            if (!open) {
                acc = Acc{};
                acc.categories.assign(index.categoryCount_, 0U);
                open = true;
            }
        }
        // A cell at or below the target level: true when it was taken whole.
        bool gather(Run run, bool inside) {
            start();
            if (!inside) return false;
            index.addRun(acc, run);
            return true;
        }
        void pin(uint32_t sorted) {
            start();
            if (contains(local, index.positions_[sorted])) index.addPin(acc, sorted);
        }
        void close() {
            if (open && acc.count > 0) cells.push_back(std::move(acc));
            open = false;
        }
    } emit{*this, local, cells, {}, false};
    visit(view, out.level, 0, 0, {0, static_cast<uint32_t>(order_.size())}, emit);

    // The extent of runs taken whole (a tap zooms to it; zero size tells pins on one spot): the boxes
    // of the whole blocks inside the run, and its ends pin by pin.
    for (Acc& a : cells) {
        for (const Run r : a.runs) {
            uint32_t i = r.begin;
            for (; i < r.end && i % kBlock != 0; ++i) a.extent.expand(positions_[i]);
            for (; i + kBlock <= r.end; i += kBlock) {
                a.extent.expand(blockBoxes_[i / kBlock]);
            }
            for (; i < r.end; ++i) a.extent.expand(positions_[i]);
        }
    }

    // Merge cells whose markers would overlap: the largest take their neighbours within the radius.
    std::sort(cells.begin(), cells.end(), [](const Acc& a, const Acc& b) {
        if (a.count != b.count) return a.count > b.count;
        return a.sumX / a.count < b.sumX / b.count;
    });
    std::vector<uint8_t> taken(cells.size(), 0);
    std::unordered_map<uint64_t, std::vector<uint32_t>> grid;
    const double cell = radius > 0.0 ? radius : 1.0;
    const auto slot = [&](double v) { return static_cast<int64_t>(std::floor(v / cell)); };
    const auto key = [](int64_t gx, int64_t gy) {
        return (static_cast<uint64_t>(static_cast<uint32_t>(gx)) << 32) | static_cast<uint32_t>(gy);
    };
    if (radius > 0.0)
        for (uint32_t i = 0; i < cells.size(); ++i)
            grid[key(slot(cells[i].sumX / cells[i].count), slot(cells[i].sumY / cells[i].count))].push_back(i);
    for (uint32_t i = 0; i < cells.size(); ++i) {
        if (taken[i]) continue;
        Acc& a = cells[i];
        const double cx = a.sumX / a.count, cy = a.sumY / a.count;
        if (radius > 0.0) {
            const int64_t gx = slot(cx), gy = slot(cy);
            for (int64_t dx = -1; dx <= 1; ++dx)
                for (int64_t dy = -1; dy <= 1; ++dy) {
                    const auto it = grid.find(key(gx + dx, gy + dy));
                    if (it == grid.end()) continue;
                    for (const uint32_t j : it->second) {
                        if (j <= i || taken[j]) continue;
                        const Acc& b = cells[j];
                        const double bx = b.sumX / b.count - cx, by = b.sumY / b.count - cy;
                        if (bx * bx + by * by > radius * radius) continue;
                        taken[j] = 1;
                        a.count += b.count;
                        a.sumX += b.sumX;
                        a.sumY += b.sumY;
                        a.extent.expand(b.extent);
                        for (size_t c = 0; c < categoryCount_; ++c) a.categories[c] += b.categories[c];
                    }
                }
        }
        PinCluster c;
        c.count = a.count;
        c.extent = {origin_.x + a.extent.minx, origin_.y + a.extent.miny, origin_.x + a.extent.maxx,
                    origin_.y + a.extent.maxy};
        // The mean, kept inside the extent that rounding could make it leave (pins on one spot).
        c.centre = {std::clamp(origin_.x + a.sumX / a.count, c.extent.minx, c.extent.maxx),
                    std::clamp(origin_.y + a.sumY / a.count, c.extent.miny, c.extent.maxy)};
        c.pin = order_[a.lastSorted];
        c.categoryBegin = static_cast<uint32_t>(out.categoryCounts.size());
        out.categoryCounts.insert(out.categoryCounts.end(), a.categories.begin(), a.categories.end());
        out.pinsInView += a.count;
        out.clusters.push_back(c);
    }
    std::stable_sort(out.clusters.begin(), out.clusters.end(),
                     [](const PinCluster& a, const PinCluster& b) { return a.count > b.count; });
    return out;
}

std::vector<uint32_t> PinClusterIndex::pinsIn(const Bbox& area, size_t limit) const {
    std::vector<uint32_t> out;
    if (order_.empty() || area.empty() || limit == 0) return out;
    const Bbox local{area.minx - origin_.x, area.miny - origin_.y, area.maxx - origin_.x, area.maxy - origin_.y};
    struct Collector {
        const PinClusterIndex& index;
        const Bbox& local;
        std::vector<uint32_t>& out;
        size_t limit;
        bool gather(Run run, bool inside) {
            if (!inside) return false;
            for (uint32_t i = run.begin; i < run.end && out.size() < limit; ++i) out.push_back(index.order_[i]);
            return true;
        }
        void pin(uint32_t sorted) {
            if (out.size() < limit && contains(local, index.positions_[sorted])) out.push_back(index.order_[sorted]);
        }
        void close() {}
    } collect{*this, local, out, limit};
    visit(area, 0, 0, 0, {0, static_cast<uint32_t>(order_.size())}, collect);
    return out;
}

}  // namespace samenkaart::mapping
