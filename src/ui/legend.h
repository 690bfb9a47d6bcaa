#pragma once
#include <imgui.h>

namespace cs::ui {

// The key to the cluster view: message families and, if `with_nodes`, node
// states. Drawn with its bottom-left corner at `bottom_left`; returns its size.
ImVec2 legend(ImDrawList* draw, ImVec2 bottom_left, float scale, bool with_nodes);

// Height legend() will take.
float legend_height(float scale, bool with_nodes);

}  // namespace cs::ui
