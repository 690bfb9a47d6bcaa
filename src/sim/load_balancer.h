#pragma once
// The load balancer: an actor between the clients and the servers. It routes
// each request to a server it believes healthy, relays the answer back, and
// health-checks every server with a real message every health interval.
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "config.h"
#include "message.h"

namespace cs {

struct LbServerView {
    bool healthy = true;          // what the balancer believes (in rotation or not)
    bool answered_last = true;    // did the last health check get an answer
    int health = 100;             // score 0..100: the server's own score, 0 if it did not answer
    double reported_cpu = 0;      // from the last health reply
    double reported_queue = 0;
    int connections = 0;          // requests sent and not yet answered
    double response_ewma_ms = 0;  // moving average of observed response times, end to end
    bool has_response = false;
    TimeUs response_at_us = 0;    // when the average last took a sample
    std::uint64_t routed = 0;     // requests sent to it, in all
    std::int64_t smooth_current = 0;  // smooth weighted round robin state
    std::uint64_t health_round_answered = 0;
};

struct LbPending {
    NodeId server = kNoNode;
    TimeUs sent_us = 0;
};

class LoadBalancer {
public:
    LbAlgorithm algorithm() const { return algorithm_; }
    const std::vector<LbServerView>& servers() const { return servers_; }
    const LbServerView& server(NodeId id) const { return servers_.at(static_cast<std::size_t>(id - 1)); }
    std::uint64_t health_round() const { return health_round_; }
    std::size_t pending() const { return pending_.size(); }
    std::uint64_t no_healthy_rejections() const { return no_healthy_; }

    // State, written by lb_logic (load_balancer.cpp) only.
    LbAlgorithm algorithm_ = LbAlgorithm::RoundRobin;
    std::vector<LbServerView> servers_;
    std::size_t round_robin_next_ = 0;
    std::size_t tie_next_ = 0;  // where least-connections and least-response-time start looking, so ties rotate
    std::uint64_t health_round_ = 0;
    std::unordered_map<std::uint64_t, LbPending> pending_;  // request id -> where it went
    std::uint64_t no_healthy_ = 0;
};

}  // namespace cs
