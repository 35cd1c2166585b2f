// Hands ImGui one frame's share of the input queue (input_queue.hpp). Called between the platform
// backend's new frame and ImGui::NewFrame; replaces the pointer, buttons, wheel and keys the
// backend read, and adds the frame's text.
#pragma once

#include "gui/window/input/input_queue.hpp"

namespace samenkaart::gui {

void feedImGui(InputQueue& queue, InputFrame& frame);

}  // namespace samenkaart::gui
