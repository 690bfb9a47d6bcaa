#pragma once
// The History tab: every client operation as a bar from invocation to completion,
// one row per client process or per product, with the linearizability verdict,
// a linearization order or the witness that cannot be ordered.
#include <cstdint>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "sim/linearizability.h"
#include "ui/history_layout.h"

namespace cs {
class Simulation;
}

namespace cs::ui {

struct FrameInput;
struct Actions;
struct UiState;

// What the view remembers between frames: rows by process or product, the window of
// time shown, and caches of the verdict and of where operations are (history_layout.h).
struct HistoryViewState {
    HistoryRows rows = HistoryRows::ByProcess;
    TimeWindow window{10'000'000, 0, true};  // 10 s, following the current time
    HistoryIndex index;
    std::vector<std::size_t> visible;  // the operations on screen (scratch)
    // Rows and lanes of the operations on screen, kept while neither the history nor the
    // window of time changes (a paused, zoomed-out view places thousands only once).
    std::vector<PlacedOp> placed;
    std::vector<int> lanes;
    std::uint64_t placed_version = ~std::uint64_t{0};
    TimeUs placed_from_us = -1, placed_to_us = -1;
    HistoryRows placed_rows = HistoryRows::ByProcess;
    int placed_row_count = -1;
    std::uint64_t placed_serial = 0;  // counts the times `placed` was computed
    // Of `placed`, the bars drawn one by one (indices) and the strips the others merge
    // into, kept while `placed`, the axis, the focused order and the witness stay the same.
    std::vector<std::size_t> single;
    std::vector<DenseStrips::Run> strip_runs;
    std::uint64_t split_serial = ~std::uint64_t{0};
    float split_x0 = 0, split_width = 0, split_scale = 0;
    std::uint64_t split_focused = 0;
    std::uint64_t split_witness = ~std::uint64_t{0};
    DenseStrips strips;  // scratch

    // The verdict as of verdict_key (the history's version and the simulated time).
    std::uint64_t verdict_version = ~std::uint64_t{0};
    TimeUs verdict_now_us = -1;
    LinearizabilityResult verdict;
    std::unordered_set<std::uint64_t> witness;       // op ids of the witness (not linearizable)
    std::uint64_t witness_serial = 0;                // counts the refreshes of `witness`
    // One linearization (linearizable): op id -> its place in its product's order, from 1.
    std::unordered_map<std::uint64_t, int> order_rank;
    bool order_known = false;      // order_rank covers the whole history
    double order_checked_at = -1;  // ImGui time of the last full check (they are throttled)

    bool pressed = false;  // the mouse went down on the bars (a click if it does not move)
    float press_x = 0, press_y = 0;
    TimeUs press_end_us = 0;
    float press_scroll = 0;
    float row_scroll = 0;  // rows scrolled past (pixels): shift+wheel or a vertical drag
};

void history_panel(const Simulation& sim, const FrameInput& in, UiState& state, Actions& out);

}  // namespace cs::ui
