#pragma once
// The strip under the cluster view that says what is happening now, in the
// course text's words, and which section of the course it belongs to.
// The sentences come from explain_now() (concepts.h); this file only draws them.
#include <imgui.h>

#include <vector>

#include "ui/concepts.h"

namespace cs::ui {

inline constexpr int kConceptLines = 2;  // the strip shows the most important ones only

// Height the strip needs for these concepts at this width.
float concepts_strip_height(const std::vector<Concept>& concepts, float width, float scale);

// Draws the first kConceptLines concepts in the box at top_left, `width` wide.
void concepts_strip(ImDrawList* draw, const std::vector<Concept>& concepts, ImVec2 top_left, float width, float scale);

}  // namespace cs::ui
