#pragma once
// The clients: the shop user's orders and reads, and the load generator. They
// stand outside the server network, send through the load balancer or straight
// to a server, time out and retry with the same order id.
#include <cstdint>
#include <deque>
#include <string>
#include <unordered_map>
#include <vector>

#include "message.h"

namespace cs {

struct ClientOrder {
    std::uint64_t id = 0;
    std::string sku;
    std::int32_t product = -1;   // -1: not in the catalogue (the leader will say so)
    std::int32_t quantity = 0;
    NodeId via = kLoadBalancer;  // where the client sends it
    bool load_test = false;
    std::uint64_t load_generation = 0;  // which load test generated it
    bool is_read = false;
    TimeUs submitted_us = 0;
    TimeUs finished_us = -1;
    OrderStatus status = OrderStatus::Pending;
    Reason reason = Reason::None;
    Reason last_transient = Reason::None;  // a "try again" answer seen before the final one
    // Some attempt may have been applied: it went unanswered, or the answer said the
    // outcome is unknown (appended, not yet held by a majority; forwarded, no word back).
    // From then on the order can end acknowledged or unknown, never rejected.
    bool maybe_applied = false;
    std::size_t history_index = static_cast<std::size_t>(-1);  // its place in the client history
    int attempts = 0;
    std::int64_t stock_seen = -1;         // stock as the answering server saw it
    std::array<NodeId, kMaxPath> path{};  // the way the answer came back, client first
    std::uint8_t path_length = 0;
    NodeId entry_server() const;          // the first server the order reached
    NodeId leader() const;                // the server that decided it (last on the path)
};

struct LoadTestSummary {
    std::uint64_t number = 0;    // 1 for the run's first load test, 2 for the next, ...
    std::string preset;
    std::string algorithm;       // the balancer's algorithm when it started
    double rate = 0;
    TimeUs duration_us = 0;
    TimeUs started_us = 0;
    std::uint64_t planned = 0;   // rate x duration, rounded: the orders it will send
    bool running = false;        // still generating
    bool finished = false;       // generated everything and every order has an outcome
    std::uint64_t submitted = 0, acknowledged = 0, rejected = 0, unknown = 0;
    std::vector<std::uint64_t> rejected_by_reason;  // index: Reason
    std::vector<std::uint64_t> unknown_by_reason;    // index: Reason
    std::vector<std::uint64_t> per_server;          // index: entry server id - 1
    // Latencies of acknowledged orders (submit to answer, retries included). Bounded: when
    // full, every other sample is dropped and from then on only every stride-th is kept, so
    // the sample stays spread evenly over the whole test however long it runs.
    std::vector<std::int64_t> latencies_us;
    std::uint64_t latency_stride = 1;
    std::uint64_t latencies_seen = 0;
    double p50_ms = 0, p95_ms = 0, p99_ms = 0;  // set when the test finishes
    std::uint64_t outcomes() const { return acknowledged + rejected + unknown; }
};

struct OrderTotals {
    std::uint64_t submitted = 0, acknowledged = 0, rejected = 0, unknown = 0;
    std::int64_t revenue_cents = 0;
};

class Clients {
public:
    static constexpr std::size_t kRecentOrders = 2000;
    static constexpr std::size_t kMaxLatencySamples = 20000;  // p99 still rests on 200 samples
    static constexpr std::size_t kMaxLoadTestsKept = 100;     // the oldest finished test goes first

    const OrderTotals& totals() const { return totals_; }
    const std::deque<ClientOrder>& recent() const { return recent_; }  // finished, newest last
    const std::unordered_map<std::uint64_t, ClientOrder>& pending() const { return pending_; }
    const LoadTestSummary& load_test() const { return load_test_; }
    bool load_test_ever() const { return load_test_ever_; }
    // Every finished load test of the run, in the order they ran (without latency samples).
    const std::vector<LoadTestSummary>& load_tests() const { return load_tests_; }
    // The last read or order answer per product: what the shop shows as stock.
    const std::vector<std::int64_t>& stock_seen() const { return stock_seen_; }
    const std::vector<NodeId>& stock_seen_from() const { return stock_seen_from_; }
    const ClientOrder* last_finished() const { return recent_.empty() ? nullptr : &recent_.back(); }

    // State, written by client_logic (clients.cpp) only.
    std::unordered_map<std::uint64_t, ClientOrder> pending_;
    std::deque<ClientOrder> recent_;
    OrderTotals totals_;
    std::uint64_t next_order_id_ = 1;
    LoadTestSummary load_test_;
    bool load_test_ever_ = false;
    std::vector<LoadTestSummary> load_tests_;
    std::uint64_t load_tests_started_ = 0;
    std::uint64_t load_generation_ = 0;  // guards LoadTick timers of an earlier test
    std::uint64_t load_outstanding_ = 0;
    std::vector<std::int64_t> stock_seen_;
    std::vector<NodeId> stock_seen_from_;
};

}  // namespace cs
