#include "cli/fuzz_runner.h"

#include <algorithm>
#include <memory>

#include "sim/invariants.h"
#include "sim/scenario.h"
#include "sim/simulation.h"

namespace cs::cli {
namespace {

void add_finding(FuzzResult& r, FuzzFinding finding) {
    ++r.findings_total;
    if (r.findings.size() < kMaxFindings) r.findings.push_back(std::move(finding));
}

// Checks the fuzzer adds on top of the checker, after every event.
class ExtraInvariants {
public:
    explicit ExtraInvariants(bool quorum) : quorum_(quorum) {}

    // Quorum on, election safety: a majority promises each epoch to one server
    // only, so two alive leaders may never claim the same epoch.
    void after_event(const Simulation& sim, FuzzResult& r) {
        if (!quorum_ || reported_epochs_.size() >= kMaxReported) return;
        const auto& servers = sim.servers();
        for (std::size_t i = 0; i < servers.size(); ++i) {
            if (!servers[i].is_leader()) continue;
            for (std::size_t j = i + 1; j < servers.size(); ++j) {
                const Server& a = servers[i];
                const Server& b = servers[j];
                if (!b.is_leader() || a.epoch != b.epoch) continue;
                if (std::find(reported_epochs_.begin(), reported_epochs_.end(), a.epoch) != reported_epochs_.end()) continue;
                reported_epochs_.push_back(a.epoch);
                ++r.election_findings;
                add_finding(r, {"election", sim.now_us(),
                                "servers " + std::to_string(a.id) + " and " + std::to_string(b.id) +
                                    " both lead in epoch " + std::to_string(a.epoch)});
            }
        }
    }

private:
    static constexpr std::size_t kMaxReported = 64;  // the first ones tell the story
    bool quorum_;
    std::vector<std::int64_t> reported_epochs_;
};

// Runs every event up to t, checking the extra invariants after each one.
void step_until(Simulation& sim, TimeUs t, ExtraInvariants& extra, FuzzResult& r) {
    for (TimeUs next = sim.next_event_time(); next >= 0 && next <= t; next = sim.next_event_time()) {
        sim.step();
        extra.after_event(sim, r);
    }
    sim.run_until(t);  // no events left before t: just moves the clock
}

// What keeps the cluster from being live now: "" if nothing. Live means one
// leader every alive server agrees on, every alive replica holding the same
// data, and no client order still waiting for its answer.
std::string liveness_gap(const Simulation& sim) {
    std::string gap;
    if (sim.agreed_leader() == kNoNode) {
        std::string beliefs;
        for (const Server& s : sim.servers()) {
            if (!s.alive) continue;
            const NodeId belief = s.role == Role::Leader ? s.id : s.leader;
            beliefs += (beliefs.empty() ? "" : ", ") + std::to_string(s.id) + ":" + role_name(s.role) +
                       (belief == kNoNode ? "" : "->" + std::to_string(belief));
        }
        gap = "no agreed leader (" + beliefs + ")";
    }
    const Server* first = nullptr;
    bool differ = false;
    std::string logs;
    for (const Server& s : sim.servers()) {
        if (!s.alive) continue;
        if (!first) first = &s;
        differ = differ || s.log.size() != first->log.size() || s.digest() != first->digest();
        logs += (logs.empty() ? "" : ", ") + std::to_string(s.id) + ":" + std::to_string(s.log.size());
    }
    if (differ) gap += (gap.empty() ? "" : "; ") + std::string("replicas differ (orders per server ") + logs + ")";
    const std::size_t pending = sim.clients().pending().size();
    if (pending > 0) gap += (gap.empty() ? "" : "; ") + std::to_string(pending) + " client orders still pending";
    return gap;
}

// The seed's run, into r. A broken invariant (sim/invariants.h) stops it with an exception.
void run_seed(const FaultScheduleOptions& options, FuzzResult& r) {
    r.seed = options.seed;
    r.schedule = make_fault_schedule(options);
    const std::string file = "fuzz-seed-" + std::to_string(options.seed) + ".scn";
    Scenario scenario;
    std::string error;
    if (!parse_scenario(r.schedule.text, file, scenario, error)) {
        r.error = "the generated schedule does not parse: " + error;
        return;
    }
    auto sim = std::make_unique<Simulation>(scenario.config);
    ExtraInvariants extra(options.quorum);
    for (const ScenarioLine& line : scenario.commands) {
        const Command& c = line.command;
        if (c.verb == Verb::Expect) continue;  // the runner checks more than the file's expect lines
        if (line.line == r.schedule.liveness_run_line) {
            // Liveness: poll until the cluster is live, or the bound runs out.
            for (TimeUs t = sim->now_us(); t < c.time_us;) {
                t = std::min(t + kLivenessPollUs, c.time_us);
                step_until(*sim, t, extra, r);
                if (liveness_gap(*sim).empty()) {
                    r.converged = true;
                    r.converge_us = sim->now_us() - r.schedule.safety_end_us;
                    break;
                }
            }
            if (!r.converged)
                add_finding(r, {"liveness", sim->now_us(),
                                "not converged " + format_duration(c.time_us - r.schedule.safety_end_us) +
                                    " after every fault was healed: " + liveness_gap(*sim)});
            continue;
        }
        if (c.verb == Verb::RunUntil && c.at_us < 0) {
            step_until(*sim, c.time_us, extra, r);
            continue;
        }
        const CommandResult applied = sim->apply(c);
        if (!applied.ok) {
            r.error = file + ":" + std::to_string(line.line) + ": " + applied.error;
            return;
        }
    }
    for (const Violation& v : sim->checker().violations()) {
        ++r.violations[static_cast<std::size_t>(v.kind)];
        add_finding(r, {violation_kind_name(v.kind), v.time_us, v.detail});
    }
    // Violations past the checker's own bound still count.
    const std::uint64_t kept = sim->checker().violations().size();
    if (sim->checker().total() > kept) r.findings_total += sim->checker().total() - kept;
    std::stable_sort(r.findings.begin(), r.findings.end(),
                     [](const FuzzFinding& a, const FuzzFinding& b) { return a.time_us < b.time_us; });
    r.events = sim->events_processed();
    r.trace_hash = sim->trace_hash();
    r.messages_delayed = sim->network().delayed_total();
    r.messages_duplicated = sim->network().duplicated_total();
    r.messages_reordered = sim->network().reordered_total();
}

}  // namespace

FuzzResult run_fuzz_seed(const FaultScheduleOptions& options) {
    FuzzResult r;
    try {
        run_seed(options, r);
    } catch (const InvariantBroken& broken) {
        // A bug in the simulator itself, not a protocol property: reported like a violation.
        add_finding(r, {"invariant", broken.time_us(), "on server " + std::to_string(broken.node()) + ": " + broken.what_broke()});
    }
    return r;
}

}  // namespace cs::cli
