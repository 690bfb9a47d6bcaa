#pragma once
// The Data tab: the stock of every product on every server side by side (stale
// replicas highlighted), the orders table and the revenue.
#include "sim/simulation.h"
#include "ui/frame_io.h"
#include "ui/ui_state.h"

namespace cs::ui {

void data_panel(const Simulation& sim, const FrameInput& in, UiState& state, Actions& out);

}  // namespace cs::ui
