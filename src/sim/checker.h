#pragma once
// The checker lives outside the actors and watches every event for the four
// violations of docs/ARCHITECTURE.md. It reads actor state; it never changes it.
#include <cstdint>
#include <string>
#include <vector>

#include "config.h"
#include "message.h"
#include "server.h"

namespace cs {

// What the checker flags. The values are counted by index (the fuzzer's tallies).
enum class ViolationKind : std::uint8_t { Oversell, LostOrder, Divergence, SplitBrain, NonLinearizable };
constexpr std::size_t kViolationKindCount = 5;
// "oversell", "lost-order", "divergence", "split-brain", "non-linearizable": the names
// traces, JSON and scenarios use.
const char* violation_kind_name(ViolationKind kind);

struct Violation {
    ViolationKind kind = ViolationKind::Oversell;
    TimeUs time_us = 0;
    std::vector<NodeId> servers;
    std::vector<std::uint64_t> orders;    // order ids involved
    std::vector<std::uint64_t> messages;  // message ids involved (the latest ones seen)
    std::string detail;
};

struct AckedOrder {
    std::uint64_t order_id = 0;
    std::int32_t product = 0;
    std::int32_t quantity = 0;
};

class Checker {
public:
    static constexpr std::size_t kMaxViolations = 256;

    void reset(const Config& config);

    // Called by the world at the moments that matter.
    void on_stock_change(const Server& server, std::int32_t product, TimeUs now_us, std::uint64_t message_id);
    void on_client_ack(const AckedOrder& order, NodeId leader_hint, TimeUs now_us);
    void on_commit(const Server& leader, const std::vector<Server>& servers, TimeUs now_us, std::uint64_t order_id);
    // A leader accepted a write (appended an order) in its epoch. Quorum on, an epoch is
    // won by one server only: a second server writing in the same epoch is split-brain
    // even if it never overlapped the first in time.
    // quorum: the mode now (it can change during a run; config_ holds the one at the start).
    void on_leader_write(const Server& leader, bool quorum, TimeUs now_us, std::uint64_t order_id);
    // After every event: the cheap incremental lost-order check.
    void after_event(const std::vector<Server>& servers, NodeId agreed_leader, TimeUs now_us);
    // Periodically: divergence once the cluster has been fault-free for settle_us.
    void periodic(const std::vector<Server>& servers, NodeId agreed_leader, TimeUs now_us, TimeUs fault_free_since_us);

    // A violation found outside the checker's own watch (the client history's
    // linearizability check).
    void report(Violation violation) { record(std::move(violation)); }

    const std::vector<Violation>& violations() const { return violations_; }
    std::uint64_t total() const { return total_; }
    bool has(ViolationKind kind) const;
    const std::vector<std::int64_t>& acknowledged_quantity() const { return acked_quantity_; }

private:
    void record(Violation violation);

    Config config_;
    std::vector<Violation> violations_;
    std::uint64_t total_ = 0;
    std::vector<AckedOrder> acked_;
    std::vector<std::int64_t> acked_quantity_;         // per product
    std::vector<bool> oversold_product_;               // reported once per product
    std::vector<std::vector<bool>> negative_reported_; // per server, product
    // Lost-order scan state: acked_[0..verified_) are in the leader's data.
    NodeId verified_leader_ = kNoNode;
    std::uint64_t verified_version_ = 0;
    std::size_t verified_ = 0;
    std::vector<std::uint64_t> lost_reported_;         // order ids already reported (bounded)
    std::vector<std::pair<TimeUs, TimeUs>> split_pairs_;  // leader_since pairs already reported
    std::vector<TimeUs> divergence_window_reported_;   // per server: fault-free window already reported
    // Quorum on: which server wrote in each epoch (epoch, server), and the epochs reported.
    std::vector<std::pair<std::int64_t, NodeId>> epoch_writers_;
    std::vector<std::int64_t> epoch_split_reported_;
};

}  // namespace cs
