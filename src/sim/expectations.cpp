// `expect` lines: checked against the live simulation at the current time.
#include <algorithm>

#include "sim/simulation.h"

namespace cs {
namespace {

std::string id_list(const std::vector<NodeId>& ids) {
    if (ids.empty()) return "none";
    std::string out;
    for (NodeId id : ids) out += (out.empty() ? "" : ",") + std::to_string(id);
    return out;
}

std::string leader_text(NodeId id) { return id == kNoNode ? "none" : std::to_string(id); }

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
    }
    return {};
}

}  // namespace cs
