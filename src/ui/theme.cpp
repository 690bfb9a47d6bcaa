#include "ui/theme.h"

#include "ui/panel_widgets.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace cs::ui {
namespace {

Theme g_theme = Theme::Dark;

// Message families, per theme. Same hues; the light theme's are darker so that a
// dot stands out at 3:1 or more on a near-white canvas.
struct FamilyColours {
    ImU32 heartbeat, election, replication, client, health;
};
// Picked to stay apart for the common colour-vision deficiencies
// (blue / orange / yellow / magenta / green rather than red vs green).
constexpr FamilyColours kDarkFamilies{IM_COL32(96, 170, 255, 255), IM_COL32(255, 140, 50, 255),
                                      IM_COL32(240, 220, 80, 255), IM_COL32(230, 100, 210, 255),
                                      IM_COL32(120, 200, 150, 255)};
constexpr FamilyColours kLightFamilies{IM_COL32(25, 105, 215, 255), IM_COL32(210, 90, 0, 255),
                                       IM_COL32(158, 126, 0, 255), IM_COL32(185, 35, 165, 255),
                                       IM_COL32(30, 135, 75, 255)};
FamilyColours g_families = kDarkFamilies;

void dark_palette() {
    using namespace color;
    kCanvas = IM_COL32(22, 27, 38, 255);
    kLink = IM_COL32(110, 124, 150, 80);
    kClientLink = IM_COL32(110, 124, 150, 40);
    kLinkCut = IM_COL32(210, 80, 80, 130);
    kNodeAlive = IM_COL32(58, 96, 150, 255);
    kNodeCandidate = IM_COL32(196, 120, 40, 255);
    kNodeLeader = IM_COL32(214, 168, 42, 255);
    kNodeCrashed = IM_COL32(62, 64, 70, 255);
    kCrashMark = IM_COL32(240, 100, 100, 255);
    kNodeOutline = IM_COL32(200, 210, 230, 255);
    kText = IM_COL32(230, 234, 242, 255);
    kTextDim = IM_COL32(160, 168, 184, 255);
    kBox = IM_COL32(48, 56, 72, 255);
    kWarning = IM_COL32(240, 180, 60, 255);
    kError = IM_COL32(240, 100, 100, 255);
    kGood = IM_COL32(110, 200, 120, 255);
    kSelected = IM_COL32(120, 220, 255, 255);
    kViolationHalo = IM_COL32(240, 60, 60, 200);
    kCut = IM_COL32(240, 100, 100, 255);
    kCutBand = IM_COL32(235, 85, 85, 40);
    kSideA = IM_COL32(80, 170, 200, 90);
    kSideB = IM_COL32(190, 110, 220, 90);
    kMeterTrack = IM_COL32(255, 255, 255, 30);
    kStrip = IM_COL32(30, 36, 50, 235);
    kLeaderText = IM_COL32(214, 168, 42, 255);
    kNoticeBg = IM_COL32(64, 46, 20, 255);
    kOverlayBg = IM_COL32(31, 38, 54, 255);
    kDim = IM_COL32(0, 0, 0, 140);
    kPlayed = IM_COL32(90, 150, 230, 255);
    kReplayable = IM_COL32(120, 140, 180, 110);
    kMarkRim = IM_COL32(10, 12, 18, 210);
    kStatusBox = IM_COL32(36, 46, 66, 255);
    kYourTurnBox = IM_COL32(70, 56, 24, 255);
    kDoneBox = IM_COL32(32, 62, 44, 255);
    kFaultMark = IM_COL32(230, 130, 60, 255);
    kHealMark = IM_COL32(90, 200, 200, 255);
    kViolationMark = IM_COL32(255, 70, 160, 255);
    kElectionMark = kNodeCandidate;
    kLeaderMark = kNodeLeader;
    panel_color::kGood = IM_COL32(120, 205, 150, 255);
    panel_color::kBad = IM_COL32(235, 95, 95, 255);
    panel_color::kPending = IM_COL32(140, 180, 240, 255);
    panel_color::kStaleCell = IM_COL32(240, 160, 40, 95);
    panel_color::kCrashedCell = IM_COL32(70, 72, 80, 110);
    panel_color::kMismatchCell = IM_COL32(230, 80, 80, 80);
    panel_color::kBarTrack = IM_COL32(255, 255, 255, 18);
    panel_color::kGrid = IM_COL32(255, 255, 255, 30);
    panel_color::kPlotBg = IM_COL32(14, 18, 26, 255);
}

// A near-white page, as in a course page around an embed. Node fills are light
// (dark ids on them); lines, marks and text are dark.
void light_palette() {
    using namespace color;
    kCanvas = IM_COL32(248, 249, 251, 255);
    kLink = IM_COL32(70, 80, 105, 90);
    kClientLink = IM_COL32(70, 80, 105, 60);
    kLinkCut = IM_COL32(200, 40, 40, 150);
    kNodeAlive = IM_COL32(150, 190, 240, 255);
    kNodeCandidate = IM_COL32(245, 165, 90, 255);
    kNodeLeader = IM_COL32(232, 186, 40, 255);
    kNodeCrashed = IM_COL32(214, 216, 222, 255);
    kCrashMark = IM_COL32(200, 35, 35, 255);
    kNodeOutline = IM_COL32(60, 70, 92, 255);
    kText = IM_COL32(24, 28, 38, 255);
    kTextDim = IM_COL32(82, 90, 108, 255);
    kBox = IM_COL32(226, 231, 240, 255);
    kWarning = IM_COL32(150, 84, 0, 255);
    kError = IM_COL32(190, 30, 30, 255);
    kGood = IM_COL32(20, 118, 50, 255);
    kSelected = IM_COL32(0, 120, 200, 255);
    kViolationHalo = IM_COL32(215, 30, 30, 200);
    kCut = IM_COL32(195, 30, 30, 235);
    kCutBand = IM_COL32(215, 40, 40, 40);
    kSideA = IM_COL32(40, 140, 185, 70);
    kSideB = IM_COL32(150, 70, 200, 70);
    kMeterTrack = IM_COL32(0, 0, 0, 40);
    kStrip = IM_COL32(234, 237, 243, 245);
    kLeaderText = IM_COL32(140, 98, 0, 255);
    kNoticeBg = IM_COL32(253, 236, 200, 255);
    kOverlayBg = IM_COL32(255, 255, 255, 255);
    kDim = IM_COL32(20, 24, 32, 110);
    kPlayed = IM_COL32(30, 110, 210, 255);
    kReplayable = IM_COL32(120, 140, 180, 130);
    kMarkRim = IM_COL32(255, 255, 255, 230);
    kStatusBox = IM_COL32(226, 233, 245, 255);
    kYourTurnBox = IM_COL32(252, 236, 200, 255);
    kDoneBox = IM_COL32(218, 240, 224, 255);
    kFaultMark = IM_COL32(180, 80, 0, 255);
    kHealMark = IM_COL32(0, 120, 130, 255);
    kViolationMark = IM_COL32(190, 0, 110, 255);
    kElectionMark = kWarning;
    kLeaderMark = kLeaderText;
    panel_color::kGood = IM_COL32(20, 118, 50, 255);
    panel_color::kBad = IM_COL32(190, 30, 30, 255);
    panel_color::kPending = IM_COL32(25, 95, 190, 255);
    panel_color::kStaleCell = IM_COL32(240, 150, 20, 90);
    panel_color::kCrashedCell = IM_COL32(120, 124, 134, 70);
    panel_color::kMismatchCell = IM_COL32(220, 60, 60, 70);
    panel_color::kBarTrack = IM_COL32(0, 0, 0, 22);
    panel_color::kGrid = IM_COL32(0, 0, 0, 35);
    panel_color::kPlotBg = IM_COL32(255, 255, 255, 255);
}

// sRGB channel to linear light (WCAG 2.1 relative luminance).
double linear(int channel) {
    const double c = channel / 255.0;
    return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

double luminance(ImU32 c) {
    const int r = static_cast<int>((c >> IM_COL32_R_SHIFT) & 0xFF);
    const int g = static_cast<int>((c >> IM_COL32_G_SHIFT) & 0xFF);
    const int b = static_cast<int>((c >> IM_COL32_B_SHIFT) & 0xFF);
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

// A translucent colour as it shows over `under` (opaque).
ImU32 over(ImU32 colour, ImU32 under) {
    const int a = static_cast<int>((colour >> IM_COL32_A_SHIFT) & 0xFF);
    auto mix = [&](int shift) {
        const int top = static_cast<int>((colour >> shift) & 0xFF), bottom = static_cast<int>((under >> shift) & 0xFF);
        return (top * a + bottom * (255 - a) + 127) / 255;
    };
    return IM_COL32(mix(IM_COL32_R_SHIFT), mix(IM_COL32_G_SHIFT), mix(IM_COL32_B_SHIFT), 255);
}

ImU32 packed(const ImVec4& v) { return ImGui::ColorConvertFloat4ToU32(v); }

}  // namespace

void apply_theme(Theme theme) {
    g_theme = theme;
    if (theme == Theme::Light) {
        light_palette();
        g_families = kLightFamilies;
    } else {
        dark_palette();
        g_families = kDarkFamilies;
    }
}

Theme current_theme() { return g_theme; }

ImU32 family_color(MsgFamily family) {
    switch (family) {
        case MsgFamily::Heartbeat: return g_families.heartbeat;
        case MsgFamily::Election: return g_families.election;
        case MsgFamily::Replication: return g_families.replication;
        case MsgFamily::Client: return g_families.client;
        case MsgFamily::Health: return g_families.health;
    }
    return color::kText;
}

const char* family_label(MsgFamily family) {
    switch (family) {
        case MsgFamily::Heartbeat: return "heartbeat";
        case MsgFamily::Election: return "election";
        case MsgFamily::Replication: return "replication";
        case MsgFamily::Client: return "client order/read";
        case MsgFamily::Health: return "health check";
    }
    return "?";
}

const char* family_color_name(MsgFamily family) {
    switch (family) {
        case MsgFamily::Heartbeat: return "blue";
        case MsgFamily::Election: return "orange";
        case MsgFamily::Replication: return "yellow";
        case MsgFamily::Client: return "pink";
        case MsgFamily::Health: return "green";
    }
    return "?";
}

DotShape dot_shape(MsgType type) {
    switch (type) {
        case MsgType::Coordinator: return DotShape::Diamond;
        case MsgType::HeartbeatAck:
        case MsgType::ElectionOk:
        case MsgType::StateReply:
        case MsgType::ReplicateAck:
        case MsgType::SyncAck:
        case MsgType::OrderReply:
        case MsgType::ReadReply:
        case MsgType::HealthReply: return DotShape::Hollow;
        default: return DotShape::Filled;
    }
}

ImU32 health_color(int health) {
    if (health >= 70) return color::kGood;
    if (health >= 40) return color::kWarning;
    return color::kError;
}

ImU32 role_text_color(const Server& server) {
    return g_theme == Theme::Light ? color::kText : role_color(server);
}

ImU32 role_color(const Server& server) {
    if (!server.alive) return color::kNodeCrashed;
    switch (server.role) {
        case Role::Leader: return color::kNodeLeader;
        case Role::Candidate:
        case Role::AwaitingCoordinator:
        case Role::Recovering: return color::kNodeCandidate;
        case Role::Follower: break;
    }
    return color::kNodeAlive;
}

ImU32 ink_on(ImU32 fill) {
    constexpr ImU32 kDark = IM_COL32(16, 18, 24, 255), kLight = IM_COL32(250, 251, 253, 255);
    return contrast_ratio(kDark, fill) >= contrast_ratio(kLight, fill) ? kDark : kLight;
}

ImGuiStyle themed_style(float scale) {
    ImGuiStyle style;
    const bool light = g_theme == Theme::Light;
    if (light)
        ImGui::StyleColorsLight(&style);
    else
        ImGui::StyleColorsDark(&style);
    style.WindowRounding = 4.0f;
    style.FrameRounding = 3.0f;
    style.GrabRounding = 3.0f;
    style.WindowBorderSize = 0.0f;
    style.WindowPadding = ImVec2(10, 8);
    style.FramePadding = ImVec2(8, 4);
    style.ItemSpacing = ImVec2(10, 6);
    ImVec4* c = style.Colors;
    c[ImGuiCol_WindowBg] = ImColor(color::kCanvas);
    c[ImGuiCol_Text] = ImColor(color::kText);
    c[ImGuiCol_TextDisabled] = ImColor(color::kTextDim);
    if (light) {
        // ImGui's light style has translucent blue buttons and grey disabled text
        // below 4.5:1; opaque, a little darker, text stays readable on all of them.
        const auto rgb = [](int r, int g, int b) { return ImColor(r, g, b).Value; };
        c[ImGuiCol_ChildBg] = rgb(248, 249, 251);
        c[ImGuiCol_PopupBg] = rgb(255, 255, 255);
        c[ImGuiCol_Border] = rgb(180, 186, 198);
        c[ImGuiCol_FrameBg] = rgb(232, 236, 243);
        c[ImGuiCol_FrameBgHovered] = rgb(214, 224, 240);
        c[ImGuiCol_FrameBgActive] = rgb(196, 212, 238);
        c[ImGuiCol_TitleBg] = rgb(226, 231, 240);
        c[ImGuiCol_TitleBgActive] = rgb(210, 220, 236);
        c[ImGuiCol_Button] = rgb(214, 224, 240);
        c[ImGuiCol_ButtonHovered] = rgb(188, 206, 236);
        c[ImGuiCol_ButtonActive] = rgb(164, 190, 232);
        c[ImGuiCol_Header] = rgb(214, 224, 240);
        c[ImGuiCol_HeaderHovered] = rgb(188, 206, 236);
        c[ImGuiCol_HeaderActive] = rgb(164, 190, 232);
        c[ImGuiCol_Tab] = rgb(222, 228, 238);
        c[ImGuiCol_TabHovered] = rgb(188, 206, 236);
        c[ImGuiCol_TabActive] = rgb(176, 198, 234);
        c[ImGuiCol_TabUnfocused] = rgb(222, 228, 238);
        c[ImGuiCol_TabUnfocusedActive] = rgb(200, 214, 236);
        c[ImGuiCol_SliderGrab] = rgb(40, 100, 190);
        c[ImGuiCol_SliderGrabActive] = rgb(25, 80, 170);
        c[ImGuiCol_CheckMark] = rgb(25, 90, 190);
        c[ImGuiCol_PlotHistogram] = rgb(40, 110, 200);
        c[ImGuiCol_TableRowBgAlt] = ImVec4(0.0f, 0.0f, 0.0f, 0.04f);
    } else {
        // ImGui's hovered blue is too light for white text (2.5:1): a deeper one.
        c[ImGuiCol_ButtonHovered] = ImVec4(0.18f, 0.36f, 0.62f, 1.0f);
        c[ImGuiCol_HeaderHovered] = ImVec4(0.18f, 0.36f, 0.62f, 1.0f);
        c[ImGuiCol_TitleBg] = ImVec4(0.13f, 0.16f, 0.22f, 1.0f);
        c[ImGuiCol_TitleBgActive] = ImVec4(0.16f, 0.20f, 0.28f, 1.0f);
    }
    style.ScaleAllSizes(scale);
    return style;
}

void apply_style(float scale) { ImGui::GetStyle() = themed_style(scale); }

double contrast_ratio(ImU32 a, ImU32 b) {
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

std::vector<std::string> contrast_failures() {
    std::vector<std::string> failures;
    const auto need = [&](const char* what, ImU32 fg, ImU32 bg, double minimum) {
        const ImU32 under = over(bg, color::kCanvas);
        const double ratio = contrast_ratio(over(fg, under), under);
        if (ratio + 1e-9 < minimum) {
            char line[160];
            std::snprintf(line, sizeof line, "%s: %.2f:1, needs %.1f:1", what, ratio, minimum);
            failures.emplace_back(line);
        }
    };
    using namespace color;
    // Text drawn on the canvas (cluster view, panels, strips).
    const struct {
        const char* name;
        ImU32 colour;
    } texts[] = {{"text", kText},       {"dim text", kTextDim}, {"warning text", kWarning},
                 {"error text", kError}, {"good text", kGood},   {"leader text", kLeaderText},
                 {"cut label", kCut},    {"crashed text", kCrashMark}};
    for (const auto& t : texts) {
        need((std::string(t.name) + " on canvas").c_str(), t.colour, kCanvas, 4.5);
        need((std::string(t.name) + " on strip").c_str(), t.colour, kStrip, 4.5);
    }
    need("text on box", kText, kBox, 4.5);
    for (const ImU32 box : {kStatusBox, kYourTurnBox, kDoneBox}) need("text on a lesson box", kText, box, 4.5);
    need("panel good text", panel_color::kGood, kCanvas, 4.5);
    need("panel bad text", panel_color::kBad, kCanvas, 4.5);
    need("panel pending text", panel_color::kPending, kCanvas, 4.5);
    for (const ImU32 button : {panel_color::kCrashButton, panel_color::kRestartButton, panel_color::kIsolateButton})
        need("label on a coloured button", ink_on(button), button, 4.5);
    need("dim text on box", kTextDim, kBox, 4.5);
    need("text on notices", kText, kNoticeBg, 4.5);
    need("warning on notices", kWarning, kNoticeBg, 4.5);
    need("leader text on overlay", kLeaderText, kOverlayBg, 4.5);
    need("text on overlay", kText, kOverlayBg, 4.5);
    need("dim text on overlay", kTextDim, kOverlayBg, 4.5);
    // Message dots and the lines that outline nodes: graphics, 3:1.
    for (const MsgFamily f : kFamilies)
        need((std::string("family ") + family_label(f) + " on canvas").c_str(), family_color(f), kCanvas, 3.0);
    need("node outline on canvas", kNodeOutline, kCanvas, 3.0);
    need("selection ring on canvas", kSelected, kCanvas, 3.0);
    // A server's id (the large node font, but held to 4.5:1 anyway) on each role's fill.
    for (const ImU32 fill : {kNodeAlive, kNodeCandidate, kNodeLeader})
        need("server id on its fill", ink_on(fill), fill, 4.5);
    need("crashed server id", kTextDim, kNodeCrashed, 3.0);
    // ImGui's own widgets, as themed_style() colours them.
    const ImGuiStyle style = themed_style(1.0f);
    const ImU32 text = packed(style.Colors[ImGuiCol_Text]);
    const ImU32 window = packed(style.Colors[ImGuiCol_WindowBg]);
    need("ImGui text on window", text, window, 4.5);
    need("ImGui disabled text on window", packed(style.Colors[ImGuiCol_TextDisabled]), window, 4.5);
    for (const ImGuiCol bg : {ImGuiCol_PopupBg, ImGuiCol_FrameBg, ImGuiCol_Button, ImGuiCol_ButtonHovered,
                              ImGuiCol_Header, ImGuiCol_Tab, ImGuiCol_TabActive, ImGuiCol_TitleBgActive})
        need((std::string("ImGui text on ") + ImGui::GetStyleColorName(bg)).c_str(), text,
             over(packed(style.Colors[bg]), window), 4.5);
    return failures;
}

}  // namespace cs::ui
