#include "gui/window/stop_signals.hpp"

#include <pthread.h>

#include <atomic>

namespace samenkaart::gui {

namespace {
std::atomic<bool>& requestedFlag() {
    static std::atomic<bool> flag{false};
    return flag;
}
}  // namespace

StopSignals::StopSignals(void (*wake)()) {
    sigemptyset(&set_);
    sigaddset(&set_, SIGTERM);
    sigaddset(&set_, SIGINT);
    sigaddset(&set_, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &set_, &previous_);
    waiter_ = std::thread([this, wake] {
        for (;;) {
            int signal = 0;
            if (sigwait(&set_, &signal) != 0) return;
            if (ending_) return;  // the destructor's own signal
            requestedFlag() = true;
            if (wake) wake();
        }
    });
}

StopSignals::~StopSignals() {
    ending_ = true;
    pthread_kill(waiter_.native_handle(), SIGHUP);
    waiter_.join();
    pthread_sigmask(SIG_SETMASK, &previous_, nullptr);
}

bool StopSignals::requested() { return requestedFlag(); }

}  // namespace samenkaart::gui
