#include "golden_trace.h"

#include <cstdio>

#include "simulation.h"

namespace cs {
namespace {

// The server timers that tell the protocol's story; nullptr for the ones that only
// keep time. Client retries and health checks show as the messages they send.
const char* story_timer_name(TimerKind kind) {
    switch (kind) {
        case TimerKind::ElectionTimeout: return "election timeout (no OK came)";
        case TimerKind::CoordinatorTimeout: return "coordinator timeout (no COORDINATOR came)";
        case TimerKind::RecoveryTimeout: return "recovery timeout (no majority of state replies)";
        case TimerKind::RestartSyncTimeout: return "restart sync timeout (no leader answered)";
        case TimerKind::ReplicationTimeout: return "replication timeout";
        case TimerKind::ForwardTimeout: return "forward timeout";
        default: return nullptr;
    }
}

}  // namespace

void GoldenTrace::line(TimeUs t, const std::string& body) {
    char stamp[32];
    std::snprintf(stamp, sizeof stamp, "%lld.%06lld ", static_cast<long long>(t / 1000000),
                  static_cast<long long>(t % 1000000));
    text_ += stamp;
    text_ += body;
    text_ += '\n';
}

void GoldenTrace::on_log(const LogRecord& r) {
    std::string body = describe(r, &sim_.config().catalogue);
    if (r.kind == LogKind::Delivered && r.a != 0 &&
        (r.msg == MsgType::Order || r.msg == MsgType::OrderReply || r.msg == MsgType::Read ||
         r.msg == MsgType::ReadReply || r.msg == MsgType::Replicate || r.msg == MsgType::ReplicateAck))
        body += " #" + std::to_string(r.a);
    if (r.kind == LogKind::Fault && !sim_.event_log().notes().empty()) {
        const std::string& note = sim_.event_log().notes().back();
        const auto colon = note.find(": ");
        body = "fault: " + (colon == std::string::npos ? note : note.substr(colon + 2));
    }
    if (r.kind == LogKind::Violation && r.a >= 0 &&
        static_cast<std::size_t>(r.a) < sim_.checker().violations().size()) {
        const Violation& v = sim_.checker().violations()[static_cast<std::size_t>(r.a)];
        body = std::string("checker: ") + violation_kind_name(v.kind) + ": " + v.detail;
    }
    line(r.time_us, body);
}

void GoldenTrace::on_timer(const Event& e) {
    before_timer_ = text_.size();
    const char* name = story_timer_name(e.timer);
    if (name) line(e.time_us, node_name(e.node) + " " + name);
}

void GoldenTrace::on_timer_done(bool acted) {
    if (!acted) text_.resize(before_timer_);
}

}  // namespace cs
