#pragma once
// A bounded log of what happened, stored as compact records and turned into
// readable lines only when shown, so logging every event costs almost nothing.
#include <cstdint>
#include <string>
#include <vector>

#include "config.h"
#include "message.h"
#include "network.h"
#include "time.h"

namespace cs {

enum class LogKind : std::uint8_t {
    Delivered,        // a message arrived (msg, from -> to)
    Dropped,          // a message was lost (msg, from -> to, a = DropReason)
    Crash, Restart,   // node
    ElectionStart,    // node started an election (a = round)
    Suspect,          // node stopped hearing from its leader (other = leader)
    BecameLeader,     // node (a = epoch)
    FollowLeader,     // node now follows other (a = epoch)
    StepDown,         // node stopped leading (other = who it learned of)
    OrderApplied,     // leader node applied order a (product b, qty c)
    OrderRejected,    // node rejected order a (reason)
    OrderDone,        // client: order a finished (status, reason)
    Synced,           // node installed data from other (a = log length)
    PeerDown,         // leader node marked follower other down and skipped it
    HealthChange,     // load balancer: server other is now healthy (a = 1) or not (a = 0)
    Fault,            // a fault command (text in the command log)
    Violation,        // the checker found something (a = violation index)
    Count
};

enum class LogLevel : std::uint8_t { Detail, Info, Warning };

struct LogRecord {
    TimeUs time_us = 0;
    LogKind kind = LogKind::Delivered;
    LogLevel level = LogLevel::Info;
    MsgType msg = MsgType::Heartbeat;
    Reason reason = Reason::None;
    OrderStatus status = OrderStatus::Pending;
    NodeId node = kNoNode;
    NodeId other = kNoNode;
    std::int64_t a = 0, b = 0, c = 0;
    std::uint64_t message_id = 0;
};

struct Event;

// Sees every record as it is added, and every timer as it fires (golden traces).
class LogObserver {
public:
    virtual ~LogObserver() = default;
    virtual void on_log(const LogRecord& record) = 0;
    // A server timer fires; on_timer_done says whether it was still current and acted.
    virtual void on_timer(const Event& event) = 0;
    virtual void on_timer_done(bool acted) = 0;
};

std::string node_name(NodeId node);
const char* log_kind_name(LogKind kind);

class EventLog {
public:
    static constexpr std::size_t kCapacity = 20000;

    void add(const LogRecord& record) {
        if (observer_) observer_->on_log(record);
        if (records_.size() < kCapacity) {
            records_.push_back(record);
        } else {
            records_[head_] = record;
            head_ = (head_ + 1) % kCapacity;
        }
        ++total_;
    }
    std::size_t size() const { return records_.size(); }
    // i = 0 is the oldest record kept.
    const LogRecord& at(std::size_t i) const { return records_[(head_ + i) % records_.size()]; }
    std::uint64_t total() const { return total_; }
    // Notes for fault commands and anything else with free text (bounded too).
    void note(std::string text) {
        if (notes_.size() >= 512) notes_.erase(notes_.begin());
        notes_.push_back(std::move(text));
        ++notes_total_;
    }
    const std::vector<std::string>& notes() const { return notes_; }
    std::uint64_t notes_total() const { return notes_total_; }

    void set_observer(LogObserver* observer) { observer_ = observer; }
    LogObserver* observer() const { return observer_; }

private:
    LogObserver* observer_ = nullptr;
    std::vector<LogRecord> records_;
    std::size_t head_ = 0;
    std::uint64_t total_ = 0;
    std::vector<std::string> notes_;
    std::uint64_t notes_total_ = 0;
};

// One readable line (without the time) in the course text's words.
std::string describe(const LogRecord& record, const std::vector<Product>* catalogue = nullptr);

}  // namespace cs
