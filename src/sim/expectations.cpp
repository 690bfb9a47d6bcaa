// `expect` lines: checked against the live simulation at the current time.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "simulation.h"

namespace cs {
namespace {

std::string id_list(const std::vector<NodeId>& ids) {
    if (ids.empty()) return "none";
    std::string out;
    for (NodeId id : ids) out += (out.empty() ? "" : ",") + std::to_string(id);
    return out;
}

std::string leader_text(NodeId id) { return id == kNoNode ? "none" : std::to_string(id); }

// Bounds as written: "20", "18..20", "18.." or "..20", each end by `one`.
template <typename Format>
std::string bounds_text(const Bounds& b, Format one) {
    if (b.min == b.max) return one(b.min);
    return (b.min > 0 ? one(b.min) : "") + ".." + (b.max < INT64_MAX ? one(b.max) : "");
}

std::string count_text(std::int64_t v) { return std::to_string(v); }

std::string ms_text(double ms) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.1fms", ms);
    return buffer;
}

std::string percent_text(double percent) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.2f%%", percent);
    return buffer;
}

std::string check_load(const LoadExpect& e, const LoadTestSummary& t) {
    std::string want, got;
    bool ok = true;
    auto add = [&](const char* name, const Bounds& b, std::string wanted, std::string value, bool holds) {
        if (!b.asked()) return;
        want += std::string(want.empty() ? "" : " ") + name + "=" + wanted;
        got += std::string(got.empty() ? "" : " ") + name + "=" + value;
        ok = ok && holds;
    };
    const std::pair<const char*, std::pair<const Bounds*, std::uint64_t>> counts[] = {
        {"submitted", {&e.submitted, t.submitted}},
        {"acknowledged", {&e.acknowledged, t.acknowledged}},
        {"rejected", {&e.rejected, t.rejected}},
        {"failed", {&e.failed, t.failed}},
    };
    for (const auto& [name, field] : counts) {
        const auto value = static_cast<std::int64_t>(field.second);
        add(name, *field.first, bounds_text(*field.first, count_text), std::to_string(value), field.first->holds(value));
    }
    const std::pair<const char*, std::pair<const Bounds*, double>> latencies[] = {
        {"p50", {&e.p50_us, t.p50_ms}}, {"p95", {&e.p95_us, t.p95_ms}}, {"p99", {&e.p99_us, t.p99_ms}}};
    const bool latency_asked = e.p50_us.asked() || e.p95_us.asked() || e.p99_us.asked();
    if (latency_asked && !t.finished)
        return "expected a finished load test (latency percentiles are known at its end), got one with " +
               std::to_string(t.outcomes()) + " of " + std::to_string(t.planned) + " orders answered";
    for (const auto& [name, field] : latencies) {
        const auto value_us = static_cast<std::int64_t>(std::llround(field.second * 1000));
        add(name, *field.first, bounds_text(*field.first, format_duration), ms_text(field.second), field.first->holds(value_us));
    }
    if (ok) return {};
    return "expected load " + want + ", got " + got;
}

}  // namespace

std::string Simulation::check_expectation(const Command& c) const {
    switch (c.expect) {
        case ExpectKind::Leader: {
            const NodeId leader = agreed_leader();
            if (leader == c.node) return {};
            return "expected leader " + leader_text(c.node) + ", got " + leader_text(leader);
        }
        case ExpectKind::Stock: {
            std::size_t p = 0;
            while (p < config_.catalogue.size() && config_.catalogue[p].sku != c.name) ++p;
            if (p == config_.catalogue.size()) return "unknown product " + c.name;
            std::string got;
            for (const Server& s : servers_) {
                if (c.node != kNoNode ? s.id != c.node : !s.alive) continue;
                if (s.stock[p] != c.number)
                    got += (got.empty() ? "" : ", ") + std::to_string(s.stock[p]) + " on server " + std::to_string(s.id);
            }
            if (got.empty()) return {};
            return "expected stock " + c.name + " " + std::to_string(c.number) +
                   (c.node != kNoNode ? " on server " + std::to_string(c.node) : " on every alive server") + ", got " + got;
        }
        case ExpectKind::Orders: {
            const auto& t = clients_.totals();
            const std::pair<const char*, std::pair<std::int64_t, std::uint64_t>> fields[] = {
                {"submitted", {c.orders.submitted, t.submitted}},
                {"acknowledged", {c.orders.acknowledged, t.acknowledged}},
                {"rejected", {c.orders.rejected, t.rejected}},
                {"failed", {c.orders.failed, t.failed}},
            };
            std::string want, got;
            bool ok = true;
            for (const auto& [name, values] : fields) {
                if (values.first < 0) continue;
                want += std::string(want.empty() ? "" : " ") + name + "=" + std::to_string(values.first);
                got += std::string(got.empty() ? "" : " ") + name + "=" + std::to_string(values.second);
                ok = ok && static_cast<std::uint64_t>(values.first) == values.second;
            }
            if (ok) return {};
            return "expected orders " + want + ", got " + got;
        }
        case ExpectKind::Alive: {
            std::vector<NodeId> alive, want = c.side_a;
            for (const Server& s : servers_)
                if (s.alive) alive.push_back(s.id);
            std::sort(want.begin(), want.end());
            if (alive == want) return {};
            return "expected alive " + id_list(want) + ", got " + id_list(alive);
        }
        case ExpectKind::Converged: {
            const Server* first = nullptr;
            std::string got;
            for (const Server& s : servers_) {
                if (!s.alive) continue;
                if (!first) first = &s;
                got += (got.empty() ? "" : ", ") + std::to_string(s.id) + ":" + std::to_string(s.log.size());
                if (s.log.size() != first->log.size() || s.digest() != first->digest()) return "expected converged replicas, got orders per server " + got + " (with differing data)";
            }
            return {};
        }
        case ExpectKind::NoViolations: {
            if (checker_.violations().empty()) return {};
            const Violation& v = checker_.violations().front();
            return "expected no violations, got " + std::to_string(checker_.total()) + " (first: " +
                   violation_kind_name(v.kind) + " at " + format_duration(v.time_us) + ": " + v.detail + ")";
        }
        case ExpectKind::Violation: {
            if (checker_.has(c.violation)) return {};
            std::string got;
            for (const Violation& v : checker_.violations()) got += std::string(got.empty() ? "" : ", ") + violation_kind_name(v.kind);
            return std::string("expected a ") + violation_kind_name(c.violation) + " violation, got " + (got.empty() ? "none" : got);
        }
        case ExpectKind::Load: {
            if (!clients_.load_test_ever()) return "expected a load test, got none (no 'load' command ran)";
            return check_load(c.load, clients_.load_test());
        }
        case ExpectKind::Share: {
            if (!clients_.load_test_ever()) return "expected a load test, got none (no 'load' command ran)";
            const auto& per_server = clients_.load_test().per_server;
            std::uint64_t total = 0;
            for (auto n : per_server) total += n;
            if (total == 0) return "expected a share of the last load test, got no order that reached a server";
            const double percent = 100.0 * static_cast<double>(per_server[static_cast<std::size_t>(c.node - 1)]) / static_cast<double>(total);
            const auto hundredths = static_cast<std::int64_t>(std::llround(percent * 100));
            if (c.bounds.holds(hundredths)) return {};
            auto as_percent = [](std::int64_t h) { return percent_text(static_cast<double>(h) / 100.0); };
            return "expected share " + std::to_string(c.node) + " " + bounds_text(c.bounds, as_percent) + ", got " +
                   percent_text(percent) + " (" + std::to_string(per_server[static_cast<std::size_t>(c.node - 1)]) + " of " +
                   std::to_string(total) + " orders)";
        }
        case ExpectKind::Routed: {
            const auto routed = static_cast<std::int64_t>(lb_.server(c.node).routed);
            if (c.bounds.holds(routed)) return {};
            return "expected routed " + std::to_string(c.node) + " " + bounds_text(c.bounds, count_text) + ", got " +
                   std::to_string(routed);
        }
    }
    return {};
}

}  // namespace cs
