#include "gui/window/panels/toast.hpp"

#include <imgui.h>

#include "gui/window/panels/touch_widgets.hpp"
#include "gui/window/theme_imgui.hpp"

namespace samenkaart::gui {

void Toast::draw(const PanelContext& ctx, double now) {
    if (!visible(now)) return;
    const ImGuiIO& io = ImGui::GetIO();
    const float s = ctx.uiScale;
    ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x * 0.5f, io.DisplaySize.y - 80 * s), ImGuiCond_Always,
                            ImVec2(0.5f, 1.0f));
    ImGui::PushStyleColor(ImGuiCol_WindowBg, imColour(error_ ? theme::kErrorFill : theme::kSuccessFill));
    ImGui::PushStyleColor(ImGuiCol_Text, imColour(theme::kOnStrong));
    ImGui::Begin("##toast", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoMove |
                     ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing |
                     ImGuiWindowFlags_NoInputs);
    // Wrapped within the screen: a long title or cause at a large UI scale stays readable.
    ImGui::PushTextWrapPos(io.DisplaySize.x - 96 * s);
    heading(text_.c_str());
    ImGui::PopTextWrapPos();
    noteItem(ctx, error_ ? "toast.error" : "toast.saved");
    if (!note_.empty()) noteItem(ctx, note_);
    ImGui::End();
    ImGui::PopStyleColor(2);
}

}  // namespace samenkaart::gui
