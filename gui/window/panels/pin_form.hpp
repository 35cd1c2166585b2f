// The pin form: category chips, title (required), description, contributor alias and the
// category's own fields. Save commits through PinStore before the form says "saved"; when the
// commit fails (read-only, locked, disk full) the message shows and everything typed stays.
// What is typed is kept as a draft in the project (engine/pin_draft.hpp) as it changes, so a crash,
// kill -9 or a closed window loses nothing: restoreDraft() puts it back at the next start. Saving or
// cancelling the form removes the draft.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "engine/pin_draft.hpp"
#include "gui/window/logic/pin_workflow.hpp"
#include "gui/window/panels/panel_context.hpp"
#include "gui/window/panels/touch_widgets.hpp"

namespace samenkaart::gui {

class PinForm {
public:
    enum class Result { None, Saved, Cancelled };

    void openNew(Point world, const std::string& category, int64_t sessionId);
    void openEdit(const Pin& pin);
    // Reopens the form a draft was typed in (for an edit, `editing` is its pin as stored now).
    void restoreDraft(const PinDraft& draft, const Pin* editing);
    bool isOpen() const { return open_; }
    bool isNew() const { return !editingId_.has_value(); }
    // Its last save failed (a full disk, a read-only file, a lock): what was typed waits for Retry.
    bool saveFailed() const { return open_ && !error_.empty(); }
    const std::string& category() const { return category_; }
    std::optional<Point> position() const { return open_ && isNew() ? std::optional(position_) : std::nullopt; }
    // Where the pin the form is about lies (new or edited) while the form is open.
    std::optional<Point> place() const { return open_ ? std::optional(position_) : std::nullopt; }

    // Draws the form (above the keyboard, whose height is `bottomInset`). On Saved, `savedId` is
    // the pin's id and `savedTitle` its title.
    Result draw(const PanelContext& ctx, float bottomInset, std::string& savedId, std::string& savedTitle);

private:
    bool save(const PanelContext& ctx, std::string& savedId);
    void close(const PanelContext& ctx);
    PinDraft draft() const;
    // Writes the draft when it differs from what was last written (typing, not every frame).
    void keepDraft(const PanelContext& ctx);

    bool open_ = false;
    bool focusTitle_ = false;
    std::optional<std::string> editingId_;
    int64_t sessionId_ = 0;
    Point position_;
    std::string category_;
    std::string title_;
    std::string description_;
    std::string contributor_;
    std::map<std::string, std::string> fields_;
    ScrollBody fieldsBody_;  // the fields scroll; heading and Save/Cancel stay in view
    std::string error_;      // why the last save failed, in the user's language, plus the detail
    std::string errorKind_;  // its cause: writeFailureName()
    bool showTitleHint_ = false;
    PinDraft written_;  // the draft as last written (or as the form opened: nothing typed yet)
};

}  // namespace samenkaart::gui
