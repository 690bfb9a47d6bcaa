#include "network.h"

#include <algorithm>

namespace cs {

const char* drop_reason_name(DropReason reason) {
    switch (reason) {
        case DropReason::None: return "none";
        case DropReason::Partition: return "partition";
        case DropReason::Isolated: return "isolated";
        case DropReason::Loss: return "loss";
        case DropReason::DropNext: return "dropped";
        case DropReason::Crashed: return "crashed";
    }
    return "?";
}

void Network::reset(int servers, TimeUs latency_us_min, TimeUs latency_us_max, double loss) {
    servers_ = servers;
    latency_us_min_ = latency_us_min;
    latency_us_max_ = latency_us_max;
    loss_ = loss;
    duplicate_ = reorder_ = 0;
    late_until_us_ = 0;
    delayed_total_ = duplicated_total_ = reordered_total_ = 0;
    partitioned_ = false;
    const auto n = static_cast<std::size_t>(servers);
    side_.assign(n, -1);
    isolated_.assign(n, false);
    drop_next_.assign(n * n, false);
    delay_next_.assign(n * n, 0);
    burst_next_.assign(n * n, 0);
    last_delivery_.assign(n * n, 0);
}

bool Network::connected(NodeId a, NodeId b) const {
    if (!is_server(a) || !is_server(b) || a == b) return true;
    if (isolated_[static_cast<std::size_t>(a - 1)] || isolated_[static_cast<std::size_t>(b - 1)]) return false;
    if (partitioned_) {
        const int sa = side_[static_cast<std::size_t>(a - 1)];
        const int sb = side_[static_cast<std::size_t>(b - 1)];
        if (sa != sb) return false;
    }
    return true;
}

Route Network::route(NodeId from, NodeId to, TimeUs now_us, Rng& rng) {
    Route r;
    const bool server_link = is_server(from) && is_server(to) && from != to;
    if (server_link) {
        if (isolated(from) || isolated(to)) {
            r.dropped = DropReason::Isolated;
            return r;
        }
        if (!connected(from, to)) {
            r.dropped = DropReason::Partition;
            return r;
        }
        if (drop_next_[link(from, to)]) {
            drop_next_[link(from, to)] = false;
            r.dropped = DropReason::DropNext;
            return r;
        }
    }
    // Always draw both numbers, so a change of loss does not shift later latencies.
    const TimeUs latency = rng.uniform(latency_us_min_, latency_us_max_);
    const bool lost = rng.chance(loss_);
    if (lost) {
        r.dropped = DropReason::Loss;
        return r;
    }
    r.deliver_us = now_us + latency;
    // Only when on do the harsher faults draw: off, the stream is as it always was.
    const bool reordered = server_link && reorder_ > 0 && rng.chance(reorder_);
    if (reordered) {
        r.deliver_us += rng.uniform(0, 2 * latency_us_max_);
        ++reordered_total_;
        late_until_us_ = std::max(late_until_us_, r.deliver_us);
    } else if (server_link && burst_next_[link(from, to)] > 0) {
        // Late on its own: the link's FIFO clock is not moved, so what follows overtakes it.
        r.deliver_us += burst_next_[link(from, to)];
        burst_next_[link(from, to)] = 0;
        ++delayed_total_;
        late_until_us_ = std::max(late_until_us_, r.deliver_us);
    } else if (server_link) {
        TimeUs& extra = delay_next_[link(from, to)];
        if (extra > 0) {
            r.deliver_us += extra;
            extra = 0;
            ++delayed_total_;
            late_until_us_ = std::max(late_until_us_, r.deliver_us);
        }
        TimeUs& last = last_delivery_[link(from, to)];
        r.deliver_us = std::max(r.deliver_us, last);
        last = r.deliver_us;
    }
    // Server links only, like reorder: clients and the balancer stand outside the server
    // network on connections of their own. A duplicated client request would be applied
    // by a leader after the client had been told "rejected" by every attempt it knew of
    // (found by the swarm, seed 1932), a fault no client protocol here guards against.
    if (server_link && duplicate_ > 0 && rng.chance(duplicate_)) {
        // The copy comes after the original, and outside the link's FIFO order: a late replay.
        r.duplicate_us = r.deliver_us + rng.uniform(0, latency_us_max_);
        ++duplicated_total_;
        late_until_us_ = std::max(late_until_us_, r.duplicate_us);
    }
    return r;
}

void Network::partition(const std::vector<NodeId>& side_a, const std::vector<NodeId>& side_b) {
    std::fill(side_.begin(), side_.end(), -1);
    for (NodeId n : side_a) side_[static_cast<std::size_t>(n - 1)] = 0;
    for (NodeId n : side_b) side_[static_cast<std::size_t>(n - 1)] = 1;
    // Servers named on neither side stay with side B's complement: side A.
    for (auto& s : side_)
        if (s < 0) s = 0;
    partitioned_ = true;
}

void Network::heal() {
    partitioned_ = false;
    std::fill(side_.begin(), side_.end(), -1);
    std::fill(isolated_.begin(), isolated_.end(), false);
    std::fill(drop_next_.begin(), drop_next_.end(), false);
    std::fill(delay_next_.begin(), delay_next_.end(), 0);
    std::fill(burst_next_.begin(), burst_next_.end(), 0);
}

void Network::isolate(NodeId server) { isolated_[static_cast<std::size_t>(server - 1)] = true; }

void Network::drop_next(NodeId from, NodeId to) { drop_next_[link(from, to)] = true; }

void Network::delay_next(NodeId from, NodeId to, TimeUs extra_us) { delay_next_[link(from, to)] = extra_us; }
void Network::burst_next(NodeId from, NodeId to, TimeUs extra_us) { burst_next_[link(from, to)] = extra_us; }

void Network::set_latency(TimeUs min_us, TimeUs max_us) {
    latency_us_min_ = min_us;
    latency_us_max_ = max_us;
}

int Network::side_of(NodeId server) const {
    return partitioned_ && is_server(server) ? side_[static_cast<std::size_t>(server - 1)] : -1;
}

bool Network::isolated(NodeId server) const {
    return is_server(server) && isolated_[static_cast<std::size_t>(server - 1)];
}

bool Network::any_fault() const {
    if (partitioned_ || loss_ > 0 || duplicate_ > 0 || reorder_ > 0) return true;
    return std::find(isolated_.begin(), isolated_.end(), true) != isolated_.end();
}

std::vector<std::pair<NodeId, NodeId>> Network::pending_drops() const {
    std::vector<std::pair<NodeId, NodeId>> out;
    for (NodeId a = 1; a <= servers_; ++a)
        for (NodeId b = 1; b <= servers_; ++b)
            if (a != b && drop_next_[link(a, b)]) out.emplace_back(a, b);
    return out;
}

}  // namespace cs
