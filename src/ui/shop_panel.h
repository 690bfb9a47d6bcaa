#pragma once
// The Shop tab: the client's view. Products with price and the stock the last
// answering server reported, an Order button per product, the route (through the
// load balancer or straight to one server) and the outcome and path of recent orders.
#include "sim/simulation.h"
#include "ui/frame_io.h"
#include "ui/ui_state.h"

namespace cs::ui {

void shop_panel(const Simulation& sim, const FrameInput& in, UiState& state, Actions& out);

}  // namespace cs::ui
