#pragma once
// The Space-time tab: one lane per server (and one for the clients and the load
// balancer), an arrow per message from its send to its delivery, lane marks for
// faults and role changes, and the causal past and future of a clicked event.
#include <cstdint>

#include "sim/causal_cone.h"
#include "sim/time.h"
#include "ui/spacetime_layout.h"

namespace cs {
class Simulation;
}

namespace cs::ui {

struct FrameInput;
struct Actions;
struct UiState;

// What the diagram remembers between frames (zoom, pan, filters, the selected event).
struct SpaceTimeState {
    bool follow = true;                 // keep the current moment in view
    bool event_order = false;           // lanes spaced by event order (as ShiViz) instead of time
    TimeUs span_us = 400000;            // time across the canvas
    TimeUs from_us = 0;                 // the top of the canvas when not following
    bool hidden[kSpaceTimeFamilies] = {};  // per MsgFamily: its messages are not drawn
    CausalCone cone;                    // the clicked event, its past and its future
    // Zoomed out and filtered: sealed chunks counted per family, once (a cache the
    // drawing fills, hence mutable: the diagram draws from a const state).
    mutable FamilyBlockCounts family_counts;
    std::uint64_t shown_order = 0;      // the History order last brought into view
    bool dragging = false;
    float drag_last_y = 0;
    float drag_moved = 0;
};

void spacetime_panel(const Simulation& sim, const FrameInput& in, UiState& state, Actions& out);

// The selection as the diagram drew it last (nullptr before the tab was ever drawn):
// window.clustersim.spacetime() reports it, so a test can compare it with the clocks.
const CausalCone* spacetime_selection();

}  // namespace cs::ui
