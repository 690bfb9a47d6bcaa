#pragma once
// The golden trace: one readable line per delivered or lost message, protocol
// timeout, fault, role change, order outcome and checker finding, in the order
// they happened. Course scenarios keep theirs beside them (X.scn -> X.trace) and
// ctest compares the run with it byte for byte, so a change in behaviour shows up
// message by message in review. Heartbeat ticks, service completions and the
// world's own sampling timers are left out: they are the clock, not the story.
#include <string>

#include "event_log.h"
#include "scheduler.h"

namespace cs {

class Simulation;

class GoldenTrace final : public LogObserver {
public:
    explicit GoldenTrace(const Simulation& sim) : sim_(sim) {}
    void on_log(const LogRecord& record) override;
    void on_timer(const Event& event) override;
    void on_timer_done(bool acted) override;
    const std::string& text() const { return text_; }

private:
    void line(TimeUs t, const std::string& body);
    const Simulation& sim_;
    std::string text_;
    std::size_t before_timer_ = 0;  // where a timer's line starts, to take it back if it did nothing
};

}  // namespace cs
