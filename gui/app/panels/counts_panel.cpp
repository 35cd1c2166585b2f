#include "gui/app/panels/counts_panel.hpp"

#include <imgui.h>

#include <algorithm>
#include <map>
#include <vector>

#include "gui/app/panels/touch_widgets.hpp"
#include "mapping/map_style.hpp"

namespace samenkaart::gui {

void CountsPanel::draw(const PanelContext& ctx) {
    if (!open_ || !ctx.snapshot || !ctx.project) return;
    const ImGuiIO& io = ImGui::GetIO();
    const float s = ctx.uiScale;
    const auto& pins = ctx.project->pinSnapshot().pins;
    const auto& where = ctx.project->pinBoundary();
    const auto& categories = ctx.snapshot->categories;

    // Rows: buurten with pins, most pins first; per row a count per category.
    std::map<int, std::vector<int>> rows;
    for (size_t i = 0; i < pins.size() && i < where.size(); ++i) {
        auto& row = rows[where[i]];
        row.resize(categories.size() + 1, 0);
        for (size_t c = 0; c < categories.size(); ++c)
            if (categories[c].code == pins[i].category) ++row[c];
        ++row.back();
    }
    std::vector<std::pair<int, std::vector<int>>> sorted(rows.begin(), rows.end());
    std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.second.back() > b.second.back(); });

    const float nameWidth = 220 * s;
    const float cell = 48 * s;
    const float width = nameWidth + cell * static_cast<float>(categories.size() + 1) + 40 * s;
    ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x - 110 * s, 16 * s), ImGuiCond_Always, ImVec2(1, 0));
    ImGui::SetNextWindowSizeConstraints(ImVec2(width, 0), ImVec2(width, io.DisplaySize.y * 0.75f));
    ImGui::SetNextWindowBgAlpha(0.96f);
    ImGui::Begin("##counts_panel", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoMove |
                     ImGuiWindowFlags_NoSavedSettings);
    heading(ctx.tr("counts.title"));
    // Header: a coloured dot per category, then the total.
    const float x0 = ImGui::GetCursorPosX();
    ImGui::TextDisabled("%s", ctx.tr("counts.buurt"));
    for (size_t c = 0; c < categories.size(); ++c) {
        ImGui::SameLine(x0 + nameWidth + cell * static_cast<float>(c));
        const mapping::Rgba col = mapping::parseHexColour(categories[c].colour);
        const ImVec2 at = ImGui::GetCursorScreenPos();
        const float r = ImGui::GetFontSize() * 0.4f;
        ImGui::GetWindowDrawList()->AddCircleFilled(ImVec2(at.x + r, at.y + ImGui::GetFontSize() * 0.5f), r,
                                                    IM_COL32(col.r, col.g, col.b, 255), 16);
        ImGui::Dummy(ImVec2(2 * r, ImGui::GetFontSize()));
    }
    ImGui::SameLine(x0 + nameWidth + cell * static_cast<float>(categories.size()));
    ImGui::TextDisabled("%s", ctx.tr("card.total"));
    if (sorted.empty()) ImGui::TextUnformatted(ctx.tr("card.no_pins"));
    for (const auto& [boundary, counts] : sorted) {
        const std::string name = boundary >= 0 ? ctx.snapshot->boundaries[static_cast<size_t>(boundary)].name
                                               : std::string(ctx.tr("counts.outside"));
        ImGui::PushID(boundary);
        const ImVec2 rowStart = ImGui::GetCursorPos();
        // The whole row is the target: a finger-high selectable under the numbers.
        if (ImGui::Selectable("##row", false, 0, ImVec2(0, kTouchTarget * s)) && boundary >= 0) {
            ctx.map.showBbox(ctx.snapshot->boundaries[static_cast<size_t>(boundary)].bounds);
            ctx.map.setHighlight(static_cast<size_t>(boundary));
        }
        noteItem(ctx, "counts.row." + name);
        const float textY = rowStart.y + (kTouchTarget * s - ImGui::GetFontSize()) * 0.5f;
        ImGui::SetCursorPos(ImVec2(rowStart.x, textY));
        ImGui::TextUnformatted(name.c_str());
        for (size_t c = 0; c <= categories.size(); ++c) {
            ImGui::SameLine(x0 + nameWidth + cell * static_cast<float>(c));
            ImGui::Text("%d", counts[c]);
        }
        ImGui::SetCursorPos(ImVec2(rowStart.x, rowStart.y + kTouchTarget * s + ImGui::GetStyle().ItemSpacing.y));
        ImGui::PopID();
    }
    if (bigButton(ctx, ctx.tr("card.close"), "counts.close", -1)) open_ = false;
    ImGui::End();
}

}  // namespace samenkaart::gui
