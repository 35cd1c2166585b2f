#include "gui/window/panels/category_palette.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "gui/window/panels/touch_widgets.hpp"
#include "gui/window/theme_imgui.hpp"
#include "mapping/map_style.hpp"

namespace samenkaart::gui {

const std::string& categoryLabel(const PanelContext& ctx, const Category& c) {
    return ctx.tr.language() == Language::Dutch ? c.labelNl : c.labelEn;
}

void drawCategoryIcon(const std::string& icon, float cx, float cy, float r, const std::string& colourHex,
                      ImDrawList* list) {
    ImDrawList* d = list ? list : ImGui::GetWindowDrawList();
    const Colour fill = colourFromHex(colourHex);
    const ImU32 colour = imColourU32(fill);
    const ImU32 white = imColourU32(inkOn(fill));  // the symbol: white, or near-black on a light colour
    d->AddCircleFilled(ImVec2(cx, cy), r, colour, 32);
    const float k = r * 0.55f;
    if (icon == "star") {
        ImVec2 pts[10];
        for (int i = 0; i < 10; ++i) {
            const float a = -1.5707963f + static_cast<float>(i) * 0.6283185f;
            const float rr = (i % 2 == 0) ? k : k * 0.45f;
            pts[i] = ImVec2(cx + std::cos(a) * rr, cy + std::sin(a) * rr);
        }
        // Ten triangles from the centre: a filled star, without anti-aliased seams between them.
        const ImDrawListFlags flags = d->Flags;
        d->Flags &= ~ImDrawListFlags_AntiAliasedFill;
        for (int i = 0; i < 10; i += 2)
            d->AddTriangleFilled(ImVec2(cx, cy), pts[(i + 9) % 10], pts[i], white),
                d->AddTriangleFilled(ImVec2(cx, cy), pts[i], pts[i + 1], white);
        d->Flags = flags;
    } else if (icon == "warning") {
        d->AddTriangleFilled(ImVec2(cx, cy - k), ImVec2(cx - k, cy + k * 0.8f), ImVec2(cx + k, cy + k * 0.8f), white);
        d->AddRectFilled(ImVec2(cx - k * 0.1f, cy - k * 0.35f), ImVec2(cx + k * 0.1f, cy + k * 0.3f), colour);
        d->AddCircleFilled(ImVec2(cx, cy + k * 0.55f), k * 0.11f, colour);
    } else if (icon == "bulb") {
        d->AddCircleFilled(ImVec2(cx, cy - k * 0.2f), k * 0.6f, white, 20);
        d->AddRectFilled(ImVec2(cx - k * 0.3f, cy + k * 0.35f), ImVec2(cx + k * 0.3f, cy + k * 0.8f), white);
    } else if (icon == "hand") {
        d->AddRectFilled(ImVec2(cx - k * 0.55f, cy - k * 0.1f), ImVec2(cx + k * 0.45f, cy + k * 0.8f), white, k * 0.2f);
        for (int f = 0; f < 4; ++f) {
            const float x = cx - k * 0.5f + static_cast<float>(f) * k * 0.27f;
            d->AddRectFilled(ImVec2(x, cy - k * 0.8f), ImVec2(x + k * 0.18f, cy), white, k * 0.09f);
        }
        d->AddRectFilled(ImVec2(cx + k * 0.35f, cy - k * 0.05f), ImVec2(cx + k * 0.8f, cy + k * 0.2f), white, k * 0.1f);
    } else {
        d->AddCircleFilled(ImVec2(cx, cy), k * 0.4f, white, 16);
    }
}

float CategoryPalette::draw(const PanelContext& ctx, PinWorkflow& workflow, float topInset, float bottomInset) {
    if (!ctx.snapshot || !ctx.project) return 0.0f;
    const ImGuiIO& io = ImGui::GetIO();
    const float s = ctx.uiScale;
    const auto& categories = ctx.snapshot->categories;
    const bool canPlace = ctx.project->currentSession().has_value();

    // Digits arm categories in palette order, unless a text field has the keyboard. Read as typed
    // characters: the same on every layout and on the keypad, and never lost in a short press.
    if (canPlace && !io.WantTextInput) {
        for (ImWchar c : io.InputQueueCharacters)
            if (c >= '1' && c <= '9' && static_cast<size_t>(c - '1') < categories.size())
                workflow.arm(categories[static_cast<size_t>(c - '1')].code);
        if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false)) workflow.disarm();
    }

    const mapping::PinSnapshot& pins = ctx.project->pinSnapshot();

    ImGui::SetNextWindowPos(ImVec2(16 * s, topInset + 12 * s), ImGuiCond_Always);
    beginPanel("##category_palette", PanelFocus::Keep, 0.92f);
    const float width = 250 * s;
    const char* hint = !canPlace                                     ? ctx.tr("palette.no_session")
                       : workflow.step() == PinWorkflow::Step::Armed ? ctx.tr("palette.tap_map")
                                                                     : ctx.tr("palette.hint");
    // What fits above the status bar: all of it, or the buttons without the hint, or smaller buttons.
    const ImGuiStyle& style = ImGui::GetStyle();
    const auto n = static_cast<float>(categories.size());
    const float room = io.DisplaySize.y - bottomInset - 8 * s - (topInset + 12 * s) - 2 * style.WindowPadding.y -
                       std::max(0.0f, n - 1) * style.ItemSpacing.y;
    const float hintHeight = style.ItemSpacing.y + ImGui::CalcTextSize(hint, nullptr, false, width).y;
    float height = (kTouchTarget + 8) * s;
    const bool showHint = n * height + hintHeight <= room;
    if (!showHint && n > 0 && n * height > room) height = std::max(kTouchTarget * s, room / n);
    for (size_t i = 0; i < categories.size(); ++i) {
        const Category& c = categories[i];
        const bool armed = workflow.step() == PinWorkflow::Step::Armed && workflow.category() == c.code;
        const Colour col = colourFromHex(c.colour);
        ImGui::PushID(static_cast<int>(i));
        if (armed) {
            const ImVec4 wash = imColour(over({col.r, col.g, col.b, 0.35f}, theme::kButton));
            ImGui::PushStyleColor(ImGuiCol_Button, wash);
            ImGui::PushStyleColor(ImGuiCol_ButtonHovered, wash);
            ImGui::PushStyleColor(ImGuiCol_Border, categoryEdge(c.colour));
            ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, 4.0f * s);
        }
        ImGui::BeginDisabled(!canPlace);
        const bool pressed = ImGui::Button("##category", ImVec2(width, height));
        ImGui::EndDisabled();
        noteItem(ctx, "palette." + c.code);
        if (armed) {
            ImGui::PopStyleVar();
            ImGui::PopStyleColor(3);
        }
        ImGui::PopID();
        if (pressed) workflow.arm(c.code);
        const ImVec2 min = ImGui::GetItemRectMin();
        const float r = height * 0.32f;
        drawCategoryIcon(c.icon, min.x + 10 * s + r, min.y + height * 0.5f, r, c.colour);
        ImDrawList* d = ImGui::GetWindowDrawList();
        // Without a session the buttons are disabled: their words as faint as ImGui makes the rest.
        Colour inkColour = theme::kText;
        if (!canPlace) inkColour.a = theme::kDisabledAlpha;
        const ImU32 ink = imColourU32(inkColour);
        const float textY = min.y + (height - ImGui::GetFontSize()) * 0.5f;
        d->AddText(ImVec2(min.x + 20 * s + 2 * r, textY), ink, categoryLabel(ctx, c).c_str());
        // The live count. The digits 1-9 still arm the categories, but a touch table shows no key hints.
        const std::string right =
            ctx.tr.formatNumber(static_cast<double>(pins.pinsOfCategory(c.code)), 0);  // 12.345 / 12,345
        const float rw = ImGui::CalcTextSize(right.c_str()).x;
        d->AddText(ImVec2(min.x + width - rw - 12 * s, textY), ink, right.c_str());
    }
    if (showHint) wrappedText(hint, width);
    const float w = ImGui::GetWindowWidth();
    ImGui::End();
    return w;
}

}  // namespace samenkaart::gui
