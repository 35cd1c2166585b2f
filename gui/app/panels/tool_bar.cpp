#include "gui/app/panels/tool_bar.hpp"

#include <imgui.h>

#include "engine/error.hpp"
#include "gui/app/panels/touch_widgets.hpp"

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
    ImGui::SetNextWindowBgAlpha(0.92f);
    ImGui::Begin("##tool_bar", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoMove |
                     ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing);
    std::string session = ctx.tr("toolbar.no_session");
    if (ctx.project && ctx.project->currentSession()) {
        try {
            if (auto found = ctx.project->sessions().find(*ctx.project->currentSession())) session = found->title;
        } catch (const Error&) {
        }
    }
    if (session.size() > 40) session = session.substr(0, 37) + "...";
    if (bigButton(ctx, session.c_str(), "toolbar.sessions")) action = Action::Sessions;
    ImGui::SameLine();
    if (bigButton(ctx, ctx.tr("toolbar.counts"), "toolbar.counts")) action = Action::Counts;
    ImGui::SameLine();
    ImGui::BeginDisabled(!canUndo);
    if (bigButton(ctx, ctx.tr("toolbar.undo"), "toolbar.undo")) action = Action::Undo;
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::BeginDisabled(!canRedo);
    if (bigButton(ctx, ctx.tr("toolbar.redo"), "toolbar.redo")) action = Action::Redo;
    ImGui::EndDisabled();
    if (!ctx.kioskLocked) {
        ImGui::SameLine();
        if (bigButton(ctx, ctx.tr("toolbar.settings"), "toolbar.settings")) action = Action::Settings;
    }
    ImGui::SameLine();
    if (bigButton(ctx, ctx.tr(ctx.kioskLocked ? "toolbar.unlock" : "toolbar.lock"), "toolbar.lock")) action = Action::Lock;
    height = ImGui::GetWindowPos().y + ImGui::GetWindowHeight();
    ImGui::End();
    return action;
}

}  // namespace samenkaart::gui
