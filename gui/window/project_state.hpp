// The open project as the window sees it: the project file (main thread), its pins, and the map
// snapshot loaded on a worker thread with a connection of its own (MapLoader), handed back through one slot.
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "engine/error.hpp"
#include "engine/pins.hpp"
#include "engine/project.hpp"
#include "engine/sessions.hpp"
#include "gui/window/logic/pin_period.hpp"
#include "gui/window/map_loader.hpp"
#include "mapping/map_scene.hpp"

namespace samenkaart::gui {

class ProjectState {
public:
    // Opens the project (throws Error) and starts loading the map in the background; `onLoaded`
    // is called on the worker when done (to wake the UI loop).
    // Loads the map with `loader` when given (one started before the window), else starts its own.
    // `readOnly`: the programme view (`samenkaart open DB`): the file is opened read-only and the
    // window offers nothing that would change it.
    ProjectState(const std::string& path, void (*onLoaded)(), std::unique_ptr<MapLoader> loader = nullptr,
                 bool readOnly = false);
    ~ProjectState();
    ProjectState(const ProjectState&) = delete;
    ProjectState& operator=(const ProjectState&) = delete;

    Project& project() { return *project_; }
    PinStore& pins() { return pins_; }
    // The whole pin with this id (the map holds only its place, category and id): nullopt when it is
    // gone, or the file cannot be read just now (said once on stderr, as any failed read).
    std::optional<Pin> readPin(std::string_view id);
    SessionStore& sessions() { return sessions_; }

    // The programme view: nothing is placed, changed or undone; the file is a copy of the store.
    bool readOnly() const { return readOnly_; }
    // In the programme view: the store it was read from ("user@host:port/db") and each werkplaats's
    // sessions (engine/programme/programme_view.hpp); empty otherwise.
    const std::string& programmeServer() const { return programmeServer_; }
    const std::map<std::string, std::vector<int64_t>>& werkplaatsen() const { return werkplaatsen_; }

    // The session pins are placed in (none: pins cannot be placed), and whether the map also shows
    // the pins of other sessions.
    std::optional<int64_t> currentSession() const { return currentSession_; }
    void setCurrentSession(std::optional<int64_t> id) {
        currentSession_ = id;
        pinsChanged_ = true;
    }
    bool showOtherSessions() const { return showOtherSessions_; }
    // Every session's pins again (or the current session's only): also forgets a session chosen in the filter.
    void setShowOtherSessions(bool show) {
        showOtherSessions_ = show;
        shown_.session.reset();
        pinsChanged_ = true;
    }

    // The filter on what the map, the counts and the status bar show (it changes nothing in the
    // project, so residents may use it under the kiosk lock too). Pins of the current session only
    // while showOtherSessions is off; else the chosen session's, or every session's.
    struct PinShown {
        std::optional<int64_t> session;          // one chosen session (with showOtherSessions on)
        std::optional<std::string> werkplaats;   // the programme view: one werkplaats's sessions
        std::set<std::string> hiddenCategories;  // category codes left off the map
        PinPeriod period = PinPeriod::All;
        bool operator==(const PinShown&) const = default;
    };
    const PinShown& shown() const { return shown_; }
    void setShown(PinShown shown) {
        if (shown.session) showOtherSessions_ = true;
        shown_ = std::move(shown);
        pinsChanged_ = true;
    }
    // Whether the map leaves out live pins (a session, categories or a period), and the engine filter
    // the window reads its pins with (as of the last refreshPins; a period counts from that day).
    bool filtering() const { return filter_.narrows(); }
    const PinFilter& pinFilter() const { return filter_; }
    // The project's live pins, whatever is shown (counted when the map shows fewer: "12 van 340 pins").
    size_t livePinCount() const { return livePins_; }
    // What the window shows of the project besides its pins, read again by the loop when pins or the
    // current session change (refreshFacts), never by a panel's draw().
    struct Facts {
        std::optional<Session> currentSession;
        bool canUndo = false;
        bool canRedo = false;
    };
    const Facts& facts() const { return facts_; }
    void refreshFacts();
    // Bumped by each refreshFacts (pins, sessions or what is shown changed): a panel that keeps a
    // copy of some of the project reads it anew in its refresh().
    uint64_t generation() const { return generation_; }
    // The last read from the project file that failed, in words ("" once a read succeeds again):
    // the status bar shows it. Also written to stderr.
    const std::string& readFailure() const { return readFailure_; }
    void noteReadFailure(const Error& error);

    // A panel changed pins (or what is shown): the loop re-reads them once per frame.
    void markPinsChanged() { pinsChanged_ = true; }
    // True when a period ("Vandaag", "Afgelopen 7 dagen") is shown and `today` is no longer the day the
    // pins were read on: a window left open past midnight reads them again (the caller marks them changed).
    bool periodDayPassed(CalendarDay today) const { return shown_.period != PinPeriod::All && today != readOn_; }
    bool takePinsChanged() { return std::exchange(pinsChanged_, false); }
    // Whether another program (a second Samenkaart window, the command line) changed the file since
    // the last call (SQLite's data_version; this window's own commits do not count).
    bool changedElsewhere();
    const std::string& path() const { return path_; }

    bool loading() const { return loader_->loading(); }
    // Loads the map again in the background (after context layers were added, removed or moved).
    void reload();
    // The snapshot once, when the worker has finished; then nullptr.
    std::shared_ptr<const mapping::MapSnapshot> takeSnapshot();
    std::optional<std::string> takeLoadError();
    // How long the last load's stages took (samenkaart open --timings prints them).
    mapping::MapSnapshotOptions::Timings loadTimings();

    // The live pins, and for each the index of the boundary it lies in (or -1).
    const mapping::PinSnapshot& pinSnapshot() const { return pinSnapshot_; }
    const std::vector<int32_t>& pinBoundary() const { return pinSnapshot_.boundaryOf; }
    // Re-reads the pins (after a change) and recomputes where each lies.
    void refreshPins(const mapping::MapSnapshot& snapshot, float radiusPx);

private:
    std::string path_;
    bool readOnly_ = false;
    std::unique_ptr<Project> project_;
    std::string programmeServer_;
    std::map<std::string, std::vector<int64_t>> werkplaatsen_;
    std::optional<int64_t> dataVersion_;
    PinStore pins_;
    SessionStore sessions_;
    std::optional<int64_t> currentSession_;
    bool showOtherSessions_ = true;
    PinShown shown_;
    CalendarDay readOn_;  // the local day the pins were last read on
    PinFilter filter_;
    size_t livePins_ = 0;
    bool pinsChanged_ = false;
    std::unique_ptr<MapLoader> loader_;
    Facts facts_;
    uint64_t generation_ = 0;
    std::string readFailure_;
    mapping::PinSnapshot pinSnapshot_;
};

}  // namespace samenkaart::gui
