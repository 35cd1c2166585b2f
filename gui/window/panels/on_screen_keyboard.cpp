#include "gui/window/panels/on_screen_keyboard.hpp"

#include <imgui.h>

#include <algorithm>

#include <array>

#include "gui/window/panels/panel_context.hpp"
#include "gui/window/panels/touch_widgets.hpp"
#include "gui/window/theme_imgui.hpp"

namespace samenkaart::gui {
namespace {

// Key faces: lower case, upper case. Special keys are named with a leading '\1'.
struct Key {
    const char* lower = nullptr;
    const char* upper = nullptr;
    float width = 1.0f;  // in key widths
};

constexpr const char* kShift =
    "\x01"
    "shift";
constexpr const char* kBackspace =
    "\x01"
    "back";
constexpr const char* kEnter =
    "\x01"
    "enter";
constexpr const char* kSpace =
    "\x01"
    "space";
constexpr const char* kHide =
    "\x01"
    "hide";

const std::array<std::array<Key, 11>, 6>& layout() {
    // Six rows of at most eleven keys; unused slots have a null face.
    static const std::array<std::array<Key, 11>, 6> kRows = {{
        {{{"1", "!"},
          {"2", "@"},
          {"3", "#"},
          {"4", "\xE2\x82\xAC"},
          {"5", "%"},
          {"6", "&"},
          {"7", "("},
          {"8", ")"},
          {"9", "?"},
          {"0", "="},
          {kBackspace, kBackspace, 1.6f}}},
        {{{"q", "Q"},
          {"w", "W"},
          {"e", "E"},
          {"r", "R"},
          {"t", "T"},
          {"y", "Y"},
          {"u", "U"},
          {"i", "I"},
          {"o", "O"},
          {"p", "P"},
          {nullptr, nullptr}}},
        {{{"a", "A"},
          {"s", "S"},
          {"d", "D"},
          {"f", "F"},
          {"g", "G"},
          {"h", "H"},
          {"j", "J"},
          {"k", "K"},
          {"l", "L"},
          {kEnter, kEnter, 1.6f},
          {nullptr, nullptr}}},
        {{{kShift, kShift, 1.4f},
          {"z", "Z"},
          {"x", "X"},
          {"c", "C"},
          {"v", "V"},
          {"b", "B"},
          {"n", "N"},
          {"m", "M"},
          {",", ";"},
          {".", ":"},
          {"-", "_"}}},
        {{{"\xC3\xA9", "\xC3\x89"},
          {"\xC3\xA8", "\xC3\x88"},
          {"\xC3\xAB", "\xC3\x8B"},
          {"\xC3\xAF", "\xC3\x8F"},
          {"\xC3\xB6", "\xC3\x96"},
          {"\xC3\xBC", "\xC3\x9C"},
          {"ij", "IJ"},
          {"'", "\""},
          {"/", "+"},
          {nullptr, nullptr},
          {nullptr, nullptr}}},
        {{{kSpace, kSpace, 6.0f},
          {kHide, kHide, 2.0f},
          {nullptr, nullptr},
          {nullptr, nullptr},
          {nullptr, nullptr},
          {nullptr, nullptr},
          {nullptr, nullptr},
          {nullptr, nullptr},
          {nullptr, nullptr},
          {nullptr, nullptr},
          {nullptr, nullptr}}},
    }};
    return kRows;
}

const char* faceLabel(const PanelContext& ctx, const char* face) {
    if (face == kShift) return ctx.tr("osk.shift");
    if (face == kBackspace) return ctx.tr("osk.backspace");
    if (face == kEnter) return ctx.tr("osk.enter");
    if (face == kSpace) return ctx.tr("osk.space");
    if (face == kHide) return ctx.tr("osk.hide");
    return face;
}

}  // namespace

void OnScreenKeyboard::eraseLastCharacter(std::string& text) {
    if (text.empty()) return;
    size_t i = text.size() - 1;
    // Step back over UTF-8 continuation bytes (10xxxxxx) to the character's first byte.
    while (i > 0 && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) --i;
    text.erase(i);
}

void OnScreenKeyboard::press(const std::string& key) {
    if (!target_) return;
    if (key == kShift) {
        shift_ = !shift_;
    } else if (key == kBackspace) {
        eraseLastCharacter(*target_);
    } else if (key == kEnter) {
        if (multiline_)
            appendText(*target_, "\n");
        else
            enter_ = true;
    } else if (key == kSpace) {
        appendText(*target_, " ");
    } else if (key == kHide) {
        hidden_ = true;
    } else {
        appendText(*target_, key);
        shift_ = false;  // one capital, like a phone keyboard
    }
}

float OnScreenKeyboard::draw(const PanelContext& ctx, float bottomInset) {
    if (!visible()) return 0.0f;
    const ImGuiIO& io = ImGui::GetIO();
    const float s = ctx.uiScale;
    const float gap = 6.0f * s;
    // Six rows of keys may take at most 45 % of the screen's height (at UI scale 2 on a 1000 px
    // screen full-size keys would leave no room for the form being typed into), but a key is never
    // smaller than the touch target at scale 1.
    const float rows = static_cast<float>(layout().size());
    const float fitting =
        (io.DisplaySize.y * 0.45f - 2.0f * ImGui::GetStyle().WindowPadding.y - (rows - 1.0f) * gap) / rows;
    // On a short screen (1366 x 768 at scale 2) keys shrink to 44 px, WCAG's enhanced target size,
    // rather than leave the form being typed into a strip too low for its own text field.
    constexpr float kSmallestKey = 44.0f;
    const float key = std::max(kSmallestKey, std::min(kTouchTarget * s, fitting));
    ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x * 0.5f, io.DisplaySize.y - bottomInset), ImGuiCond_Always,
                            ImVec2(0.5f, 1.0f));
    beginPanel("##on_screen_keyboard", PanelFocus::Keep);
    noteWindow(ctx, "window.keyboard");
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(gap, gap));
    // Smaller keys get smaller labels, centred: the label must fit its key at every scale.
    const float shrink = key / (kTouchTarget * s);
    if (shrink < 1.0f) ImGui::SetWindowFontScale(shrink);
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(2.0f * s, 2.0f * s));
    int row = 0;
    for (const auto& keys : layout()) {
        bool first = true;
        int column = 0;
        for (const Key& k : keys) {
            if (!k.lower) continue;
            if (!first) ImGui::SameLine();
            first = false;
            const char* face = shift_ ? k.upper : k.lower;
            const bool special = face[0] == '\x01';
            // Decided once: the tap below flips shift_, and the pop must match this frame's push.
            const bool lit = special && face == kShift && shift_;
            if (lit) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetColorU32(ImGuiCol_ButtonActive));
            ImGui::PushID(row * 16 + column);
            const std::string label = faceLabel(ctx, face);
            if (ImGui::Button(label.c_str(), ImVec2(key * k.width + gap * (k.width - 1.0f), key))) press(face);
            ImGui::PopID();
            if (ctx.rects) noteItem(ctx, std::string("osk.") + (special ? face + 1 : face));
            if (lit) ImGui::PopStyleColor();
            ++column;
        }
        ++row;
    }
    ImGui::PopStyleVar(2);
    const float height = ImGui::GetWindowHeight();
    ImGui::End();
    return height;
}

}  // namespace samenkaart::gui
