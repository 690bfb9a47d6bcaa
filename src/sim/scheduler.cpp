#include "scheduler.h"

#include <algorithm>

namespace cs {

// (time, seq) is a total order with unique seq, so the pop order is the same
// whatever heap algorithm the standard library uses.
void Scheduler::push(Event event) {
    event.seq = next_seq_++;
    heap_.push_back(event);
    std::push_heap(heap_.begin(), heap_.end(), Later{});
}

Event Scheduler::pop() {
    std::pop_heap(heap_.begin(), heap_.end(), Later{});
    Event event = heap_.back();
    heap_.pop_back();
    return event;
}

}  // namespace cs
