#include "gui/window/session_screen.hpp"

#include <imgui.h>

#include "engine/error.hpp"
#include "gui/window/logic/write_failure.hpp"
#include "gui/window/panels/touch_widgets.hpp"
#include "gui/window/theme_imgui.hpp"
#include "gui/window/widget_rects.hpp"
#include "mapping/map_style.hpp"

namespace samenkaart::gui {

namespace {

// Whether the pin just saved is one the map's filter leaves out (a hidden kind, another session).
bool pinHiddenByFilter(const PanelContext& ctx, const std::string& pinId) {
    if (!ctx.project->filtering()) return false;
    try {
        const std::optional<Pin> pin = ctx.project->pins().find(pinId);
        return pin && !matches(ctx.project->pinFilter(), *pin);
    } catch (const Error& e) {
        ctx.project->noteReadFailure(e);
        return false;
    }
}

}  // namespace

void SessionScreen::start(ProjectState& project, const Settings& settings) {
    settings_ = settings;
    if (project.readOnly()) return;  // the programme view: no session to continue, no lock, no draft
    project.setCurrentSession(SessionPanel::resumeLatest(project));
    kiosk_.load(project);
    restoreDraft(project);
}

void SessionScreen::restoreDraft(ProjectState& project) {
    // What was typed into a pin form when the window closed, crashed or was killed comes back.
    try {
        std::optional<PinDraft> draft = PinDraftStore(project.project()).load();
        if (!draft) return;
        if (draft->pinId) {
            const std::optional<Pin> pin = project.pins().find(*draft->pinId);
            if (!pin || !pin->isLive()) return;  // deleted since (by undo, or elsewhere): nothing to edit
            form_.restoreDraft(*draft, &*pin);
            workflow_.edit(pin->id);
            return;
        }
        // A new pin goes to its own session; if that was closed since, to the one open now.
        const std::optional<Session> own = project.sessions().find(draft->sessionId);
        if ((!own || !own->isOpen()) && project.currentSession()) draft->sessionId = *project.currentSession();
        form_.restoreDraft(*draft, nullptr);
    } catch (const Error&) {
        // An unreadable draft leaves the form closed; the map and the pins are what matter.
    }
}

bool SessionScreen::handleTap(const PanelContext& ctx, const MapTap& tap) {
    if (!ctx.project || form_.isOpen()) return true;  // the form is open: the map waits
    const auto& pins = ctx.project->pinSnapshot().pins;
    const std::optional<std::string> pinId =
        tap.pin && *tap.pin < pins.size() ? std::optional(std::string(pins.id(*tap.pin))) : std::nullopt;
    const auto session = ctx.project->currentSession();
    if (ctx.project->readOnly()) {
        // The programme view: a tap on a pin shows its card; anything else is the buurt's (the app's).
        if (tap.kind != MapTap::Kind::Tap) return true;
        if (!pinId) {
            card_.close();
            return false;
        }
        card_.show(*ctx.project, *pinId);
        counts_.close();
        return true;
    }
    switch (tap.kind) {
        case MapTap::Kind::Tap:
            if (workflow_.step() == PinWorkflow::Step::Moving) {
                if (workflow_.tapMap(tap.world)) {
                    try {
                        ctx.project->pins().move(workflow_.pinId(), tap.world);
                        ctx.project->markPinsChanged();
                        toast_.success(ctx.tr("toast.moved"), ImGui::GetTime());
                    } catch (const Error& e) {
                        toast_.failure(writeFailureMessage(ctx.tr, ctx.project->path(), e, false), ImGui::GetTime());
                    }
                }
                workflow_.finish();
                return true;
            }
            if (workflow_.step() == PinWorkflow::Step::Armed && session) {
                const std::string category = workflow_.category();
                workflow_.tapMap(tap.world);
                form_.openNew(tap.world, category, *session);
                card_.close();
                return true;
            }
            if (pinId) {
                card_.show(*ctx.project, *pinId);
                counts_.close();
                return true;
            }
            card_.close();
            return false;
        case MapTap::Kind::LongPress:
            if (pinId) {
                // Placed before the lock (or not readable just now): it stays where it is.
                if (const std::optional<Pin> pin = ctx.project->readPin(*pinId);
                    !pin || !kiosk_.rules().mayChangePin(*pin))
                    return true;
                // Held on a pin: the drag that follows moves it.
                dragPin_ = *pinId;
                dragTo_ = pins.position(*tap.pin);
                return true;
            }
            if (session && workflow_.longPressMap(tap.world)) {
                form_.openNew(tap.world, workflow_.category(), *session);
                card_.close();
            }
            return true;
        case MapTap::Kind::HoldDrag:
            if (!dragPin_.empty()) dragTo_ = tap.world;
            return true;
        case MapTap::Kind::HoldEnd:
            if (!dragPin_.empty() && dragTo_) {
                try {
                    ctx.project->pins().move(dragPin_, tap.world);
                    ctx.project->markPinsChanged();
                    toast_.success(ctx.tr("toast.moved"), ImGui::GetTime());
                } catch (const Error& e) {
                    toast_.failure(writeFailureMessage(ctx.tr, ctx.project->path(), e, false), ImGui::GetTime());
                }
            }
            dragPin_.clear();
            dragTo_.reset();
            return true;
    }
    return false;
}

void SessionScreen::undoOrRedo(const PanelContext& ctx, bool undo, double now) {
    try {
        auto step = undo ? ctx.project->pins().undo() : ctx.project->pins().redo();
        ctx.project->markPinsChanged();
        if (step) toast_.success(std::string(ctx.tr(undo ? "toast.undone" : "toast.redone")) + ": " + step->title, now);
    } catch (const Error& e) {
        toast_.failure(writeFailureMessage(ctx.tr, ctx.project->path(), e, false), now);
    }
}

void SessionScreen::ringCardPin(const PanelContext& ctx) {
    const mapping::PinSnapshot& pins = ctx.project->pinSnapshot();
    const std::optional<std::string>& id = card_.pinId();
    if (!id) {
        ctx.map.setPinRing(std::nullopt);
        return;
    }
    // Looked up once per card and set of pins, not each frame (a million pins in the programme view).
    if (ringed_.revision != pins.revision || ringed_.id != *id) ringed_ = {pins.revision, *id, pins.indexOf(*id)};
    ctx.map.setPinRing(ringed_.index);
}

void SessionScreen::drawMarkers(const PanelContext& ctx) {
    if (!ctx.snapshot || !ctx.project) return;
    ImDrawList* d = ImGui::GetBackgroundDrawList();
    const float s = ctx.uiScale;
    const auto& view = ctx.map.viewport();
    // Where each pin is, for scripted tests to tap it: up to a few thousand pins (a benchmark's
    // 100,000 would cost each frame far more than drawing it, and no test taps those).
    constexpr size_t kMostPinsNoted = 5000;
    if (ctx.rects && ctx.map.pinView() == mapping::PinView::Clusters) {
        // With clusters, what is on screen: each cluster as cluster.COUNT.N (N: its place, the largest
        // first) and the pins drawn alone or fanned out where they are drawn.
        const auto& pins = ctx.project->pinSnapshot().pins;
        size_t n = 0;
        for (const mapping::MapMarker& m : ctx.map.markers()) {
            const Point at = view.worldToScreen(m.world);
            const auto x = static_cast<float>(at.x + m.offsetPx.x), y = static_cast<float>(at.y + m.offsetPx.y);
            const float r = m.pin ? 8 * s : m.radiusPx;
            const std::string name = m.pin && *m.pin < pins.size()
                                         ? "pin." + std::string(pins.id(*m.pin))
                                         : "cluster." + std::to_string(m.count) + "." + std::to_string(n++);
            ctx.rects->note(name, {x - r, y - r, x + r, y + r});
        }
    } else if (ctx.rects && ctx.map.pinView() == mapping::PinView::Pins &&
               ctx.project->pinSnapshot().pins.size() <= kMostPinsNoted) {
        const PinPlaces& pins = ctx.project->pinSnapshot().pins;
        for (size_t i = 0; i < pins.size(); ++i) {
            const Point at = view.worldToScreen(pins.position(i));
            ctx.rects->note("pin." + std::string(pins.id(i)),
                            {static_cast<float>(at.x) - 8 * s, static_cast<float>(at.y) - 8 * s,
                             static_cast<float>(at.x) + 8 * s, static_cast<float>(at.y) + 8 * s});
        }
    }
    auto marker = [&](Point world, const std::string& category) {
        const Point at = view.worldToScreen(world);
        ImU32 colour = imColourU32(theme::kUnknownCategory);
        const Category* known = nullptr;
        for (const Category& c : ctx.snapshot->categories)
            if (c.code == category) {
                colour = imColourU32(colourFromHex(c.colour));
                known = &c;
            }
        const ImVec2 p(static_cast<float>(at.x), static_cast<float>(at.y));
        // A dashed ring says "not saved yet".
        d->AddCircle(p, 20 * s, imColourU32(theme::kPinRim), 24, 6 * s);
        d->AddCircle(p, 20 * s, colour, 24, 3 * s);
        // Its symbol, as the saved pin will have it: not told by colour alone.
        if (known)
            drawCategoryIcon(known->icon, p.x, p.y, 11 * s, known->colour, d);
        else
            d->AddCircleFilled(p, 11 * s, colour, 20);
    };
    if (auto at = form_.position()) marker(*at, form_.category());
    if (dragTo_ && !dragPin_.empty()) {
        const mapping::PinSnapshot& pins = ctx.project->pinSnapshot();
        const std::optional<size_t> dragged = pins.indexOf(dragPin_);
        marker(*dragTo_, dragged ? std::string(pins.pins.category(*dragged)) : std::string());
    }
}

std::optional<Settings> SessionScreen::draw(const PanelContext& ctx, float bottomInset, double now) {
    if (!ctx.project) return std::nullopt;
    drawMarkers(ctx);
    ringCardPin(ctx);
    std::optional<Settings> changed;

    const bool readOnly = ctx.project->readOnly();
    const bool canUndo = !kiosk_.locked() && !readOnly && ctx.project->facts().canUndo;
    const bool canRedo = !kiosk_.locked() && !readOnly && ctx.project->facts().canRedo;
    float barHeight = 0.0f;
    switch (toolBar_.draw(ctx, canUndo, canRedo, barHeight)) {
        case ToolBar::Action::Sessions:
            if (sessions_.isOpen())
                sessions_.hide(ctx);
            else if (!ctx.project->currentSession() && !kiosk_.locked())
                sessions_.showStart();
            else
                sessions_.showList(*ctx.project);
            break;
        case ToolBar::Action::Counts:
            counts_.toggle();
            card_.close();
            break;
        case ToolBar::Action::Undo:
            undoOrRedo(ctx, true, now);
            break;
        case ToolBar::Action::Redo:
            undoOrRedo(ctx, false, now);
            break;
        case ToolBar::Action::Settings:
            settingsPanel_.toggle();
            break;
        case ToolBar::Action::Lock:
            export_.close(ctx);  // residents never find the dialogs left open
            publish_.close(ctx);
            kiosk_.showDialog();
            break;
        case ToolBar::Action::None:
            break;
    }
    if (!form_.isOpen() && !readOnly) palette_.draw(ctx, workflow_, barHeight, bottomInset);

    const float keyboardHeight =
        keyboard_.visible() && settings_.onScreenKeyboard ? keyboard_.draw(ctx, bottomInset) : 0.0f;

    std::string savedId, savedTitle;
    switch (form_.draw(ctx, bottomInset + keyboardHeight, savedId, savedTitle)) {
        case PinForm::Result::Saved:
            kiosk_.notePlaced(savedId);
            ctx.project->markPinsChanged();
            if (pinHiddenByFilter(ctx, savedId))  // it would vanish the moment it was saved: said why
                toast_.successNoting(std::string(ctx.tr("toast.saved")) + ": " + savedTitle + " \xE2\x80\x94 " +
                                         ctx.tr("toast.hidden_by_filter"),
                                     "toast.hidden_by_filter", now);
            else
                toast_.success(std::string(ctx.tr("toast.saved")) + ": " + savedTitle, now);
            workflow_.finish();
            break;
        case PinForm::Result::Cancelled:
            workflow_.finish();
            break;
        case PinForm::Result::None:
            break;
    }

    const auto mayChange = [this](const Pin& p) { return kiosk_.rules().mayChangePin(p); };
    switch (card_.draw(ctx, mayChange)) {
        case PinCard::Action::Edit:
            if (card_.pinId()) {
                try {
                    const Pin pin = ctx.project->pins().get(*card_.pinId());
                    if (mayChange(pin)) {
                        form_.openEdit(pin);
                        workflow_.edit(pin.id);
                    }
                } catch (const Error& e) {
                    toast_.failure(e.what(), now);
                }
            }
            card_.close();
            break;
        case PinCard::Action::Move:
            if (card_.pinId()) {
                try {
                    if (mayChange(ctx.project->pins().get(*card_.pinId()))) workflow_.move(*card_.pinId());
                } catch (const Error& e) {
                    toast_.failure(e.what(), now);
                }
            }
            card_.close();
            break;
        case PinCard::Action::Deleted:
            ctx.project->markPinsChanged();
            toast_.success(ctx.tr("toast.deleted"), now);
            break;
        case PinCard::Action::Closed:
        case PinCard::Action::None:
            break;
    }
    if (workflow_.step() == PinWorkflow::Step::Moving) {
        const ImGuiIO& io = ImGui::GetIO();
        ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x * 0.5f, barHeight + 12 * ctx.uiScale), ImGuiCond_Always,
                                ImVec2(0.5f, 0));
        ImGui::Begin("##move_hint", nullptr,
                     ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoMove |
                         ImGuiWindowFlags_NoSavedSettings);
        ImGui::TextUnformatted(ctx.tr("move.hint"));
        ImGui::SameLine();
        if (bigButton(ctx, ctx.tr("form.cancel"), "move.cancel")) workflow_.finish();
        ImGui::End();
    }

    counts_.draw(ctx, barHeight, bottomInset);
    int64_t sessionId = 0;
    const SessionPanel::Action action = sessions_.draw(ctx, sessionId, bottomInset + keyboardHeight);
    switch (action) {
        case SessionPanel::Action::Started:
        case SessionPanel::Action::Continued:
            ctx.project->setCurrentSession(sessionId);
            toast_.success(ctx.tr("toast.session_started"), now);
            break;
        case SessionPanel::Action::Closed:
            // The window starts and reopens sessions closing the one open before (one open at a
            // time), so normally none is left; one left open by the command line or a merge is
            // continued, as at start-up, and the tool bar names it.
            ctx.project->setCurrentSession(SessionPanel::resumeLatest(*ctx.project));
            workflow_.finish();
            summary_.showClosed(sessionId);  // and writes its map (docs/sessions.md, "Close")
            break;
        case SessionPanel::Action::ShowSummary:
            summary_.show(sessionId);
            break;
        case SessionPanel::Action::Export:
        case SessionPanel::Action::Publish: {
            const bool publish = action == SessionPanel::Action::Publish;
            if (kiosk_.locked()) {
                afterPin_ = publish ? AfterPin::Publish : AfterPin::Export;
                kiosk_.showVerifyDialog();  // facilitator only
            } else if (publish) {
                export_.close(ctx);
                publish_.open(ctx);
            } else {
                publish_.close(ctx);
                export_.open(ctx);
            }
            break;
        }
        case SessionPanel::Action::None:
            break;
    }
    summary_.draw(ctx, bottomInset);
    if (!kiosk_.locked()) {
        settings_.language = ctx.tr.language();  // the status bar may have switched it
        Settings next = settings_;
        if (settingsPanel_.draw(ctx, next, bottomInset)) {
            settings_ = next;
            changed = next;
        }
    } else {
        settingsPanel_.close();
    }
    export_.draw(ctx, bottomInset + keyboardHeight);
    publish_.draw(ctx, bottomInset + keyboardHeight);
    kiosk_.draw(ctx, bottomInset + keyboardHeight);
    if (kiosk_.takeVerified()) {
        if (afterPin_ == AfterPin::Publish)
            publish_.open(ctx);
        else
            export_.open(ctx);
    }
    toast_.draw(ctx, now);
    return changed;
}

}  // namespace samenkaart::gui
