// The window's colours, all in one place, and the WCAG 2.2 contrast they keep. Residents are often
// older people reading a touch table from a chair: every text and background pair the panels draw
// reaches AA (4.5:1 for text, 3:1 for large text and for a control's edge against what surrounds it),
// checked by window_unit_tests (Theme) from these very values. Panels take their colours from here
// (theme_imgui.hpp turns them into ImGui's); no panel writes a colour of its own.
#pragma once

#include <string>
#include <vector>

namespace samenkaart::gui {

// sRGB, 0-1, with an alpha for colours drawn over something else.
struct Colour {
    float r = 0.0f;
    float g = 0.0f;
    float b = 0.0f;
    float a = 1.0f;
};

// WCAG 2.2 relative luminance of an opaque colour (its alpha ignored).
double relativeLuminance(const Colour& c);
// WCAG 2.2 contrast ratio (L1 + 0.05) / (L2 + 0.05), from 1 to 21, of two opaque colours.
double contrastRatio(const Colour& a, const Colour& b);
// `top` drawn with its alpha over an opaque `below`: the colour that shows.
Colour over(const Colour& top, const Colour& below);
// An opaque colour from "#rrggbb" (a category's colour); grey when it is not of that form.
Colour colourFromHex(const std::string& hex);
// The colour, darkened only as far as needed to reach `minimum` against `background` (a category's
// label in its own colour: Idee's orange becomes a dark amber). Unchanged when it already does.
Colour readableOn(const Colour& colour, const Colour& background, double minimum = 4.5);
// Near-black or white, whichever reads better on `background` (a pin's symbol: 4.4:1 at the least).
Colour inkOn(const Colour& background);
// The fill of a chosen chip tinted `tint`: the tint itself when near-black or white reads on it at
// 4.5:1, else the tint darkened until white does (a mid magenta, say).
Colour chipFill(const Colour& tint);

namespace theme {

// What panels stand on: nearly opaque over the map, so the map can never weaken their contrast.
inline constexpr Colour kWindowBg{0.973f, 0.969f, 0.953f, 1.0f};  // warm white
inline constexpr float kPanelAlpha = 0.96f;                       // every docked panel and card
inline constexpr Colour kPopupBg{1.0f, 1.0f, 1.0f, 1.0f};

inline constexpr Colour kText{0.08f, 0.08f, 0.09f, 1.0f};
// Secondary text (dates, field labels, "Kaart: ...", counts): quieter than kText, still 7:1.
inline constexpr Colour kTextMuted{0.30f, 0.30f, 0.32f, 1.0f};
// A disabled control's text is kText at kDisabledAlpha (ImGui's BeginDisabled); WCAG asks nothing
// of inactive controls, but it still keeps 3:1 here so a resident can read what is not yet possible.
inline constexpr float kDisabledAlpha = 0.66f;

// Buttons: a light fill with a dark edge, so each one stands out from the panel (3:1 edge).
inline constexpr Colour kButton{0.86f, 0.90f, 0.955f, 1.0f};
inline constexpr Colour kButtonPressed{0.70f, 0.79f, 0.91f, 1.0f};  // hovered, active, chosen
inline constexpr Colour kControlEdge{0.22f, 0.28f, 0.38f, 1.0f};
inline constexpr Colour kField{1.0f, 1.0f, 1.0f, 1.0f};           // text fields, check boxes
inline constexpr Colour kFieldTyping{1.0f, 0.955f, 0.78f, 1.0f};  // the field the keyboard types into
inline constexpr Colour kAccent{0.10f, 0.36f, 0.66f, 1.0f};       // check marks, sliders, chips
inline constexpr float kChipWash = 0.18f;                         // an unchosen chip: its tint at this alpha
inline constexpr Colour kSelection{0.10f, 0.36f, 0.66f, 0.30f};   // selected text, rows
inline constexpr Colour kRow{0.70f, 0.79f, 0.91f, 0.55f};         // a tapped list row
inline constexpr Colour kSeparator{0.55f, 0.55f, 0.57f, 1.0f};
inline constexpr Colour kScrollbarBg{0.90f, 0.90f, 0.89f, 1.0f};
inline constexpr Colour kScrollbarGrab{0.42f, 0.44f, 0.47f, 1.0f};

// Words that carry a state: an error, a warning ("not saved yet"), a success ("all saved").
inline constexpr Colour kError{0.70f, 0.10f, 0.09f, 1.0f};
inline constexpr Colour kWarning{0.50f, 0.32f, 0.0f, 1.0f};
inline constexpr Colour kSuccess{0.09f, 0.42f, 0.20f, 1.0f};
// Banners and the delete button: white words on a strong fill.
inline constexpr Colour kOnStrong{1.0f, 1.0f, 1.0f, 1.0f};
inline constexpr Colour kErrorFill{0.70f, 0.10f, 0.09f, 0.97f};
inline constexpr Colour kSuccessFill{0.09f, 0.42f, 0.20f, 0.97f};

// On the map, outside any panel: the scale bar, north arrow and buurt names (dark ink on a white
// plate or halo), and pins of a category that is gone.
inline constexpr Colour kMapInk{0.137f, 0.149f, 0.188f, 1.0f};
inline constexpr Colour kMapPaper{1.0f, 1.0f, 1.0f, 0.86f};
inline constexpr Colour kMapHalo{1.0f, 1.0f, 1.0f, 0.92f};
inline constexpr Colour kUnknownCategory{0.35f, 0.35f, 0.35f, 1.0f};
inline constexpr Colour kPinRim{1.0f, 1.0f, 1.0f, 1.0f};

// Darkest and lightest the map can show under a panel, a plate or a halo: the contrast check
// composes each translucent background over both.
inline constexpr Colour kMapDarkest{0.0f, 0.0f, 0.0f, 1.0f};
inline constexpr Colour kMapLightest{1.0f, 1.0f, 1.0f, 1.0f};

}  // namespace theme

// One foreground drawn on one background, as the window draws it, and what WCAG asks of it.
struct ContrastPair {
    std::string what;                // "muted text on a card", for the test's message
    Colour foreground;               // opaque, or with the alpha it is drawn with
    std::vector<Colour> background;  // the layers beneath it, bottom first, each over the one before
                                     // and the first over the map
    double minimum;                  // 4.5 text, 3.0 large text, a control's edge, an inactive control
};
// Every pair the theme draws, with the categories' label colours (readableOn) for `categoryColours`.
std::vector<ContrastPair> themeContrastPairs(const std::vector<std::string>& categoryColours);
// The worst contrast of a pair over whatever the map shows beneath (darkest and lightest).
double worstContrast(const ContrastPair& pair);

}  // namespace samenkaart::gui
