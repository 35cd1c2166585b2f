#include "gui/window/theme_imgui.hpp"

namespace samenkaart::gui {
namespace {

Colour darkestPanel() {
    return over({theme::kWindowBg.r, theme::kWindowBg.g, theme::kWindowBg.b, theme::kPanelAlpha}, theme::kMapDarkest);
}

}  // namespace

void applyTheme(ImGuiStyle& style) {
    using namespace theme;
    ImVec4* c = style.Colors;
    c[ImGuiCol_Text] = imColour(kText);
    c[ImGuiCol_TextDisabled] = imColour(kTextMuted);
    c[ImGuiCol_WindowBg] = imColour(kWindowBg);
    c[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_PopupBg] = imColour(kPopupBg);
    c[ImGuiCol_Border] = imColour(kControlEdge);
    c[ImGuiCol_BorderShadow] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_FrameBg] = imColour(kField);
    c[ImGuiCol_FrameBgHovered] = imColour(kField);
    c[ImGuiCol_FrameBgActive] = imColour(kFieldTyping);
    c[ImGuiCol_CheckMark] = imColour(kAccent);
    c[ImGuiCol_SliderGrab] = imColour(kAccent);
    c[ImGuiCol_SliderGrabActive] = imColour(kAccent);
    c[ImGuiCol_Button] = imColour(kButton);
    // No hover on a touch table: a finger that lifted leaves the pointer on the button, which must
    // not look pressed afterwards.
    c[ImGuiCol_ButtonHovered] = imColour(kButton);
    c[ImGuiCol_ButtonActive] = imColour(kButtonPressed);
    c[ImGuiCol_Header] = imColour(kRow);
    c[ImGuiCol_HeaderHovered] = imColour(kRow);
    c[ImGuiCol_HeaderActive] = imColour(kRow);
    c[ImGuiCol_Separator] = imColour(kSeparator);
    c[ImGuiCol_SeparatorHovered] = imColour(kSeparator);
    c[ImGuiCol_SeparatorActive] = imColour(kSeparator);
    c[ImGuiCol_ScrollbarBg] = imColour(kScrollbarBg);
    c[ImGuiCol_ScrollbarGrab] = imColour(kScrollbarGrab);
    c[ImGuiCol_ScrollbarGrabHovered] = imColour(kScrollbarGrab);
    c[ImGuiCol_ScrollbarGrabActive] = imColour(kControlEdge);
    c[ImGuiCol_TextSelectedBg] = imColour(kSelection);
    c[ImGuiCol_NavHighlight] = imColour(kAccent);
    style.DisabledAlpha = kDisabledAlpha;
}

int pushChipColours(const Colour& tint, bool chosen) {
    const Colour fill = chosen ? chipFill(tint) : Colour{tint.r, tint.g, tint.b, theme::kChipWash};
    ImGui::PushStyleColor(ImGuiCol_Button, imColour(fill));
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, imColour(fill));
    ImGui::PushStyleColor(ImGuiCol_Text, imColour(chosen ? inkOn(fill) : theme::kText));
    return 3;
}

ImVec4 categoryInk(const std::string& hex) { return imColour(readableOn(colourFromHex(hex), darkestPanel())); }

ImVec4 categoryEdge(const std::string& hex) { return imColour(readableOn(colourFromHex(hex), darkestPanel(), 3.0)); }

ImVec4 categoryInkOnButton(const std::string& hex) {
    return imColour(readableOn(colourFromHex(hex), over(theme::kButton, darkestPanel())));
}

}  // namespace samenkaart::gui
