#pragma once
// Every tunable of the simulation, with the defaults of docs/ARCHITECTURE.md.
#include <cstdint>
#include <string>
#include <vector>

#include "time.h"

namespace cs {

struct Product {
    std::string sku;
    std::int64_t initial_stock = 0;
    std::int64_t price_cents = 0;
};

std::vector<Product> default_catalogue();  // PRD-1 .. PRD-8

enum class ReplicationMode : std::uint8_t { Sync, Async };
enum class LbAlgorithm : std::uint8_t { RoundRobin, LeastConnections, Weighted, LeastResponseTime, PowerOfTwo };
const char* lb_algorithm_name(LbAlgorithm algorithm);
bool parse_lb_algorithm(const std::string& text, LbAlgorithm& out);

struct Config {
    int servers = 6;
    std::uint64_t seed = 1;
    std::vector<Product> catalogue = default_catalogue();
    ReplicationMode replication = ReplicationMode::Sync;
    bool quorum = false;
    // Crashed servers sync on restart and lagging followers are caught up (the course
    // text's design). Off only to show what goes wrong without it: divergence.
    bool resync = true;
    bool check_reads = true;  // the linearizability check judges reads as well as orders

    // Network (one-way latency range and loss, applied to every message).
    TimeUs latency_us_min = us_from_ms(5);
    TimeUs latency_us_max = us_from_ms(20);
    double loss = 0.0;

    // Bully and heartbeats.
    TimeUs heartbeat_interval_us = us_from_s(1);
    int missed_heartbeats_to_suspect = 3;
    TimeUs election_ok_timeout_us = us_from_ms(500);       // no OK by then: I win
    TimeUs coordinator_timeout_us = us_from_ms(1500);      // OK but no COORDINATOR by then: start again
    TimeUs restart_sync_timeout_us = us_from_ms(500);      // a restarted server waits this long for data

    // Replication and orders.
    TimeUs replication_timeout_us = us_from_ms(300);  // a follower silent this long is marked down
    TimeUs forward_timeout_us = us_from_ms(800);      // a follower waiting on the leader gives up
    TimeUs client_timeout_us = us_from_ms(2000);      // a client retries after this
    int client_attempts = 3;

    // Load balancer.
    LbAlgorithm lb = LbAlgorithm::RoundRobin;
    std::vector<int> weights;  // per server, index id-1; empty means all 1
    TimeUs health_interval_us = us_from_s(5);
    TimeUs health_timeout_us = us_from_ms(1000);

    // Queueing model (docs/MODEL.md): service times at weight 1; a server of weight w is
    // w times faster, one made slow by a factor f (scenario `slow S F`) f times slower.
    TimeUs service_read_us = us_from_ms(2);
    TimeUs service_write_us = us_from_ms(8);
    TimeUs service_replicate_us = us_from_ms(3);
    // A write the client waits on the followers for (sync, or quorum on): the leader's
    // coordination of the commit, per follower asked. 5 followers: 70 ms more per order.
    TimeUs service_confirm_us = us_from_ms(14);
    int queue_limit = 64;             // client requests waiting; one more is refused
    // Replication is never refused for a full client queue (that would make followers
    // diverge); this higher bound only stops a hopelessly slow follower's queue growing
    // without end. A replicate beyond it is dropped, as if lost, and the follower is
    // caught up later like any follower that missed a message.
    int replicate_queue_limit = 256;
    std::vector<double> slow_factors;  // per server, index id-1; empty means all 1
    TimeUs response_window_us = us_from_s(5);  // response mean and p95 cover this much time

    // Checker: a cluster free of faults this long must have converged.
    TimeUs settle_us = us_from_s(10);

    int weight_of(int server_id) const {
        const auto index = static_cast<std::size_t>(server_id - 1);
        return index < weights.size() && weights[index] > 0 ? weights[index] : 1;
    }
    double slow_factor_of(int server_id) const {
        const auto index = static_cast<std::size_t>(server_id - 1);
        return index < slow_factors.size() && slow_factors[index] >= 1 ? slow_factors[index] : 1.0;
    }
};

}  // namespace cs
