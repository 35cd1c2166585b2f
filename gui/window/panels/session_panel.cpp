#include "gui/window/panels/session_panel.hpp"

#include <imgui.h>

#include <algorithm>
#include <charconv>
#include <map>

#include "engine/error.hpp"
#include "engine/text_encoding.hpp"
#include "gui/window/logic/write_failure.hpp"
#include "gui/window/panels/on_screen_keyboard.hpp"
#include "gui/window/panels/touch_widgets.hpp"
#include "gui/window/theme_imgui.hpp"

namespace samenkaart::gui {

std::optional<int64_t> SessionPanel::resumeLatest(ProjectState& project) {
    try {
        if (auto open = project.sessions().latestOpen()) return open->id;
    } catch (const Error& e) {
        project.noteReadFailure(e);  // no session continues; the status bar says why
    }
    return std::nullopt;
}

void SessionPanel::read(ProjectState& project) {
    readAt_ = project.generation();
    sessions_.clear();
    pinCounts_.clear();
    readError_.clear();
    try {
        sessions_ = project.sessions().list();
        for (const Pin& p : project.pins().list()) ++pinCounts_[p.sessionId];
    } catch (const Error& e) {
        readError_ = e.what();
    }
}

void SessionPanel::showStart() {
    view_ = View::Start;
    title_.clear();
    facilitator_.clear();
    location_.clear();
    participants_.clear();
    consent_ = false;
    error_.clear();
    writeFailed_ = false;
}

void SessionPanel::hide(const PanelContext& ctx) {
    if (ctx.keyboard) ctx.keyboard->detach();
    view_ = View::Hidden;
    writeFailed_ = false;
}

SessionPanel::Action SessionPanel::draw(const PanelContext& ctx, int64_t& sessionId, float bottomInset) {
    if (view_ == View::Hidden || !ctx.project) return Action::None;
    // Above the on-screen keyboard and the status bar.
    bottom_ = centredWindowBottom(ctx, bottomInset);
    beginCentredWindow("##session_panel",
                       std::min(640.0f * ctx.uiScale, ImGui::GetIO().DisplaySize.x - 32 * ctx.uiScale), bottom_);
    Action action = Action::None;
    switch (view_) {
        case View::Start:
            action = drawStart(ctx, sessionId);
            break;
        case View::List:
            action = drawList(ctx, sessionId);
            break;
        case View::ConfirmClose:
            action = drawConfirmClose(ctx, sessionId);
            break;
        case View::Hidden:
            break;
    }
    ImGui::End();
    if (action != Action::None) hide(ctx);
    return action;
}

SessionPanel::Action SessionPanel::drawStart(const PanelContext& ctx, int64_t& sessionId) {
    const float inner = ImGui::GetContentRegionAvail().x;
    heading(ctx.tr("session.start_title"));
    // One row of buttons (they stay in view; the fields below scroll).
    const float third = (inner - 2.0f * ImGui::GetStyle().ItemSpacing.x) / 3.0f;
    const bool start = bigButton(ctx, ctx.tr("session.start"), "session.start", third);
    ImGui::SameLine();
    if (bigButton(ctx, ctx.tr("form.cancel"), "session.cancel", third)) hide(ctx);
    ImGui::SameLine();
    // Earlier sessions, to review or reopen one instead of starting anew.
    if (bigButton(ctx, ctx.tr("session.earlier"), "session.earlier", third)) {
        if (ctx.keyboard) ctx.keyboard->detach();
        error_.clear();
        showList(*ctx.project);
        return Action::None;
    }
    if (!error_.empty()) {
        errorText(error_, inner);
    }
    // The fields scroll under the buttons: at UI scale 2 with the on-screen keyboard up they do not fit.
    const bool appearing = ImGui::IsWindowAppearing();
    beginScrollBody(startBody_, "##start_fields", bottom_);
    textField(ctx, (std::string(ctx.tr("session.title")) + " *").c_str(), "session.title", title_, false, appearing);
    textField(ctx, ctx.tr("session.facilitator"), "session.facilitator", facilitator_);
    textField(ctx, ctx.tr("session.location"), "session.location", location_);
    textField(ctx, ctx.tr("session.participants"), "session.participants", participants_);
    bigCheckbox(ctx, ctx.tr("session.consent"), "session.consent", consent_);
    endScrollBody(startBody_);
    endFooter(startBody_);
    if (!start) return Action::None;

    NewSession n;
    n.title = std::string(trimmed(title_));
    if (n.title.empty()) {
        error_ = ctx.tr("session.title_required");
        return Action::None;
    }
    if (!trimmed(facilitator_).empty()) n.facilitator = std::string(trimmed(facilitator_));
    if (!trimmed(location_).empty()) n.location = std::string(trimmed(location_));
    const std::string count(trimmed(participants_));
    if (!count.empty()) {
        int64_t v = 0;
        auto [end, ec] = std::from_chars(count.data(), count.data() + count.size(), v);
        if (ec != std::errc() || end != count.data() + count.size() || v < 0) {
            error_ = ctx.tr("session.participants_invalid");
            return Action::None;
        }
        n.participantCount = v;
    }
    n.consent = consent_;
    try {
        // One open session at a time: the one still open (a forgotten close, the sample's) ends now.
        sessionId = ctx.project->sessions().start(n, SessionStore::OtherOpen::Close);
    } catch (const Error& e) {
        error_ = writeFailureMessage(ctx.tr, ctx.project->path(), e, true);
        writeFailed_ = true;
        return Action::None;
    }
    return Action::Started;
}

SessionPanel::Action SessionPanel::drawList(const PanelContext& ctx, int64_t& sessionId) {
    const float s = ctx.uiScale;
    heading(ctx.tr("session.list_title"));
    if (!readError_.empty()) {
        errorText(readError_, ImGui::GetContentRegionAvail().x);
    }
    const std::vector<Session>& sessions = sessions_;
    bool showOthers = ctx.project->showOtherSessions();
    if (bigCheckbox(ctx, ctx.tr("session.show_others"), "session.show_others", showOthers))
        ctx.project->setShowOtherSessions(showOthers);
    Action action = Action::None;
    // The rows scroll (by finger drag too) between the heading and the buttons, which stay in view
    // however many sessions there are.
    beginScrollBody(listBody_, "##sessions", bottom_);
    const float buttonWidth = 150 * s;
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    for (auto it = sessions.rbegin(); it != sessions.rend(); ++it) {
        const Session& session = *it;
        ImGui::PushID(static_cast<int>(session.id));
        const bool current = ctx.project->currentSession() == session.id;
        // The text keeps to its column, wrapped, left of the two buttons.
        const float textWidth =
            std::max(ImGui::GetFontSize() * 4.0f, ImGui::GetContentRegionAvail().x - 2 * buttonWidth - 2 * spacing);
        ImGui::BeginGroup();
        const std::string title = session.title + (current ? "  \xE2\x97\x8F" : "");
        wrappedText(title.c_str(), textWidth);
        const std::string line =
            ctx.tr.formatDateTime(session.startedAt) + "  " +
            ctx.tr(session.isOpen() ? "session.open" : "session.closed") + "  " +
            ctx.tr.countOf(pinCounts_.contains(session.id) ? pinCounts_.at(session.id) : 0, "pins");
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
        wrappedText(line.c_str(), textWidth);
        ImGui::PopStyleColor();
        ImGui::EndGroup();
        ImGui::SameLine(ImGui::GetContentRegionAvail().x + ImGui::GetCursorPosX() - 2 * buttonWidth - spacing);
        if (session.isOpen() && !current && !ctx.kioskLocked) {
            if (bigButton(ctx, ctx.tr("session.continue"), ("session.continue." + std::to_string(session.id)).c_str(),
                          buttonWidth)) {
                sessionId = session.id;
                action = Action::Continued;
            }
        } else if (!session.isOpen() && !ctx.kioskLocked) {
            // A session closed by mistake, or a second evening of the same meeting.
            if (bigButton(ctx, ctx.tr("session.reopen"), ("session.reopen." + std::to_string(session.id)).c_str(),
                          buttonWidth)) {
                try {
                    ctx.project->sessions().reopen(session.id, SessionStore::OtherOpen::Close);
                    sessionId = session.id;
                    action = Action::Continued;
                } catch (const Error& e) {
                    error_ = writeFailureMessage(ctx.tr, ctx.project->path(), e, false);
                    writeFailed_ = true;
                }
            }
        } else {
            ImGui::Dummy(ImVec2(buttonWidth, kTouchTarget * s));
        }
        ImGui::SameLine();
        if (bigButton(ctx, ctx.tr("session.review"), ("session.review." + std::to_string(session.id)).c_str(),
                      buttonWidth)) {
            sessionId = session.id;
            action = Action::ShowSummary;
        }
        ImGui::PopID();
    }
    endScrollBody(listBody_);
    if (!error_.empty()) {
        errorText(error_, ImGui::GetContentRegionAvail().x);
    }
    // Export and publish share a row: both are the facilitator's (behind the PIN when locked).
    const float half = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) * 0.5f;
    if (bigButton(ctx, ctx.tr("session.export"), "session.export", half)) action = Action::Export;
    ImGui::SameLine();
    if (bigButton(ctx, ctx.tr("session.publish"), "session.publish", -1)) action = Action::Publish;
    if (!ctx.kioskLocked) {
        // New and Close share the next row, so the list keeps its room for the sessions.
        const bool closable = ctx.project->currentSession().has_value();
        if (bigButton(ctx, ctx.tr("session.new"), "session.new", closable ? half : -1.0f)) showStart();
        if (closable) {
            ImGui::SameLine();
            if (bigButton(ctx, ctx.tr("session.close"), "session.close", -1)) view_ = View::ConfirmClose;
        }
    }
    if (bigButton(ctx, ctx.tr("card.close"), "session.list_close", -1)) hide(ctx);
    endFooter(listBody_);
    return action;
}

SessionPanel::Action SessionPanel::drawConfirmClose(const PanelContext& ctx, int64_t& sessionId) {
    const float inner = ImGui::GetContentRegionAvail().x;
    heading(ctx.tr("session.close_confirm"));
    wrappedText(ctx.tr("session.close_explain"), inner);
    if (!error_.empty()) wrappedText(error_.c_str(), inner);
    const float half = (inner - ImGui::GetStyle().ItemSpacing.x) * 0.5f;
    const bool yes = bigButton(ctx, ctx.tr("session.close"), "session.close_yes", half);
    ImGui::SameLine();
    if (bigButton(ctx, ctx.tr("form.cancel"), "session.close_no", half)) hide(ctx);
    if (!yes || !ctx.project->currentSession()) return Action::None;
    try {
        ctx.project->sessions().close(*ctx.project->currentSession());
    } catch (const Error& e) {
        error_ = writeFailureMessage(ctx.tr, ctx.project->path(), e, false);
        writeFailed_ = true;
        return Action::None;
    }
    sessionId = *ctx.project->currentSession();
    return Action::Closed;
}

}  // namespace samenkaart::gui
