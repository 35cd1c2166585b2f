// Pins: what residents point out. Every change goes through PinStore, which writes the change and
// its pin_history row in one transaction; undo/redo replay that history, so they survive restarts.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/error.hpp"
#include "engine/geometry.hpp"
#include "engine/pin.hpp"
#include "engine/pin_filter.hpp"
#include "engine/pin_places.hpp"
#include "engine/project.hpp"
#include "engine/sqlite_db.hpp"

namespace samenkaart {

// What an undo or redo did, for the front end to report.
struct HistoryStep {
    int64_t historyId = 0;
    std::string action;  // the original action: create, edit, move, delete, restore
    std::string pinId;
    std::string title;
};

class PinStore {
public:
    explicit PinStore(Project& project);
    ~PinStore();
    PinStore(const PinStore&) = delete;
    PinStore& operator=(const PinStore&) = delete;

    std::string add(const NewPin& pin);
    // Adds many pins in ONE transaction, each checked exactly as add() checks it, each with its own
    // 'create' history row. A pin that fails its checks is passed to onRejected (with its index in
    // `pins`) and skipped; without onRejected the first failure throws and nothing is written.
    // Returns the new ids of the pins written, in order.
    using RejectedPin = std::function<void(size_t index, const Error& why)>;
    // Takes the pins by value: a caller done with them can move them in, and their text is not copied.
    std::vector<std::string> addMany(std::vector<NewPin> pins, const RejectedPin& onRejected = nullptr);
    void edit(const std::string& id, const PinEdit& edit);
    void move(const std::string& id, Point position);
    void remove(const std::string& id);   // soft delete: deleted_at is set
    void restore(const std::string& id);  // undoes a soft delete explicitly

    std::optional<Pin> find(const std::string& id);
    Pin get(const std::string& id);
    std::vector<Pin> list(const PinFilter& filter = {});
    // The same pins in the same order, only their ids, categories and positions: what a map of a
    // million pins holds (pin_places.hpp).
    PinPlaces listPlaces(const PinFilter& filter = {});
    // Throws Error (NotFound) naming a session or category the filter names that the project lacks:
    // a typing mistake is said, not answered with an empty map.
    void checkFilter(const PinFilter& filter);

    std::optional<HistoryStep> undo();
    std::optional<HistoryStep> redo();
    bool canUndo();
    bool canRedo();

    // Map CRS <-> WGS 84 longitude/latitude; throws Error when the point cannot exist.
    Point fromLonLat(double lon, double lat);
    Point toLonLat(Point mapPoint);
    // Throws Error naming the coordinates when they are not finite or outside the map CRS's world.
    void checkMapPoint(Point p);

    nlohmann::json toJson(const Pin& pin);

private:
    // add()'s checks (engine/pin_rules.hpp, as addMany() makes them); returns the row to write (id
    // and times filled in).
    // openSessions caches sessions already found open during one call.
    Pin prepareNew(NewPin pin, std::set<int64_t>& openSessions);
    void applySnapshot(const std::string& pinId, const nlohmann::json& snapshot);
    void recordHistory(const std::string& pinId, const char* action, const nlohmann::json& before,
                       const nlohmann::json& after);
    void validateText(const std::string& pinRef, const PinEdit& edit);
    // validateText's checks on values that are not copied into a PinEdit (null: not given).
    void validateFields(const std::string& pinRef, const std::string* category, const std::string* title,
                        const std::string* description, const std::string* contributor,
                        const nlohmann::json* attributes);
    const CoordinateTransform& toWgs84();
    // `select` (columns FROM pins) of the pins the filter lets through; sorted as made when `ordered`.
    Statement filtered(const PinFilter& filter, std::string_view select, bool ordered);

    Project& project_;
    Database& db_;
    std::unique_ptr<CoordinateTransform> toWgs84_;
    std::set<std::string> knownCategories_;  // codes seen to exist; categories are never deleted
};

}  // namespace samenkaart
