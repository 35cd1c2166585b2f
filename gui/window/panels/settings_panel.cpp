#include "gui/window/panels/settings_panel.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "gui/window/logic/ui_scale.hpp"
#include "gui/window/panels/touch_widgets.hpp"

namespace samenkaart::gui {

bool SettingsPanel::draw(const PanelContext& ctx, Settings& settings, float bottomInset) {
    if (!open_) return false;
    const float s = ctx.uiScale;
    const float bottom = centredWindowBottom(ctx, bottomInset);
    beginCentredWindow("##settings", 460 * s, bottom);
    bool changed = false;
    heading(ctx.tr("settings.title"));
    // The choices scroll on a short screen; the heading and Close stay in view.
    beginScrollBody(body_, "##settings_body", bottom);
    const float inner = ImGui::GetContentRegionAvail().x;  // inside the body: less its scroll bar
    const float half = (inner - ImGui::GetStyle().ItemSpacing.x) * 0.5f;

    ImGui::TextUnformatted(ctx.tr("settings.language"));
    const bool dutch = settings.language == Language::Dutch;
    // The language names are not translated: each is written in its own language.
    if (dutch) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetColorU32(ImGuiCol_ButtonActive));
    if (bigButton(ctx, ctx.tr("settings.dutch"), "settings.dutch", half)) {
        settings.language = Language::Dutch;
        changed = true;
    }
    if (dutch) ImGui::PopStyleColor();
    ImGui::SameLine();
    if (!dutch) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetColorU32(ImGuiCol_ButtonActive));
    if (bigButton(ctx, ctx.tr("settings.english"), "settings.english", half)) {
        settings.language = Language::English;
        changed = true;
    }
    if (!dutch) ImGui::PopStyleColor();

    ImGui::TextUnformatted(ctx.tr("settings.ui_scale"));
    const float third = (inner - 2 * ImGui::GetStyle().ItemSpacing.x) / 3.0f;
    if (bigButton(ctx, "\xE2\x88\x92", "settings.smaller", third)) {
        settings.uiScale =
            std::max(kMinUiScale, std::round((settings.uiScale - kUiScaleStep) / kUiScaleStep) * kUiScaleStep);
        changed = true;
    }
    ImGui::SameLine();
    const std::string value = ctx.tr.formatNumber(settings.uiScale, 2);
    ImGui::Button(value.c_str(), ImVec2(third, kTouchTarget * s));
    ImGui::SameLine();
    if (bigButton(ctx, "+", "settings.larger", third)) {
        settings.uiScale =
            std::min(kMaxUiScale, std::round((settings.uiScale + kUiScaleStep) / kUiScaleStep) * kUiScaleStep);
        changed = true;
    }
    if (ctx.uiScale < settings.uiScale - 0.01f) {  // the window is too small for it (ui_scale.hpp)
        wrappedText(fillIn(ctx.tr("settings.scale_fitted"), ctx.tr.formatNumber(ctx.uiScale, 2)).c_str(), inner);
        noteItem(ctx, "settings.scale_fitted");
    }

    if (bigCheckbox(ctx, ctx.tr("settings.keyboard"), "settings.keyboard", settings.onScreenKeyboard)) changed = true;
    endScrollBody(body_);
    if (bigButton(ctx, ctx.tr("card.close"), "settings.close", -1)) open_ = false;
    endFooter(body_);
    ImGui::End();
    return changed;
}

}  // namespace samenkaart::gui
