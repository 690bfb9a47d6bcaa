#pragma once
#include "sim/simulation.h"
#include "ui/frame_io.h"
#include "ui/ui_state.h"

namespace cs::ui {

// Play/pause, step back/forward, speed, "skip quiet time", who leads, and the
// seed with New seed / Reset, and the help button. Draws into the current window.
void control_bar(const Simulation& sim, const FrameInput& in, UiState& state, Actions& out);

}  // namespace cs::ui
