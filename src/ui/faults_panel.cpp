#include "ui/faults_panel.h"

#include <imgui.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <string>

#include "sim/simulation.h"
#include "ui/fault_commands.h"
#include "ui/fonts.h"
#include "ui/frame_io.h"
#include "ui/test_hooks.h"
#include "ui/panel_widgets.h"
#include "ui/theme.h"
#include "ui/ui_state.h"

namespace cs::ui {
namespace {

using panel_color::kBad;
using panel_color::kGood;
// The two sides of the partition editor: blue and orange stay apart for the
// common colour-vision deficiencies, and each button also says A or B.
constexpr ImU32 kSideA = IM_COL32(52, 98, 160, 255);
constexpr ImU32 kSideB = IM_COL32(176, 104, 36, 255);
constexpr ImU32 kSelectedRow = IM_COL32(120, 60, 60, 150);
constexpr ImU32 kHoveredRow = IM_COL32(70, 78, 96, 150);

// A label in a fixed-width first column, so the rows' controls line up.
void row_label(const char* text, float width) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(text);
    ImGui::SameLine(width);
}

// Keeps a row of small buttons inside the panel: wraps before one would cross the edge.
void same_line_if_fits(float next_width, float row_start_x) {
    const float right = ImGui::GetWindowContentRegionMax().x;
    const float after = ImGui::GetItemRectMax().x - ImGui::GetWindowPos().x + ImGui::GetStyle().ItemSpacing.x;
    if (after + next_width <= right) ImGui::SameLine();
    else ImGui::SetCursorPosX(row_start_x);
}

// A note after a row's controls (dim, or in `colour`), moved under them when the
// panel is too narrow for it.
void trailing_note(const std::string& text, float row_start_x, ImU32 colour = color::kTextDim) {
    same_line_if_fits(ImGui::CalcTextSize(text.c_str()).x, row_start_x);
    ImGui::AlignTextToFramePadding();
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(colour), "%s", text.c_str());
}

bool server_combo(const char* id, NodeId& server, int servers, float width) {
    bool changed = false;
    server = std::clamp<NodeId>(server, 1, std::max(1, servers));
    ImGui::SetNextItemWidth(width);
    const std::string preview = "S" + std::to_string(server);
    if (ImGui::BeginCombo(id, preview.c_str())) {
        for (NodeId s = 1; s <= servers; ++s) {
            const std::string label = "S" + std::to_string(s);
            if (ImGui::Selectable(label.c_str(), s == server)) {
                server = s;
                changed = true;
            }
        }
        ImGui::EndCombo();
    }
    return changed;
}

// ---- the checker --------------------------------------------------------------

// "#12, #15" (the first few: a long list would run off the line).
std::string order_list(const std::vector<std::uint64_t>& orders) {
    constexpr std::size_t kShown = 3;
    std::string text;
    for (std::size_t i = 0; i < orders.size() && i < kShown; ++i) text += (i ? ", #" : "#") + std::to_string(orders[i]);
    if (orders.size() > kShown) text += ", ...";
    return text;
}

// One violation as a clickable block: kind, time and servers on the first line,
// what the checker saw below it. A click jumps there; a second click lets go.
void violation_row(const Violation& v, int index, UiState& state, Actions& out) {
    const ImGuiStyle& style = ImGui::GetStyle();
    const float wrap = ImGui::GetContentRegionAvail().x - style.IndentSpacing;
    const std::string detail = v.detail.empty() ? std::string("(no detail)") : v.detail;
    const ImVec2 detail_size = ImGui::CalcTextSize(detail.c_str(), nullptr, false, wrap);
    const float line = ImGui::GetTextLineHeight();
    const float height = line + style.ItemInnerSpacing.y + detail_size.y;

    const bool selected = state.highlighted_violation == index;
    const ImVec2 top = ImGui::GetCursorScreenPos();
    ImGui::PushID(index);
    // Reddish when picked (its servers are marked in red), a quiet grey on hover:
    // the dim detail text must stay readable on both.
    ImGui::PushStyleColor(ImGuiCol_Header, ImGui::ColorConvertU32ToFloat4(kSelectedRow));
    ImGui::PushStyleColor(ImGuiCol_HeaderHovered, ImGui::ColorConvertU32ToFloat4(kHoveredRow));
    ImGui::PushStyleColor(ImGuiCol_HeaderActive, ImGui::ColorConvertU32ToFloat4(kSelectedRow));
    if (ImGui::Selectable("##violation", selected, 0, ImVec2(0, height))) {
        if (selected) {
            state.highlighted_violation = -1;
        } else {
            state.highlighted_violation = index;
            out.seek_to_us = v.time_us;
            // Paused, so the moment stays on screen to be looked at.
            out.playback.paused = true;
        }
    }
    ImGui::PopStyleColor(3);
    ImGui::PopID();
    expose_if_visible("violation/" + std::to_string(index));
    if (ImGui::IsItemHovered()) {
        ImGui::BeginTooltip();
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30.0f);
        ImGui::Text("%s: %s.", violation_kind_name(v.kind), violation_explanation(v.kind));
        ImGui::TextUnformatted(selected ? "Click again to stop marking its servers."
                                        : "Click to jump to this moment and mark its servers.");
        ImGui::PopTextWrapPos();
        ImGui::EndTooltip();
    }

    ImDrawList* draw = ImGui::GetWindowDrawList();
    ImFont* bold = fonts().bold ? fonts().bold : ImGui::GetFont();
    const char* kind = violation_kind_name(v.kind);
    const float size = ImGui::GetFontSize();
    draw->AddText(bold, size, top, kBad, kind);
    const float kind_width = bold->CalcTextSizeA(size, FLT_MAX, 0.0f, kind).x;
    std::string where = "at " + seconds_text(v.time_us);
    if (!v.servers.empty()) where += (v.servers.size() == 1 ? "   server " : "   servers ") + server_ids_text(v.servers);
    if (!v.orders.empty()) where += (v.orders.size() == 1 ? "   order " : "   orders ") + order_list(v.orders);
    draw->AddText(ImVec2(top.x + kind_width + style.ItemSpacing.x, top.y), color::kText, where.c_str());
    draw->AddText(ImGui::GetFont(), size, ImVec2(top.x + style.IndentSpacing, top.y + line + style.ItemInnerSpacing.y),
                  color::kTextDim, detail.c_str(), nullptr, wrap);
}

void checker_section(const Simulation& sim, const FrameInput& in, UiState& state, Actions& out) {
    heading("Checker");
    const Checker& checker = sim.checker();
    const auto& violations = checker.violations();
    if (violations.empty()) {
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(kGood), "no violations");
        std::string watched = "The checker watches every event for:";
        for (ViolationKind kind : kViolationKinds)
            watched += std::string("\n  ") + violation_kind_name(kind) + ": " + violation_explanation(kind);
        item_tooltip(watched.c_str());
        ImGui::SameLine();
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(color::kTextDim), "(oversell, lost-order, divergence, split-brain, non-linearizable)");
        return;
    }

    const std::uint64_t total = checker.total();
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(kBad), "%llu violation%s", static_cast<unsigned long long>(total),
                       total == 1 ? "" : "s");
    ImGui::SameLine();
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(color::kTextDim), "click one to jump to it");
    if (state.highlighted_violation >= 0) {
        ImGui::SameLine();
        if (ImGui::SmallButton("clear")) state.highlighted_violation = -1;
        expose_if_visible("violation/clear");
        item_tooltip("Stop marking the servers of the violation picked below.");
    }

    // A long list scrolls in its own box so the fault controls stay in reach.
    const bool boxed = violations.size() > 2;
    if (boxed) ImGui::BeginChild("violations", ImVec2(0, 170.0f * in.scale), true);
    for (std::size_t i = 0; i < violations.size(); ++i) violation_row(violations[i], static_cast<int>(i), state, out);
    if (total > violations.size())
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(color::kTextDim), "... and %llu more (only the first %zu are kept)",
                           static_cast<unsigned long long>(total - violations.size()), violations.size());
    // What each kind found here means, once per kind (inside the box when there
    // is one, so a long list does not push the fault controls down).
    for (ViolationKind kind : kViolationKinds) {
        if (!checker.has(kind)) continue;
        const std::string line = std::string(violation_kind_name(kind)) + ": " + violation_explanation(kind) + ".";
        hint(line.c_str());
    }
    if (boxed) ImGui::EndChild();
}

// ---- network faults -------------------------------------------------------------

std::string network_status(const Network& network) {
    std::string status;
    auto add = [&](const std::string& part) { status += (status.empty() ? "" : "; ") + part; };
    const std::string partition = partition_text(network);
    if (!partition.empty()) add("partition " + partition);
    std::vector<NodeId> isolated;
    for (NodeId id = 1; id <= network.servers(); ++id)
        if (network.isolated(id)) isolated.push_back(id);
    if (!isolated.empty()) add("isolated " + server_ids_text(isolated));
    const auto drops = network.pending_drops();
    if (!drops.empty()) add("next message dropped on " + links_text(drops));
    return status;
}

void partition_editor(const Simulation& sim, const FrameInput& in, FaultsPanelState& faults, Actions& out, float label_w) {
    const int n = sim.server_count();
    if (static_cast<int>(faults.on_side_b.size()) != n) {
        // A new cluster: start from the partition in force, if any, else everyone on side A.
        faults.on_side_b.assign(static_cast<std::size_t>(n), false);
        for (NodeId id = 1; id <= n; ++id) faults.on_side_b[static_cast<std::size_t>(id - 1)] = sim.network().side_of(id) == 1;
    }

    row_label("Sides", label_w);
    const ImVec2 size(44.0f * in.scale, 0);
    for (NodeId id = 1; id <= n; ++id) {
        if (id > 1) same_line_if_fits(size.x, label_w);
        const bool b = faults.on_side_b[static_cast<std::size_t>(id - 1)];
        const std::string label = std::to_string(id) + (b ? " B" : " A") + "##side" + std::to_string(id);
        if (coloured_button(label.c_str(), b ? kSideB : kSideA, size)) faults.on_side_b[static_cast<std::size_t>(id - 1)] = !b;
        expose_if_visible("faults/side/" + std::to_string(id));
        item_tooltip(b ? "On side B. Click to move this server to side A." : "On side A. Click to move this server to side B.");
    }

    const std::string command = partition_command(faults.on_side_b);
    ImGui::SetCursorPosX(label_w);
    ImGui::BeginDisabled(command.empty());
    if (ImGui::Button("Partition")) out.commands.push_back(command);
    ImGui::EndDisabled();
    expose_if_visible("faults/partition");
    item_tooltip("Cut every link between the two sides. Clients and the load balancer still reach every server.");
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    if (command.empty()) ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(color::kTextDim), "%s", partition_problem(faults.on_side_b).c_str());
    else ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(color::kTextDim), "%s", command.c_str());
}

void isolate_row(const Simulation& sim, const FrameInput& in, Actions& out, float label_w) {
    row_label("Isolate", label_w);
    const ImVec2 size(30.0f * in.scale, 0);
    for (NodeId id = 1; id <= sim.server_count(); ++id) {
        if (id > 1) same_line_if_fits(size.x, label_w);
        const bool isolated = sim.network().isolated(id);
        ImGui::BeginDisabled(isolated);
        const std::string label = std::to_string(id) + "##isolate";
        if (coloured_button(label.c_str(), isolated ? color::kLinkCut : color::kBox, size))
            out.commands.push_back("isolate " + std::to_string(id));
        ImGui::EndDisabled();
        expose_if_visible("faults/isolate/" + std::to_string(id));
        item_tooltip(isolated ? "Cut off from every other server (heal reconnects it)."
                         : "Cut this server off from every other server; clients still reach it.");
    }
}

void drop_row(const Simulation& sim, const FrameInput& in, FaultsPanelState& faults, Actions& out, float label_w) {
    row_label("Drop next", label_w);
    const int n = sim.server_count();
    const float combo_w = 62.0f * in.scale;
    server_combo("##drop-from", faults.drop_from, n, combo_w);
    ImGui::SameLine();
    ImGui::TextUnformatted("->");
    ImGui::SameLine();
    server_combo("##drop-to", faults.drop_to, n, combo_w);
    ImGui::SameLine();
    const std::string command = drop_command(faults.drop_from, faults.drop_to);
    ImGui::BeginDisabled(command.empty());
    if (ImGui::Button("Drop")) out.commands.push_back(command);
    ImGui::EndDisabled();
    expose_if_visible("faults/drop");
    item_tooltip(command.empty() ? "Pick two different servers."
                            : "The next message from the first server to the second is lost (one message only).");
    const auto pending = sim.network().pending_drops();
    if (pending.empty()) trailing_note("none waiting", label_w);
    else trailing_note("waiting: " + links_text(pending), label_w, color::kWarning);
}

int ms_rounded(TimeUs t) { return static_cast<int>(std::lround(static_cast<double>(t) / 1000.0)); }

// Latency and loss: the sliders show the network's values, and send a command on release.
void latency_loss_rows(const Simulation& sim, const FrameInput& in, FaultsPanelState& faults, Actions& out, float label_w) {
    using Held = FaultsPanelState::Held;
    const Network& net = sim.network();
    const int now_min = ms_rounded(net.latency_us_min()), now_max = ms_rounded(net.latency_us_max());
    // Two sliders side by side, narrower when the panel is.
    const ImGuiStyle& style = ImGui::GetStyle();
    const float room = ImGui::GetWindowContentRegionMax().x - label_w - ImGui::CalcTextSize("to").x - style.ItemSpacing.x * 2.0f;
    const float slider_w = std::clamp(room * 0.5f, 60.0f * in.scale, 110.0f * in.scale);
    constexpr ImGuiSliderFlags kFlags = ImGuiSliderFlags_Logarithmic | ImGuiSliderFlags_AlwaysClamp;

    // One latency slider: `held` is which one it is, `other` the far end of the range.
    auto latency_slider = [&](const char* id, Held which, int shown, int other_end) {
        int value = faults.held == which ? faults.latency_ms_held : shown;
        ImGui::SetNextItemWidth(slider_w);
        ImGui::SliderInt(id, &value, 0, 2000, "%d ms", kFlags);
        if (ImGui::IsItemActive()) {
            faults.held = which;
            faults.latency_ms_held = value;
        }
        if (ImGui::IsItemDeactivated()) {
            faults.held = Held::None;
            // Dragging one end past the other moves the range, as a student means it.
            if (ImGui::IsItemDeactivatedAfterEdit())
                out.commands.push_back(which == Held::LatencyMin ? latency_command(value, std::max(value, other_end))
                                                                 : latency_command(std::min(value, other_end), value));
        }
    };
    row_label("Latency", label_w);
    latency_slider("##latency-min", Held::LatencyMin, now_min, now_max);
    expose_if_visible("faults/latency/min");
    item_tooltip("Shortest one-way delay of a message. Applied when you let go; Ctrl+click to type.");
    ImGui::SameLine();
    ImGui::TextUnformatted("to");
    ImGui::SameLine();
    latency_slider("##latency-max", Held::LatencyMax, now_max, now_min);
    expose_if_visible("faults/latency/max");
    item_tooltip("Longest one-way delay of a message. Applied when you let go; Ctrl+click to type.");
    trailing_note("one way", label_w);

    row_label("Loss", label_w);
    float loss = faults.held == Held::Loss ? faults.loss_held : static_cast<float>(net.loss());
    ImGui::SetNextItemWidth(slider_w * 2.0f + ImGui::CalcTextSize("to").x + style.ItemSpacing.x * 2.0f);
    ImGui::SliderFloat("##loss", &loss, 0.0f, 1.0f, "%.2f", ImGuiSliderFlags_AlwaysClamp);
    if (ImGui::IsItemActive()) {
        faults.held = Held::Loss;
        faults.loss_held = loss;
    }
    if (ImGui::IsItemDeactivated()) {
        faults.held = Held::None;
        if (ImGui::IsItemDeactivatedAfterEdit()) out.commands.push_back(loss_command(loss));
    }
    expose_if_visible("faults/loss");
    item_tooltip("Probability that any message is lost on the way. Applied when you let go; Ctrl+click to type.");
    char lost[32];
    std::snprintf(lost, sizeof lost, "%.0f%% lost", loss * 100.0f);
    trailing_note(lost, label_w);
}

// A gray failure: the server answers, only slower.
void slow_row(const Simulation& sim, const FrameInput& in, FaultsPanelState& faults, Actions& out, float label_w) {
    row_label("Slow", label_w);
    server_combo("##slow-server", faults.slow_server, sim.server_count(), 62.0f * in.scale);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(110.0f * in.scale);
    ImGui::SliderFloat("##slow-factor", &faults.slow_factor, 1.0f, 100.0f, "x %.1f",
                       ImGuiSliderFlags_Logarithmic | ImGuiSliderFlags_AlwaysClamp);
    item_tooltip("How many times slower the server serves requests (x 1 is normal speed).");
    ImGui::SameLine();
    const std::string command = slow_command(faults.slow_server, std::round(faults.slow_factor * 10.0f) / 10.0f);
    ImGui::BeginDisabled(command.empty());
    if (ImGui::Button("Apply##slow")) out.commands.push_back(command);
    ImGui::EndDisabled();
    expose_if_visible("faults/slow");
    item_tooltip(command.c_str());

    std::string slowed;
    for (NodeId id = 1; id <= sim.server_count(); ++id) {
        const double factor = sim.config().slow_factor_of(id);
        if (factor > 1.0) slowed += (slowed.empty() ? "" : ", ") + ("S" + std::to_string(id)) + " x " + factor_text(factor);
    }
    if (!slowed.empty()) trailing_note(slowed, label_w, color::kWarning);
}

void network_section(const Simulation& sim, const FrameInput& in, FaultsPanelState& faults, Actions& out) {
    heading("Network faults");
    const float label_w = 88.0f * in.scale;

    const std::string status = network_status(sim.network());
    // Heal first on the status line: it ends everything listed after it.
    row_label("Now", label_w);
    ImGui::BeginDisabled(status.empty());
    if (ImGui::Button("Heal")) out.commands.push_back("heal");
    ImGui::EndDisabled();
    expose_if_visible("faults/heal");
    item_tooltip("End the partition and every isolation, and forget pending drops. Loss and latency stay as set.");
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(status.empty() ? color::kTextDim : color::kWarning));
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(status.empty() ? "every server link is up" : status.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();

    partition_editor(sim, in, faults, out, label_w);
    isolate_row(sim, in, out, label_w);
    drop_row(sim, in, faults, out, label_w);
    latency_loss_rows(sim, in, faults, out, label_w);
    slow_row(sim, in, faults, out, label_w);
}

// ---- protocol modes ---------------------------------------------------------------

void modes_section(const Simulation& sim, const FrameInput& in, Actions& out) {
    heading("Protocol modes");
    const Config& config = sim.config();
    const float label_w = 88.0f * in.scale;

    const bool async = config.replication == ReplicationMode::Async;
    row_label("Replication", label_w);
    ImGui::BeginGroup();
    if (ImGui::RadioButton("sync", !async) && async) out.commands.push_back("replication sync");
    expose_if_visible("faults/replication/sync");
    ImGui::SameLine();
    if (ImGui::RadioButton("async", async) && !async) out.commands.push_back("replication async");
    expose_if_visible("faults/replication/async");
    ImGui::EndGroup();
    expose_if_visible("faults/replication");
    hint(replication_explanation(async, config.quorum));

    row_label("Quorum", label_w);
    bool quorum = config.quorum;
    if (ImGui::Checkbox("majority needed##quorum", &quorum)) out.commands.push_back(quorum ? "quorum on" : "quorum off");
    expose_if_visible("faults/quorum");
    hint(quorum_explanation(config.quorum));

    row_label("Resync", label_w);
    bool resync = config.resync;
    if (ImGui::Checkbox("servers catch up##resync", &resync)) out.commands.push_back(resync ? "resync on" : "resync off");
    expose_if_visible("faults/resync");
    hint(resync_explanation(config.resync));
}

}  // namespace

void faults_panel(const Simulation& sim, const FrameInput& in, UiState& state, Actions& out) {
    checker_section(sim, in, state, out);
    ImGui::Separator();
    network_section(sim, in, state.faults, out);
    ImGui::Separator();
    modes_section(sim, in, out);
}

}  // namespace cs::ui
