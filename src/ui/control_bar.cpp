#include "ui/control_bar.h"

#include <imgui.h>

#include <cmath>

#include "ui/theme.h"

namespace cs::ui {

void control_bar(const Simulation& sim, const FrameInput& in, Actions& out) {
    const float scale = in.scale;

    // Space toggles play/pause, unless the user is typing somewhere.
    const bool toggle_key = !ImGui::GetIO().WantTextInput && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Space), false);
    if (ImGui::Button(out.playback.paused ? "Play" : "Pause", ImVec2(72.0f * scale, 0)) || toggle_key)
        out.playback.paused = !out.playback.paused;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Space also plays and pauses");

    ImGui::SameLine();
    ImGui::SetNextItemWidth(180.0f * scale);
    // Logarithmic: 0.01x and 10x are both useful and a linear slider squeezes the slow end.
    float speed = static_cast<float>(out.playback.speed);
    if (ImGui::SliderFloat("speed", &speed, static_cast<float>(kMinSpeed), static_cast<float>(kMaxSpeed), "%.2fx",
                           ImGuiSliderFlags_Logarithmic | ImGuiSliderFlags_AlwaysClamp))
        out.playback.speed = speed;
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Simulated seconds per real second. Ctrl+click to type a value.");
    ImGui::SameLine();
    if (ImGui::SmallButton("reset")) out.playback.speed = kDefaultSpeed;

    ImGui::SameLine(0, 24.0f * scale);
    const double seconds = static_cast<double>(sim.now_us()) / 1e6;
    ImGui::Text("sim time %.3f s", seconds);

    ImGui::SameLine(0, 24.0f * scale);
    const NodeId leader = sim.agreed_leader();
    if (leader != kNoNode)
        ImGui::TextColored(ImColor(color::kNodeLeader), "leader: server %d", leader);
    else
        ImGui::TextColored(ImColor(color::kTextDim), "leader: none agreed");

    ImGui::SameLine(0, 24.0f * scale);
    ImGui::TextColored(ImColor(color::kTextDim), "%llu events", static_cast<unsigned long long>(sim.events_processed()));

    if (in.behind) {
        ImGui::SameLine(0, 24.0f * scale);
        ImGui::TextColored(ImColor(color::kWarning), "too many events: running slower than %.2fx", in.playback.speed);
    }
}

}  // namespace cs::ui
