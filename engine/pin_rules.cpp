#include "engine/pin_rules.hpp"

#include <cmath>

#include "engine/categories.hpp"
#include "engine/clock.hpp"
#include "engine/error.hpp"
#include "engine/text_encoding.hpp"

namespace samenkaart {
namespace {

constexpr size_t kMaxTitleBytes = 500;
constexpr size_t kMaxDescriptionBytes = 20000;
constexpr size_t kMaxContributorBytes = 200;

void checkText(const std::string& pinRef, const std::string& text, const char* what, size_t maxBytes) {
    if (!isValidUtf8(text)) throw Error(pinRef, std::string(what) + " is not valid UTF-8 text");
    if (text.size() > maxBytes)
        throw Error(pinRef, std::string(what) + " is too long (" + std::to_string(text.size()) + " bytes; at most " +
                                std::to_string(maxBytes) + ")");
}

// JSON text as nlohmann::json::dump() writes it: UTF-8 kept, quote, backslash and control characters
// escaped (the text was checked to be valid UTF-8 before).
void appendJsonString(std::string& out, const std::string& text) {
    static const char* const kHex = "0123456789abcdef";
    out += '"';
    for (const char c : text) {
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\b':
                out += "\\b";
                break;
            case '\f':
                out += "\\f";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            default:
                if (static_cast<unsigned char>(c) < 0x20) {
                    out += "\\u00";
                    out += kHex[(c >> 4) & 0xF];
                    out += kHex[c & 0xF];
                } else {
                    out += c;
                }
        }
    }
    out += '"';
}

void appendJsonOptional(std::string& out, const std::optional<std::string>& text) {
    if (text)
        appendJsonString(out, *text);
    else
        out += "null";
}

}  // namespace

// A new pin's snapshot as the text pinSnapshot(p).dump() gives (keys sorted, as nlohmann's
// object keeps them), written directly: building and dumping a JSON object per pin was a tenth of a
// bulk import. Undo and redo read it back like any other snapshot.
std::string newPinSnapshotText(const PreparedPin& p) {
    std::string out;
    out.reserve(160 + p.title.size() + p.description.size() + p.attributes.size());
    out += "{\"attributes\":";
    out += p.attributes;
    out += ",\"category\":";
    appendJsonString(out, p.category);
    out += ",\"contributor\":";
    appendJsonOptional(out, p.contributor);
    out += ",\"created_at\":";
    appendJsonString(out, p.createdAt);
    out += ",\"deleted_at\":null,\"description\":";
    appendJsonString(out, p.description);
    out += ",\"session_id\":";
    out += std::to_string(p.sessionId);
    out += ",\"title\":";
    appendJsonString(out, p.title);
    out += ",\"updated_at\":";
    appendJsonString(out, p.createdAt);
    // Numbers exactly as nlohmann writes doubles (shortest text that reads back as the same double).
    out += ",\"x\":";
    out += nlohmann::json(p.position.x).dump();
    out += ",\"y\":";
    out += nlohmann::json(p.position.y).dump();
    out += '}';
    return out;
}

void checkPinFields(const std::string& pinRef, const std::string* category, const std::string* title,
                    const std::string* description, const std::string* contributor, const nlohmann::json* attributes,
                    const std::function<bool(const std::string&)>& categoryExists) {
    if (title) {
        if (trimmed(*title).empty()) throw Error(pinRef, "a title is required");
        checkText(pinRef, *title, "the title", kMaxTitleBytes);
    }
    if (description) checkText(pinRef, *description, "the description", kMaxDescriptionBytes);
    if (contributor) checkText(pinRef, *contributor, "the contributor alias", kMaxContributorBytes);
    if (category && !categoryExists(*category))
        throw Error("category " + *category, "does not exist in this project (see: samenkaart category list)");
    if (attributes && !attributes->is_object())
        throw Error(pinRef, "extra fields must be a JSON object of field names and values");
}

void checkMapPoint(const CoordinateTransform& toWgs84, const std::string& mapCrsName, Point p) {
    // The subject is only spelled out for a point that fails (a bulk import checks every point).
    auto where = [&] { return "coordinates " + std::to_string(p.x) + " " + std::to_string(p.y); };
    if (!std::isfinite(p.x) || !std::isfinite(p.y)) throw Error(where(), "are not finite numbers");
    auto ll = toWgs84.forward(p);
    if (!ll || std::abs(ll->x) > 180.0 || std::abs(ll->y) > 90.0)
        throw Error(where(), "lie outside the world of the map's CRS (" + mapCrsName + ")");
    // A projection may wrap far-away points back onto the earth; the round trip must come home.
    auto back = toWgs84.inverse(*ll);
    if (!back || std::hypot(back->x - p.x, back->y - p.y) > 1.0)
        throw Error(where(), "lie outside the area where the map's CRS (" + mapCrsName + ") is defined");
}

NewPinCheck::NewPinCheck(std::set<std::string> categoryCodes, const MapCrs& mapCrs)
    : categories_(std::move(categoryCodes)), toWgs84_(mapCrs.definition, "EPSG:4326"), mapCrsName_(mapCrs.name) {}

std::set<std::string> NewPinCheck::categoryCodes(Project& project) {
    std::set<std::string> codes;
    for (const Category& c : CategoryStore(project.db()).list()) codes.insert(c.code);
    return codes;
}

void NewPinCheck::fields(const NewPin& n) const {
    checkPinFields("new pin", &n.category, &n.title, &n.description, n.contributor ? &*n.contributor : nullptr,
                   &n.attributes, [&](const std::string& code) { return categories_.contains(code); });
}

PreparedPin prepareNewPin(NewPin n, std::string id) {
    PreparedPin p;
    p.id = std::move(id);
    p.sessionId = n.sessionId;
    p.category = std::move(n.category);
    p.title = std::move(n.title);
    p.description = std::move(n.description);
    p.contributor = storedContributor(std::move(n.contributor));
    p.attributes = n.attributes.is_object() && !n.attributes.empty() ? n.attributes.dump() : "{}";
    p.position = n.position;
    p.createdAt = nowIso8601();
    p.snapshot = newPinSnapshotText(p);
    return p;
}

std::optional<std::string> storedContributor(std::optional<std::string> alias) {
    if (!alias || trimmed(*alias).empty()) return std::nullopt;
    return alias;
}

nlohmann::json pinSnapshot(const Pin& p) {
    return {{"session_id", p.sessionId},
            {"category", p.category},
            {"title", p.title},
            {"description", p.description},
            {"contributor", p.contributor ? nlohmann::json(*p.contributor) : nlohmann::json(nullptr)},
            {"attributes", p.attributes},
            {"x", p.position.x},
            {"y", p.position.y},
            {"created_at", p.createdAt},
            {"updated_at", p.updatedAt},
            {"deleted_at", p.deletedAt ? nlohmann::json(*p.deletedAt) : nlohmann::json(nullptr)}};
}

}  // namespace samenkaart
