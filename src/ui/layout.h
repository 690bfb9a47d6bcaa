#pragma once
// The one entry point of the UI: places every window for this frame and
// collects what the user asked for. Window contents live in their own files
// (control_bar.cpp, cluster_view.cpp, ...); this file only decides where.
#include "sim/simulation.h"
#include "ui/frame_io.h"
#include "ui/ui_state.h"

namespace cs::ui {

Actions draw_ui(const Simulation& sim, const FrameInput& in, UiState& state);

}  // namespace cs::ui
