// An ImGui context without a window or GL, for tests that run panels and input frame by frame:
// no imgui.ini, a display of the given size, the font atlas built. Destroyed with the fixture.
#pragma once

#include <imgui.h>

namespace samenkaart::gui::test {

class HeadlessImGui {
public:
    explicit HeadlessImGui(ImVec2 display) {
        ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.DisplaySize = display;
        unsigned char* pixels = nullptr;
        int w = 0, h = 0;
        io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    }
    ~HeadlessImGui() { ImGui::DestroyContext(); }
    HeadlessImGui(const HeadlessImGui&) = delete;
    HeadlessImGui& operator=(const HeadlessImGui&) = delete;
};

}  // namespace samenkaart::gui::test
