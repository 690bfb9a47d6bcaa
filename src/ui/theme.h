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
// The family's colour in a word, as lesson texts may name it ("blue"): the hue, the same in every theme.
const char* family_color_name(MsgFamily family);

// Within a family the colour is the same; the shape tells the message apart:
// a request or announcement is a filled dot, the answer to it a ring, and the
// COORDINATOR announcement (the end of an election) a diamond.
enum class DotShape : std::uint8_t { Filled, Hollow, Diamond };
DotShape dot_shape(MsgType type);

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
inline constexpr ImU32 kError = IM_COL32(235, 85, 85, 255);
inline constexpr ImU32 kGood = IM_COL32(110, 200, 120, 255);
inline constexpr ImU32 kSelected = IM_COL32(120, 220, 255, 255);     // the server shown in Inspect
inline constexpr ImU32 kViolationHalo = IM_COL32(240, 60, 60, 200);  // servers of the highlighted violation
inline constexpr ImU32 kCut = IM_COL32(235, 85, 85, 230);            // the partition cut, an isolated node's ring
inline constexpr ImU32 kCutBand = IM_COL32(235, 85, 85, 40);
inline constexpr ImU32 kSideA = IM_COL32(80, 170, 200, 90);  // halo tint of each partition side
inline constexpr ImU32 kSideB = IM_COL32(190, 110, 220, 90);
inline constexpr ImU32 kMeterTrack = IM_COL32(255, 255, 255, 30);
inline constexpr ImU32 kStrip = IM_COL32(30, 36, 50, 235);  // legend and concepts strip background
}  // namespace color

ImU32 role_color(const Server& server);
// Green for a healthy score (the load balancer's 0..100), amber when loaded, red when failing.
ImU32 health_color(int health);

// Dark theme with sizes multiplied by `scale`. Call again when the scale changes.
void apply_style(float scale);

}  // namespace cs::ui
