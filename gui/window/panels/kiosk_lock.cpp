#include "gui/window/panels/kiosk_lock.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>

#include "engine/clock.hpp"
#include "engine/error.hpp"
#include "gui/window/logic/kiosk_pin.hpp"
#include "gui/window/panels/pin_form.hpp"
#include "gui/window/panels/touch_widgets.hpp"
#include "gui/window/theme_imgui.hpp"

namespace samenkaart::gui {
namespace {
constexpr const char* kKioskKey = "gui.kiosk";
}

void KioskLock::load(ProjectState& state) {
    try {
        auto text = state.project().meta(kKioskKey);
        if (!text) return;
        auto j = nlohmann::json::parse(*text, nullptr, false);
        if (!j.is_object()) return;
        rules_.locked = j.value("locked", false);
        rules_.lockedAt = j.value("locked_at", "");
        pinHash_ = j.value("pin_hash", "");
        if (pinHash_.empty()) rules_.locked = false;
    } catch (const Error& e) {
        state.noteReadFailure(e);  // the window opens unlocked; the status bar says the read failed
    }
}

void KioskLock::save(Project& project) {
    try {
        nlohmann::json j = {{"locked", rules_.locked}, {"pin_hash", pinHash_}};
        if (rules_.locked) j["locked_at"] = rules_.lockedAt;  // residents change the pins placed since
        project.setMeta(kKioskKey, j.dump());
    } catch (const Error& e) {
        message_ = e.what();  // the lock still holds for this run
    }
}

void KioskLock::draw(const PanelContext& ctx, float bottomInset) {
    if (!dialog_ || !ctx.project) return;
    const float s = ctx.uiScale;
    const float bottom = centredWindowBottom(ctx, bottomInset);
    beginCentredWindow("##kiosk_lock", 420 * s, bottom);
    const bool locked = rules_.locked;
    const bool verify = verifyOnly_ && locked;
    const bool again = !locked && newPin_.step() == NewPinEntry::Step::Again;  // the new PIN a second time
    heading(verify ? ctx.tr("export.verify_title") : ctx.tr(locked ? "kiosk.unlock_title" : "kiosk.lock_title"));
    const float inner = ImGui::GetContentRegionAvail().x;
    // Setting a PIN, a message (too short, the two differ) takes the explanation's place: the dialog
    // keeps its height, and its Cancel stays on a 768-pixel screen at UI scale 2.
    const bool messageInstead = !locked && !message_.empty();
    if (messageInstead) ImGui::PushStyleColor(ImGuiCol_Text, imColour(theme::kError));
    wrappedText(messageInstead ? message_.c_str()
                : verify       ? ctx.tr("export.verify_explain")
                : locked       ? ctx.tr("kiosk.unlock_explain")
                : again        ? ctx.tr("kiosk.pin_again")
                               : ctx.tr("kiosk.lock_explain"),
                inner);
    if (messageInstead) {
        ImGui::PopStyleColor();
        noteItem(ctx, "kiosk.message");
    }
    if (again) noteItem(ctx, "kiosk.pin_again");
    // Checking a PIN waits after too many wrong ones in a row (the lock only: a new PIN is free).
    // Meanwhile the field and the keypad take nothing; the field has the focus again afterwards.
    const double wait = locked ? attempts_.waitLeft(ImGui::GetTime()) : 0.0;
    if (wait > 0.0) {
        entry_.clear();
        focus_ = true;
    }
    ImGui::BeginDisabled(wait > 0.0);
    if (wait == 0.0 && std::exchange(focus_, false)) ImGui::SetKeyboardFocusHere();
    ImGui::SetNextItemWidth(-1);
    bool submit = ImGui::InputText(
        "##kiosk_pin", &entry_,
        ImGuiInputTextFlags_Password | ImGuiInputTextFlags_CharsDecimal | ImGuiInputTextFlags_EnterReturnsTrue);
    noteItem(ctx, "kiosk.pin");
    if (ImGui::IsItemActive()) noteItem(ctx, "kiosk.pin.active");
    // The countdown, while it runs, is the message (the wrong PIN that started it is not shown again).
    const std::string shown = wait > 0.0
                                  ? fillIn(ctx.tr("kiosk.wait"), std::to_string(static_cast<int>(std::ceil(wait))))
                              : messageInstead ? std::string()
                                               : message_;
    // A numeric keypad: three columns of finger-sized keys, four rows. On a short screen the rows
    // give up height (to 44 px a key at scale 1, still a finger's width) before Cancel leaves the
    // dialog.
    const ImGuiStyle& style = ImGui::GetStyle();
    const float key = (inner - 2 * style.ItemSpacing.x) / 3.0f;
    const float below = kTouchTarget * s + style.ItemSpacing.y + style.WindowPadding.y +
                        (shown.empty() ? 0.0f : 2 * ImGui::GetTextLineHeightWithSpacing());
    const float room = bottom - ImGui::GetCursorScreenPos().y - below;
    const float keyHeight = std::clamp(room / 4 - style.ItemSpacing.y, 44.0f * s, kTouchTarget * s);
    const char* keys[] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "\xE2\x86\x90", "0", ""};
    for (int i = 0; i < 12; ++i) {
        if (i % 3 != 0) ImGui::SameLine();
        const std::string id = std::string("kiosk.key.") + std::to_string(i);
        const char* face = i == 11 ? ctx.tr("kiosk.ok") : keys[i];
        const bool pressed = ImGui::Button((std::string(face) + "##" + id).c_str(), ImVec2(key, keyHeight));
        noteItem(ctx, id);
        if (pressed) {
            if (i == 9 && !entry_.empty())
                entry_.pop_back();
            else if (i == 11)
                submit = true;
            else if (i != 9)
                entry_ += keys[i];
        }
    }
    ImGui::EndDisabled();
    if (wait > 0.0) submit = false;
    if (!shown.empty()) {
        errorText(shown, inner);
        if (wait > 0.0) noteItem(ctx, "kiosk.wait");
    }
    if (bigButton(ctx, ctx.tr("form.cancel"), "kiosk.cancel", -1) ||
        ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false))
        dialog_ = false;
    if (submit) {
        if (!locked) {
            // A PIN typed once and masked could hold a slip of the finger nobody sees: typed twice.
            switch (newPin_.submit(entry_)) {
                case NewPinEntry::Result::TooShort:
                    message_ = ctx.tr("kiosk.pin_too_short");
                    break;
                case NewPinEntry::Result::TypeAgain:
                    message_.clear();
                    break;
                case NewPinEntry::Result::Mismatch:
                    message_ = ctx.tr("kiosk.pin_mismatch");
                    break;
                case NewPinEntry::Result::Confirmed:
                    try {
                        pinHash_ = hashKioskPin(entry_);
                        rules_ = KioskRules{true, nowIso8601(), {}};
                        attempts_.succeeded();
                        save(ctx.project->project());
                        dialog_ = false;
                    } catch (const Error& e) {
                        message_ = e.what();  // not locked: the facilitator sees why
                    }
                    break;
            }
            entry_.clear();
            focus_ = true;
        } else if (kioskPinMatches(entry_, pinHash_)) {
            attempts_.succeeded();
            if (kioskPinNeedsRehash(pinHash_)) {  // a hash of an older version: store today's
                try {
                    pinHash_ = hashKioskPin(entry_);
                    save(ctx.project->project());
                } catch (const Error& e) {
                    // The older hash still opens the lock: nothing is lost, the upgrade waits.
                    std::cerr << "samenkaart: the kiosk PIN's hash was not upgraded: " << e.what() << "\n";
                }
            }
            if (verify) {
                verified_ = true;  // the lock stays: residents come back to the same kiosk
            } else {
                rules_ = KioskRules{};
                save(ctx.project->project());
            }
            dialog_ = false;
        } else {
            attempts_.failed(ImGui::GetTime());
            message_ = attempts_.waitLeft(ImGui::GetTime()) > 0.0 ? "" : ctx.tr("kiosk.wrong_pin");
            entry_.clear();
            focus_ = true;
        }
    }
    ImGui::End();
}

}  // namespace samenkaart::gui
