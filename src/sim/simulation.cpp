#include "simulation.h"

#include <algorithm>
#include <cstdio>

#include "context.h"
#include "invariants.h"

namespace cs {
namespace {

// Independent random streams derived from the one seed.
enum Stream : std::uint64_t { kNetworkStream = 1, kWorkloadStream = 2, kBalancerStream = 3 };

constexpr TimeUs kMetricsInterval = us_from_s(1);
constexpr TimeUs kCheckerInterval = us_from_ms(100);
constexpr TimeUs kHistoryCheckInterval = us_from_ms(1000);  // a multiple of kCheckerInterval

bool is_election_message(MsgType t) {
    return t == MsgType::Election || t == MsgType::ElectionOk || t == MsgType::Coordinator ||
           t == MsgType::StateRequest || t == MsgType::StateReply;
}

bool majority_alive(const std::vector<Server>& servers) {
    const auto alive = std::count_if(servers.begin(), servers.end(), [](const Server& s) { return s.alive; });
    return alive >= static_cast<std::ptrdiff_t>(servers.size() / 2 + 1);
}

std::uint64_t fnv(std::uint64_t h, std::uint64_t v) {
    for (int i = 0; i < 8; ++i) {
        h ^= (v >> (i * 8)) & 0xff;
        h *= 0x100000001b3ull;
    }
    return h;
}

constexpr std::size_t kMaxMilestones = 2000;
constexpr TimeUs kElectionQuietUs = us_from_s(1);  // no election message this long: the next ELECTION starts a new count

}  // namespace

const char* milestone_kind_name(MilestoneKind kind) {
    switch (kind) {
        case MilestoneKind::Crash: return "crash";
        case MilestoneKind::Restart: return "restart";
        case MilestoneKind::Fault: return "fault";
        case MilestoneKind::Heal: return "heal";
        case MilestoneKind::ElectionStart: return "election";
        case MilestoneKind::LeaderElected: return "leader";
        case MilestoneKind::Violation: return "violation";
    }
    return "?";
}

void Simulation::add_milestone(MilestoneKind kind, NodeId node, std::int64_t index) {
    // Bounded: the oldest half goes when full (the timeline cares most about recent history).
    if (milestones_.size() >= kMaxMilestones) milestones_.erase(milestones_.begin(), milestones_.begin() + kMaxMilestones / 2);
    milestones_.push_back({now_us_, kind, node, index});
}

Simulation::Simulation(Config config)
    : config_(std::move(config)),
      net_rng_(Rng::derive(config_.seed, kNetworkStream)),
      workload_rng_(Rng::derive(config_.seed, kWorkloadStream)),
      lb_rng_(Rng::derive(config_.seed, kBalancerStream)) {
    causal_.reset(config_.servers);
    network_.reset(config_.servers, config_.latency_us_min, config_.latency_us_max, config_.loss);
    checker_.reset(config_);
    servers_.resize(static_cast<std::size_t>(config_.servers));
    Context ctx{*this};
    for (int i = 0; i < config_.servers; ++i) {
        servers_[static_cast<std::size_t>(i)].id = i + 1;
        server_logic::boot(servers_[static_cast<std::size_t>(i)], ctx);
    }
    lb_logic::boot(lb_, ctx);
    std::vector<std::int64_t> initial_stock;
    std::vector<std::string> skus;
    for (const Product& p : config_.catalogue) {
        initial_stock.push_back(p.initial_stock);
        skus.push_back(p.sku);
    }
    history_.reset(initial_stock, std::move(skus));
    history_.set_check_reads(config_.check_reads);
    clients_.stock_seen_.assign(config_.catalogue.size(), -1);
    clients_.stock_seen_from_.assign(config_.catalogue.size(), kNoNode);
    set_timer(kNoNode, TimerKind::MetricsTick, kMetricsInterval, 0);
    set_timer(kNoNode, TimerKind::CheckerTick, kCheckerInterval, 0);
}

std::uint32_t Simulation::allocate_slot() {
    if (!free_slots_.empty()) {
        const std::uint32_t slot = free_slots_.back();
        free_slots_.pop_back();
        return slot;
    }
    messages_.emplace_back();
    return static_cast<std::uint32_t>(messages_.size() - 1);
}

void Simulation::release_slot(std::uint32_t slot) {
    messages_[slot].in_flight = false;
    messages_[slot].message.entries.clear();
    free_slots_.push_back(slot);
}

std::uint64_t Simulation::send(Message&& m) {
    m.id = next_message_id_++;
    m.sent_us = now_us_;
    ++sent_by_type_[static_cast<int>(m.type)];
    if (is_election_message(m.type)) {
        if (!election_active_) {
            election_active_ = true;
            ++elections_total_;
            add_milestone(MilestoneKind::ElectionStart, m.from);
        }
        count_election_message(m.type);
    }
    trace_hash_ = fnv(fnv(trace_hash_, m.id), (static_cast<std::uint64_t>(m.type) << 40) ^
                                                  (static_cast<std::uint64_t>(static_cast<std::uint32_t>(m.from)) << 20) ^
                                                  static_cast<std::uint32_t>(m.to));
    const Route route = network_.route(m.from, m.to, now_us_, net_rng_);
    const std::uint64_t id = m.id;
    if (route.dropped != DropReason::None) {
        if (route.dropped == DropReason::DropNext || route.dropped == DropReason::Loss) note_fault();
        causal_.on_send(now_us_, m, route.dropped, -1, 0);
        LogRecord r;
        r.time_us = now_us_;
        r.kind = LogKind::Dropped;
        r.level = LogLevel::Detail;
        r.msg = m.type;
        r.node = m.from;
        r.other = m.to;
        r.a = static_cast<std::int64_t>(route.dropped);
        r.message_id = id;
        event_log_.add(r);
        if (trace_) trace_event("drop", &m, nullptr, drop_reason_name(route.dropped));
        return id;
    }
    m.deliver_us = route.deliver_us;
    causal_.on_send(now_us_, m, DropReason::None, route.deliver_us, route.duplicate_us >= 0 ? 2 : 1);
    if (trace_) trace_event("send", &m, nullptr, nullptr);
    const std::uint32_t slot = allocate_slot();
    messages_[slot].message = std::move(m);
    messages_[slot].in_flight = true;
    Event e;
    e.time_us = route.deliver_us;
    e.kind = EventKind::Deliver;
    e.slot = slot;
    scheduler_.push(e);
    if (route.duplicate_us >= 0) {  // `duplicate`: a copy of the same message, delivered later
        const std::uint32_t copy = allocate_slot();
        messages_[copy].message = messages_[slot].message;
        messages_[copy].message.deliver_us = route.duplicate_us;
        messages_[copy].in_flight = true;
        Event later = e;
        later.time_us = route.duplicate_us;
        later.slot = copy;
        scheduler_.push(later);
    }
    return id;
}

void Simulation::set_timer(NodeId node, TimerKind kind, TimeUs delay_us, std::uint64_t token) {
    Event e;
    e.time_us = now_us_ + std::max<TimeUs>(0, delay_us);
    e.kind = EventKind::Timer;
    e.timer = kind;
    e.node = node;
    e.token = token;
    if (node >= 1) e.incarnation = servers_[static_cast<std::size_t>(node - 1)].incarnation;
    scheduler_.push(e);
}

void Simulation::plant_broken_invariant_for_test(NodeId node) {
    Server& s = servers_.at(static_cast<std::size_t>(node - 1));
    s.order_index.insert(~std::uint64_t{0}, s.log.size() + 1);  // an order the log does not hold
}

bool Simulation::step() {
    if (scheduler_.empty()) return false;
    const Event e = scheduler_.pop();
    now_us_ = e.time_us;
    ++events_processed_;
    trace_hash_ = fnv(fnv(trace_hash_, static_cast<std::uint64_t>(e.time_us)),
                      (static_cast<std::uint64_t>(e.kind) << 8) | static_cast<std::uint64_t>(e.timer));
    dispatch(e);
    after_event();
    return true;
}

void Simulation::run_until(TimeUs t) {
    while (!scheduler_.empty() && scheduler_.top().time_us <= t) step();
    if (t > now_us_) now_us_ = t;
}

TimeUs Simulation::next_event_time() const { return scheduler_.empty() ? -1 : scheduler_.top().time_us; }

void Simulation::dispatch(const Event& e) {
    if (e.kind == EventKind::Deliver) {
        deliver(e.slot);
        return;
    }
    handle_timer(e);
}

void Simulation::deliver(std::uint32_t slot) {
    Message& m = messages_[slot].message;
    messages_[slot].in_flight = false;
    current_message_id_ = m.id;
    Context ctx{*this};
    bool kept = false;
    LogRecord r;
    r.time_us = now_us_;
    r.kind = LogKind::Delivered;
    r.level = LogLevel::Detail;
    r.msg = m.type;
    r.node = m.from;
    r.other = m.to;
    r.message_id = m.id;
    r.a = static_cast<std::int64_t>(m.order_id);
    // Recorded before the handler runs: what it sends comes after the delivery.
    causal_.on_deliver(now_us_, m, m.to >= 1 && !servers_[static_cast<std::size_t>(m.to - 1)].alive);
    if (m.to >= 1) {
        Server& s = servers_[static_cast<std::size_t>(m.to - 1)];
        if (!s.alive) {
            r.kind = LogKind::Dropped;
            r.a = static_cast<std::int64_t>(DropReason::Crashed);
            event_log_.add(r);
            if (trace_) trace_event("drop", &m, nullptr, "crashed");
        } else {
            if (m.type == MsgType::Order || m.type == MsgType::Read) m.add_hop(m.to);
            event_log_.add(r);
            if (trace_) trace_event("deliver", &m, nullptr, nullptr);
            try {
                kept = server_logic::on_message(s, m, slot, ctx);
            } catch (const InvariantBroken& broken) {
                throw InvariantBroken(broken.what_broke(), now_us_, s.id);  // say when and where
            }
        }
    } else {
        if (m.to == kLoadBalancer && (m.type == MsgType::Order || m.type == MsgType::Read)) m.add_hop(kLoadBalancer);
        event_log_.add(r);
        if (trace_) trace_event("deliver", &m, nullptr, nullptr);
        if (m.to == kLoadBalancer) lb_logic::on_message(lb_, m, ctx);
        else if (m.to == kClients) client_logic::on_message(clients_, m, ctx);
    }
    current_message_id_ = 0;
    if (!kept) release_slot(slot);
}

void Simulation::handle_timer(const Event& e) {
    Context ctx{*this};
    if (trace_) trace_event("timer", nullptr, &e, nullptr);
    LogObserver* observer = event_log_.observer();
    if (e.node >= 1) {
        Server& s = servers_[static_cast<std::size_t>(e.node - 1)];
        if (s.alive && s.incarnation == e.incarnation) {
            if (observer) observer->on_timer(e);
            bool acted = false;
            try {
                acted = server_logic::on_timer(s, e, ctx);
            } catch (const InvariantBroken& broken) {
                throw InvariantBroken(broken.what_broke(), now_us_, s.id);  // say when and where
            }
            if (observer) observer->on_timer_done(acted);
        }
        return;
    }
    if (e.node == kLoadBalancer) {
        lb_logic::on_timer(lb_, e, ctx);
        return;
    }
    if (e.node == kClients) {
        client_logic::on_timer(clients_, e, ctx);
        return;
    }
    switch (e.timer) {
        case TimerKind::MetricsTick:
            for (auto& s : servers_) server_logic::sample_metrics(s, kMetricsInterval, ctx);
            set_timer(kNoNode, TimerKind::MetricsTick, kMetricsInterval, 0);
            break;
        case TimerKind::CheckerTick:
            checker_.periodic(servers_, agreed_leader(), now_us_, fault_free_since());
            if (now_us_ % kHistoryCheckInterval == 0) check_client_history();
            set_timer(kNoNode, TimerKind::CheckerTick, kCheckerInterval, 0);
            break;
        case TimerKind::ScheduledCommand: {
            const CommandResult result = apply(scheduled_[e.slot]);
            if (!result.ok) event_log_.note(format_duration(now_us_) + ": '" + scheduled_[e.slot].text + "' failed: " + result.error);
            break;
        }
        default: break;
    }
}

// The client history's linearizability, checked as the run goes (incrementally: see
// client_history.h). A violation becomes a checker finding like the others.
void Simulation::check_client_history() {
    for (const LinearizabilityResult& r : history_.check_new()) {
        Violation v;
        v.kind = ViolationKind::NonLinearizable;
        v.time_us = now_us_;
        for (const Operation& op : r.witness) v.orders.push_back(op.id);
        v.detail = r.reason;
        checker_.report(std::move(v));
    }
    note_new_violations();
}

// An election's messages (docs/PROTOCOLS.md, "Counting an election"): a count starts with
// an ELECTION sent once the previous election has ended (every live server agreed on
// its winner) and no election message was sent for a quiet second; until then, late
// answers and repeated COORDINATORs still belong to the election they came from.
void Simulation::count_election_message(MsgType type) {
    const bool quiet = last_election_message_us_ < 0 || now_us_ - last_election_message_us_ >= kElectionQuietUs;
    const bool ended = election_current_.started_us < 0 || election_current_.ended_us >= 0;
    if (type == MsgType::Election && quiet && ended) {
        if (election_current_.ended_us >= 0) election_last_ = election_current_;
        election_current_ = ElectionCount{};
        election_current_.started_us = now_us_;
    }
    last_election_message_us_ = now_us_;
    if (election_current_.started_us < 0) return;  // an answer to something before the first count
    ElectionCount& count = election_current_;
    ++count.messages;
    if (type == MsgType::Election) ++count.election;
    else if (type == MsgType::ElectionOk) ++count.ok;
    else if (type == MsgType::Coordinator) ++count.coordinator;
    else ++count.state;
}

void Simulation::after_event() {
    const NodeId leader = agreed_leader();
    if (election_active_ && leader != kNoNode) {
        election_active_ = false;
        if (election_current_.started_us >= 0 && election_current_.ended_us < 0) {
            election_current_.ended_us = now_us_;
            election_current_.winner = leader;
        }
        add_milestone(MilestoneKind::LeaderElected, leader);
        causal_.on_mark(now_us_, CausalKind::LeaderChange, leader);
    }
    // Quorum on, with a majority down the leader the survivors agree on may be a
    // stale one (an old leader keeps its role until it hears of a newer epoch; it
    // cannot commit, and the newer orders are on the crashed servers' disks). It
    // speaks for nobody, so the lost-order check waits for a majority. (Found by
    // the fuzzer: tests/scenarios/regress_quorum_stale_leader_not_lost_order.scn.)
    checker_.after_event(servers_, config_.quorum && !majority_alive(servers_) ? kNoNode : leader, now_us_);
    note_new_violations();
}

void Simulation::note_new_violations() {
    const auto& all = checker_.violations();
    for (; violations_seen_ < all.size(); ++violations_seen_) {
        const Violation& v = all[violations_seen_];
        add_milestone(MilestoneKind::Violation, v.servers.empty() ? kNoNode : v.servers.front(),
                      static_cast<std::int64_t>(violations_seen_));
        causal_.on_mark(now_us_, CausalKind::Violation, v.servers.empty() ? kClients : v.servers.front(),
                        static_cast<std::int64_t>(violations_seen_));
        LogRecord r;
        r.time_us = now_us_;
        r.kind = LogKind::Violation;
        r.level = LogLevel::Warning;
        r.node = v.servers.empty() ? kNoNode : v.servers.front();
        r.a = static_cast<std::int64_t>(violations_seen_);
        event_log_.add(r);
    }
}

TimeUs Simulation::fault_free_since() const {
    if (network_.any_fault()) return -1;
    // A delayed, duplicated or reordered message still on its way is a fault in force.
    if (network_.late_until_us() > now_us_) return -1;
    // So is a gray failure: a slow server lags behind under load, late but not
    // divergent. (Found by the swarm fuzzer, quorum on:
    // tests/scenarios/regress_swarm_slow_server_not_divergence.scn.)
    for (double factor : config_.slow_factors)
        if (factor > 1) return -1;
    // A network slower than the protocol's timeouts assume is a fault in force too:
    // no round trip fits in a replication timeout, so leaders come and go and
    // replicas cannot settle. (Found by the fuzzer:
    // tests/scenarios/regress_slow_network_not_divergence.scn.) The same holds for
    // an election: no OK in time, every candidate wins (the swarm draws timings
    // with election-ok below the replication timeout: regress_swarm_slow_election_not_divergence.scn).
    const TimeUs round_trip_budget_us = std::min(config_.replication_timeout_us, config_.election_ok_timeout_us);
    if (2 * network_.latency_us_max() > round_trip_budget_us) return -1;
    // Quorum on, a lost majority is a fault in force, like a partition: the
    // survivors cannot elect a leader, so they cannot (and must not) bring their
    // data together on their own. Unavailable, not divergent. (Found by the fuzzer:
    // tests/scenarios/regress_quorum_minority_not_divergence.scn.)
    if (config_.quorum && !majority_alive(servers_)) return -1;
    return std::max(last_fault_us_, network_.late_until_us());
}

NodeId Simulation::agreed_leader() const {
    NodeId leader = kNoNode;
    for (const Server& s : servers_) {
        if (!s.alive) continue;
        const NodeId belief = s.role == Role::Leader ? s.id : (s.role == Role::Follower ? s.leader : kNoNode);
        if (belief == kNoNode) return kNoNode;
        if (leader == kNoNode) leader = belief;
        else if (belief != leader) return kNoNode;
    }
    if (leader == kNoNode) return kNoNode;
    const Server& l = servers_[static_cast<std::size_t>(leader - 1)];
    return l.is_leader() ? leader : kNoNode;
}

CommandResult Simulation::execute(std::string_view line) {
    ParseContext pc;
    pc.servers = config_.servers;
    for (const auto& p : config_.catalogue) pc.products.push_back(p.sku);
    pc.now_us = now_us_;
    pc.setup_allowed = false;
    Command command;
    std::string error;
    if (!parse_command(line, pc, command, error)) return {false, error};
    if (command.verb == Verb::None) return {false, "empty command"};
    return apply(command);
}

CommandResult Simulation::apply(const Command& c) {
    if (c.at_us > now_us_) {
        Command later = c;
        later.at_us = -1;
        scheduled_.push_back(later);
        Event e;
        e.time_us = c.at_us;
        e.kind = EventKind::Timer;
        e.timer = TimerKind::ScheduledCommand;
        e.node = kNoNode;
        e.slot = static_cast<std::uint32_t>(scheduled_.size() - 1);
        scheduler_.push(e);
        return {};
    }
    Context ctx{*this};
    auto fault_note = [&](const std::string& text, MilestoneKind kind = MilestoneKind::Fault) {
        note_fault();
        add_milestone(kind, c.node >= 1 ? c.node : kNoNode);
        event_log_.note(format_duration(now_us_) + ": " + text);
        LogRecord r;
        r.time_us = now_us_;
        r.kind = LogKind::Fault;
        r.level = LogLevel::Warning;
        r.a = static_cast<std::int64_t>(event_log_.notes_total());
        event_log_.add(r);
    };
    switch (c.verb) {
        case Verb::None: return {};
        case Verb::Servers:
        case Verb::Seed:
        case Verb::Product:
        case Verb::Timing:
            return {false, "'" + c.text + "' changes the setup: start a new scenario instead"};
        case Verb::Replication: config_.replication = c.flag ? ReplicationMode::Async : ReplicationMode::Sync; break;
        case Verb::Quorum: config_.quorum = c.flag; break;
        case Verb::Resync: config_.resync = c.flag; break;
        case Verb::CheckReads:
            config_.check_reads = c.flag;
            history_.set_check_reads(c.flag);
            break;
        case Verb::Latency:
            config_.latency_us_min = c.time_us;
            config_.latency_us_max = c.time2_us;
            network_.set_latency(c.time_us, c.time2_us);
            fault_note(c.text);  // docs/ARCHITECTURE.md lists latency among the faults: the settle clock restarts
            break;
        case Verb::Loss:
            config_.loss = c.fraction;
            network_.set_loss(c.fraction);
            fault_note(c.text);
            break;
        case Verb::Lb: {
            LbAlgorithm algorithm;
            parse_lb_algorithm(c.name, algorithm);
            config_.lb = algorithm;
            lb_logic::set_algorithm(lb_, algorithm);
            break;
        }
        case Verb::Weight:
            if (config_.weights.size() < servers_.size()) config_.weights.resize(servers_.size(), 1);
            config_.weights[static_cast<std::size_t>(c.node - 1)] = static_cast<int>(c.number);
            servers_[static_cast<std::size_t>(c.node - 1)].weight = static_cast<int>(c.number);
            break;
        case Verb::Slow:
            // A gray failure: the server still answers, only slower (service times x factor).
            if (config_.slow_factors.size() < servers_.size()) config_.slow_factors.resize(servers_.size(), 1.0);
            config_.slow_factors[static_cast<std::size_t>(c.node - 1)] = c.fraction;
            fault_note(c.text);
            break;
        case Verb::Order:
        case Verb::Read:
            client_logic::submit(clients_, c.name, static_cast<std::int32_t>(c.number), c.node, c.verb == Verb::Read, false, ctx);
            break;
        case Verb::Crash: {
            Server& s = servers_[static_cast<std::size_t>(c.node - 1)];
            if (!s.alive) return {false, "server " + std::to_string(c.node) + " is already crashed"};
            server_logic::crash(s, ctx);
            fault_note(c.text, MilestoneKind::Crash);
            causal_.on_mark(now_us_, CausalKind::Crash, c.node);
            LogRecord r;
            r.time_us = now_us_;
            r.kind = LogKind::Crash;
            r.level = LogLevel::Warning;
            r.node = c.node;
            event_log_.add(r);
            break;
        }
        case Verb::Restart: {
            Server& s = servers_[static_cast<std::size_t>(c.node - 1)];
            if (s.alive) return {false, "server " + std::to_string(c.node) + " is not crashed"};
            server_logic::restart(s, ctx);
            fault_note(c.text, MilestoneKind::Restart);
            causal_.on_mark(now_us_, CausalKind::Restart, c.node);
            LogRecord r;
            r.time_us = now_us_;
            r.kind = LogKind::Restart;
            r.node = c.node;
            event_log_.add(r);
            break;
        }
        case Verb::Partition:
            network_.partition(c.side_a, c.side_b);
            fault_note(c.text);
            for (NodeId n = 1; n <= server_count(); ++n) causal_.on_mark(now_us_, CausalKind::Partition, n);
            break;
        case Verb::Heal:
            network_.heal();
            fault_note(c.text, MilestoneKind::Heal);
            for (NodeId n = 1; n <= server_count(); ++n) causal_.on_mark(now_us_, CausalKind::Heal, n);
            break;
        case Verb::Isolate:
            network_.isolate(c.node);
            fault_note(c.text);
            causal_.on_mark(now_us_, CausalKind::Partition, c.node);
            break;
        case Verb::Drop: network_.drop_next(c.node, c.node2); event_log_.note(format_duration(now_us_) + ": " + c.text); break;
        case Verb::Delay: network_.delay_next(c.node, c.node2, c.time_us); fault_note(c.text); break;
        case Verb::Burst: network_.burst_next(c.node, c.node2, c.time_us); fault_note(c.text); break;
        case Verb::Duplicate: network_.set_duplicate(c.fraction); fault_note(c.text); break;
        case Verb::Reorder: network_.set_reorder(c.fraction); fault_note(c.text); break;
        case Verb::Load: client_logic::start_load(clients_, c.name, c.rate, c.time_us, ctx); break;
        case Verb::LoadStop: client_logic::stop_load(clients_, ctx); break;
        case Verb::Run: run_until(now_us_ + c.time_us); break;
        case Verb::RunUntil: run_until(c.time_us); break;
        case Verb::Expect: {
            std::string failure = check_expectation(c);
            if (!failure.empty()) return {false, failure};
            break;
        }
    }
    return {};
}

}  // namespace cs
