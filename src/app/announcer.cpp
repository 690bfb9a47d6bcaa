#include "app/announcer.h"

#include <array>

#include "ui/log_filter.h"

namespace cs::app {

namespace {

std::string server(NodeId id) { return "Server " + std::to_string(id); }

bool starts_with(const std::string& text, const char* prefix) { return text.rfind(prefix, 0) == 0; }

// A fault command in words. crash and restart are left to their own records (they
// follow the fault note), so they are not said twice.
std::string fault_sentence(const std::string& command) {
    if (command.empty()) return "A fault was injected.";
    if (starts_with(command, "crash") || starts_with(command, "restart")) return "";
    if (starts_with(command, "partition"))
        return "The network is split into two sides: " + command.substr(std::string("partition").size() + 1) + ".";
    if (command == "heal") return "The network is healed: every server can reach every other again.";
    if (starts_with(command, "isolate")) return server(std::stoi(command.substr(8))) + " is cut off from the others.";
    return "Fault injected: " + command + ".";
}

std::string order_sentence(const LogRecord& r) {
    const std::string order = "Order " + std::to_string(r.a);
    const std::string why = r.reason != Reason::None ? std::string(": ") + reason_text(r.reason) : std::string();
    switch (r.status) {
        case OrderStatus::Acknowledged: return order + " was acknowledged.";
        case OrderStatus::Rejected: return order + " was rejected" + why + ".";
        case OrderStatus::Unknown: return order + ": outcome unknown" + why + ".";
        case OrderStatus::Pending: break;
    }
    return "";
}

bool same_record(const LogRecord& a, const LogRecord& b) {
    return a.time_us == b.time_us && a.kind == b.kind && a.node == b.node && a.other == b.other && a.a == b.a &&
           a.b == b.b && a.c == b.c && a.message_id == b.message_id;
}

}  // namespace

std::string announcement_for(const LogRecord& r, const Simulation& sim) {
    switch (r.kind) {
        case LogKind::Crash: return server(r.node) + " crashed.";
        case LogKind::Restart: return server(r.node) + " restarted and is catching up.";
        case LogKind::BecameLeader: return server(r.node) + " is the new leader.";
        case LogKind::StepDown: return server(r.node) + " stopped leading.";
        case LogKind::HealthChange:
            return "The load balancer sees " + server(r.other) + (r.a ? " as healthy again." : " as unhealthy.");
        case LogKind::Fault: return fault_sentence(ui::fault_note_text(r, sim.event_log()));
        case LogKind::OrderDone: return order_sentence(r);
        case LogKind::Violation: {
            const auto& all = sim.checker().violations();
            if (r.a >= 0 && static_cast<std::size_t>(r.a) < all.size()) {
                const Violation& v = all[static_cast<std::size_t>(r.a)];
                return std::string("The checker found a violation, ") + violation_kind_name(v.kind) + ": " + v.detail + ".";
            }
            return "The checker found a violation.";
        }
        // Per-message and per-follower records: many a second, and the sentences above
        // already say what they add up to.
        case LogKind::Delivered:
        case LogKind::Dropped:
        case LogKind::ElectionStart:
        case LogKind::Suspect:
        case LogKind::FollowLeader:
        case LogKind::OrderApplied:
        case LogKind::OrderRejected:
        case LogKind::Synced:
        case LogKind::PeerDown:
        case LogKind::Count: break;
    }
    return "";
}

std::string spoken_summary(const std::vector<Announcement>& batch, std::size_t max_sentences) {
    std::vector<const Announcement*> events, orders;
    for (const Announcement& a : batch) (a.kind == Announcement::Kind::Order ? orders : events).push_back(&a);

    // The orders make one sentence: the order itself when there is one, else a count
    // by what the clients were told ("5 orders: 3 acknowledged, 2 rejected.").
    std::string order_line;
    if (orders.size() == 1) {
        order_line = orders.front()->text;
    } else if (orders.size() > 1) {
        const std::array<std::pair<OrderStatus, const char*>, 3> kinds{
            {{OrderStatus::Acknowledged, "acknowledged"}, {OrderStatus::Rejected, "rejected"},
             {OrderStatus::Unknown, "outcome unknown"}}};
        order_line = std::to_string(orders.size()) + " orders:";
        bool first = true;
        for (const auto& [status, words] : kinds) {
            std::size_t n = 0;
            for (const Announcement* o : orders) n += o->status == status ? 1 : 0;
            if (n == 0) continue;
            order_line += (first ? " " : ", ") + std::to_string(n) + " " + words;
            first = false;
        }
        order_line += ".";
    }

    // The events come first (a crash matters more than an order), the orders' sentence
    // keeps its room, and what does not fit is counted.
    const std::size_t order_room = order_line.empty() || max_sentences == 0 ? 0 : 1;
    const std::size_t event_room = max_sentences - order_room;
    std::string out;
    auto say = [&out](const std::string& sentence) { out += (out.empty() ? "" : " ") + sentence; };
    for (std::size_t i = 0; i < events.size() && i < event_room; ++i) say(events[i]->text);
    if (order_room) say(order_line);
    std::size_t beyond = events.size() > event_room ? events.size() - event_room : 0;
    if (!order_line.empty() && !order_room) beyond += orders.size();
    if (beyond > 0) say(std::to_string(beyond) + (beyond == 1 ? " more event." : " more events."));
    return out;
}

void Announcer::update(const Simulation& sim) {
    const EventLog& log = sim.event_log();
    const std::uint64_t total = log.total();
    const std::uint64_t oldest = total - log.size();
    bool replaced = total < read_upto_ || sim.now_us() < seen_now_us_;
    // The newest record read must still be there, the same: otherwise the run was
    // replaced by another one that happens to be as long (a lesson step rebuilt).
    if (!replaced && have_last_ && read_upto_ >= 1 && read_upto_ - 1 >= oldest)
        replaced = !same_record(log.at(static_cast<std::size_t>(read_upto_ - 1 - oldest)), last_read_);
    seen_now_us_ = sim.now_us();
    if (replaced) read_upto_ = total;  // the user went there themselves: nothing of it is news
    for (std::uint64_t i = read_upto_ < oldest ? oldest : read_upto_; i < total; ++i)
        add(log.at(static_cast<std::size_t>(i - oldest)), sim);
    read_upto_ = total;
    have_last_ = total > oldest;
    if (have_last_) last_read_ = log.at(static_cast<std::size_t>(total - 1 - oldest));
}

void Announcer::add(const LogRecord& record, const Simulation& sim) {
    std::string text = announcement_for(record, sim);
    if (text.empty()) return;
    Announcement a;
    a.seq = next_seq_++;
    a.time_us = record.time_us;
    a.kind = record.kind == LogKind::OrderDone ? Announcement::Kind::Order : Announcement::Kind::Event;
    a.status = record.status;
    a.text = std::move(text);
    kept_.push_back(std::move(a));
    if (kept_.size() > kKept) kept_.pop_front();
}

std::vector<Announcement> Announcer::since(std::uint64_t seq) const {
    std::vector<Announcement> out;
    for (const Announcement& a : kept_)
        if (a.seq > seq) out.push_back(a);
    return out;
}

}  // namespace cs::app
