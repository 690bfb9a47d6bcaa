#include "ui/help_overlay.h"

#include <imgui.h>

#include <algorithm>

#include "ui/test_hooks.h"
#include "ui/theme.h"
#include "ui/time_controls.h"
#include "ui/timeline.h"

namespace cs::ui {
namespace {

bool key_pressed(ImGuiKey key, bool repeat) { return ImGui::IsKeyPressed(ImGui::GetKeyIndex(key), repeat); }

// Characters typed this frame: '+' and '?' depend on the keyboard layout, so
// they are read as characters, not as key codes.
bool typed(ImWchar a, ImWchar b = 0) {
    const ImGuiIO& io = ImGui::GetIO();
    if (io.KeyCtrl || io.KeySuper || io.KeyAlt) return false;  // Ctrl+R reloads, Ctrl++ zooms: the browser's
    const ImVector<ImWchar>& chars = io.InputQueueCharacters;
    return std::any_of(chars.begin(), chars.end(), [&](ImWchar c) { return c == a || (b != 0 && c == b); });
}

}  // namespace

void handle_shortcuts(const Simulation& sim, const FrameInput& in, UiState& state, Actions& out) {
    const ImGuiIO& io = ImGui::GetIO();
    if (io.WantTextInput) return;  // typing a seed, a product name, a filter...

    if (state.show_help) {
        if (key_pressed(ImGuiKey_Escape, false) || typed('h', 'H') || typed('?')) state.show_help = false;
        return;  // the overlay covers the page: no other key acts behind it
    }
    if (typed('h', 'H') || typed('?')) state.show_help = true;

    // While ImGui's keyboard highlight shows (Tab on the canvas, or the arrow keys),
    // Space presses the highlighted control and the arrows move it; Escape hides it
    // and gives them back to the clock.
    const bool navigating = io.NavVisible;
    if (!navigating && key_pressed(ImGuiKey_Space, false)) out.playback.paused = !out.playback.paused;
    // Arrows repeat while held (hold → to walk through events one by one), but
    // only after some frames: one slow frame must not turn a tap into two steps.
    const bool right = !navigating && ImGui::IsKeyDown(ImGui::GetKeyIndex(ImGuiKey_RightArrow));
    const bool left = !navigating && ImGui::IsKeyDown(ImGui::GetKeyIndex(ImGuiKey_LeftArrow));
    int& held = state.time_controls.arrow_held_frames;
    held = right || left ? held + 1 : 0;
    constexpr int kRepeatAfterFrames = 15;
    const bool allow_repeat = held > kRepeatAfterFrames;
    if (right && key_pressed(ImGuiKey_RightArrow, allow_repeat)) {
        if (io.KeyShift)
            out.seek_to_us = sim.now_us() + us_from_s(1);
        else
            out.step_event = true;
    }
    if (left && key_pressed(ImGuiKey_LeftArrow, allow_repeat)) {
        if (io.KeyShift)
            out.seek_to_us = std::max(in.timeline.earliest_us, sim.now_us() - us_from_s(1));
        else
            out.step_back_event = true;
    }
    // '=' is '+' without Shift on most layouts; '_' is Shift+'-'.
    if (typed('+', '=')) out.playback.speed = speed_step(out.playback.speed, +1);
    if (typed('-', '_')) out.playback.speed = speed_step(out.playback.speed, -1);
    if (typed('q', 'Q')) out.playback.skip_quiet = !out.playback.skip_quiet;
    if (typed('r', 'R')) {
        out.reset_with_seed = seed_in_field(state.time_controls, sim.config().seed);
    }
}

void help_overlay(const FrameInput& in, UiState& state) {
    const bool opening = state.show_help && !state.time_controls.help_was_open;
    state.time_controls.help_was_open = state.show_help;
    if (!state.show_help) return;
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    constexpr ImGuiWindowFlags kPlain = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                        ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoResize;

    // A dimmed backdrop that takes the clicks meant for what is behind it: a
    // click on it closes the help instead of crashing a server by accident.
    ImGui::SetNextWindowPos(viewport->WorkPos);
    ImGui::SetNextWindowSize(viewport->WorkSize);
    // Brought to the front when opening only: focusing every frame would cancel a
    // button press inside the help (focus changes clear the active item).
    if (opening) ImGui::SetNextWindowFocus();
    ImGui::PushStyleColor(ImGuiCol_WindowBg, ImColor(color::kDim).Value);
    if (ImGui::Begin("##help-backdrop", nullptr, kPlain | ImGuiWindowFlags_NoScrollWithMouse)) {
        if (ImGui::IsWindowHovered() && ImGui::IsMouseClicked(ImGuiMouseButton_Left)) state.show_help = false;
    }
    ImGui::End();
    ImGui::PopStyleColor();

    const float scale = in.scale;
    // Fixed width, height to fit, centred: the pivot puts the window's middle at the viewport's.
    const float width = std::min(600.0f * scale, viewport->WorkSize.x - 20.0f * scale);
    ImGui::SetNextWindowPos(ImVec2(viewport->WorkPos.x + viewport->WorkSize.x * 0.5f,
                                   viewport->WorkPos.y + viewport->WorkSize.y * 0.5f),
                            ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(width, 0.0f));
    if (opening) ImGui::SetNextWindowFocus();
    ImGui::PushStyleColor(ImGuiCol_WindowBg, ImColor(color::kOverlayBg).Value);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 1.0f);
    if (ImGui::Begin("Keyboard shortcuts and timeline", nullptr,
                     ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_AlwaysAutoResize |
                         ImGuiWindowFlags_NoCollapse)) {
        expose_rect("help", ImGui::GetWindowPos().x, ImGui::GetWindowPos().y, ImGui::GetWindowSize().x,
                    ImGui::GetWindowSize().y);
        if (ImGui::BeginTable("shortcuts", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit)) {
            ImGui::TableSetupColumn("key", ImGuiTableColumnFlags_WidthFixed, 170.0f * scale);
            ImGui::TableSetupColumn("action", ImGuiTableColumnFlags_WidthStretch);
            for (const Shortcut& s : kShortcuts) {
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::TextColored(ImColor(color::kLeaderText), "%s", s.keys);
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(s.action);
            }
            ImGui::EndTable();
        }
        ImGui::Spacing();
        ImGui::PushTextWrapPos(width - ImGui::GetStyle().WindowPadding.x);
        ImGui::TextColored(ImColor(color::kTextDim),
                           "Keys act when no text field has the cursor. On a touch screen, tap the buttons.");
        ImGui::PopTextWrapPos();
        ImGui::Separator();
        ImGui::PushTextWrapPos(width - ImGui::GetStyle().WindowPadding.x);
        ImGui::TextWrapped(
            "Timeline (bottom): click or drag to travel in time. Going back replays the same run from a saved "
            "copy, your own commands included, and Play goes on from there. A command given in the past starts "
            "a new history from that moment. Skip quiet time runs the waits between messages (heartbeats only) "
            "at %s and slows down as soon as something interesting is sent.",
            format_speed(in.playback.quiet_speed).c_str());
        ImGui::PopTextWrapPos();
        ImGui::Spacing();
        timeline_marker_legend(in);
        ImGui::Spacing();
        if (ImGui::Button("Close (Esc)")) state.show_help = false;
        expose_last_item("button/help-close");
    }
    ImGui::End();
    ImGui::PopStyleVar();
    ImGui::PopStyleColor();
}

}  // namespace cs::ui
