#pragma once
// Colours and style shared by every window, so a message family or a role has
// one colour everywhere (dots, legend, later the log and the timeline).
#include <imgui.h>

#include "sim/message.h"
#include "sim/server.h"

namespace cs::ui {

inline constexpr int kFamilyCount = 5;
inline constexpr MsgFamily kFamilies[kFamilyCount] = {MsgFamily::Heartbeat, MsgFamily::Election,
                                                     MsgFamily::Replication, MsgFamily::Client,
                                                     MsgFamily::Health};

ImU32 family_color(MsgFamily family);
const char* family_label(MsgFamily family);

namespace color {
inline constexpr ImU32 kCanvas = IM_COL32(22, 27, 38, 255);
inline constexpr ImU32 kLink = IM_COL32(110, 124, 150, 80);
inline constexpr ImU32 kClientLink = IM_COL32(110, 124, 150, 40);
inline constexpr ImU32 kLinkCut = IM_COL32(210, 80, 80, 130);  // partitioned or isolated
inline constexpr ImU32 kNodeAlive = IM_COL32(58, 96, 150, 255);
inline constexpr ImU32 kNodeCandidate = IM_COL32(196, 120, 40, 255);
inline constexpr ImU32 kNodeLeader = IM_COL32(214, 168, 42, 255);
inline constexpr ImU32 kNodeCrashed = IM_COL32(62, 64, 70, 255);
inline constexpr ImU32 kCrashMark = IM_COL32(220, 70, 70, 255);
inline constexpr ImU32 kNodeOutline = IM_COL32(200, 210, 230, 255);
inline constexpr ImU32 kText = IM_COL32(230, 234, 242, 255);
inline constexpr ImU32 kTextDim = IM_COL32(150, 158, 175, 255);
inline constexpr ImU32 kBox = IM_COL32(48, 56, 72, 255);
inline constexpr ImU32 kWarning = IM_COL32(240, 180, 60, 255);
}  // namespace color

ImU32 role_color(const Server& server);

// Dark theme with sizes multiplied by `scale`. Call again when the scale changes.
void apply_style(float scale);

}  // namespace cs::ui
