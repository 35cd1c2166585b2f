// The window's application: opens a project (or the damaged-file screen), then runs the loop in
// three steps, as ImHex's window does: begin (window, settings, project state, screens), frame
// (wait for work, take what workers finished, draw one frame), end (remember the view). Idle, no
// frames are drawn.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "engine/geometry.hpp"
#include "gui/gl_context/offscreen_gl_context.hpp"
#include "gui/window/app_window.hpp"
#include "gui/window/input/touch_replay.hpp"
#include "gui/window/logic/i18n.hpp"
#include "gui/window/logic/window_placement.hpp"
#include "gui/window/map_screen.hpp"
#include "gui/window/map_view.hpp"
#include "gui/window/project_state.hpp"
#include "gui/window/session_screen.hpp"
#include "gui/window/widget_rects.hpp"

namespace samenkaart::gui {

struct AppOptions {
    std::string projectPath;
    std::optional<std::string> screenshotPath;  // each time the window settles, its picture goes here
    std::optional<float> uiScale;               // 1.0 - 2.5; default: the monitor's content scale
    bool english = false;
    bool timings = false;  // print when the first frame, the loaded map and the settled map appear
    std::optional<std::string> touchReplayPath;  // GUI tests: touches to play when this file appears (touch_replay.hpp)
    // The programme view (`samenkaart open DB`): the store's label; projectPath is the file read from
    // it (engine/programme/programme_view.hpp), opened read-only.
    std::optional<std::string> programme;
};

// Opens the project and runs the window until it is closed. Returns the process exit code.
int runApp(const AppOptions& options);

// Window placement and the last view, remembered per project in its own file.
struct RememberedView {
    WindowPlacement placement;
    std::optional<Point> centre;
    std::optional<double> resolution;
};

class SamenkaartApp {
public:
    // Opens the window on a project that was checked readable.
    // `loader` (may be null): the map's loading, started before the window (runApp).
    SamenkaartApp(const AppOptions& options, const RememberedView& remembered, std::unique_ptr<MapLoader> loader);
    ~SamenkaartApp();
    SamenkaartApp(const SamenkaartApp&) = delete;
    SamenkaartApp& operator=(const SamenkaartApp&) = delete;

    // Until the window is closed (never while the kiosk lock is on).
    void run();

private:
    void begin();
    // One turn of the loop; false once the window is to close.
    bool frame();
    void end();

    // Sleeps until there is something to draw; false when the wake-up found nothing to do.
    bool waitForWork();
    // The snapshot, pins and facts that workers or other programs changed.
    void takeUpdates();
    void drawPanels();
    void keepFormPlaceInView();
    void drawLoading();
    // After drawing: the view remembered once settled, the screenshot, the timings.
    void finishFrame();
    void storeView();

    const AppOptions options_;
    RememberedView remembered_;
    std::unique_ptr<MapLoader> earlyLoader_;  // handed to state_ in begin()
    AppWindow window_;
    Settings stored_;  // the facilitator's last choices on this computer
    std::unique_ptr<ProjectState> state_;
    Translator tr_;
    MapView map_;
    // The session map's picture is drawn in a context of its own on the summary's worker; created
    // on this thread when first needed, and outliving the screens (whose worker uses it).
    std::unique_ptr<OffscreenGlContext> pictureGl_;
    MapScreen mapScreen_;
    SessionScreen sessionScreen_;
    WidgetRects rects_;
    std::optional<TouchReplay> replay_;
    std::shared_ptr<const mapping::MapSnapshot> snapshot_;
    std::optional<std::string> loadError_;

    // Frames drawn after the last event or the end of activity: a tap's release opens a panel one
    // frame later, ImGui hides an auto-sized window on its first frame while it measures it, and an
    // auto-sized window whose content changed takes its new size a frame later.
    static constexpr int kSettleFrames = 4;
    int settleFrames_ = kSettleFrames;
    bool active_ = false;  // this frame: something moves or is queued
    // Idle, the loop still wakes once a second to see whether another program (a second window on
    // the same project, the command line) saved pins: they appear here without a restart.
    static constexpr double kExternalCheckSeconds = 1.0;
    double lastExternalCheck_ = 0.0;
    bool viewDirty_ = false;
    Point storedCentre_{NAN, NAN};  // the view last written to the project
    double storedResolution_ = NAN;
    float pinScale_ = 0.0f;           // the UI scale the map's pin markers were sized for
    std::optional<Point> keptPlace_;  // the pin the open form is about, kept in sight once
    int keepInViewIn_ = 0;
    // --timings: each moment once, counted from the process's start (dynamic loading included).
    bool reportedFirstFrame_ = false, reportedLoaded_ = false, reportedShown_ = false;
};

}  // namespace samenkaart::gui
