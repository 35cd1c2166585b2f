// What a pin is, in the shapes the engine moves it in. The rules a pin obeys (its checks, how a
// new one is stored, its history snapshot) live in engine/pin_rules.hpp; PinStore (pins.hpp) and the
// bulk writer (pin_bulk_write.hpp) both depend on them, neither on the other.
//
// Four shapes, each for a reason: NewPin is what a front end asks for; Pin is a stored pin (its
// extra fields as JSON, for reading and editing); PreparedPin is a checked new pin with every value
// already the bytes to bind, so a bulk import of a million pins builds no JSON object per pin; and
// ExportPin (export_selection.hpp) adds what an export computes (WGS 84 position, boundary).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "engine/geometry.hpp"

namespace samenkaart {

struct Pin {
    std::string id;
    int64_t sessionId = 0;
    std::string category;
    std::string title;
    std::string description;
    std::optional<std::string> contributor;
    nlohmann::json attributes = nlohmann::json::object();  // values of the category's extra fields
    Point position;                                        // map CRS
    std::string createdAt;
    std::string updatedAt;
    std::optional<std::string> deletedAt;

    bool isLive() const { return !deletedAt.has_value(); }
};

struct NewPin {  // (every member has an initializer: designated initializers may name only some)
    int64_t sessionId = 0;
    std::string category{};
    std::string title{};
    std::string description{};
    std::optional<std::string> contributor{};
    nlohmann::json attributes = nlohmann::json::object();
    Point position{};
};

// Fields left empty are not changed. contributor: an empty string clears the alias.
// (Every member has an initializer so that designated initializers may name only some.)
struct PinEdit {
    std::optional<std::string> category = std::nullopt;
    std::optional<std::string> title = std::nullopt;
    std::optional<std::string> description = std::nullopt;
    std::optional<std::string> contributor = std::nullopt;
    std::optional<nlohmann::json> attributes = std::nullopt;
};

// A checked new pin as its rows will be written: every value ready to bind.
struct PreparedPin {
    std::string id;
    int64_t sessionId = 0;
    std::string category;
    std::string title;
    std::string description;
    std::optional<std::string> contributor;  // storedContributor(): null when empty or blank
    std::string attributes;                  // the JSON text stored ("{}" when none)
    Point position;                          // map CRS
    std::string createdAt;                   // also the history row's `at`, and updated_at unless given
    std::string snapshot;                    // the 'create' history row's `after`: newPinSnapshotText
    // A pin copied as it is elsewhere (read back from the programme store): its own times.
    std::string updatedAt;                 // empty: createdAt
    std::optional<std::string> deletedAt;  // a soft-deleted pin
};

}  // namespace samenkaart
