// The rules every pin obeys, in one place: the checks of its fields and position, how a new pin is
// stored (its contributor alias, its extra fields), and its history snapshot, both as JSON (what
// undo and redo read) and as the same bytes written directly for bulk imports. PinStore and
// PinBulkWrite both use these; the fast snapshot encoder is tested byte for byte against the JSON.
#pragma once

#include <functional>
#include <optional>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "engine/crs.hpp"
#include "engine/error.hpp"
#include "engine/geometry.hpp"
#include "engine/pin.hpp"
#include "engine/project.hpp"

namespace samenkaart {

// The checks every new or edited pin's fields pass, in PinStore's order (title, description,
// contributor, category, extra fields); null: not given. Throws Error naming pinRef or the category.
void checkPinFields(const std::string& pinRef, const std::string* category, const std::string* title,
                    const std::string* description, const std::string* contributor, const nlohmann::json* attributes,
                    const std::function<bool(const std::string&)>& categoryExists);

// PinStore::checkMapPoint's test of one point in the map CRS: finite, inside the world of the map's
// CRS, and home again after the round trip through WGS 84. Throws Error naming the coordinates.
void checkMapPoint(const CoordinateTransform& toWgs84, const std::string& mapCrsName, Point p);

// A new pin's checks as PinStore::add makes them, except that its session is open (the caller
// checks that once). It needs nothing from the database beyond the category codes (read them with
// categoryCodes() on the thread that owns the connection), so it may be made and used on another.
class NewPinCheck {
public:
    NewPinCheck(std::set<std::string> categoryCodes, const MapCrs& mapCrs);
    static std::set<std::string> categoryCodes(Project& project);
    // Throws Error with PinStore::add's message when the pin would be refused.
    void fields(const NewPin& pin) const;
    void position(Point mapPoint) const { checkMapPoint(toWgs84_, mapCrsName_, mapPoint); }

private:
    std::set<std::string> categories_;
    CoordinateTransform toWgs84_;
    std::string mapCrsName_;
};

// The row of a pin that passed its checks, with the given id and the current time.
PreparedPin prepareNewPin(NewPin pin, std::string id);

// The contributor alias as stored: none when not given, empty or blank.
std::optional<std::string> storedContributor(std::optional<std::string> alias);

// A pin's state in pin_history (`before` / `after`), as undo and redo read it back.
nlohmann::json pinSnapshot(const Pin& pin);
// pinSnapshot(pin).dump() for a new pin, byte for byte, written without building a JSON object
// (which took a tenth of a bulk import).
std::string newPinSnapshotText(const PreparedPin& pin);

}  // namespace samenkaart
