// Finger-sized widgets shared by the panels: every button is at least kTouchTarget tall, and each
// can be found by name by scripted tests (see WidgetRects).
#pragma once

#include <array>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "gui/window/logic/theme.hpp"
#include "gui/window/panels/panel_context.hpp"

namespace samenkaart::gui {

// A button kTouchTarget tall (width 0: fits the label; -1: the whole row). `id` keeps it unique
// and names it for tests.
bool bigButton(const PanelContext& ctx, const char* label, const char* id, float width = 0.0f);
// A text field whose bound string the on-screen keyboard types into once it was tapped. Returns
// true when Enter was pressed in a one-line field.
bool textField(const PanelContext& ctx, const char* label, const char* id, std::string& text, bool multiline = false,
               bool focusNow = false);
// The same for a secret: what is typed shows as dots.
bool passwordField(const PanelContext& ctx, const char* label, const char* id, std::string& text,
                   bool focusNow = false);
// A check box with a finger-sized hit area.
bool bigCheckbox(const PanelContext& ctx, const char* label, const char* id, bool& value);
// Records the last item's rectangle under `name`.
void noteItem(const PanelContext& ctx, const std::string& name);
// Records the current window's rectangle under `name`.
void noteWindow(const PanelContext& ctx, const std::string& name);
// A panel over the map, placed and constrained by the caller just before: no title bar, sized to its
// content, fixed in place, not remembered between runs, at the theme's panel opacity. keepFocus:
// it does not take the keyboard from the window that has it when it appears (docked panels).
// Ends with ImGui::End().
enum class PanelFocus { Take, Keep };
void beginPanel(const char* id, PanelFocus focus = PanelFocus::Take, float alpha = theme::kPanelAlpha);
// A modal-like window centred on the screen (no title bar, cannot be moved by accident), reaching
// down to `bottom` at most (screen y; centredWindowBottom() for dialogs over the map).
void beginCentredWindow(const char* id, float width, float bottom);
// A form window hanging from the top centre of the screen, `width` wide and at most `maxHeight`
// tall (its body scrolls: see ScrollBody); `top` is its upper edge.
void beginTopWindow(const char* id, float width, float top, float maxHeight);
// The facilitator's dialogs (export, publish): a top window up to 760 px wide at scale 1, clear of
// the north arrow (top right) and the scale bar (bottom left), above `bottomInset` (the status bar
// and the on-screen keyboard). Returns its width, inner width and the screen y it may reach.
struct TopDialog {
    float width = 0.0f, inner = 0.0f, bottom = 0.0f;
};
TopDialog beginTopDialog(const PanelContext& ctx, const char* id, float bottomInset);

// The panels that stay on screen while the map is used (not forms, cards, dialogs or the keyboard):
// the scale bar, the north arrow and "whole neighbourhood" keep clear of them. The view's key, where it
// stands beside the layer button (a small screen at a large UI scale), is one of them.
inline constexpr std::array<std::string_view, 6> kDockedPanels = {"##tool_bar", "##category_palette", "##map_controls",
                                                                  "##layers",   "##status",           "##view_key"};

// The screen rectangles of the windows shown this frame so far (panels, dialogs, the keyboard); with
// `only`, of the windows with those names alone.
std::vector<Bbox> panelRects(std::span<const std::string_view> only = {});

// The bottom edge (screen y) of a dialog over the map: clear of what the bottom of the screen holds
// (bottomInset: the status bar, the on-screen keyboard), so that its last button is never under them.
float centredWindowBottom(const PanelContext& ctx, float bottomInset);

// The middle part of a window that scrolls (by finger drag, wheel or scroll bar) when the whole
// window would not fit on the screen, while what comes before it and its footer (the buttons)
// stay in view at every UI scale. It remembers last frame's heights:
//     beginScrollBody(body_, "##body", bottom); ...rows...; endScrollBody(body_);
//     ...footer buttons...; endFooter(body_);
struct ScrollBody {
    float contentHeight = 0.0f;  // what the body needed last frame
    float footerHeight = 0.0f;
    float footerTop = 0.0f;
    bool dragging = false;  // a finger drags the list (until it lifts)
};
// `width` 0: the window's width (give a width in windows that size themselves to their content).
void beginScrollBody(ScrollBody& body, const char* id, float bottom, float width = 0.0f);
void endScrollBody(ScrollBody& body);
void endFooter(ScrollBody& body);
// Text wrapped at `width` (safe in auto-resizing windows, unlike TextWrapped).
void wrappedText(const char* text, float width);
// The same in the theme's error colour: what went wrong, where the user is looking.
void errorText(const std::string& text, float width);

// Finger-sized toggles laid out left to right, wrapping to the next line when the row is full
// (the pin form's categories, the export dialog's choices). A chip is as wide chosen as not, so
// the row never reflows under the finger; a chosen chip says so in shape too (a check mark), not
// by its colour alone.
class ChipRow {
public:
    // `inner`: the row's width; narrower where the content region is (a scroll body's scroll bar).
    ChipRow(const PanelContext& ctx, float inner);
    // `tint`: the category's colour, else the theme's accent.
    bool chip(const std::string& label, const std::string& id, bool chosen, const Colour* tint = nullptr);

private:
    const PanelContext& ctx_;
    float inner_;
    float x_ = 0.0f;
};
// A bold heading line.
void heading(const char* text);
// `text` as it fits in `width` at the current font: whole, or cut with an ellipsis at a UTF-8
// character boundary (a session's title on the tool bar or on a filter chip).
std::string cutToWidth(std::string text, float width);

}  // namespace samenkaart::gui
