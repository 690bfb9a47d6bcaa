// `expect` lines: parsed here (the forms of the scenario language that state what must
// hold) and checked against the live simulation at the current time.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "command_parse.h"
#include "simulation.h"

namespace cs {
namespace {

using namespace command_parse;

// --- Parsing ---

// "N", "MIN..MAX", "MIN.." (no upper bound) or "..MAX" (from 0), each end read by parse_one.
template <typename ParseOne>
bool parse_bounds(std::string_view text, Bounds& out, ParseOne parse_one) {
    const auto dots = text.find("..");
    if (dots == std::string_view::npos) {
        if (!parse_one(text, out.min)) return false;
        out.max = out.min;
        return out.min >= 0;
    }
    const std::string_view lo = text.substr(0, dots), hi = text.substr(dots + 2);
    if (lo.empty() && hi.empty()) return false;
    out.min = 0;
    out.max = INT64_MAX;
    if (!lo.empty() && !parse_one(lo, out.min)) return false;
    if (!hi.empty() && !parse_one(hi, out.max)) return false;
    return out.min >= 0 && out.min <= out.max;
}

bool parse_count_bounds(std::string_view text, Bounds& out) { return parse_bounds(text, out, parse_int); }

bool parse_duration_bounds(std::string_view text, Bounds& out) { return parse_bounds(text, out, parse_duration); }

// A percentage with an optional '%', in hundredths of a percent ("12.5%" -> 1250).
bool parse_percent(std::string_view text, std::int64_t& out) {
    if (!text.empty() && text.back() == '%') text.remove_suffix(1);
    double value = 0;
    if (!parse_decimal(text, value) || value > 100) return false;
    out = static_cast<std::int64_t>(std::llround(value * 100));
    return true;
}

bool parse_load_expect(const std::vector<std::string_view>& w, Command& out, std::string& error) {
    out.expect = ExpectKind::Load;
    const char* usage =
        "expected 'expect load' with any of submitted=N acknowledged=N rejected=N unknown=N (N or MIN..MAX) "
        "p50=D p95=D p99=D (D a duration or MIN..MAX, like p99=..250ms)";
    if (w.size() < 3) {
        error = usage;
        return false;
    }
    for (std::size_t i = 2; i < w.size(); ++i) {
        std::string_view v;
        Bounds* field = nullptr;
        bool latency = false;
        if (key_value(w[i], "submitted", v)) field = &out.load.submitted;
        else if (key_value(w[i], "acknowledged", v)) field = &out.load.acknowledged;
        else if (key_value(w[i], "rejected", v)) field = &out.load.rejected;
        else if (key_value(w[i], "unknown", v)) field = &out.load.unknown;
        else if (key_value(w[i], "p50", v)) field = &out.load.p50_us, latency = true;
        else if (key_value(w[i], "p95", v)) field = &out.load.p95_us, latency = true;
        else if (key_value(w[i], "p99", v)) field = &out.load.p99_us, latency = true;
        if (!field) {
            error = std::string(usage) + ", got " + quote(w[i]);
            return false;
        }
        if (field->asked()) {  // "p99=1s p99=2s" once checked the last one alone
            error = quote(w[i].substr(0, w[i].find('=') + 1)) + " is given twice";
            return false;
        }
        if (latency ? !parse_duration_bounds(v, *field) : !parse_count_bounds(v, *field)) {
            error = latency ? "expected a latency like 250ms or a range like 10ms..250ms, got " + quote(v)
                            : "expected a count like 20 or a range like 18..20, got " + quote(v);
            return false;
        }
    }
    return true;
}

// --- Checking ---


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
        {"unknown", {&e.unknown, t.unknown}},
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

bool parse_violation_kind(std::string_view text, ViolationKind& out) {
    for (auto kind : {ViolationKind::Oversell, ViolationKind::LostOrder, ViolationKind::Divergence, ViolationKind::SplitBrain,
                      ViolationKind::NonLinearizable})
        if (text == violation_kind_name(kind)) {
            out = kind;
            return true;
        }
    return false;
}

bool command_parse::parse_expect(const std::vector<std::string_view>& w, const ParseContext& ctx, Command& out, std::string& error) {
    out.verb = Verb::Expect;
    if (w.size() < 2) {
        error = "expected what to expect: leader, stock, orders, alive, converged, no-violations, violation, load, "
                "share or routed";
        return false;
    }
    const std::string_view what = w[1];
    if (what == "leader") {
        out.expect = ExpectKind::Leader;
        if (w.size() != 3) {
            error = "expected 'expect leader N' or 'expect leader none'";
            return false;
        }
        if (w[2] == "none") {
            out.node = kNoNode;
            return true;
        }
        return parse_server(w[2], ctx, out.node, error);
    }
    if (what == "stock") {
        out.expect = ExpectKind::Stock;
        if (!(w.size() == 4 || (w.size() == 6 && w[4] == "on"))) {
            error = "expected 'expect stock SKU N [on S]'";
            return false;
        }
        if (!known_product(ctx, w[2])) {
            error = "unknown product " + quote(w[2]);
            return false;
        }
        out.name = std::string(w[2]);
        if (!parse_int(w[3], out.number)) {
            error = "expected a stock number, got " + quote(w[3]);
            return false;
        }
        out.node = kNoNode;
        return w.size() == 4 || parse_server(w[5], ctx, out.node, error);
    }
    if (what == "orders") {
        out.expect = ExpectKind::Orders;
        if (w.size() < 3) {
            error = "expected 'expect orders' with any of submitted=N acknowledged=N rejected=N unknown=N";
            return false;
        }
        for (std::size_t i = 2; i < w.size(); ++i) {
            std::string_view v;
            std::int64_t* field = nullptr;
            if (key_value(w[i], "submitted", v)) field = &out.orders.submitted;
            else if (key_value(w[i], "acknowledged", v)) field = &out.orders.acknowledged;
            else if (key_value(w[i], "rejected", v)) field = &out.orders.rejected;
            else if (key_value(w[i], "unknown", v)) field = &out.orders.unknown;
            if (!field) {
                error = "expected submitted=N, acknowledged=N, rejected=N or unknown=N, got " + quote(w[i]);
                return false;
            }
            if (*field >= 0) {  // "submitted=1 submitted=2" once checked the last one alone
                error = quote(w[i].substr(0, w[i].find('=') + 1)) + " is given twice";
                return false;
            }
            if (!parse_int(v, *field) || *field < 0) {
                error = "expected a count, got " + quote(v);
                return false;
            }
        }
        return true;
    }
    if (what == "alive") {
        out.expect = ExpectKind::Alive;
        if (w.size() < 3) {
            error = "expected 'expect alive 1,2,3' or 'expect alive none'";
            return false;
        }
        if (w.size() == 3 && w[2] == "none") return true;
        return parse_server_list(join(w, 2), ctx, out.side_a, error);
    }
    if (what == "converged" || what == "no-violations" || what == "linearizable" || what == "not-linearizable") {
        out.expect = what == "converged"         ? ExpectKind::Converged
                     : what == "no-violations"   ? ExpectKind::NoViolations
                     : what == "linearizable"    ? ExpectKind::Linearizable
                                                 : ExpectKind::NotLinearizable;
        if (w.size() != 2) {
            error = "'expect " + std::string(what) + "' takes no arguments";
            return false;
        }
        return true;
    }
    if (what == "violation") {
        out.expect = ExpectKind::Violation;
        if (w.size() != 3 || !parse_violation_kind(w[2], out.violation)) {
            error = "expected 'expect violation oversell|lost-order|divergence|split-brain'";
            return false;
        }
        return true;
    }
    if (what == "load") return parse_load_expect(w, out, error);
    if (what == "share" || what == "routed") {
        const bool share = what == "share";
        out.expect = share ? ExpectKind::Share : ExpectKind::Routed;
        if (w.size() != 4) {
            error = share ? "expected 'expect share S P%' or 'expect share S MIN%..MAX%'"
                          : "expected 'expect routed S N' or 'expect routed S MIN..MAX'";
            return false;
        }
        if (!parse_server(w[2], ctx, out.node, error)) return false;
        const bool ok = share ? parse_bounds(w[3], out.bounds, parse_percent) : parse_count_bounds(w[3], out.bounds);
        if (!ok) {
            error = share ? "expected a share like 10%..25% (percent, 0 to 100), got " + quote(w[3])
                          : "expected a count like 30 or a range like 25..35, got " + quote(w[3]);
            return false;
        }
        return true;
    }
    // The first sentence is the original contract (tests/cli/invalid/bad_expect.scn).
    error = "unknown expectation " + quote(what) +
            " (expected leader, stock, orders, alive, converged, no-violations, violation, linearizable "
            "or not-linearizable); "
            "for load tests also load, share or routed";
    return false;
}

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
                {"unknown", {c.orders.unknown, t.unknown}},
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
        case ExpectKind::Linearizable:
        case ExpectKind::NotLinearizable: {
            // The client history so far (orders and reads, with what each client was told).
            const LinearizabilityResult r = history_.verdict();
            const bool want = c.expect == ExpectKind::Linearizable;
            if (r.verdict == Verdict::Linearizable) return want ? std::string() : "expected a non-linearizable client history, got a linearizable one";
            if (r.verdict == Verdict::NotLinearizable) return want ? "expected a linearizable client history, got not linearizable: " + r.reason : std::string();
            return std::string("expected a ") + (want ? "" : "non-") + "linearizable client history, got unknown: " + r.reason;
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
