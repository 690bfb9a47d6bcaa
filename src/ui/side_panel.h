#pragma once
// The tabbed column beside the cluster view: Inspect, Shop, Data, Balancer,
// Metrics, Faults, Log, Space-time, History, Lesson. Each tab's contents live in their own file;
// this file only lists the tabs and draws the tab bar.
#include "sim/simulation.h"
#include "ui/frame_io.h"
#include "ui/ui_state.h"

namespace cs::ui {

// Signature shared by every tab's contents.
using PanelFn = void (*)(const Simulation& sim, const FrameInput& in, UiState& state, Actions& out);

void side_panel(const Simulation& sim, const FrameInput& in, UiState& state, Actions& out);

}  // namespace cs::ui
