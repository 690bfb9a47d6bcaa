#pragma once
// The Space-time tab: one lane per server (and one for the clients and the load
// balancer), an arrow per message from its send to its delivery, lane marks for
// faults and role changes, and the causal past and future of a clicked event.
namespace cs {
class Simulation;
}

namespace cs::ui {

struct FrameInput;
struct Actions;
struct UiState;

// What the diagram remembers between frames (zoom, pan, filters, the selected event).
struct SpaceTimeState {};

void spacetime_panel(const Simulation& sim, const FrameInput& in, UiState& state, Actions& out);

}  // namespace cs::ui
