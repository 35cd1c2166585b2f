// The one OS window: GLFW 3.3 with an OpenGL 3.3 core context and Dear ImGui on top. Owns the
// ImGui context and backends; restores them in reverse order on destruction.
#pragma once

#include <memory>
#include <string>
#include <utility>

#include "gui/window/input/input_queue.hpp"
#include "gui/window/input/touch_input.hpp"
#include "gui/window/logic/window_placement.hpp"

struct GLFWwindow;
struct ImFont;

namespace samenkaart::gui {

class X11TouchSource;

class AppWindow {
public:
    // Throws samenkaart::Error when there is no display or no OpenGL 3.3.
    AppWindow(const std::string& title, const WindowPlacement& placement);
    ~AppWindow();
    AppWindow(const AppWindow&) = delete;
    AppWindow& operator=(const AppWindow&) = delete;

    bool shouldClose() const;
    void requestClose();
    // Refuses a close request (kiosk mode: residents cannot quit).
    void cancelClose();
    // Blocks until input arrives, unless `busy` (a gesture, an animation, a load in progress).
    // A steady clock in seconds (GLFW's).
    static double seconds();
    // Touch events (XInput2 multi-touch, where the platform has it) are read here too.
    void waitForEvents(bool busy, double idleTimeoutSeconds = 0.0);  // idle: sleeps until an event or the timeout
    // Wakes waitForEvents from another thread (a worker finished).
    static void wake();
    // Whether wake() was called since the last time this was asked (a worker's result is in).
    static bool takeWake();
    // The same without taking it: a wait may end by its timeout with a wake-up still unseen (its
    // empty event posted before the window existed, or read by Xlib into its queue while GLFW
    // waited on the connection), and must not be taken for an idle one.
    static bool wakePending();

    // Fingers and the pointer: the map's contacts, and which finger drives ImGui's mouse.
    TouchInput& touch() { return touch_; }
    // Whether touches are read from XInput2 (and X no longer emulates the pointer for them).
    bool multiTouch() const { return touchSource_ != nullptr; }
    // Mouse, key and text events wait for a frame of their own (input_queue.hpp): while some do,
    // the loop must draw frames rather than sleep.
    bool inputPending() const { return input_.pending(); }
    // Where the mouse pointer was in the last event handed to ImGui (-FLT_MAX: outside the window).
    // Written beside a test's screenshot: a test that moved the pointer and sees it there knows every
    // event it sent before has been handled (tests/window/window_driver.py).
    std::pair<float, float> pointerSeen() const { return {inputFrame_.mouseX, inputFrame_.mouseY}; }

    void beginFrame();
    // Draws ImGui and shows the frame; with a path, also writes that frame to it as PNG first.
    void endFrame(const std::string* screenshotPath = nullptr);

    // Logical window size (ImGui's coordinates) and how many framebuffer pixels each one has.
    float width() const;
    float height() const;
    float framebufferScale() const;
    WindowPlacement placement() const;
    void setTitle(const std::string& title);

    // The UI scale chosen (1.0 - 2.5). The window uses it as far as its size allows (ui_scale.hpp),
    // rebuilding the fonts from the next frame when that changes.
    void setUiScale(float scale);
    float chosenUiScale() const { return chosenScale_; }
    // The scale the panels draw at this frame.
    float uiScale() const { return uiScale_; }
    ImFont* boldFont() const { return boldFont_; }

private:
    void rebuildFonts();
    bool saveBackBuffer(const std::string& path) const;
    void installInputCallbacks();
    static InputQueue& inputOf(GLFWwindow* window);

    GLFWwindow* window_ = nullptr;
    float chosenScale_ = 1.0f;
    float uiScale_ = 1.0f;
    bool fontsDirty_ = true;
    ImFont* boldFont_ = nullptr;
    std::unique_ptr<X11TouchSource> touchSource_;
    TouchInput touch_;
    InputQueue input_;
    InputFrame inputFrame_;
    bool focused_ = true;
};

}  // namespace samenkaart::gui
