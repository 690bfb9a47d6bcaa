#pragma once
// The arithmetic and wording behind the Shop, Data, Balancer and Metrics tabs:
// formatting, which server the Data tab compares against, what the balancer
// believes versus the truth, the command lines the buttons send. No ImGui here,
// so all of it is unit-tested (tests/app/test_panel_logic.cpp).
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "sim/clients.h"
#include "sim/config.h"
#include "sim/message.h"
#include "sim/time.h"

namespace cs {
class Simulation;
}

namespace cs::ui {

// ---- formatting ----

// Prices are in currency units with cents: 2500 -> "25.00", 123456789 -> "1,234,567.89".
std::string format_money(std::int64_t cents);
// 0.25 -> "25%", with `decimals` digits after the point.
std::string format_percent(double fraction, int decimals = 0);
// A duration for people: "850 ms", "2.1 s", "1 min 05 s".
std::string format_age(TimeUs duration_us);
// The smallest 1, 2 or 5 x 10^k at or above `value`, at least `floor`: a readable axis top.
double nice_ceiling(double value, double floor = 1.0);

// ---- commands (the scenario language) ----

// `via` is kLoadBalancer (through the balancer) or a server id.
std::string order_command(const std::string& sku, long long quantity, NodeId via);
std::string read_command(const std::string& sku, NodeId via);
std::string custom_load_command(int rate_per_s, int duration_s);

// ---- orders ----

// "acknowledged", "rejected: not enough stock", "failed: no answer after every retry",
// "pending (attempt 2)".
std::string order_outcome_text(const ClientOrder& order);
// Where the order went, client first: "client → LB → 3 → 6". Empty until it is answered.
std::string order_path_text(const ClientOrder& order);
// Submit to answer; for an order still pending, how long it has waited so far.
double order_latency_ms(const ClientOrder& order, TimeUs now_us);
// The server whose data an answer's stock number came from: the server that served a
// read, the leader that decided an order (the entry server only relays its answer).
NodeId stock_source(const ClientOrder& order);
// Per catalogue product, the server behind Clients::stock_seen(): found from the newest
// answer that carried a stock number, else Clients::stock_seen_from().
std::vector<NodeId> stock_sources(const Clients& clients, std::size_t products);

struct OrderFilter {
    bool orders = true;      // include orders
    bool reads = false;      // include stock reads
    bool load_test = true;   // include the load generator's orders
    bool user = true;        // include the shop user's orders and reads
};
// Pending and finished orders, the most recently submitted (highest id) first, at most `limit`.
std::vector<const ClientOrder*> orders_newest_first(const Clients& clients, const OrderFilter& filter,
                                                    std::size_t limit);

// ---- stock on every server (Data tab) ----

struct StockReference {
    NodeId server = kNoNode;  // whose values count as right; kNoNode: nobody alive
    bool agreed_leader = false;  // true: the leader every alive server agrees on
};
// The agreed leader; without one, the alive server that believes it leads with the
// longest log; else the alive server with the longest log.
StockReference stock_reference(const Simulation& sim);
// A cell to highlight: an alive server whose stock of `product` differs from the reference.
bool stock_differs(const Simulation& sim, const StockReference& ref, NodeId server, std::size_t product);

// ---- balancer ----

const char* lb_algorithm_summary(LbAlgorithm algorithm);
inline constexpr LbAlgorithm kLbAlgorithms[] = {LbAlgorithm::RoundRobin, LbAlgorithm::LeastConnections,
                                                LbAlgorithm::Weighted, LbAlgorithm::LeastResponseTime,
                                                LbAlgorithm::PowerOfTwo};

// A server the balancer judges differently from the truth.
struct HealthMismatch {
    NodeId server = kNoNode;
    bool lb_healthy = false;  // what the balancer believes
    bool alive = false;       // the truth
    TimeUs changed_at_us = -1;  // its last crash (or restart), -1 if not known
};
std::vector<HealthMismatch> health_mismatches(const Simulation& sim);
// "LB still thinks server 6 is healthy, but it crashed 2.1 s ago."
std::string mismatch_text(const HealthMismatch& m, TimeUs now_us, TimeUs health_interval_us);

// How far a load test is: elapsed simulated time over its duration, 0..1.
double load_elapsed_fraction(const LoadTestSummary& test, TimeUs now_us);
// A share of a total as a fraction (0 when the total is 0).
double share(std::uint64_t part, std::uint64_t total);

// ---- metrics ----

enum class Metric : std::uint8_t { Cpu, Queue, Response, Throughput, Memory, Count };
const char* metric_title(Metric metric);  // "CPU"
const char* metric_unit(Metric metric);   // "%"
// How a raw sample is shown: CPU is stored 0..1 and shown in percent.
double metric_display(Metric metric, float raw);

struct SeriesWindow {
    std::size_t first = 0;  // index of the first sample shown (0 = the oldest kept)
    std::size_t count = 0;
};
// The last `window` samples of a series of `size`.
SeriesWindow series_window(std::size_t size, std::size_t window);

}  // namespace cs::ui
