#include "gui/window/project_state.hpp"

#include <iostream>

#include "engine/error.hpp"
#include "engine/programme/programme_view.hpp"

namespace samenkaart::gui {
namespace {

constexpr int kWindowBusyTimeoutMs = 250;

}  // namespace

ProjectState::ProjectState(const std::string& path, void (*onLoaded)(), std::unique_ptr<MapLoader> loader,
                           bool readOnly)
    : path_(path),
      readOnly_(readOnly),
      project_(Project::open(path, readOnly)),
      pins_(*project_),
      sessions_(project_->db()) {
    if (readOnly_) {
        programmeServer_ = project_->meta("programme_server").value_or("");
        werkplaatsen_ = programme::programmeViewWerkplaatsen(project_->db());
    }
    // Saves run on the UI thread: a lock held elsewhere is reported (with a retry) after a quarter
    // second instead of freezing the window for the default five. Another window's commits take
    // about a millisecond, so two windows on one project still never see each other as busy.
    project_->db().setBusyTimeout(kWindowBusyTimeoutMs);
    // Every pin is a durable commit: with the log's blocks in place, each costs about 0.3 ms of fsync.
    if (!readOnly_) project_->db().reserveWriteAheadLog(kSessionWriteAheadLogBytes);
    loader_ = loader ? std::move(loader) : std::make_unique<MapLoader>(path, onLoaded);
}

bool ProjectState::changedElsewhere() {
    std::optional<int64_t> now;
    try {
        now = project_->db().queryInt("PRAGMA data_version");
    } catch (const Error&) {
        return false;  // locked for a moment: ask again next time
    }
    const bool changed = dataVersion_ && now && *now != *dataVersion_;
    dataVersion_ = now;
    return changed;
}

void ProjectState::reload() { loader_->restart(); }

ProjectState::~ProjectState() = default;

std::shared_ptr<const mapping::MapSnapshot> ProjectState::takeSnapshot() { return loader_->takeSnapshot(); }

mapping::MapSnapshotOptions::Timings ProjectState::loadTimings() { return loader_->timings(); }

std::optional<std::string> ProjectState::takeLoadError() { return loader_->takeError(); }

void ProjectState::refreshFacts() {
    ++generation_;
    try {
        Facts facts;
        if (currentSession_) facts.currentSession = sessions_.find(*currentSession_);
        facts.canUndo = pins_.canUndo();
        facts.canRedo = pins_.canRedo();
        facts_ = std::move(facts);
        readFailure_.clear();
    } catch (const Error& e) {
        noteReadFailure(e);
    }
}

void ProjectState::noteReadFailure(const Error& error) {
    if (readFailure_ != error.what()) std::cerr << "samenkaart: cannot read " << error.what() << "\n";
    readFailure_ = error.what();
}

std::optional<Pin> ProjectState::readPin(std::string_view id) {
    try {
        return pins_.find(std::string(id));
    } catch (const Error& e) {
        noteReadFailure(e);
        return std::nullopt;
    }
}

void ProjectState::refreshPins(const mapping::MapSnapshot& snapshot, float radiusPx) {
    PinFilter filter;
    filter.sessionId = showOtherSessions_ ? shown_.session : currentSession_.value_or(-1);
    if (shown_.werkplaats) {
        const auto it = werkplaatsen_.find(*shown_.werkplaats);
        filter.sessionIds = it == werkplaatsen_.end() ? std::vector<int64_t>{} : it->second;
    }
    if (!shown_.hiddenCategories.empty()) {
        filter.categories.emplace();
        for (const Category& c : snapshot.categories)
            if (!shown_.hiddenCategories.contains(c.code)) filter.categories->push_back(c.code);
    }
    const CalendarDay today = localToday();
    applyPeriod(filter, shown_.period, today);
    PinPlaces pins;
    try {
        pins = pins_.listPlaces(filter);
        livePins_ = filter.narrows()
                        ? static_cast<size_t>(
                              project_->db().queryInt("SELECT count(*) FROM pins WHERE deleted_at IS NULL").value_or(0))
                        : pins.size();
    } catch (const Error& e) {
        noteReadFailure(e);  // the map keeps the pins it shows
        return;
    }
    filter_ = std::move(filter);
    readOn_ = today;
    pinSnapshot_ = mapping::preparePins(std::move(pins), snapshot.categories, radiusPx, &snapshot.boundaryPicker);
}

}  // namespace samenkaart::gui
