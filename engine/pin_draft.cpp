#include "engine/pin_draft.hpp"

#include <nlohmann/json.hpp>

#include "engine/sqlite_db.hpp"

namespace samenkaart {
namespace {
constexpr const char* kDraftKey = "pin_draft";
}

std::string PinDraft::toJson() const {
    nlohmann::json j = {{"session_id", sessionId},    {"x", position.x}, {"y", position.y},
                        {"category", category},       {"title", title},  {"description", description},
                        {"contributor", contributor}, {"fields", fields}};
    if (pinId) j["pin_id"] = *pinId;
    return j.dump();
}

std::optional<PinDraft> PinDraft::fromJson(const std::string& text) {
    const nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
    if (!j.is_object()) return std::nullopt;
    try {
        PinDraft d;
        if (j.contains("pin_id") && j["pin_id"].is_string()) d.pinId = j["pin_id"].get<std::string>();
        d.sessionId = j.at("session_id").get<int64_t>();
        d.position = {j.at("x").get<double>(), j.at("y").get<double>()};
        d.category = j.value("category", "");
        d.title = j.value("title", "");
        d.description = j.value("description", "");
        d.contributor = j.value("contributor", "");
        if (j.contains("fields") && j["fields"].is_object())
            for (const auto& [key, value] : j["fields"].items())
                if (value.is_string()) d.fields[key] = value.get<std::string>();
        return d;
    } catch (const nlohmann::json::exception&) {
        return std::nullopt;
    }
}

std::optional<PinDraft> PinDraftStore::load() {
    const std::optional<std::string> text = project_.meta(kDraftKey);
    if (!text) return std::nullopt;
    return PinDraft::fromJson(*text);
}

void PinDraftStore::save(const PinDraft& draft) {
    // Written as it is typed, so without waiting for the disk: in WAL mode a commit with
    // synchronous=NORMAL survives a crash or kill -9 of the window (it is in the log, which the
    // operating system writes out), and only a power cut may take the last keystrokes of a draft.
    // Pins themselves stay FULL: the connection is set back before this returns, also on an error.
    Database& db = project_.db();
    db.exec("PRAGMA synchronous = NORMAL");
    try {
        project_.setMeta(kDraftKey, draft.toJson());
    } catch (...) {
        db.exec("PRAGMA synchronous = FULL");
        throw;
    }
    db.exec("PRAGMA synchronous = FULL");
}

void PinDraftStore::clear() {
    Statement st(project_.db(), "DELETE FROM project_meta WHERE key = ?");
    st.bind(1, std::string(kDraftKey)).run();
}

}  // namespace samenkaart
