#include "ui/metrics_panel.h"

#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "ui/panel_logic.h"
#include "ui/panel_widgets.h"
#include "ui/test_hooks.h"
#include "ui/theme.h"

namespace cs::ui {
namespace {

// The four plots of the small multiples (memory is one more choice in the selector).
constexpr Metric kOverview[] = {Metric::Cpu, Metric::Queue, Metric::Response, Metric::Throughput};
constexpr int kWindowsS[] = {60, 300, 600};

const Ring<float, kSeriesSeconds>& series_of(const ServerMetrics& m, Metric metric) {
    switch (metric) {
        case Metric::Cpu: return m.cpu_series;
        case Metric::Queue: return m.queue_series;
        case Metric::Response: return m.response_series;
        case Metric::Throughput: return m.throughput_series;
        case Metric::Memory: return m.memory_series;
        case Metric::Count: break;
    }
    return m.cpu_series;
}

// The smallest axis top, so an idle server's noise is not blown up to full height.
double axis_floor(Metric metric) {
    switch (metric) {
        case Metric::Cpu: return 10.0;
        case Metric::Queue: return 5.0;
        case Metric::Response: return 10.0;
        case Metric::Throughput: return 5.0;
        case Metric::Memory: return 100.0;
        case Metric::Count: break;
    }
    return 1.0;
}

bool visible(const MetricsState& st, NodeId id) { return id > 64 || !(st.hidden_servers >> (id - 1) & 1u); }

std::string value_text(Metric metric, double value) {
    char buffer[32];
    if (metric == Metric::Queue) std::snprintf(buffer, sizeof buffer, "%.0f", value);
    else if (metric == Metric::Memory || metric == Metric::Response) std::snprintf(buffer, sizeof buffer, "%.1f", value);
    else std::snprintf(buffer, sizeof buffer, "%.0f", value);
    return buffer;
}

std::string with_unit(Metric metric, double value) {
    const char* unit = metric_unit(metric);
    return value_text(metric, value) + (metric == Metric::Cpu ? "" : " ") + unit;
}

void controls(const FrameInput& in, MetricsState& st) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Show");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(140.0f * in.scale);
    const char* current = st.metric < 0 ? "four metrics" : metric_title(static_cast<Metric>(st.metric));
    if (ImGui::BeginCombo("##metric", current)) {
        if (ImGui::Selectable("four metrics", st.metric < 0)) st.metric = -1;
        expose_last_item("metrics/metric/all");
        for (int m = 0; m < static_cast<int>(Metric::Count); ++m) {
            if (ImGui::Selectable(metric_title(static_cast<Metric>(m)), st.metric == m)) st.metric = m;
            expose_last_item(std::string("metrics/metric/") + metric_title(static_cast<Metric>(m)));
        }
        ImGui::EndCombo();
    }
    expose_last_item("metrics/metric");
    ImGui::SameLine(0, 14.0f * in.scale);
    ImGui::TextUnformatted("Last");
    for (int w : kWindowsS) {
        ImGui::SameLine();
        const std::string label = w < 60 ? std::to_string(w) + " s" : std::to_string(w / 60) + " min";
        if (ImGui::RadioButton(label.c_str(), st.window_s == w)) st.window_s = w;
        expose_last_item("metrics/window/" + std::to_string(w));
    }
}

// Current values per server, which doubles as the legend: a click hides or shows a line.
void legend_table(const Simulation& sim, const FrameInput& in, MetricsState& st) {
    const float s = in.scale;
    const int rows_shown = std::min(sim.server_count(), 8);
    const float row_h = ImGui::GetTextLineHeight() + ImGui::GetStyle().CellPadding.y * 2.0f;
    const float height = row_h * static_cast<float>(rows_shown + 1) + 2.0f;
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_BordersOuterH;
    if (!ImGui::BeginTable("metrics-legend", 7, flags, ImVec2(0, height))) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("Server", ImGuiTableColumnFlags_WidthFixed, 62.0f * s);
    ImGui::TableSetupColumn("Health", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn("CPU %", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn("Queue", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn("Resp ms", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn("req/s", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn("Mem MB", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableHeadersRow();
    for (NodeId id = 1; id <= sim.server_count(); ++id) {
        const Server& server = sim.server(id);
        const ServerMetrics& m = server.metrics;
        const bool shown = visible(st, id);
        ImGui::PushID(id);
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        const ImVec2 at = ImGui::GetCursorScreenPos();
        const float sw = ImGui::GetTextLineHeight();
        char label[32];
        std::snprintf(label, sizeof label, "     S%d%s", id, server.alive ? "" : " \u2717");
        if (ImGui::Selectable(label, false, ImGuiSelectableFlags_SpanAllColumns) && id <= 64)
            st.hidden_servers ^= std::uint64_t{1} << (id - 1);
        expose_last_item("metrics/legend/" + std::to_string(id));
        if (ImGui::IsItemHovered()) ImGui::SetTooltip(shown ? "Click to hide its lines" : "Click to show its lines");
        ImDrawList* draw = ImGui::GetWindowDrawList();
        const ImVec2 a(at.x + 2.0f * s, at.y + sw * 0.5f - 1.5f * s);
        const ImVec2 b(at.x + sw * 1.4f, at.y + sw * 0.5f + 1.5f * s);
        if (shown) draw->AddRectFilled(a, b, server_color(id));
        else draw->AddRect(a, b, server_color(id));
        auto cell = [&](const std::string& text, ImU32 colour = 0) {
            ImGui::TableNextColumn();
            text_right(text.c_str(), shown ? colour : color::kTextDim);
        };
        cell(std::to_string(m.health), m.health >= 70 ? 0 : m.health >= 40 ? color::kWarning : panel_color::kBad);
        cell(value_text(Metric::Cpu, m.cpu * 100.0));
        cell(std::to_string(m.queue_depth));
        cell(value_text(Metric::Response, m.response_mean_ms));
        cell(value_text(Metric::Throughput, m.throughput));
        cell(value_text(Metric::Memory, m.memory_mb));
        ImGui::PopID();
    }
    ImGui::EndTable();
}

struct PlotFrame {
    ImVec2 min, max;  // the data area, inside the axis labels
};

void draw_series(ImDrawList* draw, const PlotFrame& f, const Ring<float, kSeriesSeconds>& ring, Metric metric,
                 std::size_t window, double top, ImU32 colour, float thickness) {
    const SeriesWindow w = series_window(ring.size(), window);
    if (w.count == 0) return;
    const float width = f.max.x - f.min.x;
    const float height = f.max.y - f.min.y;
    const float dx = window > 1 ? width / static_cast<float>(window - 1) : width;
    std::vector<ImVec2> points;
    points.reserve(w.count);
    for (std::size_t i = 0; i < w.count; ++i) {
        // The newest sample sits at the right edge; a short history starts part way across.
        const float x = f.max.x - dx * static_cast<float>(w.count - 1 - i);
        const double v = std::clamp(metric_display(metric, ring.at(w.first + i)) / top, 0.0, 1.0);
        points.emplace_back(x, f.max.y - static_cast<float>(v) * height);
    }
    if (points.size() == 1) draw->AddCircleFilled(points[0], thickness * 1.5f, colour);
    else draw->AddPolyline(points.data(), static_cast<int>(points.size()), colour, ImDrawFlags_None, thickness);
}

// The tooltip of a hovered plot: every visible server's value at that second.
void hover_readout(const Simulation& sim, const MetricsState& st, const PlotFrame& f, Metric metric, std::size_t window) {
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    if (mouse.x < f.min.x || mouse.x > f.max.x || mouse.y < f.min.y || mouse.y > f.max.y) return;
    if (!ImGui::IsWindowHovered()) return;
    const float dx = window > 1 ? (f.max.x - f.min.x) / static_cast<float>(window - 1) : 1.0f;
    const auto back = static_cast<std::size_t>((f.max.x - mouse.x) / dx + 0.5f);  // seconds before the newest sample
    std::size_t kept = 0;
    for (NodeId id = 1; id <= sim.server_count(); ++id) kept = std::max(kept, series_of(sim.server(id).metrics, metric).size());
    if (back >= kept) return;  // left of the first sample: nothing to read out
    const float x = f.max.x - dx * static_cast<float>(back);
    ImGui::GetWindowDrawList()->AddLine(ImVec2(x, f.min.y), ImVec2(x, f.max.y), color::kTextDim);
    const long long newest_s = static_cast<long long>(sim.now_us() / 1000000);
    ImGui::BeginTooltip();
    ImGui::Text("%s at t = %lld s", metric_title(metric), newest_s - static_cast<long long>(back));
    for (NodeId id = 1; id <= sim.server_count(); ++id) {
        if (!visible(st, id)) continue;
        const auto& ring = series_of(sim.server(id).metrics, metric);
        if (back >= ring.size()) continue;
        const double v = metric_display(metric, ring.at(ring.size() - 1 - back));
        text_colored(server_color(id), ("S" + std::to_string(id) + "  " + with_unit(metric, v)).c_str());
    }
    ImGui::EndTooltip();
}

void plot(const Simulation& sim, const FrameInput& in, const MetricsState& st, Metric metric, ImVec2 size,
          bool time_labels) {
    const float s = in.scale;
    const auto window = static_cast<std::size_t>(st.window_s);
    double peak = 0, peak_now = 0;
    NodeId peak_now_server = kNoNode;
    for (NodeId id = 1; id <= sim.server_count(); ++id) {
        if (!visible(st, id)) continue;
        const auto& ring = series_of(sim.server(id).metrics, metric);
        const SeriesWindow w = series_window(ring.size(), window);
        for (std::size_t i = 0; i < w.count; ++i) peak = std::max(peak, metric_display(metric, ring.at(w.first + i)));
        if (ring.size() > 0 && (peak_now_server == kNoNode || metric_display(metric, ring.back()) > peak_now)) {
            peak_now = metric_display(metric, ring.back());
            peak_now_server = id;
        }
    }
    // Zoomed to the data (the axis is labelled), but a CPU is never busier than 100 %.
    double top = nice_ceiling(peak, axis_floor(metric));
    if (metric == Metric::Cpu) top = std::min(top, 100.0);

    // Title row: the metric and unit on the left, now and window max on the right.
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float line = ImGui::GetTextLineHeight();
    std::string title = std::string(metric_title(metric)) + " (" + metric_unit(metric) + ")";
    draw->AddText(origin, color::kText, title.c_str());
    // The legend table has every server's current value; the plot says how high it is and has been.
    std::string right = peak_now_server == kNoNode ? std::string("no samples yet")
                                                   : "now up to " + with_unit(metric, peak_now) + "  \u00b7  max " +
                                                         with_unit(metric, peak);
    const float title_w = ImGui::CalcTextSize(title.c_str()).x + 12.0f * s;
    // A narrow panel keeps the window maximum only, and drops even that rather than overlap the title.
    if (title_w + ImGui::CalcTextSize(right.c_str()).x > size.x && peak_now_server != kNoNode)
        right = "max " + with_unit(metric, peak);
    const float right_w = ImGui::CalcTextSize(right.c_str()).x;
    if (title_w + right_w <= size.x)
        draw->AddText(ImVec2(origin.x + size.x - right_w, origin.y), color::kTextDim, right.c_str());

    // Axis labels: the top of the range at the top left, 0 at the bottom left.
    char top_label_buffer[32];
    std::snprintf(top_label_buffer, sizeof top_label_buffer, top >= 10 ? "%.0f" : "%g", top);
    const std::string top_label = top_label_buffer;
    const float label_w = std::max(ImGui::CalcTextSize(top_label.c_str()).x, ImGui::CalcTextSize("0").x) + 4.0f * s;
    PlotFrame f;
    f.min = ImVec2(origin.x + label_w, origin.y + line + 4.0f * s);
    f.max = ImVec2(origin.x + size.x, origin.y + size.y - (time_labels ? line + 2.0f * s : 0.0f));
    draw->AddRectFilled(f.min, f.max, panel_color::kPlotBg, 3.0f * s);
    for (int g = 0; g <= 4; ++g) {
        const float y = f.max.y - (f.max.y - f.min.y) * static_cast<float>(g) / 4.0f;
        draw->AddLine(ImVec2(f.min.x, y), ImVec2(f.max.x, y), panel_color::kGrid);
    }
    draw->AddText(ImVec2(origin.x, f.min.y - line * 0.5f + 1.0f), color::kTextDim, top_label.c_str());
    draw->AddText(ImVec2(origin.x + label_w - 4.0f * s - ImGui::CalcTextSize("0").x, f.max.y - line * 0.5f),
                  color::kTextDim, "0");
    if (time_labels) {
        const std::string left = std::to_string(st.window_s) + " s ago";
        draw->AddText(ImVec2(f.min.x, f.max.y + 2.0f * s), color::kTextDim, left.c_str());
        const char* now = "now";
        draw->AddText(ImVec2(f.max.x - ImGui::CalcTextSize(now).x, f.max.y + 2.0f * s), color::kTextDim, now);
    }

    draw->PushClipRect(f.min, f.max, true);
    for (NodeId id = 1; id <= sim.server_count(); ++id)
        if (visible(st, id))
            draw_series(draw, f, series_of(sim.server(id).metrics, metric), metric, window, top, server_color(id),
                        1.6f * s);
    draw->PopClipRect();
    ImGui::Dummy(size);
    expose_rect(std::string("metrics/plot/") + metric_title(metric), origin.x, origin.y, size.x, size.y);
    hover_readout(sim, st, f, metric, window);
}

void plots(const Simulation& sim, const FrameInput& in, const MetricsState& st) {
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float gap = ImGui::GetStyle().ItemSpacing.y;
    const float min_h = 90.0f * in.scale;
    if (st.metric >= 0) {
        plot(sim, in, st, static_cast<Metric>(st.metric), ImVec2(avail.x, std::max(min_h * 2.0f, avail.y - gap)), true);
        return;
    }
    // Small multiples: four plots stacked, each with the same time axis.
    const int n = static_cast<int>(std::size(kOverview));
    const float h = std::max(min_h, (avail.y - gap * static_cast<float>(n)) / static_cast<float>(n));
    for (int i = 0; i < n; ++i) plot(sim, in, st, kOverview[i], ImVec2(avail.x, h), i == n - 1);
}

}  // namespace

void metrics_panel(const Simulation& sim, const FrameInput& in, UiState& state, Actions&) {
    if (begin_panel_body("metrics")) {
        MetricsState& st = state.data_panels.metrics;
        controls(in, st);
        legend_table(sim, in, st);
        plots(sim, in, st);
    }
    end_panel_body();
}

}  // namespace cs::ui
