#include "gui/app/panels/status_bar.hpp"

#include <imgui.h>

#include <filesystem>

namespace samenkaart::gui {

float StatusBar::draw(const PanelContext& ctx, bool& toggleLanguage) {
    const ImGuiIO& io = ImGui::GetIO();
    const float s = ctx.uiScale;
    ImGui::SetNextWindowPos(ImVec2(0, io.DisplaySize.y), ImGuiCond_Always, ImVec2(0, 1));
    ImGui::SetNextWindowSize(ImVec2(io.DisplaySize.x, 0));
    ImGui::SetNextWindowBgAlpha(0.92f);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(12 * s, 6 * s));
    ImGui::Begin("##status", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoMove |
                     ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing);
    if (ctx.project) {
        ImGui::TextUnformatted(std::filesystem::path(ctx.project->path()).filename().c_str());
        ImGui::SameLine(0, 24 * s);
        if (ctx.snapshot) {
            ImGui::Text("%zu %s", ctx.snapshot->boundaries.size(), ctx.tr("status.boundaries"));
            ImGui::SameLine(0, 24 * s);
            ImGui::Text("%zu %s", ctx.project->pinSnapshot().pins.size(), ctx.tr("status.pins"));
            ImGui::SameLine(0, 24 * s);
        } else {
            ImGui::TextUnformatted(ctx.tr("map.loading"));
            ImGui::SameLine(0, 24 * s);
        }
        ImGui::TextDisabled("%s: %s", ctx.tr("status.crs"), ctx.project->project().mapCrs().name.c_str());
        ImGui::SameLine(0, 24 * s);
        ImGui::TextColored(ImVec4(0.12f, 0.5f, 0.25f, 1.0f), "%s", ctx.tr("status.saved"));
    }
    const char* language = ctx.tr("menu.language");
    const float buttonWidth = ImGui::CalcTextSize(language).x + 32 * s;
    ImGui::SameLine(io.DisplaySize.x - buttonWidth - 12 * s);
    if (ImGui::Button(language, ImVec2(buttonWidth, 0))) toggleLanguage = true;
    const float height = ImGui::GetWindowHeight();
    ImGui::End();
    ImGui::PopStyleVar();
    return height;
}

}  // namespace samenkaart::gui
