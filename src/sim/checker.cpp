#include "checker.h"

#include <algorithm>
#include <string>

namespace cs {

const char* violation_kind_name(ViolationKind kind) {
    switch (kind) {
        case ViolationKind::Oversell: return "oversell";
        case ViolationKind::LostOrder: return "lost-order";
        case ViolationKind::Divergence: return "divergence";
        case ViolationKind::SplitBrain: return "split-brain";
        case ViolationKind::NonLinearizable: return "non-linearizable";
    }
    return "?";
}

void Checker::reset(const Config& config) {
    config_ = config;
    violations_.clear();
    total_ = 0;
    acked_.clear();
    acked_quantity_.assign(config.catalogue.size(), 0);
    oversold_product_.assign(config.catalogue.size(), false);
    negative_reported_.assign(static_cast<std::size_t>(config.servers), std::vector<bool>(config.catalogue.size(), false));
    verified_leader_ = kNoNode;
    verified_version_ = 0;
    verified_ = 0;
    lost_reported_.clear();
    split_pairs_.clear();
    epoch_writers_.clear();
    epoch_split_reported_.clear();
    divergence_window_reported_.assign(static_cast<std::size_t>(config.servers), -1);
}

bool Checker::has(ViolationKind kind) const {
    return std::any_of(violations_.begin(), violations_.end(), [&](const Violation& v) { return v.kind == kind; });
}

void Checker::record(Violation violation) {
    ++total_;
    if (violations_.size() < kMaxViolations) violations_.push_back(std::move(violation));
}

void Checker::on_stock_change(const Server& server, std::int32_t product, TimeUs now_us, std::uint64_t message_id) {
    const auto p = static_cast<std::size_t>(product);
    if (server.stock[p] >= 0) return;
    auto reported = negative_reported_[static_cast<std::size_t>(server.id - 1)][p];
    if (reported) return;
    negative_reported_[static_cast<std::size_t>(server.id - 1)][p] = true;
    Violation v;
    v.kind = ViolationKind::Oversell;
    v.time_us = now_us;
    v.servers = {server.id};
    if (message_id) v.messages = {message_id};
    v.detail = "stock of " + config_.catalogue[p].sku + " is " + std::to_string(server.stock[p]) + " on server " +
               std::to_string(server.id);
    record(std::move(v));
}

void Checker::on_client_ack(const AckedOrder& order, NodeId leader_hint, TimeUs now_us) {
    acked_.push_back(order);
    const auto p = static_cast<std::size_t>(order.product);
    acked_quantity_[p] += order.quantity;
    if (acked_quantity_[p] <= config_.catalogue[p].initial_stock || oversold_product_[p]) return;
    oversold_product_[p] = true;
    Violation v;
    v.kind = ViolationKind::Oversell;
    v.time_us = now_us;
    if (leader_hint >= 1) v.servers = {leader_hint};
    v.orders = {order.order_id};
    v.detail = "clients were promised " + std::to_string(acked_quantity_[p]) + " of " + config_.catalogue[p].sku +
               " but only " + std::to_string(config_.catalogue[p].initial_stock) + " existed";
    record(std::move(v));
}

void Checker::on_commit(const Server& leader, const std::vector<Server>& servers, TimeUs now_us, std::uint64_t order_id) {
    // Two alive leaders that both accepted writes while both were leading, and had them
    // acknowledged. A stale leader that only finishes committing a write it accepted
    // before the other one took over does not count: a majority held that write before
    // the newer leader was elected, so the newer leader's log has it too (quorum on; found
    // by the fuzzer: tests/scenarios/regress_quorum_late_commit_not_split_brain.scn).
    for (const Server& other : servers) {
        if (other.id == leader.id || !other.is_leader() || other.last_commit_us < 0) continue;
        const TimeUs overlap_start = std::max(leader.leader_since_us, other.leader_since_us);
        if (other.last_commit_accepted_us < overlap_start || leader.last_commit_accepted_us < overlap_start) continue;
        const auto key = std::make_pair(std::min(leader.leader_since_us, other.leader_since_us) * 64 + std::min(leader.id, other.id),
                                        std::max(leader.leader_since_us, other.leader_since_us) * 64 + std::max(leader.id, other.id));
        if (std::find(split_pairs_.begin(), split_pairs_.end(), key) != split_pairs_.end()) continue;
        if (split_pairs_.size() < 4096) split_pairs_.push_back(key);
        Violation v;
        v.kind = ViolationKind::SplitBrain;
        v.time_us = now_us;
        v.servers = {std::min(leader.id, other.id), std::max(leader.id, other.id)};
        v.orders = {order_id};
        v.detail = "servers " + std::to_string(other.id) + " (epoch " + std::to_string(other.epoch) + ") and " +
                   std::to_string(leader.id) + " (epoch " + std::to_string(leader.epoch) +
                   ") both lead and both acknowledged orders";
        record(std::move(v));
    }
}

void Checker::on_leader_write(const Server& leader, bool quorum, TimeUs now_us, std::uint64_t order_id) {
    if (!quorum) return;  // quorum off, epochs are local counters and may repeat
    // Almost every write comes from the same leader in the same epoch as the one before.
    if (!epoch_writers_.empty() && epoch_writers_.back().first == leader.epoch && epoch_writers_.back().second == leader.id)
        return;
    const auto same_epoch = [&](const std::pair<std::int64_t, NodeId>& w) { return w.first == leader.epoch; };
    auto it = std::find_if(epoch_writers_.begin(), epoch_writers_.end(), same_epoch);
    if (it == epoch_writers_.end()) {
        epoch_writers_.emplace_back(leader.epoch, leader.id);
        return;
    }
    if (it->second == leader.id) return;
    if (std::find(epoch_split_reported_.begin(), epoch_split_reported_.end(), leader.epoch) != epoch_split_reported_.end())
        return;
    epoch_split_reported_.push_back(leader.epoch);
    Violation v;
    v.kind = ViolationKind::SplitBrain;
    v.time_us = now_us;
    v.servers = {std::min(leader.id, it->second), std::max(leader.id, it->second)};
    v.orders = {order_id};
    v.detail = "servers " + std::to_string(it->second) + " and " + std::to_string(leader.id) +
               " both accepted writes as leader in epoch " + std::to_string(leader.epoch);
    record(std::move(v));
}

void Checker::after_event(const std::vector<Server>& servers, NodeId agreed_leader, TimeUs now_us) {
    if (agreed_leader == kNoNode) return;
    const Server& leader = servers[static_cast<std::size_t>(agreed_leader - 1)];
    if (agreed_leader != verified_leader_ || leader.data_version != verified_version_) {
        // A new leader, or its data was replaced: every acknowledged order is checked again.
        verified_leader_ = agreed_leader;
        verified_version_ = leader.data_version;
        verified_ = 0;
    }
    for (; verified_ < acked_.size(); ++verified_) {
        const AckedOrder& order = acked_[verified_];
        if (leader.order_index.contains(order.order_id)) continue;
        if (std::find(lost_reported_.begin(), lost_reported_.end(), order.order_id) != lost_reported_.end()) continue;
        if (lost_reported_.size() < 4096) lost_reported_.push_back(order.order_id);
        Violation v;
        v.kind = ViolationKind::LostOrder;
        v.time_us = now_us;
        v.servers = {agreed_leader};
        v.orders = {order.order_id};
        v.detail = "order #" + std::to_string(order.order_id) + " (" + std::to_string(order.quantity) + " x " +
                   config_.catalogue[static_cast<std::size_t>(order.product)].sku +
                   ") was acknowledged, but the leader, server " + std::to_string(agreed_leader) + ", does not hold it";
        record(std::move(v));
    }
}

void Checker::periodic(const std::vector<Server>& servers, NodeId agreed_leader, TimeUs now_us, TimeUs fault_free_since_us) {
    if (fault_free_since_us < 0 || now_us - fault_free_since_us < config_.settle_us) return;
    // The reference copy: the agreed leader's, or (no leader: a liveness failure) the longest log.
    const Server* reference = agreed_leader != kNoNode ? &servers[static_cast<std::size_t>(agreed_leader - 1)] : nullptr;
    if (!reference) {
        for (const Server& s : servers)
            if (s.alive && (!reference || s.log.size() > reference->log.size())) reference = &s;
        if (!reference) return;
    }
    const auto digest_at = [](const Server& s, std::size_t length) {
        return length == 0 ? 0 : s.prefix_digest[length - 1];
    };
    for (const Server& s : servers) {
        if (!s.alive || s.id == reference->id) continue;
        auto& reported = divergence_window_reported_[static_cast<std::size_t>(s.id - 1)];
        if (reported == fault_free_since_us) continue;
        const std::size_t n = s.log.size();
        bool diverged = n > reference->log.size() || digest_at(s, n) != digest_at(*reference, n);
        // Behind by entries older than the settle time is divergence too; newer ones may be on the wire.
        if (!diverged && n < reference->log.size())
            diverged = reference->log[n].created_us + config_.settle_us < now_us;
        if (!diverged) continue;
        reported = fault_free_since_us;
        Violation v;
        v.kind = ViolationKind::Divergence;
        v.time_us = now_us;
        v.servers = {reference->id, s.id};
        v.detail = "server " + std::to_string(s.id) + " holds " + std::to_string(n) + " orders, server " +
                   std::to_string(reference->id) + " holds " + std::to_string(reference->log.size()) +
                   ", and they differ although the cluster has been free of faults since " +
                   std::to_string(fault_free_since_us / 1000) + " ms";
        record(std::move(v));
    }
}

}  // namespace cs
