#include "gui/window/panels/session_summary.hpp"

#include <imgui.h>

#include <map>
#include <utility>

#include "engine/error.hpp"
#include "gui/window/panels/category_palette.hpp"
#include "gui/window/panels/touch_widgets.hpp"
#include "gui/window/theme_imgui.hpp"
#include "mapping/map_style.hpp"

namespace samenkaart::gui {

SessionSummary::~SessionSummary() {
    if (worker_.joinable()) worker_.join();
}

bool SessionSummary::writingMap() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return running_;
}

void SessionSummary::startWriting(const PanelContext& ctx) {
    if (writingMap()) return;
    if (!writeMap_) {
        message_ = ctx.tr("summary.png_unavailable");
        return;
    }
    SessionMapJob job;
    try {
        // On this thread: the project's connection, and GLFW's windows (the picture's GL context).
        job = writeMap_(*sessionId_, ctx.project->sessions().get(*sessionId_).title);
    } catch (const Error& e) {
        message_ = std::string(ctx.tr("summary.png_failed")) + " " + e.what();
        return;
    }
    if (worker_.joinable()) worker_.join();
    {
        std::lock_guard<std::mutex> lock(mutex_);
        running_ = true;
        donePath_.reset();
        doneError_.reset();
    }
    message_ = ctx.tr("summary.png_writing");
    writtenPath_.clear();
    // Drawing the picture takes a second or more on software OpenGL: the window stays usable meanwhile.
    worker_ = std::thread([this, job = std::move(job)] {
        std::optional<std::string> path, error;
        try {
            path = job();
        } catch (const Error& e) {
            error = e.what();
        } catch (const std::exception& e) {
            error = e.what();
        }
        {
            std::lock_guard<std::mutex> lock(mutex_);
            donePath_ = std::move(path);
            doneError_ = std::move(error);
            running_ = false;
        }
        if (wake_) wake_();
    });
}

void SessionSummary::takeWritten(const PanelContext& ctx) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (running_) return;
    if (donePath_) writtenPath_ = *std::exchange(donePath_, std::nullopt);
    if (doneError_)
        message_ = std::string(ctx.tr("summary.png_failed")) + " " + *std::exchange(doneError_, std::nullopt);
}

void SessionSummary::draw(const PanelContext& ctx, float bottomInset) {
    if (!sessionId_ || !ctx.project || !ctx.snapshot) return;
    if (std::exchange(writeNow_, false)) startWriting(ctx);
    takeWritten(ctx);
    const float s = ctx.uiScale;
    const float bottom = centredWindowBottom(ctx, bottomInset);
    beginCentredWindow("##session_summary", std::min(720.0f * s, ImGui::GetIO().DisplaySize.x - 32 * s), bottom);
    const float inner = ImGui::GetContentRegionAvail().x;
    std::optional<Session> session;
    std::vector<Pin> pins;
    try {
        session = ctx.project->sessions().find(*sessionId_);
        PinFilter f;
        f.sessionId = *sessionId_;
        pins = ctx.project->pins().list(f);
    } catch (const Error& e) {
        message_ = e.what();
    }
    heading(ctx.tr("summary.title"));
    if (session) heading(session->title.c_str());
    ImGui::Separator();

    // The session's facts, counts and pin list scroll; the heading above and the buttons below
    // stay in view (a long path to the written map takes room from the list, not from Close).
    beginScrollBody(body_, "##summary_body", bottom);
    if (session) {
        std::string line = ctx.tr.formatDateTime(session->startedAt);
        if (session->endedAt) line += " \xE2\x80\x93 " + ctx.tr.formatDateTime(*session->endedAt);
        ImGui::TextDisabled("%s", line.c_str());
        if (session->facilitator) ImGui::Text("%s: %s", ctx.tr("session.facilitator"), session->facilitator->c_str());
        if (session->location) ImGui::Text("%s: %s", ctx.tr("session.location"), session->location->c_str());
        if (session->participantCount)
            ImGui::Text("%s: %s", ctx.tr("session.participants"),
                        ctx.tr.formatNumber(static_cast<double>(*session->participantCount), 0).c_str());
        ImGui::TextUnformatted(ctx.tr(session->consent ? "summary.consent_yes" : "summary.consent_no"));
        ImGui::Separator();
    }
    std::map<std::string, int> perCategory;
    std::map<std::string, int> perBuurt;
    for (const Pin& p : pins) {
        ++perCategory[p.category];
        auto b = ctx.snapshot->boundaryPicker.pick(p.position);
        perBuurt[b ? ctx.snapshot->boundaries[*b].name : std::string(ctx.tr("counts.outside"))]++;
    }
    const float column = inner * 0.5f;
    ImGui::BeginGroup();
    ImGui::TextDisabled("%s", ctx.tr("summary.per_category"));
    for (const Category& c : ctx.snapshot->categories) {
        ImGui::TextColored(categoryInk(c.colour), "%s", categoryLabel(ctx, c).c_str());
        ImGui::SameLine(column * 0.75f);
        ImGui::TextUnformatted(ctx.tr.formatNumber(perCategory[c.code], 0).c_str());
    }
    ImGui::Text("%s", ctx.tr("card.total"));
    ImGui::SameLine(column * 0.75f);
    ImGui::TextUnformatted(ctx.tr.formatNumber(static_cast<double>(pins.size()), 0).c_str());
    ImGui::EndGroup();
    ImGui::SameLine(column);
    ImGui::BeginGroup();
    ImGui::TextDisabled("%s", ctx.tr("summary.per_buurt"));
    for (const auto& [name, count] : perBuurt) {
        ImGui::TextUnformatted(name.c_str());
        ImGui::SameLine(column * 0.75f);  // inside a group, offsets count from the group's left edge
        ImGui::TextUnformatted(ctx.tr.formatNumber(count, 0).c_str());
    }
    ImGui::EndGroup();
    ImGui::Separator();

    ImGui::TextDisabled("%s", ctx.tr("summary.pins"));
    for (const Pin& p : pins) {
        std::string label = p.category;
        for (const Category& c : ctx.snapshot->categories)
            if (c.code == p.category) label = categoryLabel(ctx, c);
        ImGui::Text("%s", p.title.c_str());
        ImGui::SameLine(inner * 0.6f);
        ImGui::TextDisabled("%s", label.c_str());
    }
    endScrollBody(body_);
    ImGui::Separator();

    // Where the picture is, in full (the facilitator takes it from there), or why it is not;
    // then the two buttons side by side, so that the list keeps room on a short screen.
    const bool writing = writingMap();
    if (!writtenPath_.empty()) {
        wrappedText((std::string(ctx.tr("summary.png_written")) + " " + writtenPath_).c_str(), inner);
        noteItem(ctx, "summary.png_path");
    } else if (!message_.empty()) {
        wrappedText(message_.c_str(), inner);
        noteItem(ctx, writing ? "summary.png_writing" : "summary.message");
    }
    const float half = (inner - ImGui::GetStyle().ItemSpacing.x) * 0.5f;
    if (!ctx.kioskLocked) {
        ImGui::BeginDisabled(writing);
        if (bigButton(ctx, ctx.tr("summary.write_png"), "summary.write_png", half)) startWriting(ctx);
        ImGui::EndDisabled();
        ImGui::SameLine();
    }
    if (bigButton(ctx, ctx.tr("card.close"), "summary.close", ctx.kioskLocked ? -1.0f : half)) close();
    endFooter(body_);
    ImGui::End();
}

}  // namespace samenkaart::gui
