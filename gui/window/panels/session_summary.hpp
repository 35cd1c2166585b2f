// The summary of one session: pins per category and per buurt, the list of its pins, and a button
// that writes the session's map as a PNG with the render command's picture code. Closing a session shows
// its summary and writes that PNG at once (docs/sessions.md), on a worker; the summary says where.
#pragma once

#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "gui/window/panels/panel_context.hpp"
#include "gui/window/panels/touch_widgets.hpp"

namespace samenkaart::gui {

// Asked on the window's thread for the map of a session's pins; returns the work that writes it as
// a PNG, which runs on a worker thread and returns the file written or throws Error. The work must
// not touch the window's project connection (the title comes with the request).
using SessionMapJob = std::function<std::string()>;
using SessionMapWriter = std::function<SessionMapJob(int64_t sessionId, const std::string& title)>;

class SessionSummary {
public:
    SessionSummary() = default;
    SessionSummary(const SessionSummary&) = delete;
    SessionSummary& operator=(const SessionSummary&) = delete;
    ~SessionSummary();
    void show(int64_t sessionId) {
        sessionId_ = sessionId;
        message_.clear();
        writtenPath_.clear();
        writeNow_ = false;
    }
    // A session just closed: its summary, and its map written without a tap.
    void showClosed(int64_t sessionId) {
        show(sessionId);
        writeNow_ = true;
    }
    void close() { sessionId_.reset(); }
    bool isOpen() const { return sessionId_.has_value(); }
    void setMapWriter(SessionMapWriter writer) { writeMap_ = std::move(writer); }
    // Wakes the idle UI loop when the worker has written the map (AppWindow::wake).
    void setWake(void (*wake)()) { wake_ = wake; }
    bool writingMap() const;

    // bottomInset: what the bottom of the screen holds (status bar).
    void draw(const PanelContext& ctx, float bottomInset);

private:
    void startWriting(const PanelContext& ctx);
    void takeWritten(const PanelContext& ctx);

    std::optional<int64_t> sessionId_;
    SessionMapWriter writeMap_;
    void (*wake_)() = nullptr;
    std::string message_;
    std::string writtenPath_;  // the PNG last written for this session
    bool writeNow_ = false;
    ScrollBody body_;
    // The worker and the one slot it hands its outcome back through.
    std::thread worker_;
    mutable std::mutex mutex_;
    bool running_ = false;
    std::optional<std::string> donePath_, doneError_;
};

}  // namespace samenkaart::gui
