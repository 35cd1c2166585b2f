// One publish to the programme store running on a worker thread, so the window keeps drawing. The
// worker connects and opens the project with connections of its own (publishProject does), never
// the window's; its progress is read through a mutex-guarded step, its outcome handed back once.
#pragma once

#include <atomic>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "engine/error.hpp"
#include "engine/programme/publish.hpp"

namespace samenkaart::gui {

struct PublishOutcome {
    std::optional<programme::PublishReceipt> receipt;  // set when the publish committed (or had nothing new)
    std::string error;                                 // else the engine's message: "<server or file>: <cause>"
    ErrorKind kind = ErrorKind::Other;
    bool passwordAsked = false;  // the server wants a password that ~/.pgpass did not give
};

class PublishJob {
public:
    explicit PublishJob(void (*wake)() = nullptr) : wake_(wake) {}
    void setWake(void (*wake)()) { wake_ = wake; }  // before start()
    ~PublishJob();
    PublishJob(const PublishJob&) = delete;
    PublishJob& operator=(const PublishJob&) = delete;

    // Starts publishing `projectPath` to `db`; `password`, when given, answers the server's question
    // for one (it lives only in this job). Does nothing while a publish runs.
    void start(std::string projectPath, std::string db, programme::PublishOptions options,
               std::optional<std::string> password = std::nullopt);
    bool running() const { return running_; }
    double fraction() const { return fraction_; }
    std::string step() const;
    std::optional<PublishOutcome> takeOutcome();

private:
    void (*wake_)() = nullptr;
    std::thread worker_;
    std::atomic<bool> running_{false};
    std::atomic<double> fraction_{0.0};
    mutable std::mutex mutex_;
    std::string step_;
    std::optional<PublishOutcome> outcome_;
};

}  // namespace samenkaart::gui
