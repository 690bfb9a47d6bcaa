#pragma once
// Colours and style shared by every window, so a message family or a role has
// one colour everywhere (dots, legend, later the log and the timeline).
#include <imgui.h>

#include <string>
#include <vector>

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

// Two palettes, chosen at start (theme=light|dark|auto, --theme): the colours
// below are variables that apply_theme() fills, so every call site reads the
// palette of the running theme. Each message family keeps its hue in both
// (the lesson texts name them: heartbeats blue, election orange, replication
// yellow); the light theme uses darker shades of the same hues.
enum class Theme : std::uint8_t { Dark, Light };
void apply_theme(Theme theme);
Theme current_theme();

namespace color {
inline ImU32 kCanvas = IM_COL32(22, 27, 38, 255);
inline ImU32 kLink = IM_COL32(110, 124, 150, 80);
inline ImU32 kClientLink = IM_COL32(110, 124, 150, 40);
inline ImU32 kLinkCut = IM_COL32(210, 80, 80, 130);  // partitioned or isolated
inline ImU32 kNodeAlive = IM_COL32(58, 96, 150, 255);
inline ImU32 kNodeCandidate = IM_COL32(196, 120, 40, 255);
inline ImU32 kNodeLeader = IM_COL32(214, 168, 42, 255);
inline ImU32 kNodeCrashed = IM_COL32(62, 64, 70, 255);
inline ImU32 kCrashMark = IM_COL32(220, 70, 70, 255);
inline ImU32 kNodeOutline = IM_COL32(200, 210, 230, 255);
inline ImU32 kText = IM_COL32(230, 234, 242, 255);
inline ImU32 kTextDim = IM_COL32(150, 158, 175, 255);
inline ImU32 kBox = IM_COL32(48, 56, 72, 255);
inline ImU32 kWarning = IM_COL32(240, 180, 60, 255);
inline ImU32 kError = IM_COL32(235, 85, 85, 255);
inline ImU32 kGood = IM_COL32(110, 200, 120, 255);
inline ImU32 kSelected = IM_COL32(120, 220, 255, 255);     // the server shown in Inspect
inline ImU32 kViolationHalo = IM_COL32(240, 60, 60, 200);  // servers of the highlighted violation
inline ImU32 kCut = IM_COL32(235, 85, 85, 230);            // the partition cut, an isolated node's ring
inline ImU32 kCutBand = IM_COL32(235, 85, 85, 40);
inline ImU32 kSideA = IM_COL32(80, 170, 200, 90);  // halo tint of each partition side
inline ImU32 kSideB = IM_COL32(190, 110, 220, 90);
inline ImU32 kMeterTrack = IM_COL32(255, 255, 255, 30);
inline ImU32 kStrip = IM_COL32(30, 36, 50, 235);  // legend and concepts strip background
inline ImU32 kLeaderText = IM_COL32(214, 168, 42, 255);  // "leader: server 5", the LEADER label
inline ImU32 kNoticeBg = IM_COL32(64, 46, 20, 255);      // the notices strip
inline ImU32 kOverlayBg = IM_COL32(31, 38, 54, 255);     // help overlay and start card
inline ImU32 kDim = IM_COL32(0, 0, 0, 140);              // behind a modal card
inline ImU32 kPlayed = IM_COL32(90, 150, 230, 255);      // the timeline up to now
inline ImU32 kReplayable = IM_COL32(120, 140, 180, 110); // the timeline after a seek back
inline ImU32 kMarkRim = IM_COL32(10, 12, 18, 210);       // the rim around a message mark
inline ImU32 kStatusBox = IM_COL32(36, 46, 66, 255);     // the lesson's boxes: watching,
inline ImU32 kYourTurnBox = IM_COL32(70, 56, 24, 255);   // your turn,
inline ImU32 kDoneBox = IM_COL32(32, 62, 44, 255);       // step done
// The timeline's milestone marks that have no colour of their own elsewhere (3:1 on the page).
inline ImU32 kFaultMark = IM_COL32(230, 130, 60, 255);
inline ImU32 kHealMark = IM_COL32(90, 200, 200, 255);
inline ImU32 kViolationMark = IM_COL32(255, 70, 160, 255);
inline ImU32 kElectionMark = IM_COL32(196, 120, 40, 255);  // an election starts
inline ImU32 kLeaderMark = IM_COL32(214, 168, 42, 255);    // a leader is elected
}  // namespace color

// Dark or light ink, whichever reads better on `fill` (the id on a server node).
ImU32 ink_on(ImU32 fill);

ImU32 role_color(const Server& server);
// The role written as text: its colour on the dark page; on the light page the
// node fills are too pale for text, so plain text there.
ImU32 role_text_color(const Server& server);
// Green for a healthy score (the load balancer's 0..100), amber when loaded, red when failing.
ImU32 health_color(int health);

// ImGui's style for the current theme with sizes multiplied by `scale`.
// Call again when the scale or the theme changes.
ImGuiStyle themed_style(float scale);
void apply_style(float scale);

// WCAG 2.1 contrast ratio of two opaque colours (1 to 21); alpha is ignored.
double contrast_ratio(ImU32 a, ImU32 b);
// Every pair of the current theme that falls below its WCAG minimum (text 4.5:1,
// message families and the node fills' outlines 3:1), one line each; empty when all pass.
std::vector<std::string> contrast_failures();

}  // namespace cs::ui
