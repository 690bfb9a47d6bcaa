#pragma once
// What an actor's handler may do: read the clock and config, send messages,
// set timers, log. Internal to src/sim (the actors' .cpp files include it).
#include "simulation.h"

namespace cs {

struct Simulation::Context {
    Simulation& sim;

    TimeUs now() const { return sim.now_us_; }
    const Config& config() const { return sim.config_; }
    int server_count() const { return static_cast<int>(sim.servers_.size()); }
    int majority() const { return server_count() / 2 + 1; }
    Server& server(NodeId id) { return sim.servers_[static_cast<std::size_t>(id - 1)]; }
    std::vector<Server>& servers() { return sim.servers_; }
    Checker& checker() { return sim.checker_; }
    ClientHistory& history() { return sim.history_; }
    Clients& clients() { return sim.clients_; }
    LoadBalancer& lb() { return sim.lb_; }
    Rng& workload_rng() { return sim.workload_rng_; }
    Rng& lb_rng() { return sim.lb_rng_; }
    // Id of the message being handled now (0 for timers), for the checker's records.
    std::uint64_t current_message() const { return sim.current_message_id_; }

    // Sends m now (m.from, m.to, m.type and payload set by the caller). Returns its id.
    std::uint64_t send(Message&& m) { return sim.send(std::move(m)); }
    // A timer for `node`; server timers die with the server's current life.
    void timer(NodeId node, TimerKind kind, TimeUs delay_us, std::uint64_t token = 0) {
        sim.set_timer(node, kind, delay_us, token);
    }
    // A message held in a server's queue is done with.
    void release(std::uint32_t slot) { sim.release_slot(slot); }
    const Message& held(std::uint32_t slot) const { return sim.messages_[slot].message; }
    void log(LogRecord record) {
        record.time_us = sim.now_us_;
        sim.event_log_.add(record);
    }
};

// The actors' behaviour, as free functions over their plain state.
namespace server_logic {
void boot(Server& s, Simulation::Context& ctx);
// Returns true if the message slot is kept (queued for service).
bool on_message(Server& s, const Message& m, std::uint32_t slot, Simulation::Context& ctx);
// Returns true if the timer was still current and acted (golden traces show only those).
bool on_timer(Server& s, const Event& e, Simulation::Context& ctx);
void crash(Server& s, Simulation::Context& ctx);
void restart(Server& s, Simulation::Context& ctx);
void sample_metrics(Server& s, TimeUs interval_us, Simulation::Context& ctx);
void rebuild_derived(Server& s, const std::vector<Product>& catalogue);
}  // namespace server_logic

namespace lb_logic {
void boot(LoadBalancer& lb, Simulation::Context& ctx);
void on_message(LoadBalancer& lb, const Message& m, Simulation::Context& ctx);
void on_timer(LoadBalancer& lb, const Event& e, Simulation::Context& ctx);
void set_algorithm(LoadBalancer& lb, LbAlgorithm algorithm);
}  // namespace lb_logic

namespace client_logic {
// Submits an order (or a read) now. Returns its id.
std::uint64_t submit(Clients& c, const std::string& sku, std::int32_t quantity, NodeId via, bool is_read,
                     bool load_test, Simulation::Context& ctx);
void on_message(Clients& c, const Message& m, Simulation::Context& ctx);
void on_timer(Clients& c, const Event& e, Simulation::Context& ctx);
void start_load(Clients& c, const std::string& preset, double rate, TimeUs duration_us, Simulation::Context& ctx);
void stop_load(Clients& c, Simulation::Context& ctx);
}  // namespace client_logic

}  // namespace cs
