#include "gui/window/logic/theme.hpp"

#include <algorithm>
#include <cmath>

namespace samenkaart::gui {
namespace {

double linear(float channel) {
    const double c = channel;
    return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

Colour opaque(Colour c) {
    c.a = 1.0f;
    return c;
}

Colour withAlpha(Colour c, float a) {
    c.a = a;
    return c;
}

// The layers composed over the map's `base`, bottom first.
Colour compose(const std::vector<Colour>& layers, const Colour& base) {
    Colour c = base;
    for (const Colour& layer : layers) c = over(layer, c);
    return c;
}

}  // namespace

double relativeLuminance(const Colour& c) { return 0.2126 * linear(c.r) + 0.7152 * linear(c.g) + 0.0722 * linear(c.b); }

double contrastRatio(const Colour& a, const Colour& b) {
    const double la = relativeLuminance(a), lb = relativeLuminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

Colour over(const Colour& top, const Colour& below) {
    const float a = std::clamp(top.a, 0.0f, 1.0f);
    return {top.r * a + below.r * (1 - a), top.g * a + below.g * (1 - a), top.b * a + below.b * (1 - a), 1.0f};
}

Colour colourFromHex(const std::string& hex) {
    if (hex.size() != 7 || hex[0] != '#') return theme::kUnknownCategory;
    unsigned v = 0;
    for (size_t i = 1; i < 7; ++i) {
        const char ch = hex[i];
        unsigned d = 0;
        if (ch >= '0' && ch <= '9')
            d = static_cast<unsigned>(ch - '0');
        else if (ch >= 'a' && ch <= 'f')
            d = static_cast<unsigned>(ch - 'a' + 10);
        else if (ch >= 'A' && ch <= 'F')
            d = static_cast<unsigned>(ch - 'A' + 10);
        else
            return theme::kUnknownCategory;
        v = v * 16 + d;
    }
    return {static_cast<float>((v >> 16) & 0xFF) / 255.0f, static_cast<float>((v >> 8) & 0xFF) / 255.0f,
            static_cast<float>(v & 0xFF) / 255.0f, 1.0f};
}

Colour readableOn(const Colour& colour, const Colour& background, double minimum) {
    // Toward black in small steps: the hue stays, so Idee's label still reads as Idee's colour.
    const Colour base = opaque(colour);
    const Colour bg = opaque(background);
    for (int step = 0; step <= 100; ++step) {
        const float k = 1.0f - static_cast<float>(step) * 0.01f;
        const Colour c{base.r * k, base.g * k, base.b * k, 1.0f};
        if (contrastRatio(c, bg) >= minimum) return c;
    }
    return {0.0f, 0.0f, 0.0f, 1.0f};
}

Colour inkOn(const Colour& background) {
    return contrastRatio(theme::kOnStrong, background) >= contrastRatio(theme::kText, background) ? theme::kOnStrong
                                                                                                  : theme::kText;
}

Colour chipFill(const Colour& tint) {
    const Colour c = opaque(tint);
    if (contrastRatio(inkOn(c), c) >= 4.5) return c;
    return readableOn(c, theme::kOnStrong);
}

std::vector<ContrastPair> themeContrastPairs(const std::vector<std::string>& categoryColours) {
    using namespace theme;
    const Colour panel = withAlpha(kWindowBg, kPanelAlpha);
    const Colour darkestPanel = over(panel, kMapDarkest);
    std::vector<ContrastPair> pairs = {
        {"text on a panel", kText, {panel}, 4.5},
        {"muted text (dates, labels, counts) on a panel", kTextMuted, {panel}, 4.5},
        {"text on a popup", kText, {kPopupBg}, 4.5},
        {"text on a button", kText, {panel, kButton}, 4.5},
        {"muted text on a button", kTextMuted, {panel, kButton}, 4.5},
        {"text on a pressed or chosen button", kText, {panel, kButtonPressed}, 4.5},
        {"a control's edge against the panel", kControlEdge, {panel}, 3.0},
        {"a control's edge against a button", kControlEdge, {panel, kButton}, 3.0},
        {"a control's edge against a pressed button", kControlEdge, {panel, kButtonPressed}, 3.0},
        {"text in a text field", kText, {panel, kField}, 4.5},
        {"text in the field being typed into", kText, {panel, kFieldTyping}, 4.5},
        {"muted text in a text field (hint)", kTextMuted, {panel, kField}, 4.5},
        {"selected text", kText, {panel, kField, kSelection}, 4.5},
        {"a check mark in its box", kAccent, {panel, kField}, 3.0},
        {"the accent (slider, focus) on a panel", kAccent, {panel}, 3.0},
        {"text on a chosen chip", inkOn(chipFill(kAccent)), {panel, chipFill(kAccent)}, 4.5},
        {"text on an unchosen chip", kText, {panel, withAlpha(kAccent, kChipWash)}, 4.5},
        {"text on a tapped row", kText, {panel, kRow}, 4.5},
        {"the scroll bar's grip on its track", kScrollbarGrab, {panel, kScrollbarBg}, 3.0},
        {"an error on a panel", kError, {panel}, 4.5},
        {"a warning on a panel", kWarning, {panel}, 4.5},
        {"a success on a panel", kSuccess, {panel}, 4.5},
        {"white on the error banner", kOnStrong, {kErrorFill}, 4.5},
        {"white on the success banner", kOnStrong, {kSuccessFill}, 4.5},
        {"white on the delete button", kOnStrong, {panel, kErrorFill}, 4.5},
        {"a disabled button's text (inactive: 3:1)",
         withAlpha(kText, kDisabledAlpha),
         {panel, withAlpha(kButton, kDisabledAlpha)},
         3.0},
        {"a disabled control's edge (inactive: 3:1)", withAlpha(kControlEdge, kDisabledAlpha), {panel}, 3.0},
        {"map ink on its plate (scale bar, north arrow)", kMapInk, {kMapPaper}, 4.5},
        {"map ink in its halo (buurt names)", kMapInk, {kMapHalo}, 4.5},
        {"a pin's symbol on an unknown category's pin", inkOn(kUnknownCategory), {kUnknownCategory}, 3.0},
    };
    for (const std::string& hex : categoryColours) {
        const Colour c = colourFromHex(hex);
        const std::string name = "category " + hex + ": ";
        pairs.push_back({name + "its label on a panel", readableOn(c, darkestPanel), {panel}, 4.5});
        pairs.push_back(
            {name + "its label on a button", readableOn(c, over(kButton, darkestPanel)), {panel, kButton}, 4.5});
        pairs.push_back({name + "the symbol in its pin and icon", inkOn(c), {c}, 3.0});
        pairs.push_back({name + "text on its chosen chip", inkOn(chipFill(c)), {panel, chipFill(c)}, 4.5});
        pairs.push_back({name + "text on its chip", kText, {panel, withAlpha(c, kChipWash)}, 4.5});
        pairs.push_back({name + "text on its armed palette button", kText, {panel, kButton, withAlpha(c, 0.35f)}, 4.5});
        pairs.push_back({name + "the armed palette button's edge", readableOn(c, darkestPanel, 3.0), {panel}, 3.0});
    }
    return pairs;
}

double worstContrast(const ContrastPair& pair) {
    double worst = 21.0;
    for (const Colour& map : {theme::kMapDarkest, theme::kMapLightest}) {
        const Colour bg = compose(pair.background, map);
        worst = std::min(worst, contrastRatio(over(pair.foreground, bg), bg));
    }
    return worst;
}

}  // namespace samenkaart::gui
