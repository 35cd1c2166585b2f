#include "gui/window/panels/counts_panel.hpp"

#include <imgui.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "gui/window/panels/category_palette.hpp"
#include "gui/window/panels/status_bar.hpp"
#include "gui/window/panels/touch_widgets.hpp"
#include "gui/window/theme_imgui.hpp"

namespace samenkaart::gui {

std::vector<std::pair<int, std::vector<int>>> CountsPanel::countRows(const PanelContext& ctx,
                                                                     const mapping::PinSnapshot& pins) {
    const auto& where = pins.boundaryOf;
    const auto& categories = ctx.snapshot->categories;
    // Rows: every buurt, those without pins too (a 0 is news as well), most pins first, then by name;
    // pins outside every buurt last, when there are any. Per row a count per category and the total.
    const size_t columns = categories.size() + 1;
    std::vector<size_t> columnOf(pins.categoryCodes.size() + 1, categories.size());  // past the last: none
    for (size_t c = 0; c < categories.size(); ++c)
        if (const std::optional<size_t> k = pins.categoryIndex(categories[c].code)) columnOf[*k] = c;
    std::map<int, std::vector<int>> rows;
    for (size_t b = 0; b < ctx.snapshot->boundaries.size(); ++b) rows[static_cast<int>(b)].assign(columns, 0);
    for (size_t i = 0; i < pins.pins.size() && i < where.size(); ++i) {
        auto& row = rows[where[i]];
        row.resize(columns, 0);
        const size_t column = i < pins.categoryOf.size()
                                  ? columnOf[std::min<size_t>(pins.categoryOf[i], columnOf.size() - 1)]
                                  : categories.size();
        if (column < categories.size()) ++row[column];
        ++row.back();
    }
    auto nameOf = [&](int boundary) {
        return boundary >= 0 ? ctx.snapshot->boundaries[static_cast<size_t>(boundary)].name : std::string();
    };
    std::vector<std::pair<int, std::vector<int>>> sorted(rows.begin(), rows.end());
    std::stable_sort(sorted.begin(), sorted.end(), [&](const auto& a, const auto& b) {
        if ((a.first < 0) != (b.first < 0)) return b.first < 0;
        if (a.second.back() != b.second.back()) return a.second.back() > b.second.back();
        return nameOf(a.first) < nameOf(b.first);
    });
    return sorted;
}

void CountsPanel::draw(const PanelContext& ctx, float topInset, float bottomInset) {
    if (!open_ || !ctx.snapshot || !ctx.project) return;
    const ImGuiIO& io = ImGui::GetIO();
    const float s = ctx.uiScale;
    const auto& categories = ctx.snapshot->categories;
    const size_t columns = categories.size() + 1;
    auto nameOf = [&](int boundary) {
        return boundary >= 0 ? ctx.snapshot->boundaries[static_cast<size_t>(boundary)].name
                             : std::string(ctx.tr("counts.outside"));
    };
    const mapping::PinSnapshot& pins = ctx.project->pinSnapshot();
    if (rowsOf_ != Counted{pins.revision, ctx.snapshot, columns}) {
        rowsOf_ = {pins.revision, ctx.snapshot, columns};
        rows_ = countRows(ctx, pins);
    }
    const auto& sorted = rows_;

    const float nameWidth = 200 * s;
    const float cell = 56 * s;
    const float width = nameWidth + cell * static_cast<float>(columns) + 40 * s;
    // Below the tool bar (at 1366 x 768 it reached under the bar's right end) and above the status bar.
    ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x - 110 * s, topInset + 12 * s), ImGuiCond_Always, ImVec2(1, 0));
    ImGui::SetNextWindowSizeConstraints(ImVec2(width, 0),
                                        ImVec2(width, io.DisplaySize.y - topInset - bottomInset - 24 * s));
    beginPanel("##counts_panel");
    heading(ctx.tr("counts.title"));
    // Which pins these are: those the map shows, of this session only or of every session.
    const bool onlyThisSession = !ctx.project->showOtherSessions() && ctx.project->currentSession();
    ImGui::TextDisabled("%s", ctx.tr(onlyThisSession ? "counts.scope_session" : "counts.scope_all"));
    noteItem(ctx, onlyThisSession ? "counts.scope_session" : "counts.scope_all");
    if (ctx.project->filtering() && !onlyThisSession) {  // the counts are the map's: filtered as it is
        ImGui::TextColored(imColour(theme::kWarning), "%s: %s", ctx.tr("filter.on"), filteredPinCount(ctx).c_str());
        noteItem(ctx, "counts.filter");
    }
    // Header: each category by its symbol, as on its pins and in the palette (the map's legend, with
    // the names); names would not fit above narrow columns at a size residents can read.
    const float x0 = ImGui::GetCursorPosX();
    const float r = ImGui::GetFontSize() * 0.7f;
    ImGui::TextDisabled("%s", ctx.tr("counts.buurt"));
    for (size_t c = 0; c < categories.size(); ++c) {
        ImGui::SameLine(x0 + nameWidth + cell * static_cast<float>(c));
        const ImVec2 at = ImGui::GetCursorScreenPos();
        drawCategoryIcon(categories[c].icon, at.x + r, at.y + ImGui::GetFontSize() * 0.5f, r, categories[c].colour);
        ImGui::Dummy(ImVec2(2 * r, ImGui::GetFontSize()));
        noteItem(ctx, "counts.column." + categories[c].code);
    }
    ImGui::SameLine(x0 + nameWidth + cell * static_cast<float>(categories.size()));
    ImGui::TextDisabled("%s", ctx.tr("card.total"));
    ImGui::Spacing();
    beginScrollBody(body_, "##counts_rows", io.DisplaySize.y - bottomInset - 12 * s);
    const float rowsX0 = ImGui::GetCursorPosX();  // the child's own coordinates: the same screen columns
    for (const auto& [boundary, counts] : sorted) {
        const std::string name = nameOf(boundary);
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
        for (size_t c = 0; c < columns; ++c) {
            ImGui::SameLine(rowsX0 + nameWidth + cell * static_cast<float>(c));
            ImGui::TextUnformatted(ctx.tr.formatNumber(counts[c], 0).c_str());
            if (c + 1 == columns) noteItem(ctx, "counts.total." + name + "=" + std::to_string(counts[c]));
        }
        ImGui::SetCursorPos(ImVec2(rowStart.x, rowStart.y + kTouchTarget * s + ImGui::GetStyle().ItemSpacing.y));
        ImGui::PopID();
    }
    endScrollBody(body_);
    if (bigButton(ctx, ctx.tr("card.close"), "counts.close", -1)) open_ = false;
    endFooter(body_);
    ImGui::End();
}

}  // namespace samenkaart::gui
