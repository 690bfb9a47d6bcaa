#pragma once
// The tabbed column beside the cluster view: Lesson, Inspect, Shop, Data, Balancer,
// Metrics, Faults, Log, Space-time, History. Each tab's contents live in their own file;
// this file only lists the tabs and draws the tab bar.
#include "sim/simulation.h"
#include "ui/frame_io.h"
#include "ui/ui_state.h"

namespace cs::ui {

// Signature shared by every tab's contents.
using PanelFn = void (*)(const Simulation& sim, const FrameInput& in, UiState& state, Actions& out);

// The tabs as rows of whole labels (at most two rows), or as a drop-down when
// `dropdown` is set (a phone) or two rows are not enough; then the open tab.
void side_panel(const Simulation& sim, const FrameInput& in, UiState& state, Actions& out, bool dropdown);

}  // namespace cs::ui
