#include "gui/window/logic/export_job.hpp"

#include <exception>
#include <utility>

#include "engine/error.hpp"

namespace samenkaart::gui {

ExportJob::~ExportJob() {
    if (worker_.joinable()) worker_.join();
}

void ExportJob::start(std::string projectPath, std::string outPath, ExportOptions options) {
    if (running_) return;
    if (worker_.joinable()) worker_.join();
    running_ = true;
    fraction_ = 0.0;
    step_ = ExportStep::Opening;
    {
        std::lock_guard lock(mutex_);
        outcome_.reset();
    }
    worker_ = std::thread(
        [this, projectPath = std::move(projectPath), outPath = std::move(outPath), options = std::move(options)] {
            ExportOutcome outcome;
            try {
                outcome.report = exportProject(projectPath, outPath, options, [this](ExportStep step, double fraction) {
                    step_ = step;
                    fraction_ = fraction;
                    if (wake_) wake_();
                });
            } catch (const Error& e) {
                outcome.error = e.what();  // "<file or object>: <cause>"
                outcome.kind = e.kind();
            } catch (const std::exception& e) {
                outcome.error = e.what();  // bad_alloc, filesystem: only words
            }
            {
                std::lock_guard lock(mutex_);
                outcome_ = std::move(outcome);
            }
            running_ = false;
            if (wake_) wake_();
        });
}

std::optional<ExportOutcome> ExportJob::takeOutcome() {
    std::lock_guard lock(mutex_);
    return std::exchange(outcome_, std::nullopt);
}

}  // namespace samenkaart::gui
