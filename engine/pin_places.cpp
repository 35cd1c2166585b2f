#include "engine/pin_places.hpp"

#include <algorithm>

namespace samenkaart {

PinPlaces PinPlaces::of(const std::vector<Pin>& pins) {
    PinPlaces places;
    places.reserve(pins.size());
    for (const Pin& p : pins) places.add(p.id, p.category, p.position);
    return places;
}

void PinPlaces::reserve(size_t pins) {
    ownPositions();
    positions_->reserve(pins);
    idEnd_.reserve(pins);
    codeOf_.reserve(pins);
    ids_.reserve(pins * 36);  // a UUID's text
}

void PinPlaces::add(std::string_view id, std::string_view category, Point position) {
    if (lastCode_ >= codes_.size() || codes_[lastCode_] != category) {
        const auto at = static_cast<size_t>(std::find(codes_.begin(), codes_.end(), category) - codes_.begin());
        if (at == codes_.size()) codes_.emplace_back(category);
        lastCode_ = static_cast<uint32_t>(at);
    }
    ownPositions();
    positions_->push_back(position);
    ids_.append(id);
    idEnd_.push_back(ids_.size());
    codeOf_.push_back(lastCode_);
}

void PinPlaces::ownPositions() {
    // A copy that is filled further stops sharing its positions with the one it was copied from.
    if (positions_.use_count() > 1) positions_ = std::make_shared<std::vector<Point>>(*positions_);
}

std::string_view PinPlaces::id(size_t i) const {
    const size_t begin = i == 0 ? 0 : idEnd_[i - 1];
    return std::string_view(ids_).substr(begin, idEnd_[i] - begin);
}

}  // namespace samenkaart
