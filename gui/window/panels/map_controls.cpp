#include "gui/window/panels/map_controls.hpp"

#include <imgui.h>

#include <algorithm>

#include "gui/window/panels/layer_panel.hpp"
#include "gui/window/panels/touch_widgets.hpp"
#include "gui/window/theme_imgui.hpp"

namespace samenkaart::gui {

float MapControls::height(float uiScale) {
    const ImGuiStyle& style = ImGui::GetStyle();
    return 3 * kTouchTarget * uiScale + 2 * style.ItemSpacing.y + 2 * style.WindowPadding.y;
}

void MapControls::draw(const PanelContext& ctx, float bottomInset) {
    const ImGuiIO& io = ImGui::GetIO();
    const float size = kTouchTarget * ctx.uiScale;
    const float margin = MapControls::margin(ctx.uiScale);
    const float bottom = std::min(io.DisplaySize.y * 0.5f + height(ctx.uiScale) * 0.5f,
                                  LayerPanel::closedTop(ctx, bottomInset) - margin);
    ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x - margin, bottom), ImGuiCond_Always, ImVec2(1.0f, 1.0f));
    beginPanel("##map_controls", PanelFocus::Keep);
    const ImVec2 button(size, size);
    if (ImGui::Button("+##zoom_in", button)) ctx.map.zoomBy(2.0);
    noteItem(ctx, "map.zoom_in");
    if (ImGui::IsItemActive() || ImGui::IsItemHovered()) ImGui::SetTooltip("%s", ctx.tr("map.zoom_in"));
    if (ImGui::Button("\xE2\x88\x92##zoom_out", button)) ctx.map.zoomBy(0.5);
    noteItem(ctx, "map.zoom_out");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", ctx.tr("map.zoom_out"));
    // A house: "take me back to the whole neighbourhood".
    if (ImGui::Button("##whole", button)) ctx.map.showWhole();
    noteItem(ctx, "map.whole");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", ctx.tr("map.whole"));
    const ImVec2 min = ImGui::GetItemRectMin();
    const ImVec2 max = ImGui::GetItemRectMax();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImU32 ink = ImGui::GetColorU32(ImGuiCol_Text);
    const float w = max.x - min.x, h = max.y - min.y;
    const ImVec2 roofTop(min.x + w * 0.5f, min.y + h * 0.22f);
    draw->AddTriangleFilled(roofTop, ImVec2(min.x + w * 0.2f, min.y + h * 0.5f),
                            ImVec2(min.x + w * 0.8f, min.y + h * 0.5f), ink);
    draw->AddRectFilled(ImVec2(min.x + w * 0.3f, min.y + h * 0.5f), ImVec2(min.x + w * 0.7f, min.y + h * 0.78f), ink);
    ImGui::End();
}

}  // namespace samenkaart::gui
