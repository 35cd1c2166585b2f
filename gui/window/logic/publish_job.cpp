#include "gui/window/logic/publish_job.hpp"

#include <exception>
#include <utility>

#include "engine/programme/pg_connection.hpp"

namespace samenkaart::gui {

PublishJob::~PublishJob() {
    if (worker_.joinable()) worker_.join();
}

void PublishJob::start(std::string projectPath, std::string db, programme::PublishOptions options,
                       std::optional<std::string> password) {
    if (running_) return;
    if (worker_.joinable()) worker_.join();
    running_ = true;
    fraction_ = 0.0;
    {
        std::lock_guard lock(mutex_);
        outcome_.reset();
        step_.clear();
    }
    worker_ = std::thread([this, projectPath = std::move(projectPath), db = std::move(db), options = std::move(options),
                           password = std::move(password)]() mutable {
        PublishOutcome outcome;
        options.progress = [this](const std::string& step, double done) {
            {
                std::lock_guard lock(mutex_);
                step_ = step;
            }
            fraction_ = done;
            if (wake_) wake_();
        };
        pg::ConnectOptions connect;
        connect.askPassword = [&password, &outcome](const std::string&) {
            outcome.passwordAsked = true;
            return password;
        };
        try {
            pg::Connection c = pg::Connection::open(db, connect);
            outcome.receipt = programme::publishProject(projectPath, c, options);
        } catch (const Error& e) {
            outcome.error = e.what();
            outcome.kind = e.kind();
        } catch (const std::exception& e) {
            outcome.error = e.what();
        }
        {
            std::lock_guard lock(mutex_);
            outcome_ = std::move(outcome);
        }
        running_ = false;
        if (wake_) wake_();
    });
}

std::string PublishJob::step() const {
    std::lock_guard lock(mutex_);
    return step_;
}

std::optional<PublishOutcome> PublishJob::takeOutcome() {
    std::lock_guard lock(mutex_);
    return std::exchange(outcome_, std::nullopt);
}

}  // namespace samenkaart::gui
