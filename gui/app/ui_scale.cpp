#include "gui/app/ui_scale.hpp"

#include <algorithm>
#include <cmath>

namespace samenkaart::gui {

float fittedUiScale(float chosen, float width, float height) {
    const float wanted = std::clamp(chosen, kMinUiScale, kMaxUiScale);
    if (!(width > 0.0f) || !(height > 0.0f)) return wanted;  // not yet sized (or minimised)
    const float fits = std::min(width / kMinScaledWidth, height / kMinScaledHeight);
    // Down to a whole step, with a little slack so 1600 x 1000 gives exactly 2.0.
    const float stepped = std::floor(fits / kUiScaleStep + 1e-3f) * kUiScaleStep;
    return std::max(kMinUiScale, std::min(wanted, stepped));
}

}  // namespace samenkaart::gui
