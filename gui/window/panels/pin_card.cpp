#include "gui/window/panels/pin_card.hpp"

#include <imgui.h>

#include "engine/error.hpp"
#include "gui/window/logic/write_failure.hpp"
#include "gui/window/panels/category_palette.hpp"
#include "gui/window/panels/touch_widgets.hpp"
#include "gui/window/theme_imgui.hpp"
#include "mapping/map_style.hpp"

namespace samenkaart::gui {

void PinCard::read(ProjectState& project) {
    readAt_ = project.generation();
    pin_.reset();
    try {
        pin_ = project.pins().find(*pinId_);
        session_.clear();
        if (pin_ && project.readOnly())
            if (const std::optional<Session> s = project.sessions().find(pin_->sessionId)) session_ = s->title;
    } catch (const Error& e) {
        project.noteReadFailure(e);  // the card closes; the status bar says why
    }
}

PinCard::Action PinCard::draw(const PanelContext& ctx, const std::function<bool(const Pin&)>& mayChange) {
    if (!pinId_ || !ctx.snapshot || !ctx.project) return Action::None;
    if (!pin_ || !pin_->isLive()) {
        close();
        return Action::Closed;
    }
    const Pin& p = *pin_;  // close() at the end, after the last use, resets pin_
    const ImGuiIO& io = ImGui::GetIO();
    const float s = ctx.uiScale;
    const float width = std::min(400.0f * s, io.DisplaySize.x * 0.4f);
    const float inner = width - 2 * ImGui::GetStyle().WindowPadding.x;
    ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x - 110 * s, 16 * s), ImGuiCond_Always, ImVec2(1, 0));
    ImGui::SetNextWindowSizeConstraints(ImVec2(width, 0), ImVec2(width, io.DisplaySize.y * 0.8f));
    beginPanel("##pin_card");
    Action action = Action::None;
    const Category* category = nullptr;
    for (const Category& c : ctx.snapshot->categories)
        if (c.code == p.category) category = &c;
    if (category) {
        const float r = ImGui::GetFontSize() * 0.6f;
        const ImVec2 at = ImGui::GetCursorScreenPos();
        drawCategoryIcon(category->icon, at.x + r, at.y + r, r, category->colour);
        ImGui::Dummy(ImVec2(2 * r, 2 * r));
        ImGui::SameLine();
        ImGui::TextColored(categoryInk(category->colour), "%s", categoryLabel(ctx, *category).c_str());
    }
    heading(p.title.c_str());
    ImGui::Separator();
    if (!p.description.empty()) wrappedText(p.description.c_str(), inner);
    if (category && category->fields.is_array()) {
        const bool dutch = ctx.tr.language() == Language::Dutch;
        for (const auto& f : category->fields) {
            const std::string key = f.value("key", "");
            if (!p.attributes.contains(key) || !p.attributes[key].is_string()) continue;
            ImGui::TextDisabled("%s", f.value(dutch ? "label_nl" : "label_en", key).c_str());
            wrappedText(p.attributes[key].get<std::string>().c_str(), inner);
        }
    }
    if (p.contributor) ImGui::TextDisabled("%s: %s", ctx.tr("card.contributor"), p.contributor->c_str());
    ImGui::TextDisabled("%s", ctx.tr.formatDateTime(p.createdAt).c_str());
    ImGui::Spacing();

    const float third = (inner - 2 * ImGui::GetStyle().ItemSpacing.x) / 3.0f;
    // Residents (kiosk mode) edit, move and delete only the pins placed since the lock; for the
    // others the buttons look disabled from the start (not enabled until tapped), and the card says why.
    const bool mayChangeThis = mayChange(p);
    if (!mayChangeThis) confirmDelete_ = false;
    if (ctx.project->readOnly()) {
        // The programme view: where the pin comes from instead of buttons that would change it.
        ImGui::TextDisabled("%s", session_.c_str());
    } else if (!confirmDelete_) {
        ImGui::BeginDisabled(!mayChangeThis);
        if (bigButton(ctx, ctx.tr("card.edit"), "card.edit", third)) action = Action::Edit;
        ImGui::SameLine();
        if (bigButton(ctx, ctx.tr("card.move"), "card.move", third)) action = Action::Move;
        ImGui::SameLine();
        if (bigButton(ctx, ctx.tr("card.delete"), "card.delete", third)) confirmDelete_ = true;
        ImGui::EndDisabled();
        if (!mayChangeThis) {
            ImGui::PushStyleColor(ImGuiCol_Text, imColour(theme::kTextMuted));
            wrappedText(ctx.tr("kiosk.no_change"), inner);
            ImGui::PopStyleColor();
            noteItem(ctx, "card.locked");
        }
    } else {
        wrappedText(ctx.tr("card.delete_confirm"), inner);
        const float half = (inner - ImGui::GetStyle().ItemSpacing.x) * 0.5f;
        ImGui::PushStyleColor(ImGuiCol_Button, imColour(theme::kErrorFill));
        ImGui::PushStyleColor(ImGuiCol_ButtonActive, imColour(theme::kErrorFill));
        ImGui::PushStyleColor(ImGuiCol_ButtonHovered, imColour(theme::kErrorFill));
        ImGui::PushStyleColor(ImGuiCol_Text, imColour(theme::kOnStrong));
        const bool yes = bigButton(ctx, ctx.tr("card.delete_yes"), "card.delete_yes", half);
        ImGui::PopStyleColor(4);
        ImGui::SameLine();
        if (bigButton(ctx, ctx.tr("card.delete_no"), "card.delete_no", half)) confirmDelete_ = false;
        if (yes) {
            try {
                ctx.project->pins().remove(p.id);
                action = Action::Deleted;
            } catch (const Error& e) {
                message_ = writeFailureMessage(ctx.tr, ctx.project->path(), e, false);
                failure_ = writeFailureName(classifyWriteFailure(e));
            }
            confirmDelete_ = false;
        }
    }
    if (!message_.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, imColour(theme::kError));
        wrappedText(message_.c_str(), inner);
        noteItem(ctx, "card.message");
        if (!failure_.empty()) noteItem(ctx, "card.message." + failure_);  // which cause, for scripted tests
        ImGui::PopStyleColor();
    }
    if (bigButton(ctx, ctx.tr("card.close"), "card.close", -1)) action = Action::Closed;
    ImGui::End();
    if (action == Action::Closed || action == Action::Deleted) close();
    return action;
}

}  // namespace samenkaart::gui
