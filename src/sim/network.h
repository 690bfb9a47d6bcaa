#pragma once
// The links between actors. Partitions, isolation and "drop next" cut links
// between servers only: clients and the load balancer sit outside the server
// network and reach every server (docs/ARCHITECTURE.md). Latency and loss apply to
// every message. Server-to-server links are FIFO, like TCP connections, unless
// `reorder` is on. The fuzzer's harsher faults (delay, duplicate, reorder) draw
// from the same PRNG, and only when they are on: with them off every run is
// exactly what it was before they existed.
#include <cstdint>
#include <vector>

#include "message.h"
#include "rng.h"
#include "time.h"

namespace cs {

enum class DropReason : std::uint8_t { None, Partition, Isolated, Loss, DropNext, Crashed };
const char* drop_reason_name(DropReason reason);

struct Route {
    DropReason dropped = DropReason::None;
    TimeUs deliver_us = 0;
    TimeUs duplicate_us = -1;  // >= 0: a second copy arrives then
};

class Network {
public:
    void reset(int servers, TimeUs latency_us_min, TimeUs latency_us_max, double loss);

    // Decides the fate of a message sent now. Draws from rng only for latency and loss.
    Route route(NodeId from, NodeId to, TimeUs now_us, Rng& rng);
    // Can these two servers talk (ignoring loss)? Non-servers always can.
    bool connected(NodeId a, NodeId b) const;

    // Faults.
    void partition(const std::vector<NodeId>& side_a, const std::vector<NodeId>& side_b);
    void heal();  // ends partitions and isolation, clears pending drops
    void isolate(NodeId server);
    void drop_next(NodeId from, NodeId to);
    void set_latency(TimeUs min_us, TimeUs max_us);
    void set_loss(double loss) { loss_ = loss; }
    // The next message from server A to B arrives extra_us late; the link stays
    // FIFO, so what A sends B meanwhile waits behind it (a stalled connection).
    void delay_next(NodeId from, NodeId to, TimeUs extra_us);
    // The next message from `from` to `to` arrives extra_us late, and the messages sent
    // after it do not wait for it: a single late packet, out of the link's FIFO order.
    void burst_next(NodeId from, NodeId to, TimeUs extra_us);
    // Each message is delivered twice with this probability (the copy a little later).
    void set_duplicate(double p) { duplicate_ = p; }
    // Each server-to-server message leaves FIFO order with this probability: it
    // takes up to twice the maximum latency longer, and later ones may pass it.
    void set_reorder(double p) { reorder_ = p; }

    // Views.
    int servers() const { return servers_; }
    bool partitioned() const { return partitioned_; }
    int side_of(NodeId server) const;  // 0 or 1 under a partition, -1 otherwise
    bool isolated(NodeId server) const;
    // A fault in force now: a partition, an isolation or loss. (A pending drop is not:
    // it may never fire; the moment it does counts as a fault.)
    bool any_fault() const;
    TimeUs latency_us_min() const { return latency_us_min_; }
    TimeUs latency_us_max() const { return latency_us_max_; }
    double loss() const { return loss_; }
    double duplicate() const { return duplicate_; }
    double reorder() const { return reorder_; }
    // When the last delayed, duplicated or reordered message arrives (0: none yet).
    TimeUs late_until_us() const { return late_until_us_; }
    std::uint64_t delayed_total() const { return delayed_total_; }
    std::uint64_t duplicated_total() const { return duplicated_total_; }
    std::uint64_t reordered_total() const { return reordered_total_; }
    std::vector<std::pair<NodeId, NodeId>> pending_drops() const;

private:
    bool is_server(NodeId n) const { return n >= 1 && n <= servers_; }
    std::size_t link(NodeId from, NodeId to) const {
        return static_cast<std::size_t>(from - 1) * static_cast<std::size_t>(servers_) + static_cast<std::size_t>(to - 1);
    }

    int servers_ = 0;
    TimeUs latency_us_min_ = 0;
    TimeUs latency_us_max_ = 0;
    double loss_ = 0;
    double duplicate_ = 0;
    double reorder_ = 0;
    TimeUs late_until_us_ = 0;
    std::uint64_t delayed_total_ = 0, duplicated_total_ = 0, reordered_total_ = 0;
    bool partitioned_ = false;
    std::vector<int> side_;             // per server: 0/1 under a partition, -1 unassigned
    std::vector<bool> isolated_;
    std::vector<bool> drop_next_;       // per server link
    std::vector<TimeUs> delay_next_;    // per server link: extra latency of the next message
    std::vector<TimeUs> burst_next_;    // per server link: the same, for a message the rest overtake
    std::vector<TimeUs> last_delivery_; // per server link, for FIFO order
};

}  // namespace cs
