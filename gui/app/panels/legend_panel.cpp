#include "gui/app/panels/legend_panel.hpp"

#include <imgui.h>

#include <map>

#include "mapping/map_style.hpp"

namespace samenkaart::gui {

float LegendPanel::draw(const PanelContext& ctx, float bottomInset) {
    if (!ctx.snapshot || !ctx.project) return 0.0f;
    const ImGuiIO& io = ImGui::GetIO();
    const float s = ctx.uiScale;
    std::map<std::string, int> counts;
    for (const Pin& p : ctx.project->pinSnapshot().pins) ++counts[p.category];

    ImGui::SetNextWindowPos(ImVec2(16 * s, io.DisplaySize.y - bottomInset - 90 * s), ImGuiCond_Always, ImVec2(0, 1));
    ImGui::SetNextWindowBgAlpha(0.9f);
    ImGui::Begin("##legend", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoMove |
                     ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing);
    // The header is the collapse toggle: a big target, no tiny arrow.
    if (ImGui::Selectable(ctx.tr("legend.title"), false, 0, ImVec2(0, 0))) open_ = !open_;
    if (open_) {
        const bool dutch = ctx.tr.language() == Language::Dutch;
        for (const Category& c : ctx.snapshot->categories) {
            const mapping::Rgba col = mapping::parseHexColour(c.colour);
            const ImVec2 at = ImGui::GetCursorScreenPos();
            const float h = ImGui::GetTextLineHeight();
            ImGui::GetWindowDrawList()->AddCircleFilled(ImVec2(at.x + h * 0.5f, at.y + h * 0.5f), h * 0.42f,
                                                        IM_COL32(col.r, col.g, col.b, 255), 24);
            ImGui::GetWindowDrawList()->AddCircle(ImVec2(at.x + h * 0.5f, at.y + h * 0.5f), h * 0.42f,
                                                  IM_COL32(255, 255, 255, 255), 24, 2.0f * s);
            ImGui::Dummy(ImVec2(h, h));
            ImGui::SameLine();
            ImGui::Text("%s", dutch ? c.labelNl.c_str() : c.labelEn.c_str());
            ImGui::SameLine(0, 16 * s);
            ImGui::TextDisabled("%d", counts[c.code]);
        }
    }
    const float height = ImGui::GetWindowHeight();
    ImGui::End();
    return height;
}

}  // namespace samenkaart::gui
