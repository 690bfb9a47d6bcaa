#pragma once
// The timeline strip at the bottom: from the oldest moment that can be
// revisited to the furthest reached, with the current moment, markers for
// crashes, restarts, faults, heals, elections and violations (hover for what
// happened), and click or drag to travel in time (Actions::seek_to_us).
#include <imgui.h>

#include "sim/simulation.h"
#include "ui/frame_io.h"
#include "ui/ui_state.h"

namespace cs::ui {

// Draws into the current window (layout.cpp gives it the full width).
void timeline_strip(const Simulation& sim, const FrameInput& in, UiState& state, Actions& out);

// The marker colours with their meaning, on one or two lines (for the help overlay).
void timeline_marker_legend(const FrameInput& in);

ImU32 milestone_color(MilestoneKind kind);

}  // namespace cs::ui
