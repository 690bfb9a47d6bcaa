#include "ui/theme.h"

namespace cs::ui {

ImU32 family_color(MsgFamily family) {
    // Picked to stay apart for the common colour-vision deficiencies
    // (blue / orange / yellow / magenta / grey-green rather than red vs green).
    switch (family) {
        case MsgFamily::Heartbeat: return IM_COL32(96, 170, 255, 255);
        case MsgFamily::Election: return IM_COL32(255, 140, 50, 255);
        case MsgFamily::Replication: return IM_COL32(240, 220, 80, 255);
        case MsgFamily::Client: return IM_COL32(230, 100, 210, 255);
        case MsgFamily::Health: return IM_COL32(120, 200, 150, 255);
    }
    return IM_COL32(255, 255, 255, 255);
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

void apply_style(float scale) {
    ImGuiStyle style;
    ImGui::StyleColorsDark(&style);
    style.WindowRounding = 4.0f;
    style.FrameRounding = 3.0f;
    style.GrabRounding = 3.0f;
    style.WindowBorderSize = 0.0f;
    style.WindowPadding = ImVec2(10, 8);
    style.FramePadding = ImVec2(8, 4);
    style.ItemSpacing = ImVec2(10, 6);
    style.Colors[ImGuiCol_WindowBg] = ImColor(color::kCanvas);
    style.Colors[ImGuiCol_TitleBg] = ImVec4(0.13f, 0.16f, 0.22f, 1.0f);
    style.Colors[ImGuiCol_TitleBgActive] = ImVec4(0.16f, 0.20f, 0.28f, 1.0f);
    style.ScaleAllSizes(scale);
    ImGui::GetStyle() = style;
}

}  // namespace cs::ui
