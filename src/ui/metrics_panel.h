#pragma once
// The Metrics tab: per-server time series of the queueing model (CPU, queue depth,
// response time, throughput, memory), one line per server, and health scores.
#include "sim/simulation.h"
#include "ui/frame_io.h"
#include "ui/ui_state.h"

namespace cs::ui {

void metrics_panel(const Simulation& sim, const FrameInput& in, UiState& state, Actions& out);

}  // namespace cs::ui
