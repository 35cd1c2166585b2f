#include "gui/window/panels/tool_bar.hpp"

#include <imgui.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "gui/window/panels/touch_widgets.hpp"
#include "gui/window/theme_imgui.hpp"

namespace samenkaart::gui {

ToolBar::Action ToolBar::draw(const PanelContext& ctx, bool canUndo, bool canRedo, float& height) {
    const float s = ctx.uiScale;
    const ImGuiIO& io = ImGui::GetIO();
    Action action = Action::None;
    if (!io.WantTextInput && io.KeyCtrl) {
        // The backend reports keys by GLFW key code, which for letters is the upper-case ASCII code.
        if (ImGui::IsKeyPressed('Z') && !io.KeyShift && canUndo) action = Action::Undo;
        if ((ImGui::IsKeyPressed('Y') || (ImGui::IsKeyPressed('Z') && io.KeyShift)) && canRedo) action = Action::Redo;
    }
    ImGui::SetNextWindowPos(ImVec2(16 * s, 12 * s), ImGuiCond_Always);
    beginPanel("##tool_bar", PanelFocus::Keep);
    // The programme view changes nothing: its bar names the store, and keeps the counts and settings.
    const bool readOnly = ctx.project && ctx.project->readOnly();
    std::string session = ctx.tr("toolbar.no_session");
    if (readOnly)
        session = std::string(ctx.tr("toolbar.programme")) + ": " + ctx.project->programmeServer();
    else if (ctx.project && ctx.project->facts().currentSession)
        session = ctx.project->facts().currentSession->title;
    // The bar fits the window's width beside the north arrow: the session's title gives way (cut
    // with an ellipsis at a UTF-8 character boundary), never the buttons after it.
    const ImGuiStyle& style = ImGui::GetStyle();
    std::vector<const char*> others = {ctx.tr("toolbar.counts")};
    if (!readOnly) {
        others.push_back(ctx.tr("toolbar.undo"));
        others.push_back(ctx.tr("toolbar.redo"));
    }
    if (!ctx.kioskLocked) others.push_back(ctx.tr("toolbar.settings"));
    if (!readOnly) others.push_back(ctx.tr(ctx.kioskLocked ? "toolbar.unlock" : "toolbar.lock"));
    float taken = 2.0f * style.WindowPadding.x + 16.0f * s + 96.0f * s;  // left margin, north arrow
    for (const char* label : others)
        taken += ImGui::CalcTextSize(label).x + 2.0f * style.FramePadding.x + style.ItemSpacing.x;
    const float room =
        std::max(ImGui::CalcTextSize("Sessie...").x, io.DisplaySize.x - taken - 2.0f * style.FramePadding.x);
    session = cutToWidth(std::move(session), room);
    // Beside the last button when it fits left of the north arrow, else on a row of its own: every
    // button stays on the screen, whatever the language and the text size.
    const float rightEdge = io.DisplaySize.x - 96.0f * s - style.WindowPadding.x;
    auto nextTo = [&](const char* label) {
        const float width = ImGui::CalcTextSize(label).x + 2.0f * style.FramePadding.x;
        if (ImGui::GetItemRectMax().x + style.ItemSpacing.x + width <= rightEdge) ImGui::SameLine();
    };
    if (readOnly) {
        // A label the height of the buttons beside it, not a button: there is no session to choose.
        const ImVec2 size(ImGui::CalcTextSize(session.c_str()).x, kTouchTarget * s);
        const ImVec2 at = ImGui::GetCursorScreenPos();
        ImGui::Dummy(size);
        ImGui::GetWindowDrawList()->AddText(ImVec2(at.x, at.y + 0.5f * (size.y - ImGui::GetTextLineHeight())),
                                            ImGui::GetColorU32(ImGuiCol_Text), session.c_str());
        noteItem(ctx, "toolbar.programme");
    } else if (bigButton(ctx, session.c_str(), "toolbar.sessions")) {
        action = Action::Sessions;
    }
    nextTo(ctx.tr("toolbar.counts"));
    if (bigButton(ctx, ctx.tr("toolbar.counts"), "toolbar.counts")) action = Action::Counts;
    if (!readOnly) {
        nextTo(ctx.tr("toolbar.undo"));
        ImGui::BeginDisabled(!canUndo);
        if (bigButton(ctx, ctx.tr("toolbar.undo"), "toolbar.undo")) action = Action::Undo;
        ImGui::EndDisabled();
        nextTo(ctx.tr("toolbar.redo"));
        ImGui::BeginDisabled(!canRedo);
        if (bigButton(ctx, ctx.tr("toolbar.redo"), "toolbar.redo")) action = Action::Redo;
        ImGui::EndDisabled();
    }
    if (!ctx.kioskLocked) {
        nextTo(ctx.tr("toolbar.settings"));
        if (bigButton(ctx, ctx.tr("toolbar.settings"), "toolbar.settings")) action = Action::Settings;
    }
    if (!readOnly) {
        nextTo(ctx.tr(ctx.kioskLocked ? "toolbar.unlock" : "toolbar.lock"));
        if (bigButton(ctx, ctx.tr(ctx.kioskLocked ? "toolbar.unlock" : "toolbar.lock"), "toolbar.lock"))
            action = Action::Lock;
    }
    height = ImGui::GetWindowPos().y + ImGui::GetWindowHeight();
    ImGui::End();
    return action;
}

}  // namespace samenkaart::gui
