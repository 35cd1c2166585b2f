#include "gui/window/panels/touch_widgets.hpp"

#include <imgui.h>
#include <imgui_internal.h>  // the windows shown this frame (panelRects)
#include <imgui_stdlib.h>

#include <algorithm>
#include <cmath>

#include "gui/window/panels/on_screen_keyboard.hpp"
#include "gui/window/theme_imgui.hpp"
#include "gui/window/widget_rects.hpp"

namespace samenkaart::gui {
namespace {

// A field focused by the program (a form opening, a category chosen) gets its caret after the last
// character, where typing and the on-screen keyboard add text. ImGui 1.86 would keep the caret where
// the field's last use left it (the start of an edited title), or select all the text, which the
// first key typed then replaces.
struct CaretToEnd {
    ImGuiStorage* storage;  // the field's window's: a multiline field calls back inside its child
    ImGuiID key;
};

int moveCaretToEnd(ImGuiInputTextCallbackData* data) {
    const auto* c = static_cast<const CaretToEnd*>(data->UserData);
    if (c->storage->GetBool(c->key)) {
        data->CursorPos = data->SelectionStart = data->SelectionEnd = data->BufTextLen;
        c->storage->SetBool(c->key, false);
    }
    return 0;
}

}  // namespace

void noteItem(const PanelContext& ctx, const std::string& name) {
    if (!ctx.rects) return;
    const ImVec2 a = ImGui::GetItemRectMin();
    const ImVec2 b = ImGui::GetItemRectMax();
    ctx.rects->note(name, {a.x, a.y, b.x, b.y});
    // Not wholly in view (scrolled out of its list, beyond the screen's edge): "<name>.clipped" says
    // where it can be seen, so that a test knows where to drag to bring it in.
    const ImGuiIO& io = ImGui::GetIO();
    ImRect visible = ImGui::GetCurrentWindow()->ClipRect;
    visible.ClipWithFull(ImRect(0.0f, 0.0f, io.DisplaySize.x, io.DisplaySize.y));
    // Selectable rows reach half the item spacing into the padding on purpose; and rounding.
    const ImVec2 slack(ImGui::GetStyle().ItemSpacing.x * 0.5f + 1.0f, ImGui::GetStyle().ItemSpacing.y * 0.5f + 1.0f);
    if (a.x < visible.Min.x - slack.x || a.y < visible.Min.y - slack.y || b.x > visible.Max.x + slack.x ||
        b.y > visible.Max.y + slack.y)
        ctx.rects->note(name + ".clipped", {visible.Min.x, visible.Min.y, visible.Max.x, visible.Max.y});
}

void noteWindow(const PanelContext& ctx, const std::string& name) {
    if (!ctx.rects) return;
    const ImVec2 a = ImGui::GetWindowPos();
    const ImVec2 size = ImGui::GetWindowSize();
    ctx.rects->note(name, {a.x, a.y, a.x + size.x, a.y + size.y});
}

bool bigButton(const PanelContext& ctx, const char* label, const char* id, float width) {
    const std::string text = std::string(label) + "##" + id;
    const bool pressed = ImGui::Button(text.c_str(), ImVec2(width, kTouchTarget * ctx.uiScale));
    noteItem(ctx, id);
    return pressed;
}

namespace {

bool field(const PanelContext& ctx, const char* label, const char* id, std::string& text, bool multiline, bool focusNow,
           ImGuiInputTextFlags extraFlags) {
    const ImVec2 labelTop = ImGui::GetCursorScreenPos();
    ImGui::TextUnformatted(label);
    ImGui::PushID(id);
    CaretToEnd caret{ImGui::GetStateStorage(), ImGui::GetID("caret_to_end")};
    if (focusNow) {
        ImGui::SetKeyboardFocusHere();
        caret.storage->SetBool(caret.key, true);  // taken by the first frame the field is active
    }
    bool enter = false;
    const bool target = ctx.keyboard && ctx.keyboard->attachedTo(&text);
    if (target) ImGui::PushStyleColor(ImGuiCol_FrameBg, imColour(theme::kFieldTyping));
    if (multiline)
        ImGui::InputTextMultiline("##field", &text, ImVec2(-1, kTouchTarget * ctx.uiScale * 1.6f),
                                  ImGuiInputTextFlags_CallbackAlways, moveCaretToEnd, &caret);
    else {
        ImGui::SetNextItemWidth(-1);
        enter = ImGui::InputText("##field", &text,
                                 ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_CallbackAlways | extraFlags,
                                 moveCaretToEnd, &caret);
    }
    if (target) ImGui::PopStyleColor();
    // A finger on a field may be the start of a drag that scrolls the list (endScrollBody), as in
    // a phone's forms: the field takes the keyboard when the finger lifts still on it, not when it
    // goes down.
    ImGuiStorage* storage = ImGui::GetStateStorage();
    const ImGuiID pressKey = ImGui::GetID("##pressed");
    const bool pointerDown = ImGui::IsMouseDown(ImGuiMouseButton_Left);
    bool taken = focusNow;
    if (ImGui::IsItemActivated()) {
        if (pointerDown)
            storage->SetBool(pressKey, true);
        else
            taken = true;  // by the keys (Tab)
    }
    if (!pointerDown && storage->GetBool(pressKey, false)) {
        storage->SetBool(pressKey, false);
        taken = taken || ImGui::IsItemActive();
    }
    if (taken && ctx.keyboard) ctx.keyboard->attach(&text, multiline);
    // A field that takes the focus is scrolled into view, label and all, for a few frames: the
    // on-screen keyboard it brings up shrinks the scrolling part of the form a frame later.
    const ImGuiID scrollKey = ImGui::GetID("##into_view");
    if (taken) storage->SetInt(scrollKey, 4);
    if (const int left = storage->GetInt(scrollKey, 0); left > 0) {
        storage->SetInt(scrollKey, left - 1);
        // This window's own scrolling only: ImGui's ScrollToRect also scrolls the windows around a
        // list, and scrolled the pin form's Save and Cancel off the top at 1366 x 768, scale 2.
        // Where the list is shorter than label and field, the field itself (what is typed) wins.
        const ImRect visible = ImGui::GetCurrentWindow()->InnerClipRect;
        const float bottom = ImGui::GetItemRectMax().y;
        const float top = bottom - labelTop.y > visible.GetHeight() ? ImGui::GetItemRectMin().y : labelTop.y;
        if (top < visible.Min.y)
            ImGui::SetScrollY(ImGui::GetScrollY() - (visible.Min.y - top));
        else if (bottom > visible.Max.y)
            ImGui::SetScrollY(ImGui::GetScrollY() + (bottom - visible.Max.y));
    }
    noteItem(ctx, id);
    if (ImGui::IsItemActive()) noteItem(ctx, std::string(id) + ".active");  // has the keyboard
    ImGui::PopID();
    return enter;
}

}  // namespace

bool textField(const PanelContext& ctx, const char* label, const char* id, std::string& text, bool multiline,
               bool focusNow) {
    return field(ctx, label, id, text, multiline, focusNow, ImGuiInputTextFlags_None);
}

bool passwordField(const PanelContext& ctx, const char* label, const char* id, std::string& text, bool focusNow) {
    return field(ctx, label, id, text, false, focusNow, ImGuiInputTextFlags_Password);
}

bool bigCheckbox(const PanelContext& ctx, const char* label, const char* id, bool& value) {
    // The frame padding makes the box itself finger-sized. The label wraps to the room beside the
    // box (a long consent sentence at UI scale 2) and is part of the target too.
    const float box = kTouchTarget * ctx.uiScale;
    const float pad = (box - ImGui::GetFontSize()) * 0.5f;
    ImGui::BeginGroup();
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(pad, pad));
    bool changed = ImGui::Checkbox((std::string("##") + id).c_str(), &value);
    ImGui::PopStyleVar();
    ImGui::SameLine();
    // SameLine already lowers the text to the box's frame padding: a single line sits centred.
    const float width = std::max(ImGui::GetFontSize() * 4.0f, ImGui::GetContentRegionAvail().x);
    wrappedText(label, width);
    if (ImGui::IsItemClicked()) {
        value = !value;
        changed = true;
    }
    ImGui::EndGroup();
    noteItem(ctx, id);
    return changed;
}

void beginPanel(const char* id, PanelFocus focus, float alpha) {
    ImGui::SetNextWindowBgAlpha(alpha);
    ImGui::Begin(id, nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoMove |
                     ImGuiWindowFlags_NoSavedSettings |
                     (focus == PanelFocus::Keep ? ImGuiWindowFlags_NoFocusOnAppearing : 0));
}

void beginCentredWindow(const char* id, float width, float bottom) {
    const ImGuiIO& io = ImGui::GetIO();
    const float top = io.DisplaySize.y * 0.08f;
    ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x * 0.5f, top), ImGuiCond_Always, ImVec2(0.5f, 0.0f));
    ImGui::SetNextWindowSizeConstraints(ImVec2(width, 0), ImVec2(width, std::max(top + 1.0f, bottom) - top));
    ImGui::SetNextWindowBgAlpha(1.0f);  // opaque: nothing beneath shows through a dialog
    ImGui::Begin(id, nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoMove |
                     ImGuiWindowFlags_NoSavedSettings);
}

void beginTopWindow(const char* id, float width, float top, float maxHeight) {
    ImGui::SetNextWindowPos(ImVec2(ImGui::GetIO().DisplaySize.x * 0.5f, top), ImGuiCond_Always, ImVec2(0.5f, 0.0f));
    ImGui::SetNextWindowSize(ImVec2(width, 0));
    ImGui::SetNextWindowSizeConstraints(ImVec2(width, 0), ImVec2(width, maxHeight));
    ImGui::SetNextWindowBgAlpha(1.0f);  // opaque: nothing beneath shows through a dialog
    ImGui::Begin(id, nullptr,
                 ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove |
                     ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_AlwaysAutoResize |
                     ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoScrollbar);
    // Its heading and buttons never scroll away: only its body (ScrollBody) scrolls.
    if (ImGui::GetScrollY() != 0.0f) ImGui::SetScrollY(0.0f);
}

TopDialog beginTopDialog(const PanelContext& ctx, const char* id, float bottomInset) {
    const ImGuiIO& io = ImGui::GetIO();
    const float s = ctx.uiScale;
    TopDialog d;
    d.width = std::min(760.0f * s, io.DisplaySize.x - 160 * s);
    const float top = 16 * s;
    const float maxHeight = std::max(240.0f * s, io.DisplaySize.y - bottomInset - top - 64 * s);
    d.bottom = top + maxHeight;
    beginTopWindow(id, d.width, top, maxHeight);
    d.inner = d.width - 2 * ImGui::GetStyle().WindowPadding.x;
    return d;
}

std::vector<Bbox> panelRects(std::span<const std::string_view> only) {
    std::vector<Bbox> rects;
    for (const ImGuiWindow* w : GImGui->Windows) {
        if (!w->Active || w->Hidden || (w->Flags & ImGuiWindowFlags_ChildWindow)) continue;
        if (!only.empty() && std::find(only.begin(), only.end(), std::string_view(w->Name)) == only.end()) continue;
        rects.push_back(Bbox{w->Pos.x, w->Pos.y, w->Pos.x + w->Size.x, w->Pos.y + w->Size.y});
    }
    return rects;
}

float centredWindowBottom(const PanelContext& ctx, float bottomInset) {
    const float height = ImGui::GetIO().DisplaySize.y;
    return std::min(height * 0.94f, height - bottomInset - 8.0f * ctx.uiScale);
}

void beginScrollBody(ScrollBody& body, const char* id, float bottom, float width) {
    const ImGuiStyle& style = ImGui::GetStyle();
    // The window ends its padding below the body, or below the footer (whose measured height holds
    // the spacing between body and footer). Two pixels to spare for rounding.
    const float room = bottom - ImGui::GetCursorScreenPos().y - body.footerHeight - style.WindowPadding.y - 2.0f;
    // Two rows at least, where there is room for them: a body taller than its room would push the
    // footer (the buttons) out of the window, which clips it.
    const float minimum =
        std::min(2.0f * ImGui::GetFrameHeightWithSpacing(), std::max(room, ImGui::GetTextLineHeightWithSpacing()));
    const float height = std::max(minimum, body.contentHeight > 0.0f ? std::min(body.contentHeight, room) : room);
    ImGui::BeginChild(id, ImVec2(width, height), false, ImGuiWindowFlags_NoSavedSettings);
}

void endScrollBody(ScrollBody& body) {
    body.contentHeight = ImGui::GetCursorPosY() + ImGui::GetStyle().ItemSpacing.y;
    // A finger drags the list, wherever it starts: on a button or a text field too (lists here are
    // mostly controls), which then lets go of its press, as in a phone's lists. (Text is selected
    // with the keys, not by dragging, inside a scrolling list.)
    const ImGuiIO& io = ImGui::GetIO();
    ImGuiContext& g = *GImGui;
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    const bool startedHere = window->Rect().Contains(io.MouseClickedPos[ImGuiMouseButton_Left]);
    // A drag sideways is a slider's (a layer's opacity), not the list's: the list takes a drag that
    // goes more up or down than sideways, and keeps it until the finger lifts.
    if (!ImGui::IsMouseDown(ImGuiMouseButton_Left)) body.dragging = false;
    const ImVec2 dragged = ImGui::GetMouseDragDelta(ImGuiMouseButton_Left);
    // A multi-line text field is a window inside the list: a drag that starts there counts too.
    if (startedHere && ImGui::IsMouseDragging(ImGuiMouseButton_Left) &&
        (body.dragging || std::abs(dragged.y) >= std::abs(dragged.x)) &&
        ImGui::IsWindowHovered(ImGuiHoveredFlags_ChildWindows | ImGuiHoveredFlags_AllowWhenBlockedByActiveItem)) {
        body.dragging = true;
        if (g.ActiveId != 0 && g.ActiveIdWindow && ImGui::IsWindowChildOf(g.ActiveIdWindow, window, false))
            ImGui::ClearActiveID();
        ImGui::SetScrollY(ImGui::GetScrollY() - io.MouseDelta.y);
    }
    ImGui::EndChild();
    body.footerTop = ImGui::GetCursorScreenPos().y;
}

void endFooter(ScrollBody& body) { body.footerHeight = ImGui::GetCursorScreenPos().y - body.footerTop; }

void errorText(const std::string& text, float width) {
    ImGui::PushStyleColor(ImGuiCol_Text, imColour(theme::kError));
    wrappedText(text.c_str(), width);
    ImGui::PopStyleColor();
}

void wrappedText(const char* text, float width) {
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
    ImGui::TextUnformatted(text);
    ImGui::PopTextWrapPos();
}

std::string cutToWidth(std::string text, float width) {
    if (ImGui::CalcTextSize(text.c_str()).x <= width) return text;
    const std::string ellipsis = "\xE2\x80\xA6";
    while (!text.empty() && ImGui::CalcTextSize((text + ellipsis).c_str()).x > width)
        OnScreenKeyboard::eraseLastCharacter(text);
    return text + ellipsis;
}

void heading(const char* text) {
    ImGuiIO& io = ImGui::GetIO();
    const bool bold = io.Fonts->Fonts.Size > 1;
    if (bold) ImGui::PushFont(io.Fonts->Fonts[1]);
    ImGui::TextUnformatted(text);
    if (bold) ImGui::PopFont();
}

ChipRow::ChipRow(const PanelContext& ctx, float inner)
    : ctx_(ctx), inner_(std::min(inner, ImGui::GetContentRegionAvail().x)) {}

bool ChipRow::chip(const std::string& label, const std::string& id, bool chosen, const Colour* tint) {
    const std::string face = chosen ? "\xE2\x9C\x93 " + label : label;
    const float width = ImGui::CalcTextSize(("\xE2\x9C\x93 " + label).c_str()).x + 40 * ctx_.uiScale;
    if (x_ > 0 && x_ + width < inner_)
        ImGui::SameLine();
    else
        x_ = 0;
    x_ += width + ImGui::GetStyle().ItemSpacing.x;
    const int pushed = pushChipColours(tint ? *tint : theme::kAccent, chosen);
    const bool pressed = bigButton(ctx_, face.c_str(), id.c_str(), width);
    ImGui::PopStyleColor(pushed);
    return pressed;
}

}  // namespace samenkaart::gui
