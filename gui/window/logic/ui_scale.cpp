#include "gui/window/logic/ui_scale.hpp"

#include <algorithm>
#include <cmath>

namespace samenkaart::gui {

float defaultUiScale(const MonitorSize& m, float touchTargetPx, float contentScale) {
    const float fallback = std::clamp(std::isfinite(contentScale) ? contentScale : 1.0f, kMinUiScale, kMaxUiScale);
    // Smaller than any real screen (4 cm) or larger than any (3 m), or pixels that disagree with
    // the millimetres' shape by more than a third: not a size to go by.
    if (m.widthMm < 40 || m.heightMm < 40 || m.widthMm > 3000 || m.heightMm > 3000 || m.widthPx <= 0 ||
        m.heightPx <= 0 || !(touchTargetPx > 0.0f))
        return fallback;
    const float pxPerMmX = static_cast<float>(m.widthPx) / static_cast<float>(m.widthMm);
    const float pxPerMmY = static_cast<float>(m.heightPx) / static_cast<float>(m.heightMm);
    if (pxPerMmX > pxPerMmY * 1.34f || pxPerMmY > pxPerMmX * 1.34f) return fallback;
    const float pxPerMm = std::max(pxPerMmX, pxPerMmY);
    const float needed = kMinTouchTargetMm * pxPerMm / touchTargetPx;
    // Up to a whole step, with a little slack so a scale that just reaches 11 mm is not raised.
    const float stepped = std::ceil(needed / kUiScaleStep - 1e-3f) * kUiScaleStep;
    return std::clamp(stepped, kMinUiScale, kMaxUiScale);
}

float fittedUiScale(float chosen, float width, float height) {
    const float wanted = std::clamp(chosen, kMinUiScale, kMaxUiScale);
    if (!(width > 0.0f) || !(height > 0.0f)) return wanted;  // not yet sized (or minimised)
    const float fits = std::min(width / kMinScaledWidth, height / kMinScaledHeight);
    // Down to a whole step, with a little slack so 1600 x 1000 gives exactly 2.0.
    const float stepped = std::floor(fits / kUiScaleStep + 1e-3f) * kUiScaleStep;
    return std::max(kMinUiScale, std::min(wanted, stepped));
}

}  // namespace samenkaart::gui
