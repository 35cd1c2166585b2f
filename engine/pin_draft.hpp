// A pin form's text while it is typed (a new pin's or an edit's), kept in the project file so that a
// crash, a kill or a closed window loses nothing: the next start puts it back into the form. One
// draft per project (one form is open at a time), as one `project_meta` row (`pin_draft`, JSON):
// no schema change, and an older Samenkaart simply ignores the row.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "engine/geometry.hpp"
#include "engine/project.hpp"

namespace samenkaart {

struct PinDraft {
    std::optional<std::string> pinId;  // the pin being edited; none for a new pin
    int64_t sessionId = 0;
    Point position;  // a new pin's place (an edit keeps the pin's own)
    std::string category;
    std::string title;
    std::string description;
    std::string contributor;
    std::map<std::string, std::string> fields;  // the category's extra fields

    friend bool operator==(const PinDraft&, const PinDraft&) = default;
    std::string toJson() const;
    // None for text that is not a draft (damaged, or written by a newer version with other keys).
    static std::optional<PinDraft> fromJson(const std::string& text);
};

class PinDraftStore {
public:
    explicit PinDraftStore(Project& project) : project_(project) {}
    std::optional<PinDraft> load();
    // One small transaction that does not wait for the disk to flush (a crash or kill -9 keeps it; a
    // power cut may lose the last of it); the caller writes only when the text changed.
    void save(const PinDraft& draft);
    // The form was saved or cancelled: nothing is left to bring back.
    void clear();

private:
    Project& project_;
};

}  // namespace samenkaart
