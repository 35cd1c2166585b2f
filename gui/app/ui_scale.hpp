// The UI scale: chosen in the settings (1.0-2.5 in steps of 0.25, default from the monitor's content
// scale), and the one the window uses, which is never so large that fewer than 800 x 500 scaled
// pixels are left: what the toolbar, the palette and the map controls need side by side with a
// visible map. (Windows likewise offers no scale that leaves less than 1024 x 768.) A 2.5 chosen for
// a large touchscreen thus becomes 2.0 on a 1600 x 1000 window, and 2.5 again on the large screen.
#pragma once

namespace samenkaart::gui {

constexpr float kMinUiScale = 1.0f;
constexpr float kMaxUiScale = 2.5f;
constexpr float kUiScaleStep = 0.25f;
constexpr float kMinScaledWidth = 800.0f;
constexpr float kMinScaledHeight = 500.0f;

// `chosen` clamped to 1.0-2.5, then lowered to the largest step that leaves 800 x 500 of a window
// `width` x `height` (screen coordinates); never below 1.0.
float fittedUiScale(float chosen, float width, float height);

}  // namespace samenkaart::gui
