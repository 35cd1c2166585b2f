// The theme's colours (theme.hpp) as ImGui takes them, and the style every window is drawn with.
#pragma once

#include <imgui.h>

#include <string>

#include "gui/window/logic/theme.hpp"

namespace samenkaart::gui {

inline ImVec4 imColour(const Colour& c) { return {c.r, c.g, c.b, c.a}; }
inline ImU32 imColourU32(const Colour& c) { return ImGui::ColorConvertFloat4ToU32(imColour(c)); }

// Sets every ImGui colour from the theme (the rest of ImGui's light style, sizes included, stays).
void applyTheme(ImGuiStyle& style);

// Colours for a toggle chip tinted `tint` (a category's colour, or kAccent): chosen, filled with it
// and its words in inkOn; otherwise a light wash of it under the body text. The same when the pointer
// rests on it (no hover on a touch table). Returns how many colours to pop.
int pushChipColours(const Colour& tint, bool chosen);

// A category's label in its own colour, darkened as far as the panel needs (theme.hpp: readableOn).
ImVec4 categoryInk(const std::string& hex);
// A category's colour as the edge of a control (3:1 against the panel).
ImVec4 categoryEdge(const std::string& hex);
// The same on a button.
ImVec4 categoryInkOnButton(const std::string& hex);

}  // namespace samenkaart::gui
