#pragma once
// The discrete-event queue: events come out ordered by simulated time, then by
// the sequence number they were scheduled with, so ties are broken the same way
// on every platform and every run.
#include <cstdint>
#include <vector>

#include "message.h"
#include "time.h"

namespace cs {

enum class EventKind : std::uint8_t { Deliver, Timer, Command };

enum class TimerKind : std::uint8_t {
    HeartbeatTick,       // server: send heartbeats, count missed ones
    ElectionTimeout,     // server: no OK arrived, declare victory
    CoordinatorTimeout,  // server: OK arrived but no COORDINATOR, start again
    RecoveryTimeout,     // server (quorum on): not enough state replies, start again
    RestartSyncTimeout,  // server: restarted, no data arrived, elect anyway
    ReplicationTimeout,  // server: a pending write's followers are late
    ForwardTimeout,      // server: the leader did not answer a forwarded order
    ServiceDone,         // server: the request in service is finished
    ClientRetry,         // clients: an order got no answer in time
    LoadTick,            // clients: the load generator's next order
    HealthTick,          // load balancer: time to health-check every server
    HealthTimeout,       // load balancer: a health check got no answer
    MetricsTick,         // world: sample metrics once per simulated second
    CheckerTick,         // world: periodic checker pass
    ScheduledCommand,    // world: an `at T ...` command comes due
};

struct Event {
    TimeUs time_us = 0;
    std::uint64_t seq = 0;
    EventKind kind = EventKind::Timer;
    TimerKind timer = TimerKind::HeartbeatTick;
    NodeId node = kNoNode;           // the actor the event is for
    std::uint32_t incarnation = 0;   // a server's life the timer belongs to
    std::uint32_t slot = 0;          // Deliver: message slot; Command: command index
    std::uint64_t token = 0;         // timer-specific (election round, order id, ...)
};

class Scheduler {
public:
    void push(Event event);
    bool empty() const { return heap_.empty(); }
    std::size_t size() const { return heap_.size(); }
    const Event& top() const { return heap_.front(); }
    Event pop();
    void clear() { heap_.clear(); }

private:
    // A function object, not a function: std::push_heap/pop_heap then inline the
    // comparison (through a function pointer it was a call per comparison, a
    // sixth of the run time in the benchmarks; docs/PERFORMANCE.md).
    struct Later {
        bool operator()(const Event& a, const Event& b) const {
            return a.time_us != b.time_us ? a.time_us > b.time_us : a.seq > b.seq;
        }
    };
    std::vector<Event> heap_;
    std::uint64_t next_seq_ = 0;
};

}  // namespace cs
