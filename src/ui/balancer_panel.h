#pragma once
// The Balancer tab: the routing algorithm, weights, what the balancer believes about
// each server next to the truth, the distribution of requests, and load tests.
#include "sim/simulation.h"
#include "ui/frame_io.h"
#include "ui/ui_state.h"

namespace cs::ui {

void balancer_panel(const Simulation& sim, const FrameInput& in, UiState& state, Actions& out);

}  // namespace cs::ui
