// One export running on a worker thread, so the window keeps drawing. The worker opens the project
// with its own read-only connection (exportProject does), never the window's; its progress is read
// through atomics and its outcome handed back once through a mutex-guarded slot.
#pragma once

#include <atomic>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "engine/error.hpp"
#include "engine/export/project_export.hpp"

namespace samenkaart::gui {

struct ExportOutcome {
    std::optional<ExportReport> report;  // set when the file was written
    std::string error;                   // else the engine's message: "<file or object>: <cause>"
    ErrorKind kind = ErrorKind::Other;   // and what happened (Other for a failure that is no Error)
};

class ExportJob {
public:
    // `wake` is called on the worker when the export ends and when it moves on a step (to wake an
    // idle UI loop); it may be null.
    explicit ExportJob(void (*wake)() = nullptr) : wake_(wake) {}
    void setWake(void (*wake)()) { wake_ = wake; }  // before start()
    ~ExportJob();
    ExportJob(const ExportJob&) = delete;
    ExportJob& operator=(const ExportJob&) = delete;

    // Starts exporting; does nothing while an export runs.
    void start(std::string projectPath, std::string outPath, ExportOptions options);
    bool running() const { return running_; }
    double fraction() const { return fraction_; }
    ExportStep step() const { return step_; }
    // The outcome once, after the worker finished; then nullopt.
    std::optional<ExportOutcome> takeOutcome();

private:
    void (*wake_)() = nullptr;
    std::thread worker_;
    std::atomic<bool> running_{false};
    std::atomic<double> fraction_{0.0};
    std::atomic<ExportStep> step_{ExportStep::Opening};
    std::mutex mutex_;
    std::optional<ExportOutcome> outcome_;
};

}  // namespace samenkaart::gui
