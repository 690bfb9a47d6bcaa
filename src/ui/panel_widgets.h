#pragma once
// Small drawing helpers shared by the side panel's tabs and the cluster view, so
// they look alike: headings, hints, right-aligned numbers, bars, coloured buttons,
// status colours.
#include <imgui.h>

#include "sim/message.h"

namespace cs::ui {

// One colour per server, the same in every chart, bar and legend.
ImU32 server_color(NodeId server);
ImU32 status_color(OrderStatus status);

// Variables, not constants: the light theme sets its own (theme.cpp, apply_theme).
namespace panel_color {
inline ImU32 kGood = IM_COL32(120, 205, 150, 255);
inline ImU32 kBad = IM_COL32(235, 95, 95, 255);
inline ImU32 kPending = IM_COL32(140, 180, 240, 255);
inline ImU32 kStaleCell = IM_COL32(240, 160, 40, 95);    // a replica that differs from the leader
inline ImU32 kCrashedCell = IM_COL32(70, 72, 80, 110);   // a crashed server's column
inline ImU32 kMismatchCell = IM_COL32(230, 80, 80, 80);  // the balancer is wrong about it
inline ImU32 kBarTrack = IM_COL32(255, 255, 255, 18);
inline ImU32 kGrid = IM_COL32(255, 255, 255, 30);
inline ImU32 kPlotBg = IM_COL32(14, 18, 26, 255);
// Buttons that act on a server, the same under its node and in the Inspect tab.
inline ImU32 kCrashButton = IM_COL32(140, 51, 51, 255);
inline ImU32 kRestartButton = IM_COL32(46, 115, 71, 255);
inline ImU32 kIsolateButton = IM_COL32(115, 77, 31, 255);
}  // namespace panel_color

// The tab's contents in a child window, so the tab bar stays put while they scroll.
bool begin_panel_body(const char* id);
void end_panel_body();

// A bold heading with a little space above it.
void heading(const char* text);
// Dim explanatory text, wrapped to the panel width.
void hint(const char* text);
// Text right-aligned in the remaining width of the current column or line.
void text_right(const char* text, ImU32 colour = 0);
void text_colored(ImU32 colour, const char* text);
// A wrapped tooltip for the last item, while it is hovered.
void item_tooltip(const char* text);
// "(?)" that shows `text` on hover.
void help_marker(const char* text);

// A button in `colour`, a little lighter while hovered and lighter still while held.
bool coloured_button(const char* label, ImU32 colour, ImVec2 size = ImVec2(0, 0));

// A horizontal bar of `fraction` (0..1) filling `size` from the cursor, with `label`
// drawn on it; advances the cursor like an item.
void bar(float fraction, ImVec2 size, ImU32 colour, const char* label);

}  // namespace cs::ui
