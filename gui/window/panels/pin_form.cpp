#include "gui/window/panels/pin_form.hpp"

#include <imgui.h>

#include <algorithm>

#include "engine/error.hpp"
#include "engine/text_encoding.hpp"
#include "gui/window/logic/write_failure.hpp"
#include "gui/window/panels/category_palette.hpp"
#include "gui/window/panels/on_screen_keyboard.hpp"
#include "gui/window/panels/touch_widgets.hpp"
#include "gui/window/theme_imgui.hpp"
#include "mapping/map_style.hpp"

namespace samenkaart::gui {

void PinForm::openNew(Point world, const std::string& category, int64_t sessionId) {
    *this = PinForm();
    open_ = true;
    // Without a category (a long press) the chips come first: the keyboard, which the title's focus
    // brings up, would cover them. Choosing one focuses the title.
    focusTitle_ = !category.empty();
    position_ = world;
    category_ = category;
    sessionId_ = sessionId;
    written_ = draft();
}

void PinForm::openEdit(const Pin& pin) {
    *this = PinForm();
    open_ = true;
    focusTitle_ = true;
    editingId_ = pin.id;
    sessionId_ = pin.sessionId;
    position_ = pin.position;
    category_ = pin.category;
    title_ = pin.title;
    description_ = pin.description;
    contributor_ = pin.contributor.value_or("");
    for (const auto& [key, value] : pin.attributes.items())
        if (value.is_string()) fields_[key] = value.get<std::string>();
    written_ = draft();
}

void PinForm::restoreDraft(const PinDraft& d, const Pin* editing) {
    if (editing)
        openEdit(*editing);
    else
        openNew(d.position, d.category, d.sessionId);
    category_ = d.category;
    title_ = d.title;
    description_ = d.description;
    contributor_ = d.contributor;
    fields_ = d.fields;
    written_ = draft();  // it is in the file already
}

PinDraft PinForm::draft() const {
    PinDraft d;
    d.pinId = editingId_;
    d.sessionId = sessionId_;
    d.position = position_;
    d.category = category_;
    d.title = title_;
    d.description = description_;
    d.contributor = contributor_;
    for (const auto& [key, value] : fields_)
        if (!value.empty()) d.fields[key] = value;  // a field drawn once but left empty is no change
    return d;
}

void PinForm::keepDraft(const PanelContext& ctx) {
    PinDraft now = draft();
    if (now == written_) return;
    try {
        PinDraftStore(ctx.project->project()).save(now);
    } catch (const Error&) {
        // A full, read-only or locked disk: the text stays in the form, and Save says why it cannot
        // be written. The next change tries the draft again.
    }
    written_ = std::move(now);
}

void PinForm::close(const PanelContext& ctx) {
    if (ctx.keyboard) ctx.keyboard->detach();
    open_ = false;
    // Saved or cancelled: nothing typed is waiting any more.
    try {
        PinDraftStore(ctx.project->project()).clear();
    } catch (const Error&) {
        // Left behind, the draft reopens the form at the next start: text shown twice, never lost.
    }
}

bool PinForm::save(const PanelContext& ctx, std::string& savedId) {
    if (trimmed(title_).empty() || category_.empty()) {
        showTitleHint_ = true;
        return false;
    }
    nlohmann::json attributes = nlohmann::json::object();
    for (const auto& [key, value] : fields_)
        if (!trimmed(value).empty()) attributes[key] = value;
    try {
        PinStore& store = ctx.project->pins();
        if (editingId_) {
            PinEdit e;
            e.category = category_;
            e.title = title_;
            e.description = description_;
            e.contributor = contributor_;  // empty clears the alias
            e.attributes = attributes;
            store.edit(*editingId_, e);
            savedId = *editingId_;
        } else {
            NewPin n;
            n.sessionId = sessionId_;
            n.category = category_;
            n.title = title_;
            n.description = description_;
            if (!trimmed(contributor_).empty()) n.contributor = contributor_;
            n.attributes = attributes;
            n.position = position_;
            savedId = store.add(n);
        }
    } catch (const Error& e) {
        error_ = writeFailureMessage(ctx.tr, ctx.project->path(), e, true);
        errorKind_ = writeFailureName(classifyWriteFailure(e));
        return false;
    }
    error_.clear();
    return true;
}

PinForm::Result PinForm::draw(const PanelContext& ctx, float bottomInset, std::string& savedId,
                              std::string& savedTitle) {
    if (!open_ || !ctx.snapshot || !ctx.project) return Result::None;
    const ImGuiIO& io = ImGui::GetIO();
    const float s = ctx.uiScale;
    const float width = std::min(620.0f * s, io.DisplaySize.x - 32 * s);
    // Close to the top and to the keyboard: at 1366 x 768 and UI scale 2 the title field must fit
    // between the form's buttons and the keyboard.
    const float top = 8 * s;
    const float maxHeight = std::max(160.0f * s, io.DisplaySize.y - bottomInset - top - 8 * s);
    beginTopWindow("##pin_form", width, top, maxHeight);
    noteWindow(ctx, "window.pin_form");
    Result result = Result::None;
    const float inner = width - 2 * ImGui::GetStyle().WindowPadding.x;

    heading(ctx.tr(editingId_ ? "form.edit_title" : "form.new_title"));
    // The saved state, always in view: not yet saved (beside the heading), or why saving failed.
    if (error_.empty()) ImGui::SameLine(0.0f, 24.0f * s);
    if (!error_.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, imColour(theme::kError));
        wrappedText(error_.c_str(), inner);
        noteItem(ctx, "form.error");
        noteItem(ctx, "form.error." + errorKind_);  // which cause, for scripted tests
        ImGui::PopStyleColor();
    } else {
        ImGui::TextColored(imColour(theme::kWarning), "%s", ctx.tr("form.unsaved"));
    }

    // Save / Cancel at the top: never hidden behind the on-screen keyboard.
    const float half = (inner - ImGui::GetStyle().ItemSpacing.x) * 0.5f;
    bool saveNow = bigButton(ctx, ctx.tr(error_.empty() ? "form.save" : "form.retry"), "form.save", half);
    ImGui::SameLine();
    bool cancelNow = bigButton(ctx, ctx.tr("form.cancel"), "form.cancel", half);
    ImGui::Separator();

    // Everything below the buttons scrolls on its own, so that the heading, the saved state and
    // Save/Cancel stay in view however little room the on-screen keyboard leaves (UI scale 2.0).
    beginScrollBody(fieldsBody_, "##form_fields", top + maxHeight);

    // The first thing to do comes first, at the top of the scrolling fields (so it is in view
    // without scrolling, even above the on-screen keyboard at UI scale 2.0): the title when the
    // category is known (armed from the palette), else the category (after a long press).
    const Category* chosen = nullptr;
    for (const Category& c : ctx.snapshot->categories)
        if (c.code == category_) chosen = &c;
    auto drawChips = [&] {
        // Category chips: every choice visible at once, each a finger-sized button.
        ImGui::TextUnformatted(ctx.tr("form.category"));
        if (category_.empty()) ImGui::TextColored(imColour(theme::kError), "%s", ctx.tr("form.choose_category"));
        ChipRow row(ctx, inner);
        for (const Category& c : ctx.snapshot->categories) {
            const Colour tint = colourFromHex(c.colour);
            if (row.chip(categoryLabel(ctx, c), "chip." + c.code, c.code == category_, &tint)) {
                category_ = c.code;
                focusTitle_ = true;  // the next thing to do is the title
            }
        }
    };
    auto drawTitle = [&] {
        const bool focus = std::exchange(focusTitle_, false);
        std::string titleLabel = std::string(ctx.tr("form.title")) + " *";
        if (textField(ctx, titleLabel.c_str(), "form.title", title_, false, focus)) saveNow = true;
        if (showTitleHint_ && trimmed(title_).empty())
            ImGui::TextColored(imColour(theme::kError), "%s", ctx.tr("form.title_required"));
    };
    if (category_.empty()) {
        drawChips();
        drawTitle();
    } else {
        drawTitle();
        drawChips();
    }
    textField(ctx, ctx.tr("form.description"), "form.description", description_, true);
    if (textField(ctx, ctx.tr("form.contributor"), "form.contributor", contributor_)) saveNow = true;
    if (chosen && chosen->fields.is_array()) {
        const bool dutch = ctx.tr.language() == Language::Dutch;
        for (const auto& f : chosen->fields) {
            if (!f.is_object() || !f.contains("key")) continue;
            const std::string key = f.value("key", "");
            const std::string label = f.value(dutch ? "label_nl" : "label_en", key);
            if (textField(ctx, label.c_str(), ("field." + key).c_str(), fields_[key])) saveNow = true;
        }
    }

    endScrollBody(fieldsBody_);
    endFooter(fieldsBody_);  // no footer: the buttons sit above the fields
    keepDraft(ctx);

    // Keys for the physical keyboard: Enter saves (from any one-line field), Escape cancels.
    if (ctx.keyboard && ctx.keyboard->takeEnter()) saveNow = true;
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false)) cancelNow = true;
    if (!io.WantTextInput && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false)) saveNow = true;

    if (cancelNow) {
        close(ctx);
        result = Result::Cancelled;
    } else if (saveNow && save(ctx, savedId)) {
        savedTitle = title_;
        close(ctx);
        result = Result::Saved;
    }
    ImGui::End();
    return result;
}

}  // namespace samenkaart::gui
