#include "ui/history_panel.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "sim/simulation.h"
#include "ui/frame_io.h"
#include "ui/test_hooks.h"
#include "ui/theme.h"
#include "ui/time_controls.h"
#include "ui/ui_state.h"

namespace cs::ui {
namespace {

// Numbering one linearization means checking the whole history again; beyond this many
// operations that is too slow to do while the run goes, and the view says so.
constexpr std::size_t kOrderLimit = 4000;
constexpr int kMaxExposedOps = 200;  // rects() entries per frame, at most
constexpr int kMaxLanes = 6;         // overlapping operations per product row
constexpr TimeUs kMinHistorySpanUs = 1000;  // zoomed in to 1 ms across at most
constexpr double kZoomStep = 0.8;
constexpr float kDensePx = 2.0f;     // bars narrower than this merge into their lane's strip

std::string product_label(const ClientHistory& history, std::int32_t product) {
    const auto& names = history.product_names();
    if (product >= 0 && static_cast<std::size_t>(product) < names.size()) return names[static_cast<std::size_t>(product)];
    return "product " + std::to_string(product);
}

// Asks the history for its verdict when it changed, and numbers one linearization when
// the history is linearizable and small enough (throttled: a full check per frame under
// load would cost more than the frame).
void refresh_verdict(const ClientHistory& history, TimeUs now_us, HistoryViewState& v) {
    if (v.index.version() != v.verdict_version || now_us < v.verdict_now_us) {
        v.verdict = history.verdict();
        v.verdict_version = v.index.version();
        const bool was_violated = !v.witness.empty();
        v.witness.clear();
        ++v.witness_serial;  // a seek back can change it without a new placement
        TimeUs first_witness_us = now_us;
        for (const Operation& op : v.verdict.witness) {
            v.witness.insert(op.id);
            first_witness_us = std::min(first_witness_us, op.invoke_us);
        }
        // A violation just found: widen a following view so the whole witness is on screen.
        if (!was_violated && !v.witness.empty() && v.window.follow)
            v.window.span_us = std::max(v.window.span_us, (now_us - first_witness_us) * 5 / 4 + 1000);
        v.order_known = false;
    }
    v.verdict_now_us = now_us;
    if (v.verdict.verdict != Verdict::Linearizable) {
        v.order_rank.clear();
        return;
    }
    if (v.order_known || history.ops().size() > kOrderLimit) return;
    const double t = ImGui::GetTime();
    if (history.ops().size() > 200 && v.order_checked_at >= 0 && t - v.order_checked_at < 0.25) return;
    v.order_checked_at = t;
    const LinearizabilityResult full = check_linearizable(history.history(), ClientHistory::kBudgetSteps,
                                                          history.product_names());
    v.order_rank.clear();
    if (full.verdict != Verdict::Linearizable) return;
    for (const ProductLinearization& lin : full.linearizations)
        for (std::size_t k = 0; k < lin.order.size(); ++k) v.order_rank[lin.order[k]] = static_cast<int>(k) + 1;
    v.order_known = true;
}

void toolbar(HistoryViewState& v, TimeUs now_us, TimeUs earliest_us) {
    ImGui::TextUnformatted("Rows:");
    ImGui::SameLine();
    if (ImGui::RadioButton("by client", v.rows == HistoryRows::ByProcess)) v.rows = HistoryRows::ByProcess;
    expose_last_item("history/rows/process");
    ImGui::SameLine();
    if (ImGui::RadioButton("by product", v.rows == HistoryRows::ByProduct)) v.rows = HistoryRows::ByProduct;
    expose_last_item("history/rows/product");
    ImGui::SameLine();
    bool follow = v.window.follow;
    if (ImGui::Checkbox("Follow", &follow)) {
        const ShownWindow before = shown_window(v.window, now_us, earliest_us);
        v.window = {before.end_us - before.start_us, before.end_us, follow};
    }
    expose_last_item("history/follow");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Keep the current moment at the right edge");
    const TimeUs whole = std::max<TimeUs>(now_us - earliest_us, 1'000'000);
    const ShownWindow shown = shown_window(v.window, now_us, earliest_us);
    const TimeUs anchor = (shown.start_us + shown.end_us) / 2;  // zoom about the middle
    double factor = 1.0;
    ImGui::SameLine();
    if (ImGui::SmallButton("-")) factor = 1.0 / kZoomStep;
    expose_last_item("history/zoom-out");
    ImGui::SameLine();
    if (ImGui::SmallButton("+")) factor = kZoomStep;
    expose_last_item("history/zoom-in");
    if (factor != 1.0) {
        v.window.span_us = shown.end_us - shown.start_us;
        v.window.end_us = shown.end_us;
        v.window = zoom_window(v.window, now_us, factor, anchor, kMinHistorySpanUs, whole);
    }
    ImGui::SameLine();
    if (ImGui::SmallButton("All")) v.window = {whole, now_us, true};
    expose_last_item("history/all");
}

void verdict_text(const ClientHistory& history, const HistoryViewState& v) {
    const LinearizabilityResult& r = v.verdict;
    switch (r.verdict) {
        case Verdict::Linearizable:
            ImGui::TextColored(ImColor(color::kGood), "\u2713 Linearizable");
            expose_last_item("history/verdict/linearizable");
            ImGui::SameLine();
            ImGui::PushTextWrapPos(0.0f);
            if (v.order_known && !v.order_rank.empty())
                ImGui::TextDisabled("the numbers give one order that explains every answer, per product");
            else if (history.ops().size() > kOrderLimit)
                ImGui::TextDisabled("(over %zu operations: no order numbered)", kOrderLimit);
            else
                ImGui::NewLine();
            ImGui::PopTextWrapPos();
            break;
        case Verdict::NotLinearizable:
            ImGui::TextColored(ImColor(color::kError), "\u2717 Not linearizable: %s",
                               product_label(history, r.product).c_str());
            expose_last_item("history/verdict/not-linearizable");
            ImGui::TextWrapped("%s%s The outlined operations cannot be put in any order.", r.reason.c_str(),
                               !r.reason.empty() && r.reason.back() != '.' ? "." : "");
            break;
        case Verdict::Unknown:
            ImGui::TextColored(ImColor(color::kWarning), "? Unknown");
            expose_last_item("history/verdict/unknown");
            ImGui::SameLine();
            ImGui::TextWrapped("%s", r.reason.c_str());
            break;
    }
}

// "3. PRD-4 buy 2 \u2192 ok": its place in the order, what it did, what the client was told.
// full: with the product (rows by client) and "no stock"; else as short as it gets.
std::string op_label(const ClientHistory& history, const Operation& op, const HistoryViewState& v, bool full) {
    std::string text;
    if (const auto it = v.order_rank.find(op.id); it != v.order_rank.end()) text = std::to_string(it->second) + ". ";
    if (full && v.rows == HistoryRows::ByProcess) text += product_label(history, op.product) + " ";
    const bool answered = op.complete_us >= 0 && op.outcome != Outcome::Unknown;
    if (op.kind == OpKind::Read) {
        text += full ? "read \u2192 " : "read ";
        text += answered && op.outcome == Outcome::Ok ? std::to_string(op.value) : op.complete_us < 0 ? "\u2026" : answered ? "fail" : "?";
        return text;
    }
    text += full ? "buy " + std::to_string(op.quantity) + " \u2192 " : "\u2212" + std::to_string(op.quantity) + " ";
    if (op.complete_us < 0) text += "\u2026";
    else if (op.outcome == Outcome::Ok) text += "ok";
    else if (op.outcome == Outcome::Fail) text += full && op.fail_kind == FailKind::OutOfStock ? "fail (no stock)" : "fail";
    else text += "?";
    return text;
}

void op_tooltip(const ClientHistory& history, const Operation& op, const HistoryViewState& v) {
    ImGui::BeginTooltip();
    ImGui::Text("%s %llu by client %d: %s", op.kind == OpKind::Read ? "Read" : "Order",
                static_cast<unsigned long long>(op.id), op.process, op_label(history, op, v, true).c_str());
    ImGui::Text("invoked %s", format_sim_time(op.invoke_us, false).c_str());
    if (op.complete_us < 0) ImGui::TextUnformatted("no answer yet");
    else if (op.outcome == Outcome::Unknown)
        ImGui::Text("the client gave up at %s: it may take effect at any later moment, or never",
                    format_sim_time(op.complete_us, false).c_str());
    else ImGui::Text("answered %s", format_sim_time(op.complete_us, false).c_str());
    if (v.witness.count(op.id)) ImGui::TextColored(ImColor(color::kError), "part of the witness: no order fits it");
    ImGui::TextDisabled("click: jump the timeline to its answer");
    ImGui::EndTooltip();
}

ImU32 class_colour(BarClass c) {
    switch (c) {
        case BarClass::InFlight: return color::kNodeAlive;
        case BarClass::Ok: return color::kGood;
        case BarClass::Fail: return color::kTextDim;
        case BarClass::Unknown: break;
    }
    return color::kWarning;
}

ImU32 bar_colour(const Operation& op) { return class_colour(bar_class(op)); }

ImU32 with_alpha(ImU32 c, int alpha) { return (c & ~IM_COL32_A_MASK) | (static_cast<ImU32>(alpha) << IM_COL32_A_SHIFT); }

struct DrawnBar {
    std::size_t op;
    std::size_t lane;  // row * kMaxLanes + lane
    bool witness;
    ImVec2 min, max;
};

// Where each row starts (below the axis strip) and how tall it is.
struct RowGeometry {
    std::vector<float> top;  // content y of each row, and the total height at the end
    float lane_h = 0;
};

RowGeometry row_geometry(const std::vector<int>& lanes, float lane_h, float gap) {
    RowGeometry g;
    g.lane_h = lane_h;
    g.top.reserve(lanes.size() + 1);
    float y = 0;
    for (const int n : lanes) {
        g.top.push_back(y);
        y += static_cast<float>(n) * lane_h + gap;
    }
    g.top.push_back(y);
    return g;
}

// Splits `placed` into the bars drawn one by one and those narrower than kDensePx,
// merged per lane into strips. Witness, focused and open-ended operations are always
// drawn one by one. Only when the placement, the axis or the focus changed.
void split_dense(const SharedChunks<Operation>& ops, const TimeAxis& axis, float s, std::uint64_t focused_order,
                 std::size_t lane_slots, HistoryViewState& v) {
    if (v.split_serial == v.placed_serial && v.split_x0 == axis.x0 && v.split_width == axis.width && v.split_scale == s &&
        v.split_focused == focused_order && v.split_witness == v.witness_serial)
        return;
    v.split_witness = v.witness_serial;
    v.split_serial = v.placed_serial;
    v.split_x0 = axis.x0;
    v.split_width = axis.width;
    v.split_scale = s;
    v.split_focused = focused_order;
    v.single.clear();
    v.strips.reset(lane_slots, axis.x0, axis.width, kDensePx * s);
    const float bars_x1 = axis.x0 + axis.width;
    for (std::size_t k = 0; k < v.placed.size(); ++k) {
        const PlacedOp& p = v.placed[k];
        const Operation& op = ops[p.op];
        const bool special = op_open_ended(op) || (focused_order != 0 && op.id == focused_order) ||
                             (!v.witness.empty() && v.witness.count(op.id) > 0);
        const float x0 = std::max(axis.x(op.invoke_us), axis.x0);
        const float x1 = std::min(axis.x(op.complete_us), bars_x1);
        if (!special && x1 - x0 < kDensePx * s)
            v.strips.add(static_cast<std::size_t>(p.row) * kMaxLanes + static_cast<std::size_t>(p.lane), x0, x1, bar_class(op));
        else
            v.single.push_back(k);
    }
    v.strip_runs = v.strips.runs();
}

}  // namespace

void history_panel(const Simulation& sim, const FrameInput& in, UiState& state, Actions& out) {
    HistoryViewState& v = state.history;
    const ClientHistory& history = sim.client_history();
    const SharedChunks<Operation>& ops = history.ops();
    const TimeUs now = sim.now_us();
    const float s = in.scale;
    v.index.update(ops, now);
    refresh_verdict(history, now, v);

    toolbar(v, now, in.timeline.earliest_us);
    verdict_text(history, v);
    if (ops.empty()) {
        ImGui::TextDisabled("No client operations yet: order or read in the Shop tab, or start a load test.");
        return;
    }

    ImGui::BeginChild("history-bars", ImVec2(0, 0), true, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 area_min = ImGui::GetCursorScreenPos();
    const ImVec2 area_size = ImGui::GetContentRegionAvail();
    const ImVec2 area_max(area_min.x + area_size.x, area_min.y + area_size.y);
    const float label_w = 62.0f * s, axis_h = ImGui::GetTextLineHeight() + 8.0f * s;
    const float lane_h = ImGui::GetTextLineHeight() + 6.0f * s;
    ImGui::InvisibleButton("##history-area", ImVec2(std::max(area_size.x, 1.0f), std::max(area_size.y, 1.0f)));
    const bool hovered = ImGui::IsItemHovered();
    expose_last_item("history");

    // The stretch of time shown.
    const TimeUs whole = std::max<TimeUs>(now - in.timeline.earliest_us, 1'000'000);
    const ShownWindow shown = shown_window(v.window, now, in.timeline.earliest_us);
    const TimeUs span = shown.end_us - shown.start_us;
    TimeAxis axis{shown.start_us, shown.end_us, area_min.x + label_w, std::max(area_size.x - label_w - 4.0f * s, 1.0f)};
    if (v.window.follow) {
        // Following, the axis moves in steps of whole pixels: a frame's worth of time is a
        // fraction of a pixel zoomed out, and between steps the placement and the merged
        // strips below are reused.
        const TimeUs step = std::max<TimeUs>(1, static_cast<TimeUs>(static_cast<double>(span) / axis.width));
        const TimeUs start = shown.start_us;
        axis.start_us = (start >= 0 ? start / step : -((-start + step - 1) / step)) * step;
        axis.end_us = axis.start_us + span;
    }
    const float bars_x1 = axis.x0 + axis.width;

    // Rows and lanes of what overlaps that stretch.
    const int row_count = v.rows == HistoryRows::ByProcess
                              ? v.index.process_count()
                              : static_cast<int>(history.product_names().size());
    if (v.placed_version != v.index.version() || v.placed_from_us != axis.start_us || v.placed_to_us != axis.end_us ||
        v.placed_rows != v.rows || v.placed_row_count != row_count) {
        v.index.visible(ops, axis.start_us, axis.end_us, v.visible);
        v.placed = place_ops(ops, v.visible, v.rows, kMaxLanes, v.lanes, row_count);
        v.placed_version = v.index.version();
        v.placed_from_us = axis.start_us;
        v.placed_to_us = axis.end_us;
        v.placed_rows = v.rows;
        v.placed_row_count = row_count;
        ++v.placed_serial;
    }
    const std::vector<PlacedOp>& placed = v.placed;
    const std::vector<int>& lanes = v.lanes;
    const RowGeometry rows = row_geometry(lanes, lane_h, 3.0f * s);
    const float rows_top = area_min.y + axis_h;
    const float rows_h = area_max.y - rows_top;
    v.row_scroll = std::clamp(v.row_scroll, 0.0f, std::max(rows.top.back() - rows_h, 0.0f));
    const float y0 = rows_top - v.row_scroll;

    ImGuiIO& io = ImGui::GetIO();
    // Wheel: zoom in time around the mouse (shift: scroll the rows). Drag: pan both ways.
    if (hovered && io.MouseWheel != 0.0f) {
        if (io.KeyShift) {
            v.row_scroll -= io.MouseWheel * lane_h * 3.0f;
        } else {
            v.window.span_us = span;
            v.window = zoom_window(v.window, now, std::pow(kZoomStep, io.MouseWheel), axis.time(io.MousePos.x), kMinHistorySpanUs, whole);
        }
    }
    if (ImGui::IsItemActivated()) {
        v.pressed = true;
        v.press_x = io.MousePos.x;
        v.press_y = io.MousePos.y;
        v.press_end_us = shown.end_us;
        v.press_scroll = v.row_scroll;
    }
    const float drag_x = io.MousePos.x - v.press_x, drag_y = io.MousePos.y - v.press_y;
    const bool dragged = std::abs(drag_x) > 3.0f * s || std::abs(drag_y) > 3.0f * s;
    if (v.pressed && ImGui::IsItemActive() && dragged) {
        const double us_per_px = static_cast<double>(span) / axis.width;
        v.window.follow = false;
        v.window.span_us = span;
        v.window.end_us = v.press_end_us - static_cast<TimeUs>(std::llround(drag_x * us_per_px));
        v.row_scroll = v.press_scroll - drag_y;
    }

    // Row stripes and labels.
    draw->PushClipRect(area_min, area_max, true);
    int first_row = 0;
    while (first_row < row_count && y0 + rows.top[static_cast<std::size_t>(first_row) + 1] < rows_top) ++first_row;
    for (int r = first_row; r < row_count; ++r) {
        const float top = y0 + rows.top[static_cast<std::size_t>(r)], bottom = y0 + rows.top[static_cast<std::size_t>(r) + 1];
        if (top > area_max.y) break;
        if (r % 2 == 0) draw->AddRectFilled(ImVec2(area_min.x, top), ImVec2(area_max.x, bottom), with_alpha(color::kBox, 110));
        const std::string label = v.rows == HistoryRows::ByProcess ? "client " + std::to_string(r) : product_label(history, r);
        draw->AddText(ImVec2(area_min.x + 4.0f * s, top + 3.0f * s), color::kTextDim, label.c_str());
    }

    // The bars, visible rows only. Zoomed out, bars narrower than kDensePx are merged
    // per lane into strips of columns (history_layout.h: DenseStrips), drawn beneath
    // the bars drawn one by one; a bar that would not add a pixel and a half to its
    // lane is skipped (it would not show).
    std::vector<float> lane_drawn_to(static_cast<std::size_t>(std::max(row_count, 0)) * kMaxLanes, -1e30f);
    std::vector<DrawnBar> drawn;
    int exposed = 0;
    split_dense(ops, axis, s, state.focused_order, lane_drawn_to.size(), v);
    draw->PushClipRect(ImVec2(axis.x0, rows_top), ImVec2(bars_x1, area_max.y), true);
    for (const DenseStrips::Run& run : v.strip_runs) {
        const std::size_t row = run.lane / kMaxLanes, lane = run.lane % kMaxLanes;
        const float top = y0 + rows.top[row] + static_cast<float>(lane) * lane_h + 1.0f * s;
        const float bottom = top + lane_h - 2.0f * s;
        if (bottom < rows_top || top > area_max.y) continue;
        draw->AddRectFilled(ImVec2(run.x0, top), ImVec2(run.x1, bottom), with_alpha(class_colour(run.cls), 150));
    }
    for (const std::size_t k : v.single) {
        const PlacedOp& p = placed[k];
        const Operation& op = ops[p.op];
        const float top = y0 + rows.top[static_cast<std::size_t>(p.row)] + static_cast<float>(p.lane) * lane_h + 1.0f * s;
        const float bottom = top + lane_h - 2.0f * s;
        if (bottom < rows_top || top > area_max.y) continue;
        const bool witness = v.witness.count(op.id) > 0;
        const bool focused = state.focused_order == op.id && state.focused_order != 0;
        const bool open = op_open_ended(op);
        const float x0 = std::max(axis.x(op.invoke_us), axis.x0);
        const TimeUs solid_end = op.complete_us >= 0 ? op.complete_us : now;
        const float end_x = std::min(axis.x(solid_end), bars_x1);
        const std::size_t lane = static_cast<std::size_t>(p.row) * kMaxLanes + static_cast<std::size_t>(p.lane);
        const float x1 = std::max(end_x, x0 + 2.0f * s);
        if (x1 <= lane_drawn_to[lane] + 1.5f * s && !witness && !focused && !open) continue;
        lane_drawn_to[lane] = std::max(lane_drawn_to[lane], x1);
        const ImU32 c = bar_colour(op);
        draw->AddRectFilled(ImVec2(x0, top), ImVec2(x1, bottom), with_alpha(c, 150), x1 - x0 > 8.0f * s ? 3.0f * s : 0.0f);
        if (open && op.complete_us >= 0) {
            // An unknown outcome: it may take effect at any later moment, so it fades on to the right.
            draw->AddRectFilledMultiColor(ImVec2(x1, top + 3.0f * s), ImVec2(bars_x1, bottom - 3.0f * s), with_alpha(c, 110),
                                          with_alpha(c, 0), with_alpha(c, 0), with_alpha(c, 110));
        }
        if (witness) {
            draw->AddRect(ImVec2(x0 - 2.0f * s, top - 1.0f * s), ImVec2(x1 + 2.0f * s, bottom + 1.0f * s), color::kViolationHalo, 4.0f * s, 0, 4.0f * s);
            draw->AddRect(ImVec2(x0, top), ImVec2(x1, bottom), color::kError, 3.0f * s, 0, 2.0f * s);
        }
        if (focused) draw->AddRect(ImVec2(x0, top), ImVec2(x1, bottom), color::kSelected, 3.0f * s, 0, 2.0f * s);
        drawn.push_back({p.op, lane, witness, ImVec2(x0, top), ImVec2(x1, bottom)});
        if (exposed < kMaxExposedOps && top >= rows_top && bottom <= area_max.y) {
            const std::string id = std::to_string(op.id);
            expose_rect("history/op/" + id, x0, top, x1 - x0, bottom - top);
            if (witness) expose_rect("history/witness/" + id, x0, top, x1 - x0, bottom - top);
            ++exposed;
        }
    }
    // Labels: inside the bar when it fits, else beside it up to the next bar of its lane.
    std::vector<float> next_x0(lane_drawn_to.size(), bars_x1);
    for (auto it = drawn.rbegin(); it != drawn.rend(); ++it) {
        const float limit = next_x0[it->lane];
        next_x0[it->lane] = it->min.x;
        const float gap = 3.0f * s, y = it->min.y + 2.0f * s;
        // Zoomed out, most bars have room for no label at all: skip them before making strings.
        if (it->max.x - it->min.x < 4.0f * gap && limit - it->max.x < 10.0f * gap && !it->witness) continue;
        const Operation& op = ops[it->op];
        const std::string full = op_label(history, op, v, true), brief = op_label(history, op, v, false);
        const float inside = it->max.x - it->min.x - 2.0f * gap;
        if (ImGui::CalcTextSize(full.c_str()).x <= inside) {
            draw->AddText(ImVec2(it->min.x + gap, y), color::kText, full.c_str());
        } else if (ImGui::CalcTextSize(brief.c_str()).x <= inside) {
            draw->AddText(ImVec2(it->min.x + gap, y), color::kText, brief.c_str());
        } else if (it->witness || limit - it->max.x >= ImGui::CalcTextSize(brief.c_str()).x + 2.0f * gap) {
            draw->PushClipRect(ImVec2(it->max.x, it->min.y), ImVec2(limit - gap, it->max.y), true);
            draw->AddText(ImVec2(it->max.x + gap, y), it->witness ? color::kError : color::kTextDim, brief.c_str());
            draw->PopClipRect();
        }
    }
    // The current moment.
    const float now_x = axis.x(now);
    if (now_x >= axis.x0 && now_x <= bars_x1)
        draw->AddLine(ImVec2(now_x, rows_top), ImVec2(now_x, area_max.y), with_alpha(color::kSelected, 160), 1.5f * s);
    draw->PopClipRect();

    // The time axis along the top.
    draw->AddRectFilled(area_min, ImVec2(area_max.x, rows_top), color::kCanvas);
    const TimeUs step = tick_step_us(span, axis.width, 70.0f * s);
    for (TimeUs t = std::max<TimeUs>((axis.start_us + step - 1) / step * step, 0); t <= axis.end_us && step > 0; t += step) {
        const float x = axis.x(t);
        draw->AddLine(ImVec2(x, rows_top - 4.0f * s), ImVec2(x, area_max.y), with_alpha(color::kTextDim, 40));
        draw->AddText(ImVec2(x + 2.0f * s, area_min.y + 2.0f * s), color::kTextDim, format_tick(t, step).c_str());
    }
    draw->PopClipRect();

    // Hover and click on a bar.
    auto bar_at = [&](float x, float y) -> const DrawnBar* {
        for (auto it = drawn.rbegin(); it != drawn.rend(); ++it)
            if (x >= it->min.x - 2.0f && x <= it->max.x + 2.0f && y >= it->min.y && y <= it->max.y) return &*it;
        return nullptr;
    };
    if (v.pressed && ImGui::IsItemDeactivated()) {
        v.pressed = false;
        if (!dragged) {
            if (const DrawnBar* bar = bar_at(v.press_x, v.press_y)) {
                const Operation& op = ops[bar->op];
                state.focused_order = op.id;
                state.focused_from_us = op.invoke_us;
                state.focused_to_us = op.complete_us >= 0 ? op.complete_us : now;
                out.seek_to_us = op.complete_us >= 0 ? op.complete_us : op.invoke_us;
            }
        }
    }
    // Last: the tooltip is a window of its own and changes what ImGui's "last item" is.
    if (hovered && !ImGui::IsItemActive()) {
        if (const DrawnBar* bar = bar_at(io.MousePos.x, io.MousePos.y)) {
            op_tooltip(history, ops[bar->op], v);
        } else {
            for (const DenseStrips::Run& run : v.strip_runs) {
                const float top = y0 + rows.top[run.lane / kMaxLanes] + static_cast<float>(run.lane % kMaxLanes) * lane_h;
                if (io.MousePos.x < run.x0 || io.MousePos.x > run.x1 || io.MousePos.y < top || io.MousePos.y > top + lane_h)
                    continue;
                ImGui::SetTooltip("Operations too close together to tell apart (the colour: the worst outcome among\n"
                                  "them). Zoom in (+ or the wheel) to see them one by one.");
                break;
            }
        }
    }
    ImGui::EndChild();
}

}  // namespace cs::ui
