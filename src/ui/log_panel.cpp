#include "ui/log_panel.h"

#include <imgui.h>

#include <algorithm>
#include <string>

#include "sim/simulation.h"
#include "ui/fault_commands.h"
#include "ui/frame_io.h"
#include "ui/test_hooks.h"
#include "ui/panel_widgets.h"
#include "ui/theme.h"
#include "ui/ui_state.h"

namespace cs::ui {
namespace {

constexpr ImU32 kViolationText = IM_COL32(240, 95, 95, 255);
constexpr ImU32 kChipOn = IM_COL32(52, 98, 160, 255);
constexpr ImU32 kChipOff = IM_COL32(38, 44, 58, 255);

// A small on/off button; rows of them wrap at the panel's edge.
bool chip(const char* label, bool on, bool first_in_row) {
    const ImGuiStyle& style = ImGui::GetStyle();
    const float width = ImGui::CalcTextSize(label, nullptr, true).x + style.FramePadding.x * 2.0f;
    if (!first_in_row) {
        const float after = ImGui::GetItemRectMax().x - ImGui::GetWindowPos().x + style.ItemSpacing.x * 0.5f;
        if (after + width <= ImGui::GetWindowContentRegionMax().x) ImGui::SameLine(0, style.ItemSpacing.x * 0.5f);
    }
    ImGui::PushStyleColor(ImGuiCol_Button, ImGui::ColorConvertU32ToFloat4(on ? kChipOn : kChipOff));
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(on ? color::kText : color::kTextDim));
    const bool pressed = ImGui::Button(label);
    ImGui::PopStyleColor(2);
    return pressed;
}

std::string node_filter_label(NodeId node) {
    if (node == kAnyNode) return "every node";
    if (node == kLoadBalancer) return "load balancer";
    if (node == kClients) return "clients";
    return "server " + std::to_string(node);
}

void search_and_node_row(const Simulation& sim, const FrameInput& in, LogPanelState& log) {
    const float combo_w = 130.0f * in.scale;
    ImGui::SetNextItemWidth(std::max(80.0f * in.scale, ImGui::GetContentRegionAvail().x - combo_w - ImGui::GetStyle().ItemSpacing.x));
    ImGui::InputTextWithHint("##log-search", "search the log (e.g. S3, election, PRD-1)", log.search, sizeof log.search);
    expose_if_visible("log/search");
    log.filter.search = log.search;

    ImGui::SameLine();
    ImGui::SetNextItemWidth(combo_w);
    const std::string preview = node_filter_label(log.filter.node);
    if (ImGui::BeginCombo("##log-node", preview.c_str())) {
        auto item = [&](NodeId node) {
            if (ImGui::Selectable(node_filter_label(node).c_str(), log.filter.node == node)) log.filter.node = node;
        };
        item(kAnyNode);
        for (NodeId id = 1; id <= sim.server_count(); ++id) item(id);
        item(kLoadBalancer);
        item(kClients);
        ImGui::EndCombo();
    }
    expose_if_visible("log/server");
    item_tooltip("Only lines that involve this node (sent by it, to it, or about it). Fault commands always stay.");
    if (log.filter.node != kAnyNode && log.filter.node > sim.server_count()) log.filter.node = kAnyNode;
}

void category_and_level_rows(LogPanelState& log) {
    for (int c = 0; c < kLogCategoryCount; ++c) {
        const auto category = static_cast<LogCategory>(c);
        if (chip(log_category_label(category), log.filter.shows(category), c == 0)) log.filter.toggle(category);
        expose_if_visible(std::string("log/category/") + log_category_label(category));
        item_tooltip(log_category_hint(category));
    }
    constexpr LogLevel kLevels[] = {LogLevel::Detail, LogLevel::Info, LogLevel::Warning};
    constexpr const char* kLevelHints[] = {"Routine traffic: every message delivered or lost.",
                                           "Protocol steps: elections, new leaders, orders, syncs.",
                                           "Things going wrong: crashes, faults, rejected orders, violations."};
    for (int i = 0; i < 3; ++i) {
        if (chip(log_level_label(kLevels[i]), log.filter.shows(kLevels[i]), i == 0)) log.filter.toggle(kLevels[i]);
        expose_if_visible(std::string("log/level/") + log_level_label(kLevels[i]));
        item_tooltip(kLevelHints[i]);
    }
}

// Times sit in a column of their own, right-aligned so their decimal points line up.
float time_column_width(float scale) { return ImGui::CalcTextSize("0000.000 s").x + 10.0f * scale; }

void time_column(const std::string& time, float start_x, float scale) {
    ImGui::SetCursorPosX(start_x + time_column_width(scale) - 10.0f * scale - ImGui::CalcTextSize(time.c_str()).x);
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(color::kTextDim), "%s", time.c_str());
}

// The fault commands given so far, with their times (the log's free-text notes).
void notes_section(const Simulation& sim, const FrameInput& in) {
    const auto& notes = sim.event_log().notes();
    const std::string title = "Fault commands (" + std::to_string(notes.size()) + ")###fault-notes";
    const bool open = ImGui::CollapsingHeader(title.c_str());
    expose_if_visible("log/notes");
    if (!open) return;
    if (notes.empty()) {
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(color::kTextDim), "none yet: the Faults tab gives them");
        return;
    }
    const float line = ImGui::GetTextLineHeightWithSpacing();
    const float height = std::min<float>(static_cast<float>(notes.size()), 5.0f) * line + ImGui::GetStyle().WindowPadding.y * 2.0f;
    ImGui::BeginChild("fault-notes", ImVec2(0, height), true);
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(notes.size()));
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const NoteParts note = split_note(notes[static_cast<std::size_t>(i)]);
            const float start_x = ImGui::GetCursorPosX();
            if (note.time_us >= 0) {
                time_column(seconds_text(note.time_us), start_x, in.scale);
                ImGui::SameLine(start_x + time_column_width(in.scale));
            } else {
                ImGui::SetCursorPosX(start_x + time_column_width(in.scale));
            }
            ImGui::TextUnformatted(note.text.c_str());
        }
    }
    if (ImGui::GetScrollY() >= ImGui::GetScrollMaxY()) ImGui::SetScrollHereY(1.0f);
    ImGui::EndChild();
}

ImU32 line_colour(const LogRecord& record) {
    if (record.kind == LogKind::Violation) return kViolationText;
    switch (record.level) {
        case LogLevel::Detail: return color::kTextDim;
        case LogLevel::Info: return color::kText;
        case LogLevel::Warning: return color::kWarning;
    }
    return color::kText;
}

void line_tooltip(const LogRecord& record, const std::string& text) {
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30.0f);
    ImGui::TextUnformatted(text.c_str());
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(color::kTextDim), "%s, %s, at %s",
                       log_category_label(log_category(record.kind)), log_level_label(record.level),
                       seconds_text(record.time_us).c_str());
    if (record.message_id != 0)
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(color::kTextDim), "message #%llu",
                           static_cast<unsigned long long>(record.message_id));
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
}

// The lines themselves: only the visible ones are formatted (ImGuiListClipper).
void lines(const Simulation& sim, const FrameInput& in, LogPanelState& log) {
    const EventLog& events = sim.event_log();
    ImGui::BeginChild("log-lines", ImVec2(0, 0), true, ImGuiWindowFlags_HorizontalScrollbar);
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(ImGui::GetStyle().ItemSpacing.x, 2.0f * in.scale));
    const float time_w = time_column_width(in.scale);
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(log.index.size()));
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const LogRecord& record = log.index.record(events, static_cast<std::size_t>(i));
            const float start_x = ImGui::GetCursorPosX();
            time_column(seconds_text(record.time_us), start_x, in.scale);
            ImGui::SameLine(start_x + time_w);
            const std::string text = log_line(record, sim);
            ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(line_colour(record)), "%s", text.c_str());
            if (ImGui::IsItemHovered()) line_tooltip(record, text);
        }
    }
    if (log.index.size() == 0)
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(color::kTextDim),
                           events.size() == 0 ? "nothing has happened yet" : "no line matches the filter");
    // Follow the newest line while the view is at the bottom; scrolling up stops that.
    if (log.scroll_to_newest || ImGui::GetScrollY() >= ImGui::GetScrollMaxY()) ImGui::SetScrollHereY(1.0f);
    log.scroll_to_newest = false;
    ImGui::PopStyleVar();
    ImGui::EndChild();
    expose_if_visible("log/lines");
}

void status_row(const Simulation& sim, LogPanelState& log) {
    const EventLog& events = sim.event_log();
    ImGui::AlignTextToFramePadding();
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(color::kTextDim), "showing %zu of %zu lines", log.index.size(), events.size());
    item_tooltip("The log keeps the newest 20,000 events; older ones are forgotten.");
    if (events.total() > events.size()) {
        ImGui::SameLine();
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(color::kTextDim), "(%llu in all)",
                           static_cast<unsigned long long>(events.total()));
    }
    ImGui::SameLine();
    if (ImGui::SmallButton("newest")) log.scroll_to_newest = true;
    expose_if_visible("log/newest");
    item_tooltip("Scroll to the newest line and keep following it.");
    ImGui::SameLine();
    if (ImGui::SmallButton("show all")) {
        log.filter = LogFilter{};
        log.search[0] = '\0';
    }
    expose_if_visible("log/reset");
    item_tooltip("Clear the search and every filter.");
}

}  // namespace

void log_panel(const Simulation& sim, const FrameInput& in, UiState& state, Actions& out) {
    (void)out;  // the log only reads
    LogPanelState& log = state.log;
    search_and_node_row(sim, in, log);
    category_and_level_rows(log);
    // Filtered before the status line, so its count is this frame's.
    log.index.update(sim, log.filter);
    status_row(sim, log);
    notes_section(sim, in);
    lines(sim, in, log);
}

}  // namespace cs::ui
