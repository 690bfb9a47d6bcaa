#pragma once
#include "sim/simulation.h"
#include "ui/frame_io.h"

namespace cs::ui {

// The servers on a circle, the clients and load balancer, every message in
// flight as a dot moving along its link, and per-server Crash / Restart
// buttons. Fills the current window's content region.
void cluster_view(const Simulation& sim, const FrameInput& in, Actions& out);

}  // namespace cs::ui
