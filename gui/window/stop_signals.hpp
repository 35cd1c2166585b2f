// SIGTERM, SIGINT and SIGHUP (a shutdown or logout, Ctrl+C in a terminal, a closed terminal) end the
// window as its close button does: the view is remembered, the prepared map is written, and the
// process exits 0. Also in kiosk mode, where residents cannot close the window: these come from the
// computer, not from a tap. The signals are blocked in every thread and taken by one thread of its own
// that waits for them (sigwait), so no signal handler ever runs inside GLFW, SQLite or the allocator;
// that thread sets a flag and wakes the window's event wait.
#pragma once

#include <atomic>
#include <csignal>
#include <thread>

namespace samenkaart::gui {

class StopSignals {
public:
    // Blocks the signals in this thread, and so in every thread it starts from now on: make it before
    // any other thread. `wake` interrupts the window's wait for events (AppWindow::wake).
    explicit StopSignals(void (*wake)());
    ~StopSignals();  // ends the waiting thread and unblocks the signals again
    StopSignals(const StopSignals&) = delete;
    StopSignals& operator=(const StopSignals&) = delete;

    // Whether one of the signals came (since the process started).
    static bool requested();

private:
    sigset_t set_{};
    sigset_t previous_{};
    std::atomic<bool> ending_{false};
    std::thread waiter_;
};

}  // namespace samenkaart::gui
