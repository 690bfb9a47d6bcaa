#pragma once
// The UI fonts (DejaVu Sans, compiled in; see fonts/README.md), rasterised for
// the screen's pixel density.
#include <imgui.h>

namespace cs::ui {

// Design sizes in pixels at scale 1.
inline constexpr float kTextPx = 15.0f;
inline constexpr float kNodeIdPx = 20.0f;

struct Fonts {
    ImFont* text = nullptr;     // everything, the default font
    ImFont* bold = nullptr;     // emphasis: LEADER, headings
    ImFont* node_id = nullptr;  // the big id inside a server node: digits only
};
const Fonts& fonts();

// Rebuilds the ImGui font atlas for `scale` device pixels per design pixel.
// The caller re-uploads the atlas texture to the GPU.
void build_fonts(float scale);

}  // namespace cs::ui
