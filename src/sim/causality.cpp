#include "causality.h"

#include <algorithm>
#include <limits>

namespace cs {
namespace {

int lane_of(NodeId node) { return node >= 1 ? node : 0; }

std::uint32_t clamp32(TimeUs t) {
    if (t <= 0) return 0;
    return t > TimeUs{std::numeric_limits<std::uint32_t>::max()} ? std::numeric_limits<std::uint32_t>::max()
                                                                 : static_cast<std::uint32_t>(t);
}

// Client messages carry the order (or read) they are about; so does a REPLICATE.
std::uint32_t order_of(const Message& m) {
    if (m.order_id != 0) return static_cast<std::uint32_t>(m.order_id);
    if (m.type == MsgType::Replicate) return static_cast<std::uint32_t>(m.entry.order_id);
    return 0;
}

}  // namespace

const char* causal_kind_name(CausalKind kind) {
    switch (kind) {
        case CausalKind::Send: return "send";
        case CausalKind::Deliver: return "deliver";
        case CausalKind::Dropped: return "dropped";
        case CausalKind::Crash: return "crash";
        case CausalKind::Restart: return "restart";
        case CausalKind::Partition: return "partition";
        case CausalKind::Heal: return "heal";
        case CausalKind::LeaderChange: return "leader";
        case CausalKind::Violation: return "violation";
        case CausalKind::Count: break;
    }
    return "?";
}

bool is_message_kind(CausalKind kind) {
    return kind == CausalKind::Send || kind == CausalKind::Deliver || kind == CausalKind::Dropped;
}

bool happened_before(const std::uint32_t* clock_a, int lane_a, const std::uint32_t* clock_b, int lanes) {
    if (clock_a[lane_a] > clock_b[lane_a]) return false;
    // Same own count on a's lane and b knows exactly as much: the same event.
    for (int i = 0; i < lanes; ++i)
        if (clock_a[i] != clock_b[i]) return true;
    return false;
}

void CausalStore::reset(int servers) {
    *this = CausalStore{};
    lanes_ = servers + 1;
    clocks_.assign(static_cast<std::size_t>(lanes_) * static_cast<std::size_t>(lanes_), 0);
}

std::uint32_t CausalStore::take_slot() {
    if (!free_slots_.empty()) {
        const std::uint32_t slot = free_slots_.back();
        free_slots_.pop_back();
        return slot;
    }
    slots_.emplace_back();
    slot_clocks_.resize(slots_.size() * static_cast<std::size_t>(lanes_), 0);
    return static_cast<std::uint32_t>(slots_.size() - 1);
}

void CausalStore::open_chunk(TimeUs now) {
    open_ = Chunk{};
    open_.first_index = next_index_;
    open_.base_us = now;
    open_.last_us = now;
    open_.start_clocks = clocks_;
    // Slot order, not the hash map's: the same run gives the same chunk everywhere.
    for (std::size_t s = 0; s < slots_.size(); ++s) {
        if (slots_[s].copies == 0) continue;
        InFlight f = slots_[s];
        f.slot = static_cast<std::uint32_t>(open_.in_flight.size());
        open_.in_flight.push_back(f);
        const auto begin = slot_clocks_.begin() + static_cast<std::ptrdiff_t>(s * static_cast<std::size_t>(lanes_));
        open_.in_flight_clocks.insert(open_.in_flight_clocks.end(), begin, begin + lanes_);
    }
    open_.records.reserve(kChunkEvents);
    has_open_ = true;
}

void CausalStore::seal_chunk() {
    open_.records.shrink_to_fit();
    const auto lanes = static_cast<std::size_t>(lanes_);
    open_.block_counts.assign((open_.records.size() + kBlockEvents - 1) / kBlockEvents * lanes, 0);
    for (std::size_t i = 0; i < open_.records.size(); ++i) ++open_.block_counts[i / kBlockEvents * lanes + open_.records[i].lane];
    sealed_.push_back(std::make_shared<const Chunk>(std::move(open_)));
    has_open_ = false;
    // Bounded: the oldest chunks go (their events are no longer drawn or exported).
    std::uint64_t kept = 0;
    for (const auto& c : sealed_) kept += c->records.size();
    std::size_t drop = 0;
    while (drop + 1 < sealed_.size() && kept > kMaxRetainedEvents) kept -= sealed_[drop++]->records.size();
    if (drop > 0) {
        sealed_.erase(sealed_.begin(), sealed_.begin() + static_cast<std::ptrdiff_t>(drop));
        sealed_dropped_ += drop;
    }
}

void CausalStore::prepare(TimeUs now) {
    const bool full = has_open_ && (open_.records.size() >= kChunkEvents ||
                                    now - open_.base_us > TimeUs{std::numeric_limits<std::uint32_t>::max()});
    if (full) seal_chunk();
    if (!has_open_) open_chunk(now);
}

void CausalStore::push(TimeUs now, Record r) {
    r.dt_us = static_cast<std::uint32_t>(now - open_.base_us);
    open_.records.push_back(r);
    open_.last_us = now;
    ++next_index_;
}

void CausalStore::on_send(TimeUs now, const Message& m, DropReason lost, TimeUs arrives_us, int copies) {
    prepare(now);
    const int lane = lane_of(m.from);
    std::uint32_t* clock = lane_clock(lane);
    ++clock[lane];
    if (copies > 0) {
        const std::uint32_t slot = take_slot();
        slots_[slot] = {static_cast<std::uint32_t>(m.id), static_cast<std::uint32_t>(copies), slot};
        std::copy(clock, clock + lanes_, slot_clocks_.begin() + static_cast<std::ptrdiff_t>(slot * static_cast<std::size_t>(lanes_)));
        in_flight_[static_cast<std::uint32_t>(m.id)] = slot;
    }
    Record r{};
    r.latency_us = lost == DropReason::None ? clamp32(arrives_us - now) : 0;
    r.message = static_cast<std::uint32_t>(m.id);
    r.aux = order_of(m);
    r.lane = static_cast<std::uint8_t>(lane);
    r.peer = static_cast<std::uint8_t>(lane_of(m.to));
    r.kind = static_cast<std::uint8_t>(CausalKind::Send);
    r.type = static_cast<std::uint8_t>(m.type);
    r.lost = static_cast<std::uint8_t>(lost);
    push(now, r);
}

void CausalStore::on_deliver(TimeUs now, const Message& m, bool receiver_crashed) {
    prepare(now);
    const int lane = lane_of(m.to);
    std::uint32_t* clock = lane_clock(lane);
    ++clock[lane];
    const auto found = in_flight_.find(static_cast<std::uint32_t>(m.id));
    if (found != in_flight_.end()) {
        InFlight& f = slots_[found->second];
        if (!receiver_crashed) {
            const std::uint32_t* sent = &slot_clocks_[static_cast<std::size_t>(f.slot) * static_cast<std::size_t>(lanes_)];
            for (int i = 0; i < lanes_; ++i) clock[i] = std::max(clock[i], sent[i]);
        }
        if (--f.copies == 0) {
            free_slots_.push_back(f.slot);
            in_flight_.erase(found);
        }
    }
    const TimeUs latency = now - m.sent_us;
    max_latency_us_ = std::max(max_latency_us_, latency);
    Record r{};
    r.latency_us = clamp32(latency);
    r.message = static_cast<std::uint32_t>(m.id);
    r.aux = order_of(m);
    r.lane = static_cast<std::uint8_t>(lane);
    r.peer = static_cast<std::uint8_t>(lane_of(m.from));
    r.kind = static_cast<std::uint8_t>(receiver_crashed ? CausalKind::Dropped : CausalKind::Deliver);
    r.type = static_cast<std::uint8_t>(m.type);
    push(now, r);
}

void CausalStore::on_mark(TimeUs now, CausalKind kind, NodeId node, std::int64_t violation) {
    prepare(now);
    const int lane = lane_of(node);
    ++lane_clock(lane)[lane];
    Record r{};
    r.lane = static_cast<std::uint8_t>(lane);
    r.peer = static_cast<std::uint8_t>(lane);
    r.kind = static_cast<std::uint8_t>(kind);
    r.aux = violation >= 0 ? static_cast<std::uint32_t>(violation) : 0;
    push(now, r);
}

std::vector<const CausalStore::Chunk*> CausalStore::kept_chunks() const {
    std::vector<const Chunk*> out;
    out.reserve(sealed_.size() + 1);
    for (const auto& c : sealed_) out.push_back(c.get());
    if (has_open_) out.push_back(&open_);
    return out;
}

std::uint64_t CausalStore::first_index() const {
    if (!sealed_.empty()) return sealed_.front()->first_index;
    return has_open_ ? open_.first_index : next_index_;
}

TimeUs CausalStore::first_time_us() const {
    if (!sealed_.empty()) return sealed_.front()->base_us;
    return has_open_ ? open_.base_us : 0;
}

std::uint64_t CausalStore::index_at_or_after(TimeUs t) const {
    const std::vector<const Chunk*> chunks = kept_chunks();
    const auto it = std::lower_bound(chunks.begin(), chunks.end(), t,
                                     [](const Chunk* c, TimeUs time) { return c->last_us < time; });
    if (it == chunks.end()) return next_index_;
    const Chunk& c = **it;
    if (t <= c.base_us) return c.first_index;
    const auto dt = static_cast<std::uint32_t>(std::min<TimeUs>(t - c.base_us, std::numeric_limits<std::uint32_t>::max()));
    const auto r = std::lower_bound(c.records.begin(), c.records.end(), dt,
                                    [](const Record& rec, std::uint32_t v) { return rec.dt_us < v; });
    return c.first_index + static_cast<std::uint64_t>(r - c.records.begin());
}

CausalEvent CausalStore::event_of(const Chunk& chunk, std::size_t i) {
    const Record& r = chunk.records[i];
    CausalEvent e;
    e.index = chunk.first_index + i;
    e.time_us = chunk.base_us + r.dt_us;
    e.lane = r.lane;
    e.kind = static_cast<CausalKind>(r.kind);
    e.peer = r.peer;
    if (is_message_kind(e.kind)) {
        e.type = static_cast<MsgType>(r.type);
        e.message_id = r.message;
        e.order_id = r.aux;
        e.lost = static_cast<DropReason>(r.lost);
        if (e.kind == CausalKind::Send) {
            e.sent_us = e.time_us;
            e.arrives_us = e.lost == DropReason::None ? e.time_us + r.latency_us : -1;
        } else {
            e.sent_us = e.time_us - r.latency_us;
            e.arrives_us = e.time_us;
        }
    } else if (e.kind == CausalKind::Violation) {
        e.violation = r.aux;
    }
    return e;
}

bool CausalStore::replay(const Chunk& chunk, std::uint64_t from, std::uint64_t to, const ClockVisitor& visit) const {
    const auto lanes = static_cast<std::size_t>(lanes_);
    std::vector<std::uint32_t> clocks = chunk.start_clocks;
    std::unordered_map<std::uint32_t, std::size_t> sent;  // message -> offset into sent_clocks
    std::vector<std::uint32_t> sent_clocks = chunk.in_flight_clocks;
    for (const InFlight& f : chunk.in_flight) sent[f.message] = f.slot * lanes;
    for (std::size_t i = 0; i < chunk.records.size(); ++i) {
        const std::uint64_t index = chunk.first_index + i;
        if (index >= to) return false;
        const Record& r = chunk.records[i];
        std::uint32_t* clock = &clocks[r.lane * lanes];
        ++clock[r.lane];
        const auto kind = static_cast<CausalKind>(r.kind);
        if (kind == CausalKind::Deliver) {
            const auto found = sent.find(r.message);
            if (found != sent.end())
                for (std::size_t k = 0; k < lanes; ++k) clock[k] = std::max(clock[k], sent_clocks[found->second + k]);
        } else if (kind == CausalKind::Send && r.lost == 0) {
            sent[r.message] = sent_clocks.size();
            sent_clocks.insert(sent_clocks.end(), clock, clock + lanes);
        }
        if (index < from) continue;
        CausalEvent e = event_of(chunk, i);
        e.own = clock[r.lane];
        if (!visit(e, clock)) return false;
    }
    return true;
}

void CausalStore::decode(std::uint64_t from, std::uint64_t to, const ClockVisitor& visit) const {
    for (const Chunk* c : kept_chunks()) {
        const std::uint64_t end = c->first_index + c->records.size();
        if (end <= from) continue;
        if (c->first_index >= to) return;
        if (!replay(*c, from, to, visit)) return;
    }
}

void CausalStore::scan(std::uint64_t from, std::uint64_t to, const Visitor& visit) const {
    for (const Chunk* c : kept_chunks()) {
        const std::uint64_t end = c->first_index + c->records.size();
        if (end <= from) continue;
        if (c->first_index >= to) return;
        const std::size_t begin = from > c->first_index ? static_cast<std::size_t>(from - c->first_index) : 0;
        // Own counts from the chunk's checkpoint: each lane's diagonal, plus one per event.
        std::vector<std::uint32_t> own(static_cast<std::size_t>(lanes_));
        for (int l = 0; l < lanes_; ++l) own[static_cast<std::size_t>(l)] = c->start_clocks[static_cast<std::size_t>(l * lanes_ + l)];
        for (std::size_t i = 0; i < begin; ++i) ++own[c->records[i].lane];
        for (std::size_t i = begin; i < c->records.size(); ++i) {
            if (c->first_index + i >= to) return;
            CausalEvent e = event_of(*c, i);
            e.own = ++own[static_cast<std::size_t>(e.lane)];
            if (!visit(e)) return;
        }
    }
}

std::vector<std::uint32_t> CausalStore::clock_of(std::uint64_t index) const {
    std::vector<std::uint32_t> out;
    decode(index, index + 1, [&](const CausalEvent&, const std::uint32_t* clock) {
        out.assign(clock, clock + lanes_);
        return false;
    });
    return out;
}

std::size_t CausalStore::bytes_used() const {
    std::size_t bytes = sizeof(*this);
    for (const Chunk* c : kept_chunks()) {
        bytes += sizeof(Chunk) + c->records.capacity() * sizeof(Record) +
                 (c->start_clocks.capacity() + c->in_flight_clocks.capacity()) * sizeof(std::uint32_t) +
                 c->in_flight.capacity() * sizeof(InFlight) + c->block_counts.capacity() * sizeof(std::uint16_t);
    }
    bytes += (clocks_.capacity() + slot_clocks_.capacity() + free_slots_.capacity()) * sizeof(std::uint32_t);
    bytes += slots_.capacity() * sizeof(InFlight) + in_flight_.size() * (sizeof(std::uint32_t) * 2 + 16);
    return bytes;
}

}  // namespace cs
