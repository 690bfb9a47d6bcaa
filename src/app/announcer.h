#pragma once
// What a screen reader hears: the simulation's event log turned into short
// sentences for the page's aria-live region (web/a11y.js reads them through
// window.clustersim.announcements()). Only what changes the picture is said:
// a leader elected or stepping down, a server crashing or restarting, a
// partition and its heal, an order's outcome, a checker violation. Heartbeats,
// deliveries and the other per-message records never are.
//
// Plain data and the simulation's own records: no browser, so tests/app checks it natively.
#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <vector>

#include "sim/simulation.h"

namespace cs::app {

struct Announcement {
    enum class Kind : std::uint8_t { Event, Order };
    std::uint64_t seq = 0;  // 1, 2, 3, ... in the order they were made
    TimeUs time_us = 0;     // simulated time of the record
    Kind kind = Kind::Event;
    OrderStatus status = OrderStatus::Pending;  // Order only: what the client was told
    std::string text;       // one sentence, ending with a full stop
};

// The sentence one record deserves, or "" for a record not worth interrupting a
// listener for. Order outcomes are said as the client was told them.
std::string announcement_for(const LogRecord& record, const Simulation& sim);

// What the live region says for a batch of announcements (oldest first): at most
// max_sentences sentences, the order outcomes counted together ("3 orders were
// acknowledged, 1 was rejected.") and anything beyond the limit as "N more events."
// Empty for an empty batch.
std::string spoken_summary(const std::vector<Announcement>& batch, std::size_t max_sentences = 3);

class Announcer {
public:
    static constexpr std::size_t kKept = 200;  // the page asks often; older ones are not needed

    // Reads the records the simulation added since the last call (call it every frame).
    // When time went back or the run was replaced (a seek back, a reset, a new
    // scenario or lesson step), the past is not announced again: reading starts over at the end.
    void update(const Simulation& sim);

    // The announcements after `seq`, oldest first (those still kept).
    std::vector<Announcement> since(std::uint64_t seq) const;
    // The newest announcement's seq (0: none yet).
    std::uint64_t latest() const { return next_seq_ - 1; }

private:
    void add(const LogRecord& record, const Simulation& sim);

    std::uint64_t read_upto_ = 0;  // log records read so far (EventLog::total())
    TimeUs seen_now_us_ = 0;
    bool have_last_ = false;
    LogRecord last_read_;  // the newest record read: a replaced history shows as a different one there
    std::deque<Announcement> kept_;
    std::uint64_t next_seq_ = 1;
};

}  // namespace cs::app
