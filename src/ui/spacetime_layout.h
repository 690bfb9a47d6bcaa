#pragma once
// Geometry of the space-time diagram, free of ImGui so it can be unit-tested: lanes
// side by side (the clients and the load balancer first, then server 1..N), time
// running down the lanes, as ShiViz draws it.
#include <cstdint>
#include <memory>
#include <unordered_map>
#include <vector>

#include "sim/causality.h"
#include "sim/time.h"

namespace cs::ui {

inline constexpr TimeUs kMinSpanUs = 2000;                  // 2 ms across the canvas
inline constexpr TimeUs kMaxSpanUs = 4 * 3600 * 1000000LL;  // 4 h

struct SpaceTimeFrame {
    float left = 0, top = 0, width = 1, height = 1;  // the canvas below the lane headers
    int lanes = 1;
    TimeUs from_us = 0, to_us = 1;

    float lane_x(int lane) const { return left + (static_cast<float>(lane) + 0.5f) * width / static_cast<float>(lanes); }
    float lane_width() const { return width / static_cast<float>(lanes); }
    float time_y(TimeUs t) const;
    TimeUs time_at(float y) const;
    // The lane under x (clamped to the lanes).
    int lane_at(float x) const;
};

// The message families the toolbar can hide (MsgFamily: heartbeat ... health).
inline constexpr int kSpaceTimeFamilies = 5;

// The diagram's filter: a message event of a hidden family is not drawn (lane marks
// and the other events always are). Zoomed in this decides the arrows and dots,
// zoomed out what the density strips count.
inline bool hidden_by_filter(CausalKind kind, MsgType type, const bool (&hidden)[kSpaceTimeFamilies]) {
    return is_message_kind(kind) && hidden[static_cast<int>(msg_family(type))];
}

// Zoomed out: per lane, how many of the events the filter lets through fall in each
// row of row_px pixels down the frame (rows x lanes, row-major).
struct DensityGrid {
    int rows = 0, lanes = 0;
    std::vector<std::uint32_t> counts;
    std::uint32_t at(int row, int lane) const {
        return counts[static_cast<std::size_t>(row) * static_cast<std::size_t>(lanes) + static_cast<std::size_t>(lane)];
    }
};
// A sealed chunk's events per block, lane and family (and one slot for the events that
// are no message), counted once per chunk so a filtered zoomed-out diagram adds up
// blocks instead of events. Sealed chunks never change, and an entry holds its chunk,
// so no other chunk can take that address while the entry names it.
class FamilyBlockCounts {
public:
    static constexpr int kSlots = kSpaceTimeFamilies + 1;
    // (block * lanes + lane) * kSlots + slot; nullptr for a chunk that is not sealed.
    const std::vector<std::uint16_t>* of(const CausalStore& store, const CausalStore::Chunk& chunk, int lanes);
    // Forgets the chunks the store no longer keeps.
    void keep_only(const std::vector<const CausalStore::Chunk*>& kept);
    std::size_t size() const { return entries_.size(); }

private:
    struct Entry {
        std::shared_ptr<const CausalStore::Chunk> chunk;  // held: its address stays its own
        int lanes = 0;
        std::vector<std::uint16_t> counts;
    };
    std::unordered_map<const CausalStore::Chunk*, Entry> entries_;
};

// cache: optional; with it, filtered whole blocks are counted per family.
DensityGrid density_grid(const CausalStore& store, const SpaceTimeFrame& frame, float row_px,
                         const bool (&hidden)[kSpaceTimeFamilies], FamilyBlockCounts* cache = nullptr);

// A zoom by `factor` (< 1: in) keeping the time under the pointer where it is.
// Returns the new start of the window; span_us becomes the new span (clamped).
TimeUs zoom_about(TimeUs from_us, TimeUs& span_us, double factor, TimeUs anchor_us);

// Distance from point p to the segment a-b (pixels).
float distance_to_segment(float px, float py, float ax, float ay, float bx, float by);

// "2 s", "250 ms", "1.5 min": a span for the toolbar.
const char* format_span(TimeUs span_us, char* buffer, int size);

}  // namespace cs::ui
