#include "ui/panel_logic.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "sim/simulation.h"

namespace cs::ui {

// ---- formatting ----

std::string format_money(std::int64_t cents) {
    const bool negative = cents < 0;
    const std::uint64_t magnitude = negative ? 0ull - static_cast<std::uint64_t>(cents) : static_cast<std::uint64_t>(cents);
    std::string whole = std::to_string(magnitude / 100);
    // Thousands separators, so revenue after a heavy load test stays readable at a glance.
    for (int at = static_cast<int>(whole.size()) - 3; at > 0; at -= 3) whole.insert(static_cast<std::size_t>(at), ",");
    char fraction[4];
    std::snprintf(fraction, sizeof fraction, "%02u", static_cast<unsigned>(magnitude % 100));
    return (negative ? "-" : "") + whole + "." + fraction;
}

std::string format_percent(double fraction, int decimals) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.*f%%", std::clamp(decimals, 0, 3), fraction * 100.0);
    return buffer;
}

std::string format_age(TimeUs duration_us) {
    char buffer[32];
    const TimeUs d = std::max<TimeUs>(0, duration_us);
    if (d < us_from_s(1)) std::snprintf(buffer, sizeof buffer, "%lld ms", static_cast<long long>(d / 1000));
    else if (d % us_from_s(1) == 0 && d < us_from_s(60)) std::snprintf(buffer, sizeof buffer, "%lld s", static_cast<long long>(d / 1000000));
    else if (d < us_from_s(60)) std::snprintf(buffer, sizeof buffer, "%.1f s", static_cast<double>(d) / 1e6);
    else {
        const long long s = static_cast<long long>(d / 1000000);
        std::snprintf(buffer, sizeof buffer, "%lld min %02lld s", s / 60, s % 60);
    }
    return buffer;
}

double nice_ceiling(double value, double floor) {
    const double v = std::max(value, floor);
    if (!(v > 0) || !std::isfinite(v)) return floor > 0 ? floor : 1.0;
    const double decade = std::pow(10.0, std::floor(std::log10(v)));
    for (double step : {1.0, 2.0, 5.0, 10.0}) {
        // A little slack so 100.0000001 (float noise) does not jump to 200.
        if (v <= step * decade * (1.0 + 1e-9)) return step * decade;
    }
    return 10.0 * decade;
}

// ---- commands ----

namespace {
std::string via_suffix(NodeId via) { return via >= 1 ? " via " + std::to_string(via) : std::string(); }
}  // namespace

std::string order_command(const std::string& sku, long long quantity, NodeId via) {
    return "order " + sku + " " + std::to_string(quantity) + via_suffix(via);
}

std::string read_command(const std::string& sku, NodeId via) { return "read " + sku + via_suffix(via); }

std::string custom_load_command(int rate_per_s, int duration_s) {
    return "load rate=" + std::to_string(rate_per_s) + " duration=" + std::to_string(duration_s) + "s";
}

// ---- orders ----

std::string order_outcome_text(const ClientOrder& order) {
    switch (order.status) {
        case OrderStatus::Pending:
            return order.attempts > 1 ? "pending (attempt " + std::to_string(order.attempts) + ")" : "pending";
        case OrderStatus::Acknowledged: return order.is_read ? "answered" : "acknowledged";
        case OrderStatus::Rejected: return std::string("rejected: ") + reason_text(order.reason);
        case OrderStatus::Unknown:
            return std::string("unknown") + (order.reason != Reason::None ? std::string(": ") + reason_text(order.reason) : "");
    }
    return "?";
}

std::string order_path_text(const ClientOrder& order) {
    std::vector<NodeId> hops(order.path.begin(), order.path.begin() + order.path_length);
    // The balancer relays without stamping the path; put it back where the order passed it.
    const bool lb_listed = std::find(hops.begin(), hops.end(), kLoadBalancer) != hops.end();
    if (order.via == kLoadBalancer && !lb_listed && !hops.empty())
        hops.insert(hops.begin() + (hops.front() == kClients ? 1 : 0), kLoadBalancer);
    std::string text;
    for (std::size_t i = 0; i < hops.size(); ++i) {
        if (i > 0) text += " \u2192 ";
        if (hops[i] == kClients) text += "client";
        else if (hops[i] == kLoadBalancer) text += "LB";
        else text += std::to_string(hops[i]);
    }
    return text;
}

double order_latency_ms(const ClientOrder& order, TimeUs now_us) {
    const TimeUs end = order.finished_us >= 0 ? order.finished_us : now_us;
    return ms_from_us(std::max<TimeUs>(0, end - order.submitted_us));
}

NodeId stock_source(const ClientOrder& order) { return order.is_read ? order.entry_server() : order.leader(); }

std::vector<NodeId> stock_sources(const Clients& clients, std::size_t products) {
    std::vector<NodeId> out(products, kNoNode);
    const auto& fallback = clients.stock_seen_from();
    for (std::size_t p = 0; p < products && p < fallback.size(); ++p) out[p] = fallback[p];
    std::vector<bool> found(products, false);
    std::size_t missing = products;
    const auto& recent = clients.recent();
    for (auto it = recent.rbegin(); it != recent.rend() && missing > 0; ++it) {
        if (it->product < 0 || it->stock_seen < 0) continue;
        const auto p = static_cast<std::size_t>(it->product);
        if (p >= products || found[p]) continue;
        found[p] = true;
        --missing;
        out[p] = stock_source(*it);
    }
    return out;
}

std::vector<const ClientOrder*> orders_newest_first(const Clients& clients, const OrderFilter& filter,
                                                    std::size_t limit) {
    auto wanted = [&](const ClientOrder& o) {
        if (o.is_read ? !filter.reads : !filter.orders) return false;
        return o.load_test ? filter.load_test : filter.user;
    };
    std::vector<const ClientOrder*> out;
    for (const auto& [id, o] : clients.pending())
        if (wanted(o)) out.push_back(&o);
    for (const ClientOrder& o : clients.recent())
        if (wanted(o)) out.push_back(&o);
    // By submission, not by answer: the order the user just placed is on top even when an
    // older one is still waiting. Ids are unique, so the order is total.
    auto newer = [](const ClientOrder* a, const ClientOrder* b) { return a->id > b->id; };
    if (out.size() > limit) {
        std::partial_sort(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(limit), out.end(), newer);
        out.resize(limit);
    } else {
        std::sort(out.begin(), out.end(), newer);
    }
    return out;
}

// ---- stock on every server ----

StockReference stock_reference(const Simulation& sim) {
    const NodeId agreed = sim.agreed_leader();
    if (agreed != kNoNode) return {agreed, true};
    // No agreement (election, split brain): prefer a server acting as leader, then the most data.
    NodeId best = kNoNode;
    auto better = [&](const Server& s) {
        if (best == kNoNode) return true;
        const Server& b = sim.server(best);
        if (s.is_leader() != b.is_leader()) return s.is_leader();
        return s.log_length() > b.log_length();
    };
    for (const Server& s : sim.servers())
        if (s.alive && better(s)) best = s.id;
    return {best, false};
}

bool stock_differs(const Simulation& sim, const StockReference& ref, NodeId server, std::size_t product) {
    if (ref.server == kNoNode || server == ref.server) return false;
    const Server& s = sim.server(server);
    const Server& r = sim.server(ref.server);
    if (!s.alive || product >= s.stock.size() || product >= r.stock.size()) return false;
    return s.stock[product] != r.stock[product];
}

// ---- balancer ----

const char* lb_algorithm_summary(LbAlgorithm algorithm) {
    switch (algorithm) {
        case LbAlgorithm::RoundRobin: return "Each healthy server in turn, in circular order. Ignores load.";
        case LbAlgorithm::LeastConnections: return "The server with the fewest active connections (per unit of weight).";
        case LbAlgorithm::Weighted: return "Shares in proportion to the weights: weight 2 gets twice the requests of weight 1.";
        case LbAlgorithm::LeastResponseTime:
            return "The server with the lowest expected response time (moving average x waiting requests).";
        case LbAlgorithm::PowerOfTwo: return "Two healthy servers at random; the less loaded of the two gets it.";
    }
    return "";
}

namespace {
// The last crash or restart of `server`, whichever explains the balancer's view.
TimeUs last_change(const Simulation& sim, NodeId server, MilestoneKind kind) {
    const auto& ms = sim.milestones();
    for (auto it = ms.rbegin(); it != ms.rend(); ++it)
        if (it->kind == kind && it->node == server) return it->time_us;
    return -1;
}
}  // namespace

std::vector<HealthMismatch> health_mismatches(const Simulation& sim) {
    std::vector<HealthMismatch> out;
    const auto& views = sim.load_balancer().servers();
    for (std::size_t i = 0; i < views.size() && i < sim.servers().size(); ++i) {
        const Server& s = sim.servers()[i];
        if (views[i].healthy == s.alive) continue;
        HealthMismatch m;
        m.server = s.id;
        m.lb_healthy = views[i].healthy;
        m.alive = s.alive;
        m.changed_at_us = last_change(sim, s.id, s.alive ? MilestoneKind::Restart : MilestoneKind::Crash);
        out.push_back(m);
    }
    return out;
}

std::string mismatch_text(const HealthMismatch& m, TimeUs now_us, TimeUs health_interval_us) {
    const std::string id = std::to_string(m.server);
    const std::string every = format_age(health_interval_us);
    if (m.lb_healthy) {
        std::string when = m.changed_at_us >= 0 ? " " + format_age(now_us - m.changed_at_us) + " ago" : "";
        return "LB still thinks server " + id + " is healthy, but it crashed" + when +
               ". It learns at a health check (every " + every + ").";
    }
    if (m.changed_at_us >= 0)
        return "LB keeps server " + id + " out of rotation, but it restarted " + format_age(now_us - m.changed_at_us) +
               " ago. It returns after its next health check answers (every " + every + ").";
    return "LB keeps server " + id + " out of rotation, but it is alive: it missed a health check (too busy to answer in time?).";
}

double load_elapsed_fraction(const LoadTestSummary& test, TimeUs now_us) {
    if (test.duration_us <= 0) return test.running ? 0.0 : 1.0;
    if (!test.running) return 1.0;
    return std::clamp(static_cast<double>(now_us - test.started_us) / static_cast<double>(test.duration_us), 0.0, 1.0);
}

double share(std::uint64_t part, std::uint64_t total) {
    return total == 0 ? 0.0 : static_cast<double>(part) / static_cast<double>(total);
}

// ---- metrics ----

const char* metric_title(Metric metric) {
    switch (metric) {
        case Metric::Cpu: return "CPU";
        case Metric::Queue: return "Queue depth";
        case Metric::Response: return "Response time";
        case Metric::Throughput: return "Throughput";
        case Metric::Memory: return "Memory";
        case Metric::Count: break;
    }
    return "?";
}

const char* metric_unit(Metric metric) {
    switch (metric) {
        case Metric::Cpu: return "%";
        case Metric::Queue: return "requests";
        case Metric::Response: return "ms";
        case Metric::Throughput: return "req/s";
        case Metric::Memory: return "MB";
        case Metric::Count: break;
    }
    return "";
}

double metric_display(Metric metric, float raw) { return metric == Metric::Cpu ? raw * 100.0 : raw; }

SeriesWindow series_window(std::size_t size, std::size_t window) {
    const std::size_t count = std::min(size, window);
    return {size - count, count};
}

}  // namespace cs::ui
