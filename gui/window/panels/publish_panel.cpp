#include "gui/window/panels/publish_panel.hpp"

#include <imgui.h>

#include <algorithm>

#include "engine/project.hpp"
#include "gui/window/logic/settings.hpp"
#include "gui/window/panels/on_screen_keyboard.hpp"
#include "gui/window/project_state.hpp"
#include "gui/window/theme_imgui.hpp"

namespace samenkaart::gui {

const char* publishFailureKey(ErrorKind kind) {
    switch (kind) {
        case ErrorKind::Unreachable:
            return "publish.unreachable";
        case ErrorKind::Denied:
            return "publish.denied";
        case ErrorKind::NotFound:
            return "publish.not_found";
        case ErrorKind::BadInput:
            return "publish.bad_input";
        default:
            return "publish.failed";
    }
}

std::vector<std::string> receiptLines(const Translator& tr, const programme::PublishReceipt& r) {
    auto number = [&tr](int64_t n) { return tr.formatNumber(static_cast<double>(n), 0); };
    std::vector<std::string> lines;
    if (r.nothingNew) {
        lines.emplace_back(tr("publish.nothing_new"));
    } else {
        lines.push_back(fillIn(tr("publish.sent"), tr.countOf(r.pinsSent, "pins")) + " (" + number(r.pinsNew) + " " +
                        tr("publish.new") + ", " + number(r.pinsChanged) + " " + tr("publish.changed") + ", " +
                        number(r.pinsDeleted) + " " + tr("publish.deleted") + ")");
        if (r.pinsWithdrawn > 0) lines.push_back(fillIn(tr("publish.withdrawn"), tr.countOf(r.pinsWithdrawn, "pins")));
    }
    lines.push_back(fillIn(tr("publish.server_holds"), tr.countOf(r.serverPins, "pins")));
    if (!r.refused.empty()) {
        lines.push_back(fillIn(tr("publish.refused"), tr.countOf(static_cast<long>(r.refused.size()), "pins")));
        for (const programme::RefusedPin& p : r.refused) lines.push_back("  " + p.id + ": " + p.reason);
    }
    if (r.leftOutUnconsented > 0)
        lines.push_back(fillIn(tr("publish.stayed_home"), tr.countOf(r.leftOutUnconsented, "pins")));
    if (!r.countsMatch()) lines.emplace_back(tr("publish.counts_differ"));
    if (!r.notRecorded.empty()) lines.push_back(std::string(tr("publish.not_recorded")) + " (" + r.notRecorded + ")");
    return lines;
}

void PublishPanel::open(const PanelContext& ctx) {
    if (!ctx.project || job_.running()) return;
    error_.clear();
    receipt_.reset();
    password_.clear();
    askPassword_ = false;
    projectPath_ = ctx.project->path();
    db_ = lastProgrammeDb().value_or("");
    last_.reset();
    try {
        const auto history = programme::publishHistory(ctx.project->project());
        if (!history.empty()) {
            last_ = history.front();
            werkplaats_ = history.front().werkplaats;
        }
    } catch (const Error& e) {
        error_ = e.what();
    }
    view_ = View::Form;
}

void PublishPanel::close(const PanelContext& ctx) {
    if (job_.running()) return;  // one transaction is on its way: the dialog stays until it ends
    if (ctx.keyboard) ctx.keyboard->detach();
    password_.clear();
    view_ = View::Hidden;
}

void PublishPanel::start(const PanelContext& ctx) {
    error_.clear();
    if (db_.empty()) {
        error_ = ctx.tr("publish.no_server");
        return;
    }
    programme::PublishOptions options;
    if (!werkplaats_.empty()) options.werkplaats = werkplaats_;
    if (ctx.keyboard) ctx.keyboard->detach();
    job_.start(projectPath_, db_, options, askPassword_ ? std::optional<std::string>(password_) : std::nullopt);
    view_ = View::Running;
}

void PublishPanel::draw(const PanelContext& ctx, float bottomInset) {
    if (view_ == View::Hidden) return;
    const float inner = beginTopDialog(ctx, "##publish", bottomInset).inner;
    if (view_ == View::Running) {
        if (auto outcome = job_.takeOutcome()) {
            if (outcome->receipt) {
                receipt_ = std::move(outcome->receipt);
                rememberProgrammeDb(db_);
                if (ctx.project) {
                    ctx.project->markPinsChanged();  // the window reads the project's facts again
                    try {
                        const auto history = programme::publishHistory(ctx.project->project());
                        if (!history.empty()) last_ = history.front();
                    } catch (const Error&) {
                        last_.reset();  // shown again when the dialog opens next time
                    }
                }
                password_.clear();
                view_ = View::Done;
            } else {
                if (outcome->passwordAsked && !askPassword_) {
                    askPassword_ = true;  // the field appears; nothing was sent
                    error_ = ctx.tr("publish.password_needed");
                } else {
                    error_ = std::string(ctx.tr(publishFailureKey(outcome->kind))) + "\n(" + outcome->error + ")";
                }
                view_ = View::Form;
            }
        }
    }
    switch (view_) {
        case View::Form:
            drawForm(ctx, inner);
            break;
        case View::Running:
            drawRunning(ctx, inner);
            break;
        case View::Done:
            drawDone(ctx, inner);
            break;
        case View::Hidden:
            break;
    }
    ImGui::End();
}

void PublishPanel::drawForm(const PanelContext& ctx, float inner) {
    const ImGuiStyle& style = ImGui::GetStyle();
    heading(ctx.tr("publish.title"));
    const float half = (inner - style.ItemSpacing.x) * 0.5f;
    const bool go = bigButton(ctx, ctx.tr("publish.start"), "publish.start", half);
    ImGui::SameLine();
    bool cancel = bigButton(ctx, ctx.tr("form.cancel"), "publish.cancel", half);
    if (!error_.empty()) {
        errorText(error_, inner);
        noteItem(ctx, "publish.error");
    }
    ImGui::Separator();
    if (last_)
        wrappedText((fillIn(ctx.tr("publish.last"), ctx.tr.formatDateTime(last_->publishedAt)) + " (" + last_->server +
                     ", " + last_->werkplaats + ")")
                        .c_str(),
                    inner);
    else
        wrappedText(ctx.tr("publish.never"), inner);
    noteItem(ctx, "publish.last");
    wrappedText(ctx.tr("publish.explain"), inner);
    textField(ctx, ctx.tr("publish.server"), "publish.server", db_);
    if (!last_) textField(ctx, ctx.tr("publish.werkplaats"), "publish.werkplaats", werkplaats_);
    bool enter = false;
    if (askPassword_) enter = passwordField(ctx, ctx.tr("publish.password"), "publish.password", password_);
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false)) cancel = true;
    if (ctx.keyboard && ctx.keyboard->takeEnter()) {
        ctx.keyboard->detach();
        enter = enter || askPassword_;
    }
    if (cancel)
        close(ctx);
    else if (go || enter)
        start(ctx);
}

void PublishPanel::drawRunning(const PanelContext& ctx, float inner) {
    heading(ctx.tr("publish.running"));
    wrappedText(db_.c_str(), inner);
    ImGui::ProgressBar(static_cast<float>(job_.fraction()), ImVec2(inner, kTouchTarget * ctx.uiScale));
    noteItem(ctx, "publish.progress");
    wrappedText(ctx.tr("publish.wait"), inner);
}

void PublishPanel::drawDone(const PanelContext& ctx, float inner) {
    if (!receipt_) return;
    heading(ctx.tr(receipt_->nothingNew ? "publish.done_nothing" : "publish.done"));
    wrappedText((receipt_->server + " (" + receipt_->werkplaats + ")").c_str(), inner);
    ImGui::PushStyleColor(ImGuiCol_Text, imColour(theme::kSuccess));
    for (const std::string& line : receiptLines(ctx.tr, *receipt_)) wrappedText(line.c_str(), inner);
    ImGui::PopStyleColor();
    noteItem(ctx, "publish.receipt");
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + 8 * ctx.uiScale);
    if (bigButton(ctx, ctx.tr("card.close"), "publish.close", -1) ||
        ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false))
        close(ctx);
}

}  // namespace samenkaart::gui
