#include "app/quiet_time.h"

#include <algorithm>

namespace cs::app {

bool is_background_message(MsgType type) {
    switch (type) {
        case MsgType::Heartbeat:
        case MsgType::HeartbeatAck:
        case MsgType::HealthCheck:
        case MsgType::HealthReply: return true;
        default: return false;
    }
}

bool is_quiet(const Simulation& sim) {
    if (sim.election_in_progress()) return false;
    bool loud = false;
    sim.for_each_in_flight([&](const Message& m) { loud = loud || !is_background_message(m.type); });
    return !loud;
}

std::uint64_t interesting_sent(const Simulation& sim) {
    std::uint64_t total = 0;
    for (int t = 0; t < static_cast<int>(MsgType::Count); ++t)
        if (!is_background_message(static_cast<MsgType>(t))) total += sim.messages_sent(static_cast<MsgType>(t));
    return total;
}

double quiet_speed_for(double chosen_speed, double quiet_speed) { return std::max(chosen_speed, quiet_speed); }

AdvanceResult advance_to_while_quiet(Simulation& sim, TimeUs target_us, std::uint64_t max_events) {
    AdvanceResult result;
    if (target_us <= sim.now_us()) return result;
    const std::uint64_t sent_before = interesting_sent(sim);
    while (result.advance.events < max_events) {
        const TimeUs next = sim.next_event_time();
        if (next < 0 || next > target_us) {
            sim.run_until(target_us);
            return result;
        }
        sim.step();
        ++result.advance.events;
        if (interesting_sent(sim) != sent_before || sim.election_in_progress()) {
            result.stopped_loud = true;
            return result;
        }
    }
    result.advance.behind = true;
    return result;
}

}  // namespace cs::app
