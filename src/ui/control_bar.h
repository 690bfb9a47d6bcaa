#pragma once
#include "sim/simulation.h"
#include "ui/frame_io.h"

namespace cs::ui {

// Play/pause, speed, the simulated clock and who leads. Draws into the current window.
void control_bar(const Simulation& sim, const FrameInput& in, Actions& out);

}  // namespace cs::ui
