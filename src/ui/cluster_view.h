#pragma once
#include "sim/simulation.h"
#include "ui/frame_io.h"
#include "ui/ui_state.h"

namespace cs::ui {

// The centre of the page: the servers on a circle (role, load, health, faults),
// the clients and load balancer, every message in flight as a dot moving along
// its link, a partition drawn as a cut, the legend, and under it all the
// concepts strip. Hover a server or a dot for its numbers; click one to see it
// in the Inspect tab. Fills the current window's content region.
void cluster_view(const Simulation& sim, const FrameInput& in, UiState& state, Actions& out);

}  // namespace cs::ui
