#include "ui/concepts.h"

#include <algorithm>
#include <cstdarg>
#include <cstdio>
#include <map>

namespace cs::ui {
namespace {

// Priorities: what changes the picture most comes first. A violation is the
// lesson itself but stays on record for good, so live events outrank it.
constexpr int kAllDown = 100;
constexpr int kElection = 90;
constexpr int kLeaderLost = 88;
constexpr int kPartition = 85;
constexpr int kIsolated = 80;
constexpr int kViolations = 75;
constexpr int kNewLeader = 70;
constexpr int kSplitLeaders = 68;
constexpr int kSyncing = 65;
constexpr int kLoadTest = 60;
constexpr int kLbStale = 58;
constexpr int kReplicating = 55;
constexpr int kCrashed = 50;
constexpr int kCommitted = 40;
constexpr int kQuiet = 10;

// How long after the fact a finished step is still worth a sentence (simulated time).
constexpr TimeUs kRecentUs = us_from_ms(1500);
constexpr TimeUs kNewLeaderUs = us_from_s(3);

std::string format(const char* fmt, ...) __attribute__((format(printf, 1, 2)));
std::string format(const char* fmt, ...) {
    char buffer[512];
    va_list args;
    va_start(args, fmt);
    std::vsnprintf(buffer, sizeof buffer, fmt, args);
    va_end(args);
    return buffer;
}

// "1,2,3"; a list longer than eight has its runs shortened ("1-20,22"), so that
// 64 servers still fit a line.
std::string ids_text(const std::vector<NodeId>& ids) {
    std::string text;
    const bool shorten = ids.size() > 8;
    for (std::size_t i = 0; i < ids.size();) {
        std::size_t j = i;
        while (j + 1 < ids.size() && ids[j + 1] == ids[j] + 1) ++j;
        if (!text.empty()) text += ",";
        if (shorten && j >= i + 2) {
            text += std::to_string(ids[i]) + "-" + std::to_string(ids[j]);
        } else {
            for (std::size_t k = i; k <= j; ++k) text += (k > i ? "," : "") + std::to_string(ids[k]);
        }
        i = j + 1;
    }
    return text;
}

// "1 s", "1.5 s", "300 ms".
std::string duration_text(TimeUs t) {
    char text[32];
    if (t >= us_from_s(1)) std::snprintf(text, sizeof text, "%g s", static_cast<double>(t) / 1e6);
    else std::snprintf(text, sizeof text, "%g ms", ms_from_us(t));
    return text;
}

std::string plural(std::uint64_t n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

// "server 3" or "servers 2, 3".
std::string servers_named(const std::vector<NodeId>& ids) {
    return (ids.size() == 1 ? "server " : "servers ") + ids_text(ids);
}

std::string capitalised(std::string text) {
    if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') text[0] = static_cast<char>(text[0] - 'a' + 'A');
    return text;
}

void election(const Simulation& sim, std::vector<Concept>& out) {
    if (!sim.election_in_progress()) return;
    std::vector<NodeId> candidates, awaiting, recovering;
    for (const Server& s : sim.servers()) {
        if (!s.alive) continue;
        if (s.role == Role::Candidate) candidates.push_back(s.id);
        if (s.role == Role::AwaitingCoordinator) awaiting.push_back(s.id);
        if (s.role == Role::Recovering) recovering.push_back(s.id);
    }
    // The simulation's flag stays up until every alive server agrees on one leader,
    // which a partition prevents for good: once nobody is electing any more, the
    // partition sentence tells the rest.
    if (candidates.empty() && awaiting.empty() && recovering.empty()) return;
    const std::string count = plural(sim.election_messages_current(), "ELECTION/OK/COORDINATOR message",
                                     "ELECTION/OK/COORDINATOR messages");
    if (!recovering.empty()) {
        out.push_back({format("Server %d won the election and collects the newest data from a majority before it "
                              "serves (quorum on); %s so far",
                              recovering.back(), count.c_str()),
                       std::string(kSectionCap) + " (CP)", kElection});
        return;
    }
    std::string waiting;
    if (!candidates.empty())
        waiting = format("; %s sent ELECTION to higher ids and wait%s for an OK", servers_named(candidates).c_str(),
                         candidates.size() == 1 ? "s" : "");
    else
        waiting = format("; %s got OK and wait%s for COORDINATOR", servers_named(awaiting).c_str(),
                         awaiting.size() == 1 ? "s" : "");
    out.push_back({"Election in progress: " + count + " so far" + waiting, kSectionBully, kElection});
}

// A leader crashed and the followers have not noticed yet: they still believe in it.
void leader_lost(const Simulation& sim, std::vector<Concept>& out) {
    if (sim.election_in_progress()) return;
    std::map<NodeId, int> believers;  // dead leader -> alive servers still following it
    for (const Server& s : sim.servers())
        if (s.alive && s.leader >= 1 && s.leader <= sim.server_count() && !sim.server(s.leader).alive)
            ++believers[s.leader];
    if (believers.empty()) return;
    const NodeId dead = believers.begin()->first;
    const Config& c = sim.config();
    out.push_back({format("Leader %d crashed; followers notice after %d missed heartbeats (%s apart) and then "
                          "start an election",
                          dead, c.missed_heartbeats_to_suspect, duration_text(c.heartbeat_interval_us).c_str()),
                   kSectionBully, kLeaderLost});
}

void partition(const Simulation& sim, std::vector<Concept>& out) {
    const Network& net = sim.network();
    if (!net.partitioned()) return;
    std::vector<NodeId> sides[2];
    for (NodeId id = 1; id <= sim.server_count(); ++id) {
        const int side = net.side_of(id);
        if (side == 0 || side == 1) sides[side].push_back(id);
    }
    // Leaders accepting writes on each side, as the servers themselves believe.
    int sides_with_leader = 0;
    for (const auto& side : sides)
        for (NodeId id : side)
            if (sim.server(id).is_leader() && !net.isolated(id)) {
                ++sides_with_leader;
                break;
            }
    const std::string cut = "{" + ids_text(sides[0]) + "} | {" + ids_text(sides[1]) + "}";
    std::string what;
    if (sim.config().quorum) {
        const int majority = sim.server_count() / 2 + 1;
        const bool a_major = static_cast<int>(sides[0].size()) >= majority;
        const bool b_major = static_cast<int>(sides[1].size()) >= majority;
        if (a_major || b_major)
            what = "; the minority side {" + ids_text(a_major ? sides[1] : sides[0]) +
                   "} refuses writes: consistent, not available (CP)";
        else
            what = "; neither side has a majority, so both refuse writes: consistent, not available (CP)";
    } else if (sides_with_leader >= 2) {
        what = "; two leaders accept writes (split brain): available, not consistent (AP)";
    } else {
        what = "; each side will elect its own leader (quorum off)";
    }
    out.push_back({"Network partitioned: " + cut + what, kSectionCap, kPartition});
}

void isolated(const Simulation& sim, std::vector<Concept>& out) {
    std::vector<NodeId> ids;
    for (NodeId id = 1; id <= sim.server_count(); ++id)
        if (sim.network().isolated(id) && sim.server(id).alive) ids.push_back(id);
    if (ids.empty()) return;
    const bool leads = ids.size() == 1 && sim.server(ids[0]).is_leader();
    if (leads && !sim.config().quorum)
        out.push_back({format("Server %d is isolated but still believes it leads; the others elect another leader "
                              "(split brain if both take orders)",
                              ids[0]),
                       kSectionCap, kIsolated});
    else
        out.push_back({capitalised(servers_named(ids)) + (ids.size() == 1 ? " is" : " are") +
                           " isolated: cut off from every other server; the rest go on without " +
                           (ids.size() == 1 ? "it" : "them"),
                       kSectionCap, kIsolated});
}

void violations(const Simulation& sim, std::vector<Concept>& out) {
    const auto& all = sim.checker().violations();
    if (all.empty()) return;
    std::vector<ViolationKind> kinds;
    for (const Violation& v : all)
        if (std::find(kinds.begin(), kinds.end(), v.kind) == kinds.end()) kinds.push_back(v.kind);
    std::string names;
    for (ViolationKind k : kinds) names += (names.empty() ? "" : ", ") + std::string(violation_kind_name(k));
    const std::uint64_t total = sim.checker().total();
    out.push_back({format("Checker: %s (%s)", plural(total, "violation", "violations").c_str(), names.c_str()),
                   kSectionConsistency, kViolations});
}

void new_leader(const Simulation& sim, std::vector<Concept>& out) {
    const NodeId leader = sim.agreed_leader();
    if (leader == kNoNode || sim.elections_total() == 0 || sim.election_in_progress()) return;
    const Server& s = sim.server(leader);
    if (sim.now_us() - s.leader_since_us > kNewLeaderUs) return;
    out.push_back({format("Server %d won the election (the highest alive id) after %s and announced itself with "
                          "COORDINATOR",
                          leader, plural(sim.election_messages_last(), "election message", "election messages").c_str()),
                   kSectionBully, kNewLeader});
}

void syncing(const Simulation& sim, std::vector<Concept>& out) {
    std::vector<NodeId> ids;
    for (const Server& s : sim.servers())
        if (s.alive && s.syncing_after_restart) ids.push_back(s.id);
    if (ids.empty()) return;
    out.push_back({capitalised(servers_named(ids)) + " restarted and copies the current data before rejoining",
                   std::string(kSectionFaultTolerance) + " (data synchronization)", kSyncing});
}

void load_test(const Simulation& sim, std::vector<Concept>& out) {
    const LoadTestSummary& t = sim.clients().load_test();
    if (!t.running) return;
    out.push_back({format("Load test%s%s: %g orders/s, %s; %llu of %llu sent, %llu acknowledged",
                          t.preset.empty() ? "" : " ", t.preset.c_str(), t.rate,
                          lb_algorithm_name(sim.load_balancer().algorithm()),
                          static_cast<unsigned long long>(t.submitted), static_cast<unsigned long long>(t.planned),
                          static_cast<unsigned long long>(t.acknowledged)),
                   kSectionLoadBalancing, kLoadTest});
}

// The balancer still routes to a crashed server until its next health check fails.
void lb_stale(const Simulation& sim, std::vector<Concept>& out) {
    std::vector<NodeId> ids;
    for (NodeId id = 1; id <= sim.server_count(); ++id)
        if (!sim.server(id).alive && sim.load_balancer().server(id).healthy) ids.push_back(id);
    if (ids.empty()) return;
    out.push_back({format("The load balancer still counts crashed %s as healthy until its next health check "
                          "(every %s)",
                          servers_named(ids).c_str(), duration_text(sim.config().health_interval_us).c_str()),
                   kSectionLoadBalancing, kLbStale});
}

void replicating(const Simulation& sim, std::vector<Concept>& out) {
    const bool sync = sim.config().replication == ReplicationMode::Sync || sim.config().quorum;
    bool said = false;
    for (const Server& s : sim.servers()) {
        if (!s.is_leader() || s.pending_writes.empty()) continue;
        const PendingWrite& w = s.pending_writes.front();
        if (w.order_id == 0 || w.waiting_for.empty()) continue;
        // Sent to: the followers that answered (acks counts the leader too) and those still awaited.
        const auto sent = static_cast<std::uint64_t>(std::max(0, w.acks - 1)) + w.waiting_for.size();
        const std::string whom = plural(sent, "follower", "followers");
        const std::string missing = w.waiting_for.size() == sent
                                        ? std::string()
                                        : format(" (%llu still to come)", static_cast<unsigned long long>(w.waiting_for.size()));
        if (sim.config().quorum)
            out.push_back({format("Leader %d replicates order #%llu to %s and acknowledges it once a majority holds "
                                  "it; waiting for %s",
                                  s.id, static_cast<unsigned long long>(w.order_id), whom.c_str(),
                                  plural(w.waiting_for.size(), "follower", "followers").c_str()),
                           std::string(kSectionReplication) + " (majority)", kReplicating});
        else
            out.push_back({format("Leader %d replicates order #%llu to %s and waits for their ACKs%s", s.id,
                                  static_cast<unsigned long long>(w.order_id), whom.c_str(), missing.c_str()),
                           std::string(kSectionReplication) + " (synchronous)", kReplicating});
        said = true;
        break;
    }
    if (said || sync) return;
    // Asynchronous: the client has its answer already; REPLICATE messages are still on their way.
    std::map<NodeId, std::pair<std::uint64_t, int>> copies;  // leader -> (latest order, messages)
    sim.for_each_in_flight([&](const Message& m) {
        if (m.type != MsgType::Replicate) return;
        auto& c = copies[m.from];
        c.first = std::max(c.first, m.entry.order_id);
        ++c.second;
    });
    if (copies.empty()) return;
    const auto& [leader, c] = *copies.begin();
    out.push_back({format("Leader %d answered order #%llu before its followers hold it; %s on the way "
                          "(eventual consistency)",
                          leader, static_cast<unsigned long long>(c.first),
                          plural(static_cast<std::uint64_t>(c.second), "REPLICATE is", "REPLICATEs are").c_str()),
                   std::string(kSectionReplication) + " (asynchronous)", kReplicating});
}

void crashed(const Simulation& sim, std::vector<Concept>& out) {
    std::vector<NodeId> ids;
    for (const Server& s : sim.servers())
        if (!s.alive) ids.push_back(s.id);
    if (ids.empty()) return;
    const NodeId leader = sim.agreed_leader();
    const bool one = ids.size() == 1;
    const char* them = one ? "it" : "them";
    std::string text = capitalised(servers_named(ids)) + (one ? " crashed" : " are down");
    if (leader == kNoNode) {
        text += "; restart " + std::string(one ? "it" : "one") + " with its Restart button";
    } else if (sim.config().quorum) {
        text += format("; leader %d needs only a majority of the servers, so it goes on without %s", leader, them);
    } else {
        // The leader learns of a crash only when a REPLICATE to it goes unanswered.
        const Server& l = sim.server(leader);
        bool all_marked = true;
        for (NodeId id : ids)
            if (id != leader && l.peer_up.size() >= static_cast<std::size_t>(id) && l.peer_up[static_cast<std::size_t>(id - 1)])
                all_marked = false;
        if (all_marked)
            text += format("; leader %d replicates to the alive servers and skips %s", leader, them);
        else
            text += format("; leader %d skips %s once a REPLICATE goes unanswered", leader, them);
    }
    out.push_back({text, kSectionFaultTolerance, kCrashed});
}

void committed(const Simulation& sim, std::vector<Concept>& out) {
    const NodeId leader = sim.agreed_leader();
    if (leader == kNoNode) return;
    const Server& s = sim.server(leader);
    if (s.last_commit_us < 0 || sim.now_us() - s.last_commit_us > kRecentUs || s.log.empty()) return;
    const bool sync = sim.config().replication == ReplicationMode::Sync;
    if (sim.config().quorum)
        out.push_back({format("Leader %d acknowledged order #%llu once a majority held it", leader,
                              static_cast<unsigned long long>(s.log.back().order_id)),
                       std::string(kSectionReplication) + " (majority)", kCommitted});
    else if (sync)
        out.push_back({format("Leader %d acknowledged order #%llu after every alive follower ACKed it: all servers "
                              "show the same stock (strong consistency)",
                              leader, static_cast<unsigned long long>(s.log.back().order_id)),
                       std::string(kSectionReplication) + " (synchronous)", kCommitted});
}

void quiet(const Simulation& sim, std::vector<Concept>& out) {
    const NodeId leader = sim.agreed_leader();
    int alive = 0;
    for (const Server& s : sim.servers()) alive += s.alive ? 1 : 0;
    if (alive == 0) {
        out.push_back({"Every server is down: the system cannot answer anyone", kSectionFaultTolerance, kAllDown});
        return;
    }
    if (leader == kNoNode) {
        std::vector<NodeId> leaders;
        for (const Server& s : sim.servers())
            if (s.is_leader() && !sim.network().isolated(s.id)) leaders.push_back(s.id);
        if (leaders.size() >= 2 && !sim.network().partitioned())
            out.push_back({"Servers " + ids_text(leaders) +
                               " each act as leader; once they hear of each other, the highest id takes over",
                           kSectionBully, kSplitLeaders});
        else
            out.push_back({"The servers do not agree on a leader yet", kSectionBully, kQuiet});
        return;
    }
    out.push_back({format("All %d alive servers follow leader %d (the highest id); followers send it a HEARTBEAT "
                          "every %s to check it is alive",
                          alive, leader, duration_text(sim.config().heartbeat_interval_us).c_str()),
                   kSectionBully, kQuiet});
}

// The last election's count stays on screen until the next one ends: the O(n^2) of Bully.
void last_election(const Simulation& sim, std::vector<Concept>& out) {
    std::string text = last_election_text(sim);
    if (text.empty()) return;
    Concept c{std::move(text), kSectionBully, 0};
    c.pinned = true;
    out.push_back(std::move(c));
}

}  // namespace

std::string last_election_text(const Simulation& sim) {
    const ElectionCount& e = sim.last_election();
    if (e.ended_us < 0) return {};
    std::string text = format("Last election: %s: %llu ELECTION, %llu OK, %llu COORDINATOR",
                              plural(e.messages, "message", "messages").c_str(), static_cast<unsigned long long>(e.election),
                              static_cast<unsigned long long>(e.ok), static_cast<unsigned long long>(e.coordinator));
    if (e.state > 0) text += format(", %llu STATE", static_cast<unsigned long long>(e.state));
    if (e.winner != kNoNode) text += format("; server %d won", e.winner);
    return text;
}

std::vector<Concept> explain_now(const Simulation& sim) {
    std::vector<Concept> out;
    election(sim, out);
    leader_lost(sim, out);
    partition(sim, out);
    isolated(sim, out);
    violations(sim, out);
    new_leader(sim, out);
    syncing(sim, out);
    load_test(sim, out);
    lb_stale(sim, out);
    replicating(sim, out);
    crashed(sim, out);
    committed(sim, out);
    quiet(sim, out);
    last_election(sim, out);
    std::stable_sort(out.begin(), out.end(), [](const Concept& a, const Concept& b) { return a.priority > b.priority; });
    return out;
}

}  // namespace cs::ui
