#pragma once
// Tooltips that never cover the control they belong to or the lesson's buttons.
// ImGui puts a tooltip below-right of the pointer, wherever that lands; at the
// end of the frame this moves it (its draw list, already built) to the first
// place beside the pointer that covers neither (geometry.h, place_tooltip).
#include <vector>

#include "ui/test_hooks.h"

namespace cs::ui {

// rects: this frame's exposed items (test_hooks.h); the tooltip's final place is
// added to them as "tooltip".
void keep_tooltip_clear(std::vector<NamedRect>& rects, float scale);

}  // namespace cs::ui
