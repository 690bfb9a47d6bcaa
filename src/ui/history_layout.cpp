#include "ui/history_layout.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace cs::ui {

bool op_open_ended(const Operation& op) { return op.complete_us < 0 || op.outcome == Outcome::Unknown; }

void HistoryIndex::update(const SharedChunks<Operation>& ops, TimeUs now_us) {
    if (ops.size() < seen_ || now_us < now_us_) {
        const std::uint64_t version = version_;
        *this = HistoryIndex();
        version_ = version + 1;  // still a new version: caches keyed on it must not match
    }
    now_us_ = now_us;
    const std::size_t completed_before = completed_;
    const std::size_t seen_before = seen_;
    // Completed operations never change again: fold the completed prefix in for good.
    while (settled_ < ops.size() && ops[settled_].complete_us >= 0) {
        const Operation& op = ops[settled_];
        if (op.outcome == Outcome::Unknown) open_ended_.push_back(settled_);
        else longest_closed_us_ = std::max(longest_closed_us_, op.complete_us - op.invoke_us);
        process_count_ = std::max(process_count_, op.process + 1);
        ++settled_;
    }
    // The tail (from the oldest operation in flight) is short: clients give up after a timeout.
    tail_completed_ = 0;
    for (std::size_t i = settled_; i < ops.size(); ++i) {
        process_count_ = std::max(process_count_, ops[i].process + 1);
        if (ops[i].complete_us >= 0) ++tail_completed_;
    }
    seen_ = ops.size();
    completed_ = settled_ + tail_completed_;
    if (completed_ != completed_before || seen_ != seen_before) ++version_;
}

void HistoryIndex::visible(const SharedChunks<Operation>& ops, TimeUs t0_us, TimeUs t1_us,
                           std::vector<std::size_t>& out) const {
    out.clear();
    const std::size_t settled = std::min(settled_, ops.size());
    const auto begin = ops.begin(), settled_end = ops.begin() + static_cast<std::ptrdiff_t>(settled);
    // Settled operations that can reach t0 were invoked at most longest_closed_us_ before it,
    // unless they are open-ended (listed apart).
    const TimeUs from_us = t0_us - longest_closed_us_;
    const auto lo = std::lower_bound(begin, settled_end, from_us,
                                     [](const Operation& op, TimeUs t) { return op.invoke_us < t; });
    const auto hi = std::upper_bound(lo, settled_end, t1_us,
                                     [](TimeUs t, const Operation& op) { return t < op.invoke_us; });
    const auto lo_index = static_cast<std::size_t>(lo - begin), hi_index = static_cast<std::size_t>(hi - begin);
    for (const std::size_t i : open_ended_) {
        if (i >= lo_index) break;
        if (ops[i].invoke_us <= t1_us) out.push_back(i);
    }
    for (std::size_t i = lo_index; i < hi_index; ++i)
        if (op_open_ended(ops[i]) || ops[i].complete_us >= t0_us) out.push_back(i);
    for (std::size_t i = settled; i < ops.size(); ++i) {
        const Operation& op = ops[i];
        if (op.invoke_us > t1_us) break;
        if (op_open_ended(op) || op.complete_us >= t0_us) out.push_back(i);
    }
}

std::vector<PlacedOp> place_ops(const SharedChunks<Operation>& ops, const std::vector<std::size_t>& visible,
                                HistoryRows rows, int max_lanes, std::vector<int>& lanes_per_row,
                                int row_count) {
    std::vector<PlacedOp> placed;
    placed.reserve(visible.size());
    lanes_per_row.assign(static_cast<std::size_t>(std::max(row_count, 0)), 1);
    // Per row, the time each lane is busy until.
    std::vector<std::vector<TimeUs>> lane_end(lanes_per_row.size());
    constexpr TimeUs kForever = std::numeric_limits<TimeUs>::max();
    for (const std::size_t i : visible) {
        const Operation& op = ops[i];
        const int row = rows == HistoryRows::ByProcess ? op.process : op.product;
        if (row < 0 || row >= row_count) continue;
        int lane = 0;
        if (rows == HistoryRows::ByProduct) {
            std::vector<TimeUs>& ends = lane_end[static_cast<std::size_t>(row)];
            const TimeUs end = op_open_ended(op) ? kForever : std::max(op.complete_us, op.invoke_us);
            auto free = std::find_if(ends.begin(), ends.end(), [&](TimeUs e) { return e < op.invoke_us; });
            if (free != ends.end()) {
                lane = static_cast<int>(free - ends.begin());
                *free = end;
            } else if (static_cast<int>(ends.size()) < max_lanes) {
                lane = static_cast<int>(ends.size());
                ends.push_back(end);
            } else {
                lane = max_lanes - 1;  // too crowded to tell apart: overlap in the last lane
            }
            int& lanes = lanes_per_row[static_cast<std::size_t>(row)];
            lanes = std::max(lanes, lane + 1);
        }
        placed.push_back({i, row, lane});
    }
    return placed;
}

BarClass bar_class(const Operation& op) {
    if (op.complete_us < 0) return BarClass::InFlight;
    if (op.outcome == Outcome::Ok) return BarClass::Ok;
    if (op.outcome == Outcome::Fail) return BarClass::Fail;
    return BarClass::Unknown;
}

void DenseStrips::reset(std::size_t lanes, float x0, float width, float column_px) {
    lanes_ = lanes;
    x0_ = x0;
    column_px_ = std::max(column_px, 0.25f);
    columns_ = std::max(1, static_cast<int>(std::ceil(width / column_px_)));
    cells_.assign(lanes_ * static_cast<std::size_t>(columns_), 0);
    marked_ = 0;
}

void DenseStrips::add(std::size_t lane, float x0, float x1, BarClass c) {
    if (lane >= lanes_) return;
    const int first = std::max(0, static_cast<int>(std::floor((x0 - x0_) / column_px_)));
    const int last = std::min(columns_ - 1, static_cast<int>(std::floor((x1 - x0_) / column_px_)));
    const auto mark = static_cast<std::uint8_t>(1 + static_cast<int>(c));
    std::uint8_t* row = &cells_[lane * static_cast<std::size_t>(columns_)];
    for (int k = first; k <= last; ++k) row[k] = std::max(row[k], mark);
    if (first <= last) ++marked_;
}

std::vector<DenseStrips::Run> DenseStrips::runs() const {
    std::vector<Run> out;
    if (marked_ == 0) return out;
    for (std::size_t lane = 0; lane < lanes_; ++lane) {
        const std::uint8_t* row = &cells_[lane * static_cast<std::size_t>(columns_)];
        for (int k = 0; k < columns_;) {
            const std::uint8_t mark = row[k];
            int end = k + 1;
            while (end < columns_ && row[end] == mark) ++end;
            if (mark != 0)
                out.push_back({lane, x0_ + static_cast<float>(k) * column_px_, x0_ + static_cast<float>(end) * column_px_,
                               static_cast<BarClass>(mark - 1)});
            k = end;
        }
    }
    return out;
}

float TimeAxis::x(TimeUs t) const {
    const double span = static_cast<double>(std::max<TimeUs>(end_us - start_us, 1));
    return x0 + static_cast<float>(static_cast<double>(t - start_us) / span * width);
}

TimeUs TimeAxis::time(float px) const {
    const double span = static_cast<double>(std::max<TimeUs>(end_us - start_us, 1));
    return start_us + static_cast<TimeUs>(std::llround((px - x0) / std::max(width, 1.0f) * span));
}

TimeWindow zoom_window(TimeWindow w, TimeUs now_us, double factor, TimeUs anchor_us, TimeUs min_span_us,
                       TimeUs max_span_us) {
    const TimeUs end = window_end(w, now_us);
    const TimeUs span = std::max<TimeUs>(w.span_us, 1);
    const auto wanted = static_cast<TimeUs>(std::llround(static_cast<double>(span) * factor));
    const TimeUs new_span = std::clamp(wanted, min_span_us, std::max(min_span_us, max_span_us));
    if (!w.follow) {
        // The anchor keeps its place: the same fraction of the way across.
        const double f = std::clamp(static_cast<double>(anchor_us - (end - span)) / static_cast<double>(span), 0.0, 1.0);
        w.end_us = anchor_us + static_cast<TimeUs>(std::llround((1.0 - f) * static_cast<double>(new_span)));
    }
    w.span_us = new_span;
    return w;
}

TimeUs window_end(const TimeWindow& w, TimeUs now_us) { return w.follow ? now_us : w.end_us; }

ShownWindow shown_window(const TimeWindow& w, TimeUs now_us, TimeUs earliest_us) {
    const TimeUs span = std::max<TimeUs>(w.span_us, 1);
    if (!w.follow) return {w.end_us - span, w.end_us};
    // The run so far, plus the margin, if that is less than the span.
    const TimeUs run = std::max<TimeUs>(now_us - earliest_us, 1000);
    const TimeUs shown = std::min(span, run + run / 9);
    const TimeUs end = now_us + shown / 10;
    return {end - shown, end};
}

}  // namespace cs::ui
