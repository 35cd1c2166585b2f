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

// Touch targets (kTouchTarget) at least this wide on the glass: research on older adults puts
// comfortable targets at 11-16 mm.
constexpr float kMinTouchTargetMm = 11.0f;

// The monitor as GLFW reports it: its physical size (glfwGetMonitorPhysicalSize, from EDID; 0 or
// nonsense when unknown) and its video mode in pixels; on X11 window coordinates are those pixels.
struct MonitorSize {
    int widthMm = 0;
    int heightMm = 0;
    int widthPx = 0;
    int heightPx = 0;
};

// The UI scale to start with before the user chose one: the smallest step (1.0-2.5) at which a
// `touchTargetPx` control is kMinTouchTargetMm wide on this monitor. A monitor that does not know its
// size (0 mm, or sizes no screen has, such as the 16 x 9 "aspect ratio" some projectors report) gets
// `contentScale` (the desktop's own scale, clamped) instead.
float defaultUiScale(const MonitorSize& monitor, float touchTargetPx, float contentScale);

// `chosen` clamped to 1.0-2.5, then lowered to the largest step that leaves 800 x 500 of a window
// `width` x `height` (screen coordinates); never below 1.0.
float fittedUiScale(float chosen, float width, float height);

}  // namespace samenkaart::gui
