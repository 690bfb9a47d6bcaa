#pragma once
// The Log tab: every event the simulation kept (the last 20,000) as a readable
// line with its time, filtered by kind, server, level and a text search, and
// the fault commands given with their times.
#include "ui/log_filter.h"

namespace cs {
class Simulation;
}

namespace cs::ui {

struct FrameInput;
struct Actions;
struct UiState;

struct LogPanelState {
    LogFilter filter;
    char search[96] = {};
    LogIndex index;             // the lines the filter keeps, brought up to date each frame
    bool scroll_to_newest = false;  // the "newest" button was pressed
};

void log_panel(const Simulation& sim, const FrameInput& in, UiState& state, Actions& out);

}  // namespace cs::ui
