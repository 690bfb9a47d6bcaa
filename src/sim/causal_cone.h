#pragma once
// The causal past and future of one event (sim/causality.h), for the space-time
// diagram's highlight, kept up to date while the run goes on.
//   past:   f happened before e  <=>  f's own count <= e's clock at f's lane
//   future: e happened before f  <=>  f's clock at e's lane >= e's own count, i.e. f's
//           lane heard of e: through e's own lane after e, or a delivery of a message
//           whose send had heard of it.
// The past needs only e's clock (one decode); the future is one pass forward from e
// that tracks which lanes and which messages in flight have heard of e (no clocks), and
// extends as new events are recorded: cheap enough for every frame.
#include <cstdint>
#include <unordered_set>
#include <vector>

#include "causality.h"

namespace cs {

enum class CausalRelation : std::uint8_t { None, Selected, Past, Future, Concurrent };
const char* causal_relation_name(CausalRelation relation);

class CausalCone {
public:
    // Starts from event `index` (false if the store does not keep it).
    bool select(const CausalStore& store, std::uint64_t index);
    void clear() { selected_ = false; }
    bool active() const { return selected_; }
    std::uint64_t selected() const { return index_; }
    // Follows the store: new events, or a store that went back in time (a seek) or is
    // another run (then the selection is dropped if its event is no longer the same).
    void update(const CausalStore& store);
    // How an event stands to the selected one (None without a selection, or for
    // an event the cone has not reached: call update() first).
    CausalRelation relation(const CausalEvent& e) const;

private:
    bool same_event(const CausalStore& store) const;

    bool selected_ = false;
    std::uint64_t index_ = 0;
    CausalEvent event_{};
    std::vector<std::uint32_t> clock_;       // the selected event's clock
    std::vector<bool> lane_heard_;           // per lane: has heard of the event (now)
    std::unordered_set<std::uint64_t> heard_messages_;  // sends that had heard of it
    std::vector<bool> future_;               // events index_+1+i: heard of it
};

}  // namespace cs
