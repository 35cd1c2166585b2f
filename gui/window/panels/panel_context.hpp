// What every panel may read while drawing one frame. Panels hold no project state of their own.
#pragma once

#include "gui/window/logic/i18n.hpp"
#include "gui/window/map_view.hpp"
#include "gui/window/project_state.hpp"

namespace samenkaart::gui {

class OnScreenKeyboard;
class WidgetRects;

struct PanelContext {
    const Translator& tr;
    float uiScale = 1.0f;
    ProjectState* project = nullptr;                 // null while no project is open
    const mapping::MapSnapshot* snapshot = nullptr;  // null while loading
    MapView& map;
    bool kioskLocked = false;              // residents' mode: no deleting others' pins, no settings
    OnScreenKeyboard* keyboard = nullptr;  // null when switched off
    WidgetRects* rects = nullptr;          // where named widgets are, for scripted tests
};

// Minimum touch target in logical pixels at scale 1 (WCAG / Material: 48 px).
inline constexpr float kTouchTarget = 56.0f;

}  // namespace samenkaart::gui
