// What a map needs of each pin: where it is, its category and its id, in the order the pins were made.
// A million pins take some 60 MB this way, against some 500 MB as Pin records (every string of a
// Pin is its own allocation, its extra fields a JSON object); what else a pin holds (title, text,
// contributor) is read by its id when a card shows it (PinStore::find).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/geometry.hpp"
#include "engine/pin.hpp"

namespace samenkaart {

// Filled once (add), then read. Copies share their positions, as do the map's pins and its names
// (which keep clear of them): a million positions are 16 MB each time they are held.
class PinPlaces {
public:
    PinPlaces() = default;
    // The places of these pins, in their order (tests, the render command).
    static PinPlaces of(const std::vector<Pin>& pins);

    void reserve(size_t pins);
    void add(std::string_view id, std::string_view category, Point position);

    size_t size() const { return positions_->size(); }
    bool empty() const { return positions_->empty(); }
    Point position(size_t i) const { return (*positions_)[i]; }
    const std::vector<Point>& positions() const { return *positions_; }
    std::shared_ptr<const std::vector<Point>> sharedPositions() const { return positions_; }
    std::string_view id(size_t i) const;
    std::string_view category(size_t i) const { return codes_[codeOf_[i]]; }
    // The distinct category codes, in the order first met, and the place of each pin's code among them.
    const std::vector<std::string>& codes() const { return codes_; }
    const std::vector<uint32_t>& codeOf() const { return codeOf_; }

private:
    void ownPositions();

    std::shared_ptr<std::vector<Point>> positions_ = std::make_shared<std::vector<Point>>();
    std::string ids_;              // every id, back to back
    std::vector<uint64_t> idEnd_;  // pin i's id ends at idEnd_[i] and begins where pin i - 1's ends
    std::vector<std::string> codes_;
    std::vector<uint32_t> codeOf_;
    uint32_t lastCode_ = 0;  // pins come in runs of one category: the last code is tried first
};

}  // namespace samenkaart
