#include "gui/window/app_window.hpp"

#include "mapping/gl_api.hpp"  // before GLFW, which must not pull in its own GL header
#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <optional>
#include <vector>

#include "engine/error.hpp"
#include "gui/window/input/imgui_input.hpp"
#include "gui/window/input/x11_touch.hpp"
#include "gui/window/logic/font_metrics.hpp"
#include "gui/window/logic/ui_scale.hpp"
#include "gui/window/panels/panel_context.hpp"
#include "gui/window/theme_imgui.hpp"
#include "mapping/gl_api.hpp"
#include "mapping/image_export.hpp"
#include "mapping/offscreen.hpp"

namespace samenkaart::gui {
namespace {

void glfwErrorToStderr(int code, const char* description) {
    (void)code;
    (void)description;  // reported through the return values where it matters
}

constexpr const char* kRegularFont = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
constexpr const char* kBoldFont = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";

// Latin-1, Latin Extended-A (ĳ, Š, Ž, ...), general punctuation (“ ” – €) and arrows.
const ImWchar kGlyphRanges[] = {0x0020, 0x00FF, 0x0100, 0x017F, 0x2010, 0x2027, 0x20AC, 0x20AC, 0x2190, 0x2193, 0x21E7,
                                0x21E7, 0x2212, 0x2212, 0x25B2, 0x25BC, 0x25CF, 0x25CF, 0x2713, 0x2713, 0};

// The work areas of the monitors connected now, the primary's first (GLFW lists it first).
std::vector<ScreenArea> workAreas() {
    std::vector<ScreenArea> areas;
    int count = 0;
    GLFWmonitor** monitors = glfwGetMonitors(&count);
    for (int i = 0; i < count; ++i) {
        ScreenArea a;
        glfwGetMonitorWorkarea(monitors[i], &a.x, &a.y, &a.width, &a.height);
        areas.push_back(a);
    }
    return areas;
}

// The monitor under the window's centre (the primary one when none is): millimetres and pixels.
MonitorSize monitorSize(GLFWwindow* window) {
    int x = 0, y = 0, w = 0, h = 0, count = 0;
    glfwGetWindowPos(window, &x, &y);
    glfwGetWindowSize(window, &w, &h);
    GLFWmonitor** monitors = glfwGetMonitors(&count);
    GLFWmonitor* chosen = glfwGetPrimaryMonitor();
    for (int i = 0; i < count; ++i) {
        int mx = 0, my = 0;
        glfwGetMonitorPos(monitors[i], &mx, &my);
        const GLFWvidmode* mode = glfwGetVideoMode(monitors[i]);
        if (mode && x + w / 2 >= mx && x + w / 2 < mx + mode->width && y + h / 2 >= my && y + h / 2 < my + mode->height)
            chosen = monitors[i];
    }
    MonitorSize size;
    if (!chosen) return size;
    glfwGetMonitorPhysicalSize(chosen, &size.widthMm, &size.heightMm);
    if (const GLFWvidmode* mode = glfwGetVideoMode(chosen)) {
        size.widthPx = mode->width;
        size.heightPx = mode->height;
    }
    return size;
}

}  // namespace

namespace {
// Set by wake() from any thread, taken by the window's loop.
std::atomic<bool>& wokenFlag() {
    static std::atomic<bool> woken{false};
    return woken;
}
// Whether GLFW is initialised and the window made, so that wake() may post to it; guarded by liveMutex.
std::mutex& liveMutex() {
    static std::mutex m;
    return m;
}
bool& windowLive() {
    static bool live = false;
    return live;
}
}  // namespace

AppWindow::AppWindow(const std::string& title, const WindowPlacement& p) {
    glfwSetErrorCallback(glfwErrorToStderr);
    if (!glfwInit()) throw Error("display", "no graphical display is available (set DISPLAY, or run under xvfb-run)");
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
    glfwWindowHint(GLFW_SCALE_TO_MONITOR, GLFW_TRUE);
    const std::vector<ScreenArea> areas = workAreas();
    const WindowPlacement fitted = fitPlacement(p, areas);
    window_ =
        glfwCreateWindow(std::max(320, fitted.width), std::max(240, fitted.height), title.c_str(), nullptr, nullptr);
    if (!window_) {
        glfwTerminate();
        throw Error("display", "cannot open a window with OpenGL 3.3 (update the graphics driver or Mesa)");
    }
    if (fitted.x >= 0 && fitted.y >= 0) glfwSetWindowPos(window_, fitted.x, fitted.y);
    // Once the window manager framed it (and GLFW scaled it to the monitor): fit again, frame included.
    int left = 0, top = 0, right = 0, bottom = 0;
    glfwGetWindowFrameSize(window_, &left, &top, &right, &bottom);
    WindowPlacement now = fitted;
    glfwGetWindowSize(window_, &now.width, &now.height);
    if (const WindowPlacement refit = fitPlacement(now, areas, left + right, top + bottom);
        refit.width != now.width || refit.height != now.height)
        glfwSetWindowSize(window_, refit.width, refit.height);
    if (!areas.empty() && areas.front().width >= kMinWindowWidth && areas.front().height >= kMinWindowHeight)
        glfwSetWindowSizeLimits(window_, kMinWindowWidth, kMinWindowHeight, GLFW_DONT_CARE, GLFW_DONT_CARE);
    glfwMakeContextCurrent(window_);
    glfwSwapInterval(1);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // panel layout is ours, not a stray imgui.ini in the working folder
    // Our own callbacks instead of the backend's: every event goes through the input queue.
    ImGui_ImplGlfw_InitForOpenGL(window_, false);
    installInputCallbacks();
    ImGui_ImplOpenGL3_Init("#version 330 core");
    touchSource_ = X11TouchSource::open(window_);
    focused_ = glfwGetWindowAttrib(window_, GLFW_FOCUSED) != 0;

    float sx = 1.0f, sy = 1.0f;
    glfwGetWindowContentScale(window_, &sx, &sy);
    // Until the user chooses: touch targets 11 mm wide on this monitor (ui_scale.hpp).
    chosenScale_ = defaultUiScale(monitorSize(window_), kTouchTarget, std::max(sx, sy));
    int w = 0, h = 0;
    glfwGetWindowSize(window_, &w, &h);
    uiScale_ = fittedUiScale(chosenScale_, static_cast<float>(w), static_cast<float>(h));
    std::lock_guard lock(liveMutex());
    windowLive() = true;
}

AppWindow::~AppWindow() {
    {
        std::lock_guard lock(liveMutex());
        windowLive() = false;
    }
    touchSource_.reset();  // its connection lets go of the window before GLFW destroys it
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    glfwDestroyWindow(window_);
    glfwTerminate();
}

bool AppWindow::shouldClose() const { return glfwWindowShouldClose(window_); }
void AppWindow::requestClose() { glfwSetWindowShouldClose(window_, GLFW_TRUE); }
void AppWindow::cancelClose() { glfwSetWindowShouldClose(window_, GLFW_FALSE); }

void AppWindow::waitForEvents(bool busy, double idleTimeoutSeconds) {
    if (busy)
        glfwPollEvents();
    else if (idleTimeoutSeconds > 0.0)
        glfwWaitEventsTimeout(idleTimeoutSeconds);
    else
        glfwWaitEvents();
    // Touches arrive on their own connection; its watcher wakes the waits above when they do.
    if (touchSource_) touch_.addTouches(touchSource_->takeTouches());
}

void AppWindow::wake() {
    wokenFlag() = true;
    // A worker may finish before the window exists (the map loader starts first) or after it is gone.
    std::lock_guard lock(liveMutex());
    if (windowLive()) glfwPostEmptyEvent();
}

bool AppWindow::takeWake() { return wokenFlag().exchange(false); }
bool AppWindow::wakePending() { return wokenFlag().load(); }

InputQueue& AppWindow::inputOf(GLFWwindow* window) {
    return static_cast<AppWindow*>(glfwGetWindowUserPointer(window))->input_;
}

void AppWindow::installInputCallbacks() {
    glfwSetWindowUserPointer(window_, this);
    glfwSetCursorPosCallback(window_, [](GLFWwindow* w, double x, double y) {
        inputOf(w).mouseMove(static_cast<float>(x), static_cast<float>(y));
    });
    glfwSetCursorEnterCallback(window_, [](GLFWwindow* w, int entered) {
        ImGui_ImplGlfw_CursorEnterCallback(w, entered);
        if (entered) {
            double x = 0.0, y = 0.0;
            glfwGetCursorPos(w, &x, &y);
            inputOf(w).mouseMove(static_cast<float>(x), static_cast<float>(y));
        } else if (glfwGetWindowAttrib(w, GLFW_FOCUSED) == 0) {
            inputOf(w).mouseLeave();  // a focused window keeps following the pointer, as ImGui's backend does
        }
    });
    glfwSetMouseButtonCallback(window_, [](GLFWwindow* w, int button, int action, int) {
        inputOf(w).mouseButton(button, action == GLFW_PRESS);
    });
    glfwSetScrollCallback(window_, [](GLFWwindow* w, double dx, double dy) {
        inputOf(w).wheel(static_cast<float>(dx), static_cast<float>(dy));
    });
    glfwSetKeyCallback(window_, [](GLFWwindow* w, int key, int, int action, int) {
        if (action != GLFW_REPEAT) inputOf(w).key(key, action == GLFW_PRESS);
    });
    glfwSetCharCallback(window_, [](GLFWwindow* w, unsigned int c) { inputOf(w).character(c); });
    glfwSetWindowFocusCallback(window_, [](GLFWwindow* w, int focused) { inputOf(w).focus(focused != 0); });
}

double AppWindow::seconds() { return glfwGetTime(); }

void AppWindow::setUiScale(float scale) { chosenScale_ = std::clamp(scale, kMinUiScale, kMaxUiScale); }

void AppWindow::rebuildFonts() {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    // Rasterised at the framebuffer's density so text stays crisp on HiDPI screens.
    const float density = std::max(1.0f, framebufferScale());
    // Body text of kBodyTextEmPx per em at scale 1 (font_metrics.hpp: ImGui's own size is smaller).
    const std::optional<FontMetrics> metrics = readFontMetrics(kRegularFont);
    const float size = (metrics ? imguiSizeForEm(*metrics, kBodyTextEmPx) : kBodyTextEmPx * 1.16f) * uiScale_ * density;
    ImFontConfig config;
    config.OversampleH = 2;
    if (std::filesystem::exists(kRegularFont)) {
        io.Fonts->AddFontFromFileTTF(kRegularFont, size, &config, kGlyphRanges);
        boldFont_ = std::filesystem::exists(kBoldFont)
                        ? io.Fonts->AddFontFromFileTTF(kBoldFont, size, &config, kGlyphRanges)
                        : nullptr;
    } else {
        io.Fonts->AddFontDefault();
        boldFont_ = nullptr;
    }
    io.FontGlobalScale = 1.0f / density;
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();

    ImGuiStyle& style = ImGui::GetStyle();
    style = ImGuiStyle();
    ImGui::StyleColorsLight(&style);
    applyTheme(style);  // every colour from theme.hpp
    style.WindowRounding = 10.0f;
    style.FrameRounding = 8.0f;
    style.GrabRounding = 8.0f;
    style.FramePadding = ImVec2(12.0f, 10.0f);
    style.ItemSpacing = ImVec2(10.0f, 10.0f);
    style.WindowPadding = ImVec2(14.0f, 14.0f);
    style.ScrollbarSize = 22.0f;
    style.TouchExtraPadding = ImVec2(4.0f, 4.0f);
    style.ScaleAllSizes(uiScale_);
    // Each control's edge stands out from the panel (3:1, theme.hpp); ScaleAllSizes leaves borders be.
    style.FrameBorderSize = 1.5f * uiScale_;
    fontsDirty_ = false;
}

void AppWindow::beginFrame() {
    int w = 0, h = 0;
    glfwGetWindowSize(window_, &w, &h);
    if (const float fitted = fittedUiScale(chosenScale_, static_cast<float>(w), static_cast<float>(h));
        fitted != uiScale_) {
        uiScale_ = fitted;
        fontsDirty_ = true;
    }
    if (fontsDirty_) rebuildFonts();
    // A finger wobbles more than a mouse: a press becomes a drag (that scrolls a list, see
    // endScrollBody) only past 8 px at scale 1, more on larger scales.
    ImGui::GetIO().MouseDragThreshold = 8.0f * uiScale_;
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    feedImGui(input_, inputFrame_);  // this frame's share of the queued input replaces what the backend read
    const bool focused = glfwGetWindowAttrib(window_, GLFW_FOCUSED) != 0;
    if (focused_ && !focused) touch_.cancel();
    focused_ = focused;
    touch_.beforeNewFrame();
    ImGui::NewFrame();
}

void AppWindow::endFrame(const std::string* screenshotPath) {
    ImGui::Render();
    int w = 0, h = 0;
    glfwGetFramebufferSize(window_, &w, &h);
    glViewport(0, 0, w, h);
    glClearColor(0.96f, 0.95f, 0.92f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    if (screenshotPath) saveBackBuffer(*screenshotPath);
    glfwSwapBuffers(window_);
}

float AppWindow::width() const { return ImGui::GetIO().DisplaySize.x; }
float AppWindow::height() const { return ImGui::GetIO().DisplaySize.y; }

float AppWindow::framebufferScale() const {
    int w = 0, h = 0, fw = 0, fh = 0;
    glfwGetWindowSize(window_, &w, &h);
    glfwGetFramebufferSize(window_, &fw, &fh);
    return w > 0 ? static_cast<float>(fw) / static_cast<float>(w) : 1.0f;
}

WindowPlacement AppWindow::placement() const {
    WindowPlacement p;
    glfwGetWindowPos(window_, &p.x, &p.y);
    glfwGetWindowSize(window_, &p.width, &p.height);
    return p;
}

void AppWindow::setTitle(const std::string& title) { glfwSetWindowTitle(window_, title.c_str()); }

bool AppWindow::saveBackBuffer(const std::string& path) const {
    int w = 0, h = 0;
    glfwGetFramebufferSize(window_, &w, &h);
    const mapping::RgbaImage image = mapping::readFramebuffer(nullptr, w, h, true);
    // Written safely (engine/safe_write.hpp): a test polling for the file never reads half a PNG.
    return mapping::writePng(path, image).ok;
}

}  // namespace samenkaart::gui
