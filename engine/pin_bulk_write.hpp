// Writing many new pins in one transaction (PinStore::addMany, `samenkaart pin import`). The work is
// split so that a reader thread can do everything but the writing: NewPinCheck makes the checks
// PinStore::add makes without touching the database, prepareNewPin turns a checked pin into the
// bytes of its row and its 'create' history row, and PinBulkWrite, on the thread that owns the
// connection, only binds and steps.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/crs.hpp"
#include "engine/error.hpp"
#include "engine/geometry.hpp"
#include "engine/pins.hpp"
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

// A checked new pin as its rows will be written: every value ready to bind.
struct PreparedPin {
    std::string id;
    int64_t sessionId = 0;
    std::string category;
    std::string title;
    std::string description;
    std::optional<std::string> contributor;  // null when empty or blank, as PinStore::add stores it
    std::string attributes;                  // the JSON text stored ("{}" when none)
    Point position;                          // map CRS
    std::string createdAt;                   // also updated_at and the history row's `at`
    std::string snapshot;                    // the 'create' history row's `after`: snapshot(pin).dump()
};

// The row of a pin that passed its checks, with the given id and the current time.
PreparedPin prepareNewPin(NewPin pin, std::string id);

// One bulk write: a transaction holding the new pins and their 'create' history rows, written many
// rows to a statement, with SpatiaLite's per-row geometry triggers set aside and their work done
// once at commit (the R-tree rebuilt packed when the write at least doubles it). Pins added in id
// order go in fastest (the random ids then land on neighbouring index pages). Destroyed without
// commit(), everything is rolled back.
class PinBulkWrite {
public:
    explicit PinBulkWrite(Project& project);
    ~PinBulkWrite();
    PinBulkWrite(const PinBulkWrite&) = delete;
    PinBulkWrite& operator=(const PinBulkWrite&) = delete;

    void add(PreparedPin pin);
    size_t count() const;
    void commit();

private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace samenkaart
