#pragma once
// Draws the space-time diagram's canvas (spacetime_panel.cpp adds the toolbar and
// the mouse): only what is on screen; beyond kDetailEvents events in view, each
// lane becomes a density strip (ShiViz merges local events the same way).
#include <imgui.h>

#include <cstdint>
#include <vector>

#include "sim/causality.h"
#include "ui/spacetime_layout.h"

namespace cs {
class Simulation;
}

namespace cs::ui {

struct SpaceTimeState;

inline constexpr std::uint64_t kDetailEvents = 2500;
inline constexpr std::size_t kMaxExposedEvents = 200;  // rects() entries per frame (events, and arrows)

// What the pointer can hit this frame.
struct SpaceTimeHits {
    struct Dot {
        std::uint64_t index;
        float x, y;
    };
    struct Arrow {
        CausalEvent event;  // its delivery (or its send, if lost or still on the way)
        float ax, ay, bx, by;
    };
    std::vector<Dot> dots;
    std::vector<Arrow> arrows;
    bool merged = false;            // density strips instead of events
    std::uint64_t events_in_view = 0;
    std::uint64_t events_counted = 0;  // merged: of those, the ones the filter lets through
    int selected_past = 0, selected_future = 0;  // among the events drawn
    float now_y = 0;                // where the current moment is drawn
};

void draw_spacetime(const Simulation& sim, const SpaceTimeFrame& frame, const SpaceTimeState& state,
                    std::uint64_t focused_order, ImDrawList* draw, SpaceTimeHits& hits);

// One line about an event, for tooltips and the selection line.
std::string describe_causal_event(const CausalEvent& e);

}  // namespace cs::ui
