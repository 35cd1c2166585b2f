#include "gui/window/input/imgui_input.hpp"

#include <imgui.h>

namespace samenkaart::gui {

void feedImGui(InputQueue& queue, InputFrame& frame) {
    ImGuiIO& io = ImGui::GetIO();
    // io.WantTextInput is still the last frame's: whether a text field had the keyboard.
    queue.nextFrame(frame, io.WantTextInput);
    if (frame.focused) io.AddFocusEvent(*frame.focused);
    io.MousePos = ImVec2(frame.mouseX, frame.mouseY);
    for (int i = 0; i < InputFrame::kButtons; ++i) io.MouseDown[i] = frame.mouseDown[static_cast<size_t>(i)];
    io.MouseWheel = frame.wheelY;
    io.MouseWheelH = frame.wheelX;
    static_assert(InputFrame::kKeys <= IM_ARRAYSIZE(io.KeysDown));
    for (int k = 0; k < InputFrame::kKeys; ++k) io.KeysDown[k] = frame.keys[static_cast<size_t>(k)];
    io.KeyCtrl = frame.ctrl();
    io.KeyShift = frame.shift();
    io.KeyAlt = frame.alt();
    io.KeySuper = frame.super();
    for (uint32_t c : frame.text) io.AddInputCharacter(c);
}

}  // namespace samenkaart::gui
