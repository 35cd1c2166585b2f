#include "gui/window/samenkaart_app.hpp"

#include <imgui.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "engine/error.hpp"
#include "engine/file_damage.hpp"
#include "gui/window/app_window.hpp"
#include "gui/window/damaged_project_screen.hpp"
#include "gui/window/input/touch_replay.hpp"
#include "gui/window/logic/app_paths.hpp"
#include "gui/window/logic/settings.hpp"
#include "gui/window/map_view.hpp"
#include "gui/window/panels/touch_widgets.hpp"
#include "gui/window/project_state.hpp"
#include "gui/window/session_map_writer.hpp"
#include "gui/window/session_screen.hpp"
#include "gui/window/stop_signals.hpp"
#include "gui/window/widget_rects.hpp"
#include "mapping/map_style.hpp"

namespace samenkaart::gui {
namespace {

// Seconds since this process started, by the kernel's clock (so dynamic loading counts too).
double processAgeSeconds() {
    std::ifstream stat("/proc/self/stat");
    std::string line;
    std::getline(stat, line);
    const size_t close = line.rfind(')');
    if (close == std::string::npos) return 0.0;
    std::istringstream fields(line.substr(close + 2));
    std::string field;
    for (int i = 3; i <= 22 && fields >> field; ++i) {
    }  // field 22: the start time in clock ticks since boot
    double uptime = 0.0;
    std::ifstream("/proc/uptime") >> uptime;
    return uptime - std::stod(field) / static_cast<double>(::sysconf(_SC_CLK_TCK));
}

// Window placement and the last view, remembered per project in its own file.
constexpr const char* kViewKey = "gui.view";

RememberedView readRememberedView(Project& project) {
    RememberedView v;
    auto text = project.meta(kViewKey);
    if (!text) return v;
    auto j = nlohmann::json::parse(*text, nullptr, false);
    if (!j.is_object()) return v;
    v.placement.x = j.value("x", -1);
    v.placement.y = j.value("y", -1);
    v.placement.width = j.value("width", 1600);
    v.placement.height = j.value("height", 1000);
    if (j.contains("cx") && j.contains("cy") && j.contains("resolution")) {
        v.centre = Point{j["cx"].get<double>(), j["cy"].get<double>()};
        v.resolution = j["resolution"].get<double>();
    }
    return v;
}

void storeRememberedView(Project& project, const AppWindow& window, const mapping::Viewport& view) {
    const WindowPlacement p = window.placement();
    nlohmann::json j = {{"x", p.x},
                        {"y", p.y},
                        {"width", p.width},
                        {"height", p.height},
                        {"cx", view.centre().x},
                        {"cy", view.centre().y},
                        {"resolution", view.resolution()}};
    try {
        project.setMeta(kViewKey, j.dump());
    } catch (const Error&) {
        // A read-only or locked project still shows its map; only the view is not remembered.
    }
}

}  // namespace

int runApp(const AppOptions& options) {
    // Before any thread starts: the threads inherit the blocked signals (stop_signals.hpp).
    const StopSignals stopSignals(&AppWindow::wake);
    // Open the project before the window, so a bad file gets a clear message and no empty window. The map
    // starts loading at once on a thread of its own, while every page is checked and the window comes up.
    RememberedView remembered;
    std::unique_ptr<MapLoader> loader;
    {
        std::unique_ptr<Project> probe;
        try {
            probe = Project::open(options.projectPath, options.programme.has_value());
            loader = std::make_unique<MapLoader>(options.projectPath, &AppWindow::wake);
            checkAllPagesReadable(probe->db());
        } catch (const DamagedFileError& damage) {
            // A damaged file gets a window that says so and offers a rescue (damaged_project_screen.hpp).
            probe.reset();
            loader.reset();  // waits for it: it stops at the damage, or reads the map it can
            AppOptions next = options;
            const std::optional<std::string> chosen = runDamagedProjectScreen(options, damage.detail());
            if (!chosen) return 1;
            next.projectPath = *chosen;
            return runApp(next);
        }
        remembered = readRememberedView(*probe);
    }
    SamenkaartApp app(options, remembered, std::move(loader));
    app.run();
    return 0;
}

SamenkaartApp::SamenkaartApp(const AppOptions& options, const RememberedView& remembered,
                             std::unique_ptr<MapLoader> loader)
    : options_(options),
      remembered_(remembered),
      earlyLoader_(std::move(loader)),
      window_("Samenkaart - " + (options.programme ? "Programma " + *options.programme
                                                   : std::filesystem::path(options.projectPath).filename().string()),
              remembered.placement) {}

SamenkaartApp::~SamenkaartApp() = default;

void SamenkaartApp::run() {
    begin();
    while (frame()) {
    }
    end();
}

void SamenkaartApp::begin() {
    // The facilitator's last choices on this computer; the command line's flags win.
    stored_ = loadSettings(Settings{Language::Dutch, window_.chosenUiScale(), true});
    window_.setUiScale(options_.uiScale.value_or(stored_.uiScale));
    state_ = std::make_unique<ProjectState>(options_.projectPath, &AppWindow::wake, std::move(earlyLoader_),
                                            options_.programme.has_value());
    // The programme view is a copy of the store: the next plain start opens the last project instead.
    if (!options_.programme) rememberLastProject(options_.projectPath);
    tr_.setLanguage(options_.english ? Language::English : stored_.language);

    // Sessions, pins and touch: see session_screen.hpp.
    sessionScreen_.start(*state_, Settings{tr_.language(), window_.chosenUiScale(), stored_.onScreenKeyboard});
    sessionScreen_.setWake(&AppWindow::wake);
    sessionScreen_.setMapWriter([this](int64_t sessionId, const std::string& title) -> SessionMapJob {
        // On this thread, as GLFW asks of window creation; the summary's worker makes it current.
        if (!pictureGl_) pictureGl_ = std::make_unique<OffscreenGlContext>("kaart", OffscreenGlContext::Glfw::Borrowed);
        SessionMapRequest request{options_.projectPath, sessionId, title, sessionMapFolder(options_.projectPath),
                                  tr_.language() == Language::English};
        return [gl = pictureGl_.get(), request = std::move(request)] { return writeSessionMap(*gl, request); };
    });
    if (options_.touchReplayPath) replay_.emplace(*options_.touchReplayPath);
}

bool SamenkaartApp::frame() {
    if (StopSignals::requested()) return false;  // the computer shuts down: also in kiosk mode
    if (window_.shouldClose()) {
        if (!sessionScreen_.locked()) return false;
        window_.cancelClose();  // kiosk mode: residents cannot quit
    }
    if (!waitForWork()) return true;
    takeUpdates();
    window_.beginFrame();
    rects_.beginFrame();
    drawPanels();
    finishFrame();
    return true;
}

void SamenkaartApp::end() {
    if (snapshot_) storeRememberedView(state_->project(), window_, map_.viewport());
}

bool SamenkaartApp::waitForWork() {
    // Input still queued for frames of its own (input_queue.hpp) keeps frames coming too.
    active_ = map_.busy() || map_.needsRedraw() || map_.uploading() || sessionScreen_.busy(ImGui::GetTime()) ||
              (replay_ && replay_->playing()) || window_.inputPending();
    const bool busy = settleFrames_ > 0 || active_;
    // A wake-up that only found nothing changed draws no frame (idle stays idle).
    const double waitStart = AppWindow::seconds();
    window_.waitForEvents(busy, kExternalCheckSeconds);
    const double now = AppWindow::seconds();
    if (replay_ && snapshot_) {
        replay_->check();
        if (replay_->playing()) window_.touch().addTouches(replay_->nextFrame());
    }
    bool external = false;
    if (now - lastExternalCheck_ >= kExternalCheckSeconds) {
        lastExternalCheck_ = now;
        external = state_->changedElsewhere() || state_->periodDayPassed(localToday());
        if (external) state_->markPinsChanged();
    }
    if (!busy && !external && now - waitStart >= kExternalCheckSeconds * 0.99 && !window_.shouldClose() &&
        !window_.touch().hasPending() && !window_.inputPending() && !sessionScreen_.ticking(ImGui::GetTime()) &&
        !AppWindow::wakePending())
        return false;
    // An event, or activity that has just ended, earns the settle frames: the frame that shows a
    // finished export is drawn while the job still counted as running, and its dialog takes its
    // new size only a frame later (a tap before that fell through to the map). So does a worker's
    // result that comes in while they count down (the session map written: its path makes the
    // summary's footer taller, and its list shorter a frame later).
    const bool woken = AppWindow::takeWake();
    settleFrames_ = busy && !active_ && !woken ? std::max(0, settleFrames_ - 1) : kSettleFrames;
    return true;
}

void SamenkaartApp::takeUpdates() {
    // Markers are sized for the UI scale: a new scale (settings, or a window resized past what
    // the chosen scale fits) redraws them too, and so does a newly loaded map.
    bool refreshPins = state_->takePinsChanged() || window_.uiScale() != pinScale_;
    if (auto loaded = state_->takeSnapshot()) {
        const bool first = !snapshot_;
        snapshot_ = loaded;
        map_.setSnapshot(snapshot_);
        if (first && remembered_.centre) map_.setView(*remembered_.centre, *remembered_.resolution);
        map_.setHighlight(mapScreen_.highlighted());
        refreshPins = true;
    }
    if (auto error = state_->takeLoadError()) loadError_ = error;
    if (refreshPins) {
        state_->refreshFacts();
        if (snapshot_) {
            state_->refreshPins(*snapshot_, mapping::kPinRadiusPx * window_.uiScale());
            map_.setPins(state_->pinSnapshot());
            pinScale_ = window_.uiScale();
        }
        sessionScreen_.refresh(*state_);
    }
}

void SamenkaartApp::drawPanels() {
    const PanelContext ctx{tr_,
                           window_.uiScale(),
                           state_.get(),
                           snapshot_.get(),
                           map_,
                           sessionScreen_.locked(),
                           sessionScreen_.keyboard(),
                           options_.screenshotPath ? &rects_ : nullptr};
    map_.setThousandsSeparator(tr_.language() == Language::English ? ',' : '.');
    const bool wasBusy = map_.busy();
    if (auto tap = map_.frame(window_.uiScale(), window_.framebufferScale(), window_.touch());
        tap && !sessionScreen_.handleTap(ctx, *tap))
        mapScreen_.handleTap(*tap, map_);
    if (map_.busy() || wasBusy) viewDirty_ = true;

    bool toggleLanguage = false;
    const float statusHeight = mapScreen_.drawStatusBar(ctx, sessionScreen_.writeFailed(), toggleLanguage);
    if (toggleLanguage) {
        tr_.setLanguage(tr_.language() == Language::Dutch ? Language::English : Language::Dutch);
        // A resident's choice while locked lasts this run; the facilitator's stays stored.
        if (!sessionScreen_.locked())
            saveSettings(Settings{tr_.language(), window_.chosenUiScale(), sessionScreen_.keyboard() != nullptr});
    }
    mapScreen_.drawPanels(ctx, statusHeight, sessionScreen_.pinCardOpen());
    if (auto changed = sessionScreen_.draw(ctx, statusHeight, ImGui::GetTime())) {
        tr_.setLanguage(changed->language);
        window_.setUiScale(changed->uiScale);
        saveSettings(*changed);
    }
    // No legend panel: the category palette (in the session screen) is the legend, with live counts.
    mapScreen_.drawOverlays(ctx, statusHeight);
    map_.setDockedPanels(panelRects(kDockedPanels));
    keepFormPlaceInView();
    if (!snapshot_) drawLoading();
}

void SamenkaartApp::keepFormPlaceInView() {
    // The pin a form is about stays in sight (keep_in_view.hpp): once per form, two frames after
    // it opened, when it and the keyboard have their size. Panning away afterwards is the user's.
    if (const std::optional<Point> place = sessionScreen_.formPlace(); place && snapshot_) {
        if (!keptPlace_ || !(*keptPlace_ == *place)) {
            keptPlace_ = place;
            keepInViewIn_ = 2;
        } else if (keepInViewIn_ > 0 && --keepInViewIn_ == 0) {
            map_.keepInView(*place, panelRects(), 24.0 * window_.uiScale());
        }
    } else {
        keptPlace_.reset();
    }
}

void SamenkaartApp::drawLoading() {
    const ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x * 0.5f, io.DisplaySize.y * 0.5f), ImGuiCond_Always,
                            ImVec2(0.5f, 0.5f));
    ImGui::Begin("##loading", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize);
    if (loadError_) {
        ImGui::TextUnformatted(tr_("map.load_failed"));
        ImGui::TextWrapped("%s", loadError_->c_str());
    } else {
        ImGui::TextUnformatted(tr_("map.loading"));
    }
    ImGui::End();
}

void SamenkaartApp::finishFrame() {
    const bool settled = snapshot_ && !map_.busy() && !map_.needsRedraw() && settleFrames_ == 0;
    // Any change of view counts, also one without a gesture or animation (a counts row, the
    // whole-neighbourhood button).
    const Point centre = map_.viewport().centre();
    if (centre.x != storedCentre_.x || centre.y != storedCentre_.y || map_.viewport().resolution() != storedResolution_)
        viewDirty_ = true;
    if (settled && viewDirty_) storeView();
    window_.endFrame(settled && options_.screenshotPath ? &*options_.screenshotPath : nullptr);
    // After the picture: a test that sees new widget positions finds the picture of that frame.
    if (settled && options_.screenshotPath) {
        rects_.notePointer(window_.pointerSeen());
        rects_.write(*options_.screenshotPath + ".widgets.json");
    }
    auto report = [this](bool& done, const char* what) {
        if (done || !options_.timings) return;
        done = true;
        std::fprintf(stderr, "samenkaart: %s after %.0f ms\n", what, processAgeSeconds() * 1000.0);
    };
    report(reportedFirstFrame_, "first frame");
    if (snapshot_ && !reportedLoaded_ && options_.timings) {
        const auto t = state_->loadTimings();
        if (t.cache == mapping::cacheReadName(mapping::CacheRead::Used)) {
            std::fprintf(stderr,
                         "samenkaart: map loading: read %.0f ms, beside it the prepared map from the cache %.0f ms "
                         "(waited for %.0f ms after the read), pick index %.0f ms\n",
                         t.read * 1000.0, t.cacheRead * 1000.0, t.cacheWait * 1000.0, t.pickIndex * 1000.0);
        } else {
            std::fprintf(stderr,
                         "samenkaart: map loading: read %.0f ms, cache %s, then in parallel: triangles and levels of "
                         "detail %.0f ms, label anchors %.0f ms, pick index %.0f ms\n",
                         t.read * 1000.0, t.cache.c_str(), t.prepare * 1000.0, t.anchors * 1000.0,
                         t.pickIndex * 1000.0);
        }
    }
    if (snapshot_) report(reportedLoaded_, "map loaded and drawn");
    if (settled) report(reportedShown_, "map settled");
}

void SamenkaartApp::storeView() {
    viewDirty_ = false;
    if (state_->readOnly()) return;  // the programme view's file is a copy, read again when the store changes
    storeRememberedView(state_->project(), window_, map_.viewport());
    storedCentre_ = map_.viewport().centre();
    storedResolution_ = map_.viewport().resolution();
    viewDirty_ = false;
}

}  // namespace samenkaart::gui
