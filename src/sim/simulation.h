#pragma once
// The simulated world: scheduler, network, servers, load balancer, clients and
// checker. Single-threaded and deterministic: the same Config and the same
// commands at the same simulated times give the same run, native or wasm.
//
// The UI reads it through the const accessors; every user action is a command
// (the scenario language) fed in through execute().
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "causality.h"
#include "checker.h"
#include "client_history.h"
#include "clients.h"
#include "command.h"
#include "config.h"
#include "event_log.h"
#include "load_balancer.h"
#include "message.h"
#include "network.h"
#include "rng.h"
#include "scheduler.h"
#include "server.h"
#include "trace.h"

namespace cs {

// Moments worth a marker on the timeline.
enum class MilestoneKind : std::uint8_t { Crash, Restart, Fault, Heal, ElectionStart, LeaderElected, Violation };
const char* milestone_kind_name(MilestoneKind kind);

// The messages of one Bully election (docs/PROTOCOLS.md, "Counting an election"): from
// the first election message sent while the cluster agreed on a leader, to the moment
// every live server agrees on the winner (its COORDINATORs have arrived).
struct ElectionCount {
    std::uint64_t messages = 0;     // all of them: the four kinds below
    std::uint64_t election = 0;     // ELECTION
    std::uint64_t ok = 0;           // OK (the answer of a higher server)
    std::uint64_t coordinator = 0;  // COORDINATOR
    std::uint64_t state = 0;        // STATE_REQUEST and STATE_REPLY (quorum on: the new leader's state round)
    TimeUs started_us = -1;
    TimeUs ended_us = -1;           // -1 while it runs
    NodeId winner = kNoNode;
};

struct Milestone {
    TimeUs time_us = 0;
    MilestoneKind kind = MilestoneKind::Crash;
    NodeId node = kNoNode;  // the server concerned (the new leader for LeaderElected)
    std::int64_t index = -1;  // Violation: index into checker().violations()
};

struct CommandResult {
    bool ok = true;
    std::string error;  // set when !ok
};

class Simulation {
public:
    explicit Simulation(Config config = {});

    // ---- time ----
    TimeUs now_us() const { return now_us_; }
    std::uint64_t events_processed() const { return events_processed_; }
    // Processes the next event. False if there is none.
    bool step();
    // Processes every event up to and including t, then sets the clock to t.
    void run_until(TimeUs t);
    // Time of the next pending event, or -1 if none.
    TimeUs next_event_time() const;

    // ---- commands ----
    // Parses one scenario line and applies it now; nothing changes on error.
    // `run` advances the clock; `expect` checks and returns its failure as the error.
    // Setup lines (servers, seed, product) are refused: they need a new simulation.
    CommandResult execute(std::string_view line);
    // Applies a parsed command now (validation already done by the parser,
    // except checks that need the live state, which return an error).
    CommandResult apply(const Command& command);
    // Tests only: indexes an order that server `node`'s log does not hold, so the next
    // event on that server breaks an invariant (sim/invariants.h).
    void plant_broken_invariant_for_test(NodeId node);

    // ---- views ----
    const Config& config() const { return config_; }
    const std::vector<Server>& servers() const { return servers_; }
    const Server& server(NodeId id) const { return servers_.at(static_cast<std::size_t>(id - 1)); }
    int server_count() const { return static_cast<int>(servers_.size()); }
    // The leader every alive server agrees on (and that believes it leads), or kNoNode.
    NodeId agreed_leader() const;
    const Network& network() const { return network_; }
    const LoadBalancer& load_balancer() const { return lb_; }
    const Clients& clients() const { return clients_; }
    const Checker& checker() const { return checker_; }
    // What the clients were told, operation by operation (sim/client_history.h).
    const ClientHistory& client_history() const { return history_; }
    const EventLog& event_log() const { return event_log_; }
    // Every event on a lane with its vector clock (sim/causality.h): the space-time diagram.
    const CausalStore& causality() const { return causal_; }
    // Messages currently on the wire (sent, not yet delivered or dropped).
    template <typename F>
    void for_each_in_flight(F&& visit) const {
        for (const auto& slot : messages_)
            if (slot.in_flight) visit(slot.message);
    }
    std::uint64_t messages_sent(MsgType type) const { return sent_by_type_[static_cast<int>(type)]; }
    // Election messages (ELECTION + OK + COORDINATOR) of the latest election, and in all.
    std::uint64_t election_messages_last() const { return last_election().messages; }
    std::uint64_t elections_total() const { return elections_total_; }
    bool election_in_progress() const { return election_active_; }
    std::uint64_t election_messages_current() const { return election_current_.messages; }
    // By type: the election that ended last (stays until the next one ends; its late
    // answers still count) and the latest one, which may still be running.
    const ElectionCount& last_election() const {
        return election_current_.ended_us >= 0 ? election_current_ : election_last_;
    }
    const ElectionCount& current_election() const { return election_current_; }
    // Crashes, restarts, faults, elections and violations, oldest first (bounded).
    const std::vector<Milestone>& milestones() const { return milestones_; }

    // The state JSON of docs/ARCHITECTURE.md.
    std::string state_json() const;

    // Every event as one JSON line to this sink (nullptr: off).
    void set_trace(TraceSink* sink) { trace_ = sink; }
    // Golden traces (sim/golden_trace.h): sees every log record and timer.
    void set_log_observer(LogObserver* observer) { event_log_.set_observer(observer); }
    // Order-sensitive hash of every processed event: equal hashes, equal runs.
    std::uint64_t trace_hash() const { return trace_hash_; }

    // ---- used by the actors (server.cpp, clients.cpp, load_balancer.cpp) ----
    struct Context;

private:
    friend struct Context;
    struct MessageSlot {
        Message message;
        bool in_flight = false;
    };

    void dispatch(const Event& event);
    void deliver(std::uint32_t slot);
    std::uint64_t send(Message&& m);
    void set_timer(NodeId node, TimerKind kind, TimeUs delay_us, std::uint64_t token);
    std::uint32_t allocate_slot();
    void release_slot(std::uint32_t slot);
    void handle_timer(const Event& event);
    void after_event();
    void count_election_message(MsgType type);
    void note_new_violations();  // milestones and log lines for violations the checker just found
    void check_client_history();
    void note_fault() { last_fault_us_ = now_us_; }
    void add_milestone(MilestoneKind kind, NodeId node = kNoNode, std::int64_t index = -1);
    TimeUs fault_free_since() const;
    std::string check_expectation(const Command& command) const;
    void trace_event(const char* kind, const Message* m, const Event* e, const char* detail);

    Config config_;
    TimeUs now_us_ = 0;
    std::uint64_t events_processed_ = 0;
    std::uint64_t next_message_id_ = 1;
    Scheduler scheduler_;
    Network network_;
    std::vector<Server> servers_;
    LoadBalancer lb_;
    Clients clients_;
    Checker checker_;
    EventLog event_log_;
    ClientHistory history_;
    CausalStore causal_;
    Rng net_rng_;
    Rng workload_rng_;
    Rng lb_rng_;
    std::uint64_t current_message_id_ = 0;
    std::vector<Command> scheduled_;  // `at T` commands, by index
    TimeUs last_fault_us_ = 0;
    bool election_active_ = false;
    ElectionCount election_current_;
    std::vector<Milestone> milestones_;
    std::uint64_t violations_seen_ = 0;
    // A deque, not a vector: a handler holds a reference to the message it is
    // handling while it sends more, and growing a deque at the end moves no
    // element. (With a vector that reference dangled after a reallocation: a
    // use-after-free found by tests/fuzz with AddressSanitizer.)
    std::deque<MessageSlot> messages_;
    std::vector<std::uint32_t> free_slots_;
    std::uint64_t sent_by_type_[static_cast<int>(MsgType::Count)]{};
    ElectionCount election_last_;
    TimeUs last_election_message_us_ = -1;
    std::uint64_t elections_total_ = 0;
    TraceSink* trace_ = nullptr;
    std::uint64_t trace_hash_ = 0xcbf29ce484222325ull;
};

}  // namespace cs
