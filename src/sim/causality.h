#pragma once
// Happens-before for the space-time diagram and the ShiViz export: every event on
// a lane (a server, or the one lane the clients and the load balancer share), with
// its vector clock (one component per lane).
//
// Memory: a vector clock per event would cost 4 bytes x lanes (260 bytes at 64
// servers), and an hour of heavy load holds millions of events. So the store keeps
// a 24-byte record per event and no clocks: events go in chunks, and each chunk
// starts with a checkpoint (every lane's clock, and the clock of every message still
// in flight). A chunk's clocks are recomputed from its checkpoint on demand
// (decode()), which is exact because the clock rules are deterministic:
//   - every event ticks its own lane's component by one;
//   - a delivery also takes the component-wise maximum with its send's clock.
// A full chunk is sealed and never changes again: copies of the Simulation (the
// app's checkpoints for time travel) share sealed chunks instead of copying them.
// The oldest chunks go beyond kMaxRetainedEvents (decode() then starts later).
//
// Lost messages: a message the network drops when it is sent (partition,
// isolation, loss, "drop next") is recorded on its send, with the reason; it has no
// delivery. One that reaches a crashed server is a Dropped event on that server's
// lane (it ticks the lane but merges nothing: the dead server learns nothing).
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "message.h"
#include "network.h"
#include "time.h"

namespace cs {

enum class CausalKind : std::uint8_t {
    Send,          // a message leaves this lane (reason != None: the network dropped it at once)
    Deliver,       // a message arrives and is handled
    Dropped,       // a message arrives at a crashed server
    Crash,
    Restart,
    Partition,     // a partition or an isolation cut this server's links
    Heal,
    LeaderChange,  // the servers agree on a new leader (on the leader's lane)
    Violation,     // the checker found a violation (on the first server it names)
    Count
};
const char* causal_kind_name(CausalKind kind);
// True for the kinds that belong to a message (Send, Deliver, Dropped).
bool is_message_kind(CausalKind kind);

// One event, decoded.
struct CausalEvent {
    std::uint64_t index = 0;  // position in the whole run (0 = the first event): its id
    TimeUs time_us = 0;
    int lane = 0;             // 0: clients and load balancer; s: server s
    CausalKind kind = CausalKind::Send;
    // Message events only.
    MsgType type = MsgType::Heartbeat;
    int peer = 0;                  // the other end's lane (receiver of a send, sender of a delivery)
    std::uint64_t message_id = 0;  // the low 32 bits of the simulation's message id
    std::uint64_t order_id = 0;    // client messages: the order or read (low 32 bits); 0 otherwise
    TimeUs sent_us = 0;            // Deliver/Dropped: when it was sent. Send: now
    TimeUs arrives_us = -1;        // Send: when it will arrive (-1: lost); Deliver/Dropped: now
    DropReason lost = DropReason::None;  // Send: why the network dropped it
    std::int64_t violation = -1;         // Violation: index into checker().violations()
    std::uint32_t own = 0;               // its lane's own clock component (1 for the lane's first event)
};

// a happened before b (a -> b), from their clocks and a's lane: a's own count is
// at most what b knows of a's lane, and they are not the same event.
bool happened_before(const std::uint32_t* clock_a, int lane_a, const std::uint32_t* clock_b, int lanes);

class CausalStore {
public:
    static constexpr std::size_t kChunkEvents = 8192;
    // About 2 million events: an hour of heavy load at 64 servers (~55 MB at 24-28 bytes an event).
    static constexpr std::uint64_t kMaxRetainedEvents = std::uint64_t{1} << 21;
    static constexpr std::size_t kBlockEvents = 512;  // a chunk's events per density block

    void reset(int servers);

    // ---- recording (simulation.cpp) ----
    // copies: 0 when the network dropped the message at once (lost != None), else 1
    // or 2 (a duplicate).
    void on_send(TimeUs now, const Message& m, DropReason lost, TimeUs arrives_us, int copies);
    void on_deliver(TimeUs now, const Message& m, bool receiver_crashed);
    void on_mark(TimeUs now, CausalKind kind, NodeId node, std::int64_t violation = -1);

    // ---- reading ----
    int lanes() const { return lanes_; }
    // Events [first_index(), end_index()) are kept.
    std::uint64_t first_index() const;
    std::uint64_t end_index() const { return next_index_; }
    TimeUs first_time_us() const;
    // The index of the first kept event at or after t (end_index() if none).
    std::uint64_t index_at_or_after(TimeUs t) const;
    // The longest time a delivered message took (to find arrows that start before a window).
    TimeUs max_latency_us() const { return max_latency_us_; }
    // Calls visit(event, clock) for the events [from, to) (clamped to what is kept), in
    // order; clock points at lanes() components, valid during the call. Returning false
    // from visit stops. Cost: the events from the start of from's chunk.
    using ClockVisitor = std::function<bool(const CausalEvent&, const std::uint32_t* clock)>;
    void decode(std::uint64_t from, std::uint64_t to, const ClockVisitor& visit) const;
    // The same without clocks (cheaper: no replay; CausalEvent::own is set).
    using Visitor = std::function<bool(const CausalEvent&)>;
    void scan(std::uint64_t from, std::uint64_t to, const Visitor& visit) const;
    // The clock of one event (empty if it is not kept).
    std::vector<std::uint32_t> clock_of(std::uint64_t index) const;

    // What the store costs now, for docs/PERFORMANCE.md and the tests.
    std::size_t bytes_used() const;

    struct Record {
        std::uint32_t dt_us;      // since the chunk's base time
        std::uint32_t latency_us; // message events: arrival - send (Send: planned; 0 if lost)
        std::uint32_t message;    // low 32 bits of the message id
        std::uint32_t aux;        // order id (client messages) or violation index
        std::uint8_t lane, peer, kind, type, lost;
        std::uint8_t pad[3];
    };
    struct InFlight {
        std::uint32_t message = 0;
        std::uint32_t copies = 0;  // deliveries still to come
        std::uint32_t slot = 0;    // clock at in_flight_clocks[slot * lanes]
    };
    struct Chunk {
        std::uint64_t first_index = 0;
        TimeUs base_us = 0;
        TimeUs last_us = 0;
        std::vector<std::uint32_t> start_clocks;   // lanes x lanes, before the first event
        std::vector<InFlight> in_flight;           // messages on the wire at the start
        std::vector<std::uint32_t> in_flight_clocks;
        std::vector<Record> records;
        // Sealed chunks: events per lane in each block of kBlockEvents (lanes per block),
        // so a zoomed-out diagram counts blocks instead of events.
        std::vector<std::uint16_t> block_counts;
    };
    // Every kept chunk, oldest first (the last one may still grow).
    std::vector<const Chunk*> kept_chunks() const;
    // The sealed ones, as shared: a cache of what was computed from a chunk holds it, so
    // the chunk's address names it for as long as the cache keeps the result.
    const std::vector<std::shared_ptr<const Chunk>>& sealed_chunks() const { return sealed_; }
    static CausalEvent event_of(const Chunk& chunk, std::size_t i);

private:
    // Opens a chunk (its checkpoint taken before this event) when the current one is full.
    void prepare(TimeUs now);
    void push(TimeUs now, Record r);
    void open_chunk(TimeUs now);
    void seal_chunk();
    std::uint32_t* lane_clock(int lane) { return &clocks_[static_cast<std::size_t>(lane) * static_cast<std::size_t>(lanes_)]; }
    // Replays one chunk from its checkpoint; visits events [from, to). False: stopped.
    bool replay(const Chunk& chunk, std::uint64_t from, std::uint64_t to, const ClockVisitor& visit) const;
    std::uint32_t take_slot();

    int lanes_ = 1;
    std::uint64_t next_index_ = 0;
    TimeUs max_latency_us_ = 0;
    std::vector<std::uint32_t> clocks_;  // lanes x lanes: every lane's clock now
    std::unordered_map<std::uint32_t, std::uint32_t> in_flight_;  // message -> slot
    std::vector<InFlight> slots_;
    std::vector<std::uint32_t> slot_clocks_;
    std::vector<std::uint32_t> free_slots_;
    std::vector<std::shared_ptr<const Chunk>> sealed_;
    std::size_t sealed_dropped_ = 0;  // chunks dropped from the front (bounded memory)
    Chunk open_;
    bool has_open_ = false;
};

}  // namespace cs
