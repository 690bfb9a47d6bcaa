#include "ui/control_bar.h"

#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <string>

#include "ui/test_hooks.h"
#include "ui/theme.h"
#include "ui/time_controls.h"

namespace cs::ui {
namespace {

// A tooltip under the toolbar item it explains, so it never covers it.
void tooltip(const char* text) {
    if (!ImGui::IsItemHovered()) return;
    // Left-aligned with the item, or right-aligned in the right half of the screen.
    const bool right_half = ImGui::GetItemRectMin().x > ImGui::GetIO().DisplaySize.x * 0.5f;
    ImGui::SetNextWindowPos(ImVec2(right_half ? ImGui::GetItemRectMax().x : ImGui::GetItemRectMin().x,
                                   ImGui::GetItemRectMax().y + 6.0f),
                            ImGuiCond_Always, ImVec2(right_half ? 1.0f : 0.0f, 0.0f));
    ImGui::SetTooltip("%s", text);
}

void play_pause_and_step(const FrameInput& in, Actions& out) {
    const float scale = in.scale;
    if (ImGui::Button(out.playback.paused ? "Play" : "Pause", ImVec2(64.0f * scale, 0)))
        out.playback.paused = !out.playback.paused;
    expose_last_item("button/play");
    tooltip("Space plays and pauses");

    ImGui::SameLine(0, 4.0f * scale);
    if (ImGui::Button("\u25c0 Back")) out.step_back_event = true;
    expose_last_item("button/step-back");
    tooltip("Undo the last event (\u2190 key). Shift+\u2190 goes back 1 s.");

    ImGui::SameLine(0, 4.0f * scale);
    if (ImGui::Button("Step \u25b6")) out.step_event = true;
    expose_last_item("button/step");
    tooltip("Process exactly one event: the next message arriving or timer firing (\u2192 key).\n"
            "Shift+\u2192 goes forward 1 s.");
}

void speed_controls(const FrameInput& in, Actions& out) {
    const float scale = in.scale;
    ImGui::SameLine(0, 14.0f * scale);
    if (ImGui::Button("\u2212", ImVec2(ImGui::GetFrameHeight(), 0))) out.playback.speed = speed_step(out.playback.speed, -1);
    expose_last_item("button/slower");
    tooltip("Slower (\u2212 key)");

    ImGui::SameLine(0, 2.0f * scale);
    ImGui::SetNextItemWidth(130.0f * scale);
    // Logarithmic: 0.001x and 1000x are both useful and a linear slider squeezes the slow end.
    float speed = static_cast<float>(out.playback.speed);
    if (ImGui::SliderFloat("##speed", &speed, static_cast<float>(kMinSpeed), static_cast<float>(kMaxSpeed),
                           speed_format(out.playback.speed), ImGuiSliderFlags_Logarithmic | ImGuiSliderFlags_AlwaysClamp))
        out.playback.speed = speed;
    expose_last_item("slider/speed");
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Speed: simulated seconds per real second (%s now).\n"
                          "0.1\u00d7 lets you follow each message; 0.001\u00d7 one election message by message.\n"
                          "Ctrl+click to type a value.",
                          format_speed(out.playback.speed).c_str());

    ImGui::SameLine(0, 2.0f * scale);
    if (ImGui::Button("+", ImVec2(ImGui::GetFrameHeight(), 0))) out.playback.speed = speed_step(out.playback.speed, +1);
    expose_last_item("button/faster");
    tooltip("Faster (+ key)");
}

void quiet_time_toggle(const FrameInput& in, Actions& out) {
    ImGui::SameLine(0, 14.0f * in.scale);
    ImGui::Checkbox("skip quiet time", &out.playback.skip_quiet);
    expose_last_item("toggle/skip-quiet");
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("While only heartbeats and health checks are on the wire and no election is running,\n"
                          "time runs at %s, and slows to your speed the moment something interesting is sent.\n"
                          "The simulation is exactly the same either way; only the waiting is shorter. (Q key)",
                          format_speed(in.playback.quiet_speed).c_str());
}

// What the clock is doing right now, in a fixed-width slot (so that nothing
// after it jumps when the indicator comes and goes). Compact: a few characters.
struct StatusText {
    const char* full;
    const char* compact;
};
constexpr StatusText kFastForwarding{"\u25b6\u25b6 fast-forwarding quiet time", "\u25b6\u25b6 quiet"};
constexpr StatusText kBehind{"too many events: running slower", "slower!"};

float status_width(bool compact) {
    const auto width = [&](const StatusText& t) { return ImGui::CalcTextSize(compact ? t.compact : t.full).x; };
    return std::max(width(kFastForwarding), width(kBehind));
}

void clock_status(const FrameInput& in, bool compact) {
    const ImVec2 slot_pos = ImGui::GetCursorScreenPos();
    const float slot_width = status_width(compact);
    if (in.behind) {
        ImGui::TextColored(ImColor(color::kWarning), "%s", compact ? kBehind.compact : kBehind.full);
        tooltip("More events per frame than can be processed at this speed: the simulation runs slower\n"
                "than the speed shown. No event is skipped.");
    } else if (in.fast_forwarding && !in.playback.paused) {
        ImGui::TextColored(ImColor(color::kWarning), "%s", compact ? kFastForwarding.compact : kFastForwarding.full);
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("Fast-forwarding quiet time: nothing but heartbeats on the wire, so time runs at %s\n"
                              "until the next interesting message.",
                              format_speed(std::max(in.playback.speed, in.playback.quiet_speed)).c_str());
    } else {
        ImGui::Dummy(ImVec2(1, ImGui::GetTextLineHeight()));
    }
    expose_rect("status/quiet", slot_pos.x, slot_pos.y, slot_width, ImGui::GetTextLineHeight());
    ImGui::SameLine(0, 0);
    ImGui::SetCursorScreenPos(ImVec2(slot_pos.x + slot_width, slot_pos.y));
}

void leader_text(const Simulation& sim) {
    const NodeId leader = sim.agreed_leader();
    if (leader != kNoNode)
        ImGui::TextColored(ImColor(color::kLeaderText), "leader: server %d", leader);
    else
        ImGui::TextColored(ImColor(color::kTextDim), "leader: none agreed");
}

// The seed group shrinks in narrow windows: the field goes first, then New seed.
enum class SeedLayout { Full, NoField, ResetOnly };

float seed_group_width(SeedLayout layout, float scale) {
    const ImGuiStyle& style = ImGui::GetStyle();
    const auto button = [&](const char* label) { return ImGui::CalcTextSize(label).x + style.FramePadding.x * 2; };
    float width = button("Reset") + ImGui::GetFrameHeight() + style.ItemSpacing.x;
    if (layout != SeedLayout::ResetOnly) width += button("New seed") + style.ItemSpacing.x;
    if (layout == SeedLayout::Full)
        width += ImGui::CalcTextSize("seed").x + 80.0f * scale + style.ItemSpacing.x * 2;
    return width;
}

// The seed field shows the running seed; what the user types stays there
// (drawn amber while it differs from the running seed) until Reset applies it.
void seed_controls(const Simulation& sim, const FrameInput& in, UiState& ui, Actions& out, SeedLayout layout) {
    TimeControlsState& state = ui.time_controls;
    const std::uint64_t seed = sim.config().seed;
    if (!state.seed_filled || state.seed_shown != seed) {
        std::snprintf(state.seed_text, sizeof state.seed_text, "%llu", static_cast<unsigned long long>(seed));
        state.seed_shown = seed;
        state.seed_filled = true;
    }

    bool entered = false;
    if (layout == SeedLayout::Full) {
        ImGui::AlignTextToFramePadding();
        ImGui::TextColored(ImColor(color::kTextDim), "seed");
        ImGui::SameLine();
        ImGui::SetNextItemWidth(80.0f * in.scale);
        std::uint64_t typed = 0;
        const bool pending = !parse_seed(state.seed_text, typed) || typed != seed;
        if (pending) ImGui::PushStyleColor(ImGuiCol_Text, ImColor(color::kWarning).Value);
        entered = ImGui::InputText("##seed", state.seed_text, sizeof state.seed_text,
                                   ImGuiInputTextFlags_CharsDecimal | ImGuiInputTextFlags_EnterReturnsTrue);
        if (pending) ImGui::PopStyleColor();
        expose_last_item("field/seed");
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("The seed decides every random choice (latencies, losses, timings): the same seed\n"
                              "and the same actions give exactly the same run. Enter or Reset starts it.%s",
                              pending ? "\n(The typed seed is not running yet.)" : "");
        ImGui::SameLine();
    }

    if (layout != SeedLayout::ResetOnly) {
        if (ImGui::Button("New seed")) out.reset_with_seed = next_seed(seed);
        expose_last_item("button/new-seed");
        tooltip("Start again from the beginning with a different seed: a different run of the same scenario.");
        ImGui::SameLine();
    }

    if (ImGui::Button("Reset") || entered) out.reset_with_seed = seed_in_field(state, seed);
    expose_last_item("button/reset");
    tooltip("Start again from the beginning with the seed in the field (R key).");

    ImGui::SameLine();
    if (ImGui::Button("?", ImVec2(ImGui::GetFrameHeight(), 0))) ui.show_help = !ui.show_help;
    expose_last_item("button/help");
    tooltip("Keyboard shortcuts and what the timeline markers mean (H or ?)");
}

}  // namespace

namespace {

// Where the window is narrow, the rarer controls go into a "More" menu: first
// the seed, New seed and "skip quiet time", then (on a phone) the speed slider
// and help. Play, the steps, slower/faster and Reset always stay on the bar.
enum class BarForm { Full, Compact, Minimal };

BarForm bar_form(float width, float scale) {
    if (width >= 900.0f * scale) return BarForm::Full;
    if (width >= 600.0f * scale) return BarForm::Compact;
    return BarForm::Minimal;
}

void more_menu(const Simulation& sim, const FrameInput& in, UiState& state, Actions& out, BarForm form, bool with_back) {
    if (ImGui::Button("More \u25bc")) ImGui::OpenPopup("more-controls");
    expose_last_item("button/more");
    tooltip("Speed, quiet time, the seed, help");
    if (!ImGui::BeginPopup("more-controls")) return;
    leader_text(sim);
    if (with_back) {
        if (ImGui::Button("\u25c0 Back one event")) out.step_back_event = true;
        expose_last_item("button/step-back");
    }
    if (form == BarForm::Minimal) {
        ImGui::TextColored(ImColor(color::kTextDim), "speed");
        ImGui::SetNextItemWidth(200.0f * in.scale);
        float speed = static_cast<float>(out.playback.speed);
        if (ImGui::SliderFloat("##menu-speed", &speed, static_cast<float>(kMinSpeed), static_cast<float>(kMaxSpeed),
                               speed_format(out.playback.speed), ImGuiSliderFlags_Logarithmic | ImGuiSliderFlags_AlwaysClamp))
            out.playback.speed = speed;
        expose_last_item("slider/speed");
    }
    ImGui::Checkbox("skip quiet time", &out.playback.skip_quiet);
    expose_last_item("toggle/skip-quiet");
    ImGui::Separator();
    seed_controls(sim, in, state, out, SeedLayout::Full);
    if (form == BarForm::Minimal) {
        ImGui::Separator();
        if (ImGui::Button("Keyboard shortcuts and help")) {
            state.show_help = !state.show_help;
            ImGui::CloseCurrentPopup();
        }
    }
    ImGui::EndPopup();
}

// The short bar: everything a step-by-step look needs, the rest in the menu.
// On a phone the buttons are finger-sized; what does not fit is left out, the
// step back first, then the speed's number (the menu has both).
void short_bar(const Simulation& sim, const FrameInput& in, UiState& state, Actions& out, BarForm form) {
    const float scale = in.scale;
    const ImGuiStyle& style = ImGui::GetStyle();
    const float square = ImGui::GetFrameHeight();
    const auto button_w = [&](const char* label) { return ImGui::CalcTextSize(label).x + style.FramePadding.x * 2.0f; };
    const char* play_label = out.playback.paused ? "Play" : "Pause";
    const float play_w = std::max(button_w("Pause"), square * 1.4f);
    const std::string speed_text = format_speed(out.playback.speed);
    const float speed_w = form == BarForm::Compact ? 96.0f * scale : ImGui::CalcTextSize(speed_text.c_str()).x;
    const float gap = 4.0f * scale;
    float right_w = button_w("Reset") + style.ItemSpacing.x + button_w("More \u25bc");
    if (form == BarForm::Compact) right_w += square + style.ItemSpacing.x;
    const float room = ImGui::GetContentRegionAvail().x - right_w - style.ItemSpacing.x;
    const float essential = play_w + square * 3.0f + gap * 4.0f;  // Play, step, slower, faster
    const bool with_back = essential + square + gap + speed_w + gap <= room;
    const bool with_speed = essential + speed_w + gap <= room;

    if (ImGui::Button(play_label, ImVec2(play_w, 0))) out.playback.paused = !out.playback.paused;
    expose_last_item("button/play");
    tooltip("Space plays and pauses");
    if (with_back) {
        ImGui::SameLine(0, gap);
        if (ImGui::Button("\u25c0", ImVec2(square, 0))) out.step_back_event = true;
        expose_last_item("button/step-back");
        tooltip("Undo the last event (\u2190 key)");
    }
    ImGui::SameLine(0, gap);
    if (ImGui::Button("\u25b6", ImVec2(square, 0))) out.step_event = true;
    expose_last_item("button/step");
    tooltip("Process exactly one event (\u2192 key)");
    ImGui::SameLine(0, gap * 2.0f);
    if (ImGui::Button("\u2212", ImVec2(square, 0))) out.playback.speed = speed_step(out.playback.speed, -1);
    expose_last_item("button/slower");
    tooltip("Slower (\u2212 key)");
    if (with_speed && form == BarForm::Compact) {
        ImGui::SameLine(0, gap * 0.5f);
        ImGui::SetNextItemWidth(speed_w);
        float speed = static_cast<float>(out.playback.speed);
        if (ImGui::SliderFloat("##speed", &speed, static_cast<float>(kMinSpeed), static_cast<float>(kMaxSpeed),
                               speed_format(out.playback.speed), ImGuiSliderFlags_Logarithmic | ImGuiSliderFlags_AlwaysClamp))
            out.playback.speed = speed;
        expose_last_item("slider/speed");
        tooltip("Speed: simulated seconds per real second");
    } else if (with_speed) {
        // No room for a slider: the speed as text between - and +.
        ImGui::SameLine(0, gap);
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(speed_text.c_str());
        expose_last_item("text/speed");
    }
    ImGui::SameLine(0, with_speed ? gap : gap * 0.5f);
    if (ImGui::Button("+", ImVec2(square, 0))) out.playback.speed = speed_step(out.playback.speed, +1);
    expose_last_item("button/faster");
    tooltip("Faster (+ key)");

    // Right-aligned: Reset, help (compact form), the menu.
    const float right_x = ImGui::GetWindowContentRegionMax().x - right_w;
    ImGui::SameLine();
    if (form == BarForm::Compact && ImGui::GetCursorPosX() + status_width(true) + 8.0f * scale <= right_x) {
        clock_status(in, true);
        ImGui::SameLine();
    }
    if (ImGui::GetCursorPosX() < right_x) ImGui::SetCursorPosX(right_x);
    if (ImGui::Button("Reset")) out.reset_with_seed = seed_in_field(state.time_controls, sim.config().seed);
    expose_last_item("button/reset");
    tooltip("Start again from the beginning (R key)");
    if (form == BarForm::Compact) {
        ImGui::SameLine();
        if (ImGui::Button("?", ImVec2(square, 0))) state.show_help = !state.show_help;
        expose_last_item("button/help");
        tooltip("Keyboard shortcuts and what the timeline markers mean (H or ?)");
    }
    ImGui::SameLine();
    more_menu(sim, in, state, out, form, !with_back);
}

}  // namespace

void control_bar(const Simulation& sim, const FrameInput& in, UiState& state, Actions& out) {
    const BarForm form = bar_form(ImGui::GetContentRegionAvail().x, in.scale);
    if (form != BarForm::Full) {
        short_bar(sim, in, state, out, form);
        return;
    }
    play_pause_and_step(in, out);
    speed_controls(in, out);
    quiet_time_toggle(in, out);

    // What is left is shared out by priority: the seed group (at the right edge),
    // the status slot, then the leader. Narrow windows get the compact forms.
    const float gap = 14.0f * in.scale;
    const float right_edge = ImGui::GetWindowContentRegionMax().x;
    ImGui::SameLine();  // the cursor after the toggle, on this line
    float left = right_edge - ImGui::GetCursorPosX();
    SeedLayout seed_layout = SeedLayout::ResetOnly;
    for (SeedLayout layout : {SeedLayout::Full, SeedLayout::NoField}) {
        if (left - seed_group_width(layout, in.scale) - gap >= status_width(true)) {
            seed_layout = layout;
            break;
        }
    }
    left -= seed_group_width(seed_layout, in.scale) + gap;
    const bool compact_status = left < status_width(false);
    left -= status_width(compact_status);
    const bool show_leader = left >= ImGui::CalcTextSize("leader: none agreed").x + gap;

    clock_status(in, compact_status);
    if (show_leader) {
        ImGui::SameLine(0, gap);
        leader_text(sim);
    }
    ImGui::SameLine();
    const float right_x = right_edge - seed_group_width(seed_layout, in.scale);
    if (ImGui::GetCursorPosX() < right_x) ImGui::SetCursorPosX(right_x);
    seed_controls(sim, in, state, out, seed_layout);
}

}  // namespace cs::ui
