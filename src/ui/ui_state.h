#pragma once
// What the UI remembers between frames: selection, the open tab, filters.
// Never simulation state: everything about the cluster is read from the
// Simulation each frame. Each window keeps its own part in its own struct.
#include <cstdint>

#include "sim/message.h"
#include "ui/data_panels_state.h"
#include "ui/faults_panel.h"
#include "ui/history_panel.h"
#include "ui/layout_state.h"
#include "ui/inspect_panel.h"
#include "ui/lesson_panel.h"
#include "ui/log_panel.h"
#include "ui/side_tabs.h"
#include "ui/spacetime_panel.h"
#include "ui/start_card.h"
#include "ui/time_controls.h"

namespace cs::ui {


struct UiState {
    SideTab tab = SideTab::Inspect;
    bool tab_requested = false;            // switch the tab bar to `tab` this frame
    NodeId selected_server = kNoNode;      // clicked in the cluster view: shown in Inspect
    std::uint64_t selected_message = 0;    // clicked dot: its contents shown in Inspect (0 = none)
    // A client operation picked in History (0 = none): Space-time highlights the
    // messages of that order between its invocation and its completion.
    std::uint64_t focused_order = 0;
    TimeUs focused_from_us = 0, focused_to_us = 0;
    int highlighted_violation = -1;        // index into checker().violations(): servers drawn marked
    bool show_help = false;                // keyboard shortcut overlay
    InspectState inspect;                  // Inspect tab
    DataPanelsState data_panels;           // Shop, Data, Balancer and Metrics tabs
    FaultsPanelState faults;               // Faults tab
    LogPanelState log;                     // Log tab
    SpaceTimeState spacetime;              // Space-time tab (the diagram)
    HistoryViewState history;              // History tab (client operations)
    LessonPanelState lesson;               // Lesson tab (and the embedded lesson)
    TimeControlsState time_controls;       // control bar seed field, timeline scrubbing
    StartCardState start_card;             // the first visit's start card
    LayoutState layout;                    // sizes measured last frame (layout.cpp)

    void open(SideTab t) {
        tab = t;
        tab_requested = true;
    }
};

}  // namespace cs::ui
