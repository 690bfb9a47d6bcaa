#include "causal_cone.h"

namespace cs {

const char* causal_relation_name(CausalRelation relation) {
    switch (relation) {
        case CausalRelation::None: return "none";
        case CausalRelation::Selected: return "selected";
        case CausalRelation::Past: return "past";
        case CausalRelation::Future: return "future";
        case CausalRelation::Concurrent: return "concurrent";
    }
    return "?";
}

bool CausalCone::select(const CausalStore& store, std::uint64_t index) {
    selected_ = false;
    if (index < store.first_index() || index >= store.end_index()) return false;
    clock_.clear();
    store.decode(index, index + 1, [&](const CausalEvent& e, const std::uint32_t* clock) {
        event_ = e;
        clock_.assign(clock, clock + store.lanes());
        return false;
    });
    if (clock_.empty()) return false;
    selected_ = true;
    index_ = index;
    lane_heard_.assign(static_cast<std::size_t>(store.lanes()), false);
    lane_heard_[static_cast<std::size_t>(event_.lane)] = true;
    heard_messages_.clear();
    if (event_.kind == CausalKind::Send && event_.lost == DropReason::None) heard_messages_.insert(event_.message_id);
    future_.clear();
    update(store);
    return true;
}

bool CausalCone::same_event(const CausalStore& store) const {
    if (index_ < store.first_index() || index_ >= store.end_index()) return false;
    bool same = false;
    store.scan(index_, index_ + 1, [&](const CausalEvent& e) {
        same = e.time_us == event_.time_us && e.lane == event_.lane && e.kind == event_.kind &&
               e.message_id == event_.message_id && e.own == event_.own;
        return false;
    });
    return same;
}

void CausalCone::update(const CausalStore& store) {
    if (!selected_) return;
    const std::uint64_t reached = index_ + 1 + future_.size();
    if (reached > store.end_index() || !same_event(store)) {
        // Back in time, or another run: start again from the same event if it is still there.
        if (!select(store, index_)) selected_ = false;
        return;
    }
    store.scan(reached, store.end_index(), [&](const CausalEvent& e) {
        auto lane = lane_heard_[static_cast<std::size_t>(e.lane)];
        bool heard = lane;
        if (e.kind == CausalKind::Deliver && heard_messages_.count(e.message_id)) heard = true;
        lane_heard_[static_cast<std::size_t>(e.lane)] = heard;
        if (heard && e.kind == CausalKind::Send && e.lost == DropReason::None) heard_messages_.insert(e.message_id);
        future_.push_back(heard);
        return true;
    });
}

CausalRelation CausalCone::relation(const CausalEvent& e) const {
    if (!selected_) return CausalRelation::None;
    if (e.index == index_) return CausalRelation::Selected;
    if (e.index < index_)
        return e.own <= clock_[static_cast<std::size_t>(e.lane)] ? CausalRelation::Past : CausalRelation::Concurrent;
    const std::uint64_t i = e.index - index_ - 1;
    if (i >= future_.size()) return CausalRelation::None;
    return future_[i] ? CausalRelation::Future : CausalRelation::Concurrent;
}

}  // namespace cs
