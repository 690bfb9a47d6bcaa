#pragma once
// The History view's geometry, without ImGui: which operations overlap the visible
// stretch of time, which row and lane each goes to, and where a time falls on screen.
// Pure functions and one incremental index, so they can be unit-tested and stay cheap
// on a history of 250,000 operations (only what is on screen is looked at each frame).
#include <cstddef>
#include <cstdint>
#include <vector>

#include "sim/history.h"
#include "sim/shared_chunks.h"

namespace cs::ui {

enum class HistoryRows : std::uint8_t { ByProcess, ByProduct };

// Where an operation ends on the time axis: its completion, or never for an unknown
// outcome (it may take effect at any later moment) and for one still in flight.
bool op_open_ended(const Operation& op);

// What the index knows of a history so far, kept between frames. Operations are
// appended in invocation order and only the ones still in flight change, so each
// frame looks at the tail since the oldest operation in flight, not the whole history.
class HistoryIndex {
public:
    // Catches up with `ops` at simulated time now_us. A history that shrank or a clock
    // that went back (a seek into the past restored an older simulation) starts over.
    void update(const SharedChunks<Operation>& ops, TimeUs now_us);

    // Indices of the operations drawn between t0 and t1: invoked no later than t1 and
    // not completed before t0 (open-ended ones reach every later moment). Ascending.
    void visible(const SharedChunks<Operation>& ops, TimeUs t0_us, TimeUs t1_us, std::vector<std::size_t>& out) const;

    int process_count() const { return process_count_; }
    std::size_t completed() const { return completed_; }
    // Changes whenever an operation starts or ends (for caches keyed on the history).
    std::uint64_t version() const { return version_; }

private:
    std::size_t settled_ = 0;          // ops[0..settled_) had all completed when last seen
    std::size_t seen_ = 0;             // ops.size() when last seen
    TimeUs now_us_ = -1;
    TimeUs longest_closed_us_ = 0;     // the longest invocation-to-completion among settled ops
    std::vector<std::size_t> open_ended_;  // settled ops with an unknown outcome (ascending)
    int process_count_ = 0;
    std::size_t completed_ = 0;        // ops with an answer (ok, fail or unknown) so far
    std::size_t tail_completed_ = 0;   // of those, in ops[settled_..seen_)
    std::uint64_t version_ = 0;
};

// Rows and lanes: one row per process or per product; in a product row, operations
// that overlap in time go to separate lanes (the first free one, at most max_lanes;
// overflow shares the last). `visible` ascending by index, hence by invocation.
struct PlacedOp {
    std::size_t op = 0;
    int row = 0;
    int lane = 0;
};
std::vector<PlacedOp> place_ops(const SharedChunks<Operation>& ops, const std::vector<std::size_t>& visible,
                                HistoryRows rows, int max_lanes, std::vector<int>& lanes_per_row,
                                int row_count);

// Zoomed out, bars narrower than a column are too dense to tell apart: per lane they
// are merged into a strip of columns, each showing what its operations were told.
// Class order is drawing priority: a column shows its highest class.
enum class BarClass : std::uint8_t { Ok, Fail, InFlight, Unknown };
BarClass bar_class(const Operation& op);

class DenseStrips {
public:
    // lanes: row * lanes_per_row + lane slots; columns of column_px from x0.
    void reset(std::size_t lanes, float x0, float width, float column_px);
    // A bar from x0 to x1 (screen x) in `lane` marks the columns it touches.
    void add(std::size_t lane, float x0, float x1, BarClass c);
    bool empty() const { return marked_ == 0; }
    // Consecutive columns of a lane showing the same class, as one run each.
    struct Run {
        std::size_t lane;
        float x0, x1;
        BarClass cls;
    };
    std::vector<Run> runs() const;

private:
    std::size_t lanes_ = 0;
    int columns_ = 0;
    float x0_ = 0, column_px_ = 1;
    std::vector<std::uint8_t> cells_;  // lanes x columns: 0 empty, else 1 + the highest class
    std::size_t marked_ = 0;
};

// The mapping between simulated time and screen x.
struct TimeAxis {
    TimeUs start_us = 0, end_us = 1;
    float x0 = 0, width = 1;
    float x(TimeUs t) const;
    TimeUs time(float px) const;
};

// The window of time shown: `span_us` wide, ending at now when following, else at end_us.
// Zooming keeps `anchor_us` (the time under the mouse) where it is on screen.
struct TimeWindow {
    TimeUs span_us = 0;
    TimeUs end_us = 0;
    bool follow = true;
};
TimeWindow zoom_window(TimeWindow w, TimeUs now_us, double factor, TimeUs anchor_us, TimeUs min_span_us,
                       TimeUs max_span_us);
TimeUs window_end(const TimeWindow& w, TimeUs now_us);

// The stretch actually shown. Following, the current moment sits a tenth of the span
// from the right edge (room for the labels of the latest operations), and a run shorter
// than the span is shown whole rather than beside empty time before it began.
struct ShownWindow {
    TimeUs start_us = 0, end_us = 1;
};
ShownWindow shown_window(const TimeWindow& w, TimeUs now_us, TimeUs earliest_us);

}  // namespace cs::ui
