#include "ui/spacetime_layout.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iterator>

namespace cs::ui {

float SpaceTimeFrame::time_y(TimeUs t) const {
    const double f = static_cast<double>(t - from_us) / static_cast<double>(std::max<TimeUs>(1, to_us - from_us));
    return top + static_cast<float>(f * static_cast<double>(height));
}

TimeUs SpaceTimeFrame::time_at(float y) const {
    const double f = static_cast<double>(y - top) / static_cast<double>(std::max(1.0f, height));
    return from_us + static_cast<TimeUs>(std::llround(f * static_cast<double>(to_us - from_us)));
}

int SpaceTimeFrame::lane_at(float x) const {
    const int lane = static_cast<int>(std::floor((x - left) / lane_width()));
    return std::clamp(lane, 0, lanes - 1);
}

TimeUs zoom_about(TimeUs from_us, TimeUs& span_us, double factor, TimeUs anchor_us) {
    const TimeUs old_span = span_us;
    span_us = std::clamp<TimeUs>(static_cast<TimeUs>(std::llround(static_cast<double>(old_span) * factor)), kMinSpanUs,
                                 kMaxSpanUs);
    const double at = static_cast<double>(anchor_us - from_us) / static_cast<double>(std::max<TimeUs>(1, old_span));
    return anchor_us - static_cast<TimeUs>(std::llround(at * static_cast<double>(span_us)));
}

float distance_to_segment(float px, float py, float ax, float ay, float bx, float by) {
    const float dx = bx - ax, dy = by - ay;
    const float length2 = dx * dx + dy * dy;
    float t = length2 > 0 ? ((px - ax) * dx + (py - ay) * dy) / length2 : 0.0f;
    t = std::clamp(t, 0.0f, 1.0f);
    const float cx = ax + t * dx - px, cy = ay + t * dy - py;
    return std::sqrt(cx * cx + cy * cy);
}

const std::vector<std::uint16_t>* FamilyBlockCounts::of(const CausalStore& store, const CausalStore::Chunk& c, int lanes) {
    const auto it = entries_.find(&c);
    if (it != entries_.end() && it->second.lanes == lanes) return &it->second.counts;
    const auto& sealed = store.sealed_chunks();
    const auto held = std::find_if(sealed.begin(), sealed.end(), [&](const auto& s) { return s.get() == &c; });
    if (held == sealed.end()) return nullptr;  // still open: it grows
    Entry e;
    e.chunk = *held;
    e.lanes = lanes;
    const auto lane_count = static_cast<std::size_t>(lanes);
    const std::size_t blocks = (c.records.size() + CausalStore::kBlockEvents - 1) / CausalStore::kBlockEvents;
    e.counts.assign(blocks * lane_count * kSlots, 0);
    for (std::size_t i = 0; i < c.records.size(); ++i) {
        const CausalStore::Record& r = c.records[i];
        if (r.lane >= lane_count) continue;
        const auto kind = static_cast<CausalKind>(r.kind);
        const int slot = is_message_kind(kind) ? static_cast<int>(msg_family(static_cast<MsgType>(r.type))) : kSpaceTimeFamilies;
        ++e.counts[((i / CausalStore::kBlockEvents) * lane_count + r.lane) * kSlots + static_cast<std::size_t>(slot)];
    }
    return &(entries_[&c] = std::move(e)).counts;
}

void FamilyBlockCounts::keep_only(const std::vector<const CausalStore::Chunk*>& kept) {
    for (auto it = entries_.begin(); it != entries_.end();)
        it = std::find(kept.begin(), kept.end(), it->first) == kept.end() ? entries_.erase(it) : std::next(it);
}

DensityGrid density_grid(const CausalStore& store, const SpaceTimeFrame& f, float row_px,
                         const bool (&hidden)[kSpaceTimeFamilies], FamilyBlockCounts* cache) {
    DensityGrid grid;
    grid.rows = std::max(1, static_cast<int>(f.height / row_px));
    grid.lanes = f.lanes;
    const auto lanes = static_cast<std::size_t>(f.lanes);
    grid.counts.assign(static_cast<std::size_t>(grid.rows) * lanes, 0);
    // A sealed chunk's block counts are of every event: they serve only when nothing is hidden.
    const bool filtered = std::find(std::begin(hidden), std::end(hidden), true) != std::end(hidden);
    auto row_of = [&](TimeUs t) { return static_cast<int>(std::floor((f.time_y(t) - f.top) / row_px)); };
    auto add = [&](int row, std::size_t lane, std::uint32_t n) {
        if (row >= 0 && row < grid.rows && lane < lanes) grid.counts[static_cast<std::size_t>(row) * lanes + lane] += n;
    };
    const std::vector<const CausalStore::Chunk*> kept = store.kept_chunks();
    if (cache && filtered) cache->keep_only(kept);
    for (const CausalStore::Chunk* c : kept) {
        if (c->last_us < f.from_us || c->base_us > f.to_us) continue;
        const std::size_t n = c->records.size();
        // Filtered: whole blocks by family, from the cache (nullptr: one event at a time).
        const std::vector<std::uint16_t>* families = cache && filtered ? cache->of(store, *c, f.lanes) : nullptr;
        for (std::size_t b = 0; b < n; b += CausalStore::kBlockEvents) {
            const std::size_t end = std::min(n, b + CausalStore::kBlockEvents);
            const TimeUs t0 = c->base_us + c->records[b].dt_us, t1 = c->base_us + c->records[end - 1].dt_us;
            if (t1 < f.from_us || t0 > f.to_us) continue;
            const int r0 = row_of(t0);
            if (!filtered && !c->block_counts.empty() && r0 == row_of(t1)) {  // the whole block in one row
                const std::uint16_t* bc = &c->block_counts[b / CausalStore::kBlockEvents * lanes];
                for (std::size_t l = 0; l < lanes; ++l) add(r0, l, bc[l]);
                continue;
            }
            if (families && r0 == row_of(t1)) {
                constexpr auto slots = static_cast<std::size_t>(FamilyBlockCounts::kSlots);
                const std::uint16_t* bc = &(*families)[b / CausalStore::kBlockEvents * lanes * slots];
                for (std::size_t l = 0; l < lanes; ++l) {
                    std::uint32_t sum = bc[l * slots + kSpaceTimeFamilies];  // lane marks and the rest
                    for (int k = 0; k < kSpaceTimeFamilies; ++k)
                        if (!hidden[k]) sum += bc[l * slots + static_cast<std::size_t>(k)];
                    add(r0, l, sum);
                }
                continue;
            }
            for (std::size_t i = b; i < end; ++i) {
                const CausalStore::Record& r = c->records[i];
                if (filtered && hidden_by_filter(static_cast<CausalKind>(r.kind), static_cast<MsgType>(r.type), hidden))
                    continue;
                add(row_of(c->base_us + r.dt_us), r.lane, 1);
            }
        }
    }
    return grid;
}

const char* format_span(TimeUs span_us, char* buffer, int size) {
    if (span_us < 1000000) std::snprintf(buffer, static_cast<std::size_t>(size), "%g ms", static_cast<double>(span_us) / 1000.0);
    else if (span_us < 120000000) std::snprintf(buffer, static_cast<std::size_t>(size), "%.3g s", static_cast<double>(span_us) / 1e6);
    else std::snprintf(buffer, static_cast<std::size_t>(size), "%.3g min", static_cast<double>(span_us) / 6e7);
    return buffer;
}

}  // namespace cs::ui
