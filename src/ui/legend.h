#pragma once
// The key to the cluster view, and the message marks it shares with the view.
#include <imgui.h>

#include "ui/theme.h"

namespace cs::ui {

// One message mark: a filled dot, a ring or a diamond of radius r, with a dark
// rim so it stands out on links and nodes alike.
void draw_message_mark(ImDrawList* draw, ImVec2 centre, float r, ImU32 colour, DotShape shape, float scale);

// Draws the legend in the bottom-left corner of the box (min, max): the message
// marks and, if there is room, the server marks; with too little room for the
// message rows, swatch_legend's line of family marks with one word each.
// Returns the rectangle used (zero size if nothing fits).
ImVec4 legend(ImDrawList* draw, ImVec2 min, ImVec2 max, float scale);
ImVec4 swatch_legend(ImDrawList* draw, ImVec2 min, ImVec2 max, float scale);

}  // namespace cs::ui
