#include "gui/window/panels/info_card.hpp"

#include <imgui.h>

#include <algorithm>

#include "gui/window/logic/field_label.hpp"
#include "gui/window/panels/touch_widgets.hpp"
#include "gui/window/theme_imgui.hpp"
#include "mapping/map_style.hpp"

namespace samenkaart::gui {

bool InfoCard::draw(const PanelContext& ctx) {
    if (!ctx.snapshot || !ctx.project || (!boundary_ && !pin_)) return true;
    const ImGuiIO& io = ImGui::GetIO();
    const float s = ctx.uiScale;
    const float width = std::min(380.0f * s, io.DisplaySize.x * 0.32f);
    ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x - 110 * s, 16 * s), ImGuiCond_Always, ImVec2(1, 0));
    ImGui::SetNextWindowSizeConstraints(ImVec2(width, 0), ImVec2(width, io.DisplaySize.y * 0.7f));
    bool keep = true;
    beginPanel("##info_card");
    if (boundary_ && *boundary_ < ctx.snapshot->boundaries.size()) drawBoundary(ctx, *boundary_);
    if (pin_ && *pin_ < ctx.project->pinSnapshot().pins.size()) drawPin(ctx, *pin_);
    ImGui::Spacing();
    const bool closed = ImGui::Button(ctx.tr("card.close"), ImVec2(-1, kTouchTarget * s));
    noteItem(ctx, "info.close");
    if (closed) {
        close();
        keep = false;
    }
    ImGui::End();
    return keep;
}

void InfoCard::drawBoundary(const PanelContext& ctx, size_t index) {
    const Boundary& b = ctx.snapshot->boundaries[index];
    if (ImFont* bold = ImGui::GetIO().Fonts->Fonts.Size > 1 ? ImGui::GetIO().Fonts->Fonts[1] : nullptr)
        ImGui::PushFont(bold);
    ImGui::TextWrapped("%s", b.name.c_str());
    if (ImGui::GetIO().Fonts->Fonts.Size > 1) ImGui::PopFont();
    ImGui::Separator();

    const mapping::PinSnapshot& pins = ctx.project->pinSnapshot();
    if (!counted_ || counted_->pins != pins.revision || counted_->boundary != index) {
        counted_ = BuurtCounts{pins.revision, index, std::vector<size_t>(pins.pinsPerCategory.size(), 0), 0};
        const auto& where = pins.boundaryOf;
        for (size_t i = 0; i < where.size() && i < pins.categoryOf.size(); ++i)
            if (where[i] == static_cast<int32_t>(index)) {
                ++counted_->perCategory[std::min<size_t>(pins.categoryOf[i], counted_->perCategory.size() - 1)];
                ++counted_->total;
            }
    }
    auto countOf = [&](const std::string& code) -> size_t {
        const std::optional<size_t> k = pins.categoryIndex(code);
        return k && *k < counted_->perCategory.size() ? counted_->perCategory[*k] : 0;
    };
    const auto total = static_cast<double>(counted_->total);
    ImGui::TextDisabled("%s", ctx.tr("card.pins_here"));
    if (total == 0) ImGui::Text("%s", ctx.tr("card.no_pins"));
    const bool dutch = ctx.tr.language() == Language::Dutch;
    for (const Category& c : ctx.snapshot->categories) {
        const size_t count = countOf(c.code);
        if (count == 0) continue;
        ImGui::TextColored(categoryInk(c.colour), "%s", dutch ? c.labelNl.c_str() : c.labelEn.c_str());
        ImGui::SameLine(200 * ctx.uiScale);
        ImGui::TextUnformatted(ctx.tr.formatNumber(static_cast<double>(count), 0).c_str());
    }
    if (total > 0) {
        ImGui::Text("%s", ctx.tr("card.total"));
        ImGui::SameLine(200 * ctx.uiScale);
        ImGui::TextUnformatted(ctx.tr.formatNumber(total, 0).c_str());
    }
    // Its true area (mapping/pin_choropleth.hpp), and the value the buurt has in the choropleth.
    const auto& areas = ctx.snapshot->boundaryAreaKm2;
    if (index < areas.size() && areas[index] > 0.0) {
        ImGui::Text("%s", ctx.tr("card.area"));
        ImGui::SameLine(200 * ctx.uiScale);
        const std::string area =
            fillIn(ctx.tr("card.area_km2"), ctx.tr.formatNumber(areas[index], areas[index] < 10.0 ? 2 : 1));
        ImGui::TextUnformatted(area.c_str());
        noteItem(ctx, "info.area");
        if (total > 0) {
            ImGui::Text("%s", ctx.tr("card.per_km2"));
            ImGui::SameLine(200 * ctx.uiScale);
            ImGui::TextUnformatted(ctx.tr.formatNumber(total / areas[index], 1).c_str());
        }
    }
    if (!b.attributes.empty()) {
        ImGui::Spacing();
        ImGui::TextDisabled("%s", ctx.tr("card.attributes"));
        // Readable labels, not the source file's field names; the name is the card's heading already.
        for (const auto& [key, value] : b.attributes) {
            if (value == b.name) continue;
            const std::string label = fieldLabel(ctx.tr, key);
            ImGui::TextUnformatted(label.c_str());
            noteItem(ctx, "info.label." + label);  // what the card calls the field, for scripted tests
            ImGui::SameLine(200 * ctx.uiScale);
            ImGui::TextWrapped("%s", fieldValue(ctx.tr, value).c_str());
        }
    }
}

void InfoCard::drawPin(const PanelContext& ctx, size_t index) {
    const mapping::PinSnapshot& pins = ctx.project->pinSnapshot();
    if (!shown_ || shown_->pins != pins.revision || shown_->index != index)
        shown_ = ShownPin{pins.revision, index, ctx.project->readPin(pins.pins.id(index))};
    if (!shown_->pin) {
        ImGui::TextWrapped("%s", ctx.tr("card.unreadable"));
        return;
    }
    const Pin& p = *shown_->pin;
    const bool dutch = ctx.tr.language() == Language::Dutch;
    for (const Category& c : ctx.snapshot->categories)
        if (c.code == p.category) {
            ImGui::TextColored(categoryInk(c.colour), "%s", dutch ? c.labelNl.c_str() : c.labelEn.c_str());
        }
    ImGui::TextWrapped("%s", p.title.c_str());
    ImGui::Separator();
    if (!p.description.empty()) ImGui::TextWrapped("%s", p.description.c_str());
    if (p.contributor) ImGui::TextDisabled("%s", p.contributor->c_str());
    ImGui::TextDisabled("%s", ctx.tr.formatDateTime(p.createdAt).c_str());
}

}  // namespace samenkaart::gui
