#include "ui/balancer_panel.h"

#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <string>

#include "ui/panel_logic.h"
#include "ui/panel_widgets.h"
#include "ui/test_hooks.h"
#include "ui/theme.h"

namespace cs::ui {
namespace {

constexpr int kMaxRate = 1000;       // orders per second, the parser's bound
constexpr int kMaxDurationS = 600;   // ten minutes: the metrics history

struct Preset {
    const char* name;
    const char* label;
};
// The course text's three demo load tests (the parser holds their rates and durations).
constexpr Preset kPresets[] = {
    {"light", "Light  2/s \u00d7 10 s"},
    {"medium", "Medium  5/s \u00d7 15 s"},
    {"heavy", "Heavy  10/s \u00d7 20 s"},
};

void algorithm_selector(const Simulation& sim, const FrameInput& in, Actions& out) {
    const LbAlgorithm current = sim.load_balancer().algorithm();
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Algorithm");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(200.0f * in.scale);
    if (ImGui::BeginCombo("##algorithm", lb_algorithm_name(current))) {
        for (LbAlgorithm a : kLbAlgorithms) {
            if (ImGui::Selectable(lb_algorithm_name(a), a == current) && a != current)
                out.commands.push_back(std::string("lb ") + lb_algorithm_name(a));
            expose_last_item(std::string("balancer/algorithm/") + lb_algorithm_name(a));
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", lb_algorithm_summary(a));
        }
        ImGui::EndCombo();
    }
    expose_last_item("balancer/algorithm");
    hint(lb_algorithm_summary(current));
}

// Weight as "- 2 +": small buttons keep the row one text line high. One click, one command.
void weight_cell(const Simulation& sim, NodeId id, Actions& out) {
    const int weight = sim.config().weight_of(id);
    const std::string prefix = "balancer/weight/" + std::to_string(id);
    const float gap = ImGui::GetStyle().ItemInnerSpacing.x;
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(ImGui::GetStyle().FramePadding.x * 0.5f, 0.0f));
    if (ImGui::SmallButton("-") && weight > 1)
        out.commands.push_back("weight " + std::to_string(id) + " " + std::to_string(weight - 1));
    expose_last_item(prefix + "/down");
    ImGui::SameLine(0, gap);
    ImGui::Text("%d", weight);
    ImGui::SameLine(0, gap);
    if (ImGui::SmallButton("+") && weight < 100)
        out.commands.push_back("weight " + std::to_string(id) + " " + std::to_string(weight + 1));
    expose_last_item(prefix + "/up");
    ImGui::PopStyleVar();
}

void health_cells(const Simulation& sim, NodeId id, bool with_connections, Actions& out) {
    const Server& s = sim.server(id);
    const LbServerView& v = sim.load_balancer().server(id);
    const bool mismatch = v.healthy != s.alive;
    ImGui::TableNextColumn();
    text_colored(server_color(id), ("S" + std::to_string(id)).c_str());
    ImGui::TableNextColumn();
    if (mismatch) ImGui::TableSetBgColor(ImGuiTableBgTarget_CellBg, panel_color::kMismatchCell);
    // A slowed server (scenario `slow S F`) is alive but answers late: a gray failure the balancer can
    // only notice through response times.
    const double slow = sim.config().slow_factor_of(id);
    if (!s.alive) text_colored(panel_color::kBad, "crashed");
    else if (slow > 1.0) text_colored(color::kWarning, "slow");
    else text_colored(panel_color::kGood, "alive");
    if (s.alive && slow > 1.0 && ImGui::IsItemHovered())
        ImGui::SetTooltip("Alive, but %.3gx slower than normal: every request takes %.3g times as long.", slow, slow);
    ImGui::TableNextColumn();
    if (mismatch) ImGui::TableSetBgColor(ImGuiTableBgTarget_CellBg, panel_color::kMismatchCell);
    text_colored(v.healthy ? panel_color::kGood : panel_color::kBad, v.healthy ? "healthy" : "out");
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip(v.healthy ? "In rotation: the balancer sends requests to it."
                                    : "Out of rotation: its last health check got no answer.");
    ImGui::TableNextColumn();
    char text[32];
    std::snprintf(text, sizeof text, "%d", v.health);
    text_right(text, v.health >= 70 ? 0 : v.health >= 40 ? color::kWarning : panel_color::kBad);
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Health score from the last check (0..100), from the CPU (%.0f%%) and queue (%.0f) the server "
                          "reported.%s",
                          v.reported_cpu * 100.0, v.reported_queue, v.answered_last ? "" : "\nNo answer: scored 0.");
    if (with_connections) {
        ImGui::TableNextColumn();
        text_right(std::to_string(v.connections).c_str());
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Requests the balancer sent to it that are not answered yet");
    }
    ImGui::TableNextColumn();
    if (v.has_response) std::snprintf(text, sizeof text, "%.0f ms", v.response_ewma_ms);
    else std::snprintf(text, sizeof text, "-");
    text_right(text, v.has_response ? 0 : color::kTextDim);
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Moving average (EWMA) of the response times the balancer measured, end to end.\n"
                          "%d connections: requests sent to it and not answered yet.",
                          v.connections);
    ImGui::TableNextColumn();
    weight_cell(sim, id, out);
}

void health_table(const Simulation& sim, const FrameInput& in, Actions& out) {
    heading("What the balancer believes, next to the truth");
    help_marker("The balancer only learns that a server crashed or came back from its health checks, every "
                "few seconds. Until then it routes by what it believes. Weights matter to the weighted algorithm "
                "(and least-connections counts connections per unit of weight).");
    const float s = in.scale;
    // A narrow panel (small window) drops the connections column; they stay in the Response tooltip.
    const bool with_connections = ImGui::GetContentRegionAvail().x >= 430.0f * s;
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit;
    if (!ImGui::BeginTable("lb-health", with_connections ? 7 : 6, flags)) return;
    ImGui::TableSetupColumn("Server", ImGuiTableColumnFlags_WidthFixed, 40.0f * s);
    ImGui::TableSetupColumn("Truth", ImGuiTableColumnFlags_WidthFixed, 52.0f * s);
    ImGui::TableSetupColumn("LB believes", ImGuiTableColumnFlags_WidthFixed, 76.0f * s);
    ImGui::TableSetupColumn("Health", ImGuiTableColumnFlags_WidthFixed, 44.0f * s);
    if (with_connections) ImGui::TableSetupColumn("Conns", ImGuiTableColumnFlags_WidthFixed, 40.0f * s);
    ImGui::TableSetupColumn("Response", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn("Weight", ImGuiTableColumnFlags_WidthFixed, 56.0f * s);
    ImGui::TableHeadersRow();
    for (NodeId id = 1; id <= sim.server_count(); ++id) {
        ImGui::PushID(id);
        ImGui::TableNextRow();
        health_cells(sim, id, with_connections, out);
        ImGui::PopID();
    }
    ImGui::EndTable();
    for (const HealthMismatch& m : health_mismatches(sim)) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(color::kWarning));
        ImGui::TextWrapped("%s", mismatch_text(m, sim.now_us(), sim.config().health_interval_us).c_str());
        ImGui::PopStyleColor();
    }
}

void distribution(const Simulation& sim, const FrameInput& in) {
    heading("Distribution: requests routed per server");
    const auto& views = sim.load_balancer().servers();
    std::uint64_t routed_total = 0, routed_max = 0;
    for (const auto& v : views) {
        routed_total += v.routed;
        routed_max = std::max(routed_max, v.routed);
    }
    const LoadTestSummary& test = sim.clients().load_test();
    const bool have_test = sim.clients().load_test_ever();
    std::uint64_t test_total = 0, test_max = 0;
    for (auto n : test.per_server) {
        test_total += n;
        test_max = std::max(test_max, n);
    }
    int weight_total = 0;
    for (NodeId id = 1; id <= sim.server_count(); ++id) weight_total += sim.config().weight_of(id);

    const float s = in.scale;
    if (!ImGui::BeginTable("lb-distribution", 3, ImGuiTableFlags_SizingFixedFit)) return;
    ImGui::TableSetupColumn("Server", ImGuiTableColumnFlags_WidthFixed, 44.0f * s);
    ImGui::TableSetupColumn("In all (share)", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn(have_test ? "This load test (share)" : "Load test", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableHeadersRow();
    const float bar_h = ImGui::GetTextLineHeight();
    for (NodeId id = 1; id <= sim.server_count(); ++id) {
        const auto index = static_cast<std::size_t>(id - 1);
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        text_colored(server_color(id), ("S" + std::to_string(id)).c_str());
        ImGui::TableNextColumn();
        const std::uint64_t routed = index < views.size() ? views[index].routed : 0;
        char label[64];
        std::snprintf(label, sizeof label, "%llu  (%s)", static_cast<unsigned long long>(routed),
                      format_percent(share(routed, routed_total)).c_str());
        // Bars are scaled to the busiest server, so small differences stay visible; the label has the share.
        bar(static_cast<float>(share(routed, routed_max)), ImVec2(ImGui::GetContentRegionAvail().x, bar_h),
            server_color(id), label);
        if (ImGui::IsItemHovered() && sim.load_balancer().algorithm() == LbAlgorithm::Weighted && weight_total > 0)
            ImGui::SetTooltip("Weighted: expected share %s (weight %d of %d)",
                              format_percent(share(static_cast<std::uint64_t>(sim.config().weight_of(id)),
                                                   static_cast<std::uint64_t>(weight_total)))
                                  .c_str(),
                              sim.config().weight_of(id), weight_total);
        ImGui::TableNextColumn();
        if (!have_test) {
            text_colored(color::kTextDim, "-");
            continue;
        }
        const std::uint64_t in_test = index < test.per_server.size() ? test.per_server[index] : 0;
        std::snprintf(label, sizeof label, "%llu  (%s)", static_cast<unsigned long long>(in_test),
                      format_percent(share(in_test, test_total)).c_str());
        bar(static_cast<float>(share(in_test, test_max)), ImVec2(ImGui::GetContentRegionAvail().x, bar_h),
            server_color(id), label);
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("%llu of the %llu answered orders of the load test entered at server %d",
                              static_cast<unsigned long long>(in_test), static_cast<unsigned long long>(test_total), id);
    }
    ImGui::EndTable();
}

// A load test runs in real time (Heavy: 20 s on the wall clock) unless the student chose a
// speed: the default speed (0.1x, for watching messages) would stretch it tenfold.
void start_load(const std::string& command, const FrameInput& in, Actions& out) {
    out.commands.push_back(command);
    if (in.playback.speed == kDefaultSpeed) out.playback.speed = 1.0;
}

void preset_buttons(const FrameInput& in, Actions& out) {
    for (std::size_t i = 0; i < std::size(kPresets); ++i) {
        if (i > 0) ImGui::SameLine();
        if (ImGui::Button(kPresets[i].label, ImVec2(0, 0))) start_load(std::string("load ") + kPresets[i].name, in, out);
        expose_last_item(std::string("balancer/load/") + kPresets[i].name);
    }
}

void custom_load(const FrameInput& in, BalancerState& state, bool running, Actions& out) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Custom");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(100.0f * in.scale);
    ImGui::InputInt("/s##rate", &state.custom_rate_per_s, 1, 10);
    state.custom_rate_per_s = std::clamp(state.custom_rate_per_s, 1, kMaxRate);
    expose_last_item("balancer/load/rate");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(100.0f * in.scale);
    ImGui::InputInt("s##duration", &state.custom_duration_s, 1, 10);
    state.custom_duration_s = std::clamp(state.custom_duration_s, 1, kMaxDurationS);
    expose_last_item("balancer/load/duration");
    ImGui::SameLine();
    if (ImGui::Button("Start")) start_load(custom_load_command(state.custom_rate_per_s, state.custom_duration_s), in, out);
    expose_last_item("balancer/load/custom");
    ImGui::SameLine();
    ImGui::BeginDisabled(!running);
    if (ImGui::Button("Stop")) out.commands.push_back("load stop");
    ImGui::EndDisabled();
    expose_last_item("balancer/load/stop");
}

void progress(const Simulation& sim, const LoadTestSummary& t) {
    const double fraction = load_elapsed_fraction(t, sim.now_us());
    char overlay[128];
    const double elapsed_s = fraction * static_cast<double>(t.duration_us) / 1e6;
    const double duration_s = static_cast<double>(t.duration_us) / 1e6;
    if (t.running)
        std::snprintf(overlay, sizeof overlay, "%s: %.1f s of %.0f s  \u00b7  %llu of %llu sent", t.preset.c_str(), elapsed_s,
                      duration_s, static_cast<unsigned long long>(t.submitted), static_cast<unsigned long long>(t.planned));
    else if (!t.finished)
        std::snprintf(overlay, sizeof overlay, "%s: all sent, waiting for %llu answers", t.preset.c_str(),
                      static_cast<unsigned long long>(t.submitted - t.outcomes()));
    else
        std::snprintf(overlay, sizeof overlay, "%s: finished  \u00b7  %llu of %llu sent", t.preset.c_str(),
                      static_cast<unsigned long long>(t.submitted), static_cast<unsigned long long>(t.planned));
    // ImGui's default fill is yellow, under which the white overlay text is hard to read.
    ImGui::PushStyleColor(ImGuiCol_PlotHistogram, ImVec4(0.24f, 0.45f, 0.72f, 1.0f));
    ImGui::ProgressBar(static_cast<float>(fraction), ImVec2(-1, 0), overlay);
    ImGui::PopStyleColor();
    expose_last_item("balancer/load/progress");
}

void reasons_line(const char* what, const std::vector<std::uint64_t>& counts, ImU32 colour) {
    std::string text;
    for (std::size_t r = 0; r < counts.size(); ++r) {
        if (!counts[r]) continue;
        if (!text.empty()) text += "; ";
        text += std::string(reason_text(static_cast<Reason>(r))) + " \u00d7" + std::to_string(counts[r]);
    }
    if (text.empty()) return;
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(colour));
    ImGui::TextWrapped("%s: %s", what, text.c_str());
    ImGui::PopStyleColor();
}

void summary(const LoadTestSummary& t) {
    ImGui::Text("%llu submitted", static_cast<unsigned long long>(t.submitted));
    ImGui::SameLine();
    text_colored(panel_color::kGood, (std::to_string(t.acknowledged) + " acknowledged").c_str());
    ImGui::SameLine();
    text_colored(color::kWarning, (std::to_string(t.rejected) + " rejected").c_str());
    ImGui::SameLine();
    text_colored(panel_color::kBad, (std::to_string(t.unknown) + " unknown").c_str());
    if (t.submitted > t.outcomes()) {
        ImGui::SameLine();
        text_colored(panel_color::kPending, (std::to_string(t.submitted - t.outcomes()) + " waiting").c_str());
    }
    if (t.finished && t.acknowledged > 0)
        ImGui::Text("Latency  p50 %.1f ms  \u00b7  p95 %.1f ms  \u00b7  p99 %.1f ms", t.p50_ms, t.p95_ms, t.p99_ms);
    reasons_line("Rejected", t.rejected_by_reason, color::kWarning);
    reasons_line("Unknown", t.unknown_by_reason, panel_color::kBad);
}

// "heavy", "custom 20/s x 10 s".
std::string load_name(const LoadTestSummary& t) {
    if (t.preset != "custom") return t.preset;
    char text[64];
    std::snprintf(text, sizeof text, "%g/s\u00d7%gs", t.rate, static_cast<double>(t.duration_us) / 1e6);
    return text;
}

// Every finished load test of the run, one row each, oldest first: comparing algorithms
// (or presets) is reading down a column.
void finished_tests(const Simulation& sim, const FrameInput& in) {
    const auto& tests = sim.clients().load_tests();
    if (tests.empty()) return;
    heading("Finished load tests");
    help_marker("Every load test of this run that has finished, in the order they ran. Ack: acknowledged. Ref.: "
                "refused, a definite no (nothing applied). Unk.: unknown, the client cannot tell whether it was "
                "applied. Latency p50/p95/p99 in ms, of the acknowledged orders, from first submission to the "
                "answer (retries included).");
    const float s = in.scale;
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_BordersInnerV;
    // Narrow number columns, so the algorithm (the thing compared) keeps its full name at 1280 px.
    if (!ImGui::BeginTable("lb-load-tests", 7, flags)) return;
    ImGui::TableSetupColumn("Load", ImGuiTableColumnFlags_WidthFixed, 58.0f * s);
    ImGui::TableSetupColumn("Algorithm", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn("Sent", ImGuiTableColumnFlags_WidthFixed, 28.0f * s);
    ImGui::TableSetupColumn("Ack", ImGuiTableColumnFlags_WidthFixed, 28.0f * s);
    ImGui::TableSetupColumn("Ref.", ImGuiTableColumnFlags_WidthFixed, 28.0f * s);
    ImGui::TableSetupColumn("Unk.", ImGuiTableColumnFlags_WidthFixed, 28.0f * s);
    ImGui::TableSetupColumn("p50/95/99 ms", ImGuiTableColumnFlags_WidthFixed, 88.0f * s);
    ImGui::TableHeadersRow();
    auto count = [](std::uint64_t n, ImU32 colour) {
        ImGui::TableNextColumn();
        text_right(std::to_string(n).c_str(), n ? colour : 0);
    };
    for (const LoadTestSummary& t : tests) {
        ImGui::PushID(static_cast<int>(t.number));
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(load_name(t).c_str());
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Load test %llu of this run", static_cast<unsigned long long>(t.number));
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(t.algorithm.c_str());
        count(t.submitted, 0);
        count(t.acknowledged, panel_color::kGood);
        count(t.rejected, color::kWarning);
        count(t.unknown, panel_color::kBad);
        ImGui::TableNextColumn();
        char text[64];
        if (t.acknowledged == 0) std::snprintf(text, sizeof text, "-");
        else std::snprintf(text, sizeof text, "%.0f/%.0f/%.0f", t.p50_ms, t.p95_ms, t.p99_ms);
        text_right(text);
        // The row's last cell, for tests: balancer/load-tests/N.
        expose_last_item("balancer/load-tests/" + std::to_string(t.number));
        ImGui::PopID();
    }
    ImGui::EndTable();
}

void load_test(const Simulation& sim, const FrameInput& in, BalancerState& state, Actions& out) {
    heading("Load test");
    help_marker("The load generator sends orders for random products (1 to 3 each) through the balancer at a "
                "steady rate. The share per server is in the Distribution table above. Latency percentiles "
                "(of acknowledged orders, retries included) appear once every order has its answer.");
    const bool ever = sim.clients().load_test_ever();
    const LoadTestSummary& t = sim.clients().load_test();
    preset_buttons(in, out);
    custom_load(in, state, ever && t.running, out);
    if (!ever) {
        hint("No load test yet. Watch the Metrics tab while one runs.");
        return;
    }
    progress(sim, t);
    summary(t);
    finished_tests(sim, in);
}

}  // namespace

void balancer_panel(const Simulation& sim, const FrameInput& in, UiState& state, Actions& out) {
    if (begin_panel_body("balancer")) {
        algorithm_selector(sim, in, out);
        // The load test and the table of finished ones first: comparing runs should need no scrolling.
        load_test(sim, in, state.data_panels.balancer, out);
        health_table(sim, in, out);
        distribution(sim, in);
    }
    end_panel_body();
}

}  // namespace cs::ui
