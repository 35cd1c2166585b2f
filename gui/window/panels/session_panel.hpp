// Sessions: start one (title, facilitator, place, participants, consent), see the list of earlier
// sessions to continue or review them, close the current one (which then shows its summary), and
// open the export or publish dialog (Action::Export, Action::Publish; in kiosk mode the screen asks for
// the PIN first).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/sessions.hpp"
#include "gui/window/panels/panel_context.hpp"
#include "gui/window/panels/touch_widgets.hpp"

namespace samenkaart::gui {

class SessionPanel {
public:
    enum class View { Hidden, Start, List, ConfirmClose };
    enum class Action { None, Started, Continued, Closed, ShowSummary, Export, Publish };

    void showStart();
    // Reads the sessions and their pin counts (on the tap that opens the list, not once a frame).
    void showList(ProjectState& project) {
        view_ = View::List;
        writeFailed_ = false;
        read(project);
    }
    // The loop calls this after the project changed (ProjectState::generation): an open list is
    // read again.
    void refresh(ProjectState& project) {
        if (view_ == View::List && readAt_ != project.generation()) read(project);
    }
    void showConfirmClose() { view_ = View::ConfirmClose; }
    void hide(const PanelContext& ctx);
    bool isOpen() const { return view_ != View::Hidden; }
    View view() const { return view_; }
    // Starting, reopening or closing a session could not be written; the panel waits for a retry.
    bool writeFailed() const { return isOpen() && writeFailed_; }

    // On ShowSummary / Closed, `sessionId` is the session to summarise.
    // bottomInset: what the bottom of the screen holds (status bar, on-screen keyboard).
    Action draw(const PanelContext& ctx, int64_t& sessionId, float bottomInset);

    // On start-up: continue the most recently started open session, if there is one.
    static std::optional<int64_t> resumeLatest(ProjectState& project);

private:
    void read(ProjectState& project);
    Action drawStart(const PanelContext& ctx, int64_t& sessionId);
    Action drawList(const PanelContext& ctx, int64_t& sessionId);
    Action drawConfirmClose(const PanelContext& ctx, int64_t& sessionId);

    View view_ = View::Hidden;
    std::string title_, facilitator_, location_, participants_;
    bool consent_ = false;
    std::string error_;
    bool writeFailed_ = false;          // error_ says why a write failed (not that a field is missing)
    float bottom_ = 0.0f;               // the lowest the panel may reach this frame (screen y)
    ScrollBody startBody_;              // the start form's fields
    ScrollBody listBody_;               // the list of sessions: it scrolls (also by finger), its buttons stay in view
    std::vector<Session> sessions_;     // as read by read(), oldest first
    std::map<int64_t, int> pinCounts_;  // live pins per session id
    std::string readError_;             // why they could not be read, else empty
    uint64_t readAt_ = 0;               // the project's generation they were read at
};

}  // namespace samenkaart::gui
