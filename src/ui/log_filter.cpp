#include "ui/log_filter.h"

#include <algorithm>
#include <cctype>

#include "sim/command.h"

namespace cs::ui {

LogCategory log_category(LogKind kind) {
    switch (kind) {
        case LogKind::Delivered: return LogCategory::Messages;
        case LogKind::Dropped: return LogCategory::Drops;
        case LogKind::ElectionStart:
        case LogKind::Suspect:
        case LogKind::BecameLeader:
        case LogKind::FollowLeader:
        case LogKind::StepDown: return LogCategory::Election;
        case LogKind::Synced:
        case LogKind::PeerDown: return LogCategory::Replication;
        case LogKind::OrderApplied:
        case LogKind::OrderRejected:
        case LogKind::OrderDone: return LogCategory::Orders;
        case LogKind::HealthChange: return LogCategory::Health;
        case LogKind::Crash:
        case LogKind::Restart:
        case LogKind::Fault: return LogCategory::Faults;
        case LogKind::Violation:
        case LogKind::Count: break;
    }
    return LogCategory::Violations;
}

const char* log_category_label(LogCategory category) {
    switch (category) {
        case LogCategory::Messages: return "messages";
        case LogCategory::Drops: return "lost";
        case LogCategory::Election: return "election";
        case LogCategory::Replication: return "sync";
        case LogCategory::Orders: return "orders";
        case LogCategory::Health: return "health";
        case LogCategory::Faults: return "faults";
        case LogCategory::Violations: return "violations";
        case LogCategory::Count: break;
    }
    return "?";
}

const char* log_category_hint(LogCategory category) {
    switch (category) {
        case LogCategory::Messages: return "every message delivered: heartbeats, ELECTION/OK/COORDINATOR, replication, orders, health checks";
        case LogCategory::Drops: return "messages that never arrived: partition, isolation, loss, 'drop next' or a crashed receiver";
        case LogCategory::Election: return "Bully: suspicions, elections, new leaders, followers accepting them, leaders stepping down";
        case LogCategory::Replication: return "servers catching up with the leader's data, and followers marked down or back";
        case LogCategory::Orders: return "orders applied or rejected by a server, and what each client was finally told";
        case LogCategory::Health: return "the load balancer's health checks: a server failing one, or healthy again";
        case LogCategory::Faults: return "crashes, restarts and every fault command (partition, heal, latency, loss ...)";
        case LogCategory::Violations: return "what the checker found: oversell, lost-order, divergence, split-brain";
        case LogCategory::Count: break;
    }
    return "";
}

const char* log_level_label(LogLevel level) {
    switch (level) {
        case LogLevel::Detail: return "detail";
        case LogLevel::Info: return "info";
        case LogLevel::Warning: return "warning";
    }
    return "?";
}

NoteParts split_note(std::string_view note) {
    const auto colon = note.find(": ");
    TimeUs t = 0;
    if (colon != std::string_view::npos && parse_duration(note.substr(0, colon), t))
        return {t, std::string(note.substr(colon + 2))};
    return {-1, std::string(note)};
}

std::string fault_note_text(const LogRecord& record, const EventLog& log) {
    // A fault record stores how many notes existed once its own was added (a),
    // so its note is number a - 1 of all notes ever written, if still kept.
    const std::uint64_t forgotten = log.notes_total() - log.notes().size();
    if (record.a < 1 || static_cast<std::uint64_t>(record.a) <= forgotten) return {};
    const auto index = static_cast<std::size_t>(static_cast<std::uint64_t>(record.a) - 1 - forgotten);
    if (index >= log.notes().size()) return {};
    return split_note(log.notes()[index]).text;
}

std::string log_line(const LogRecord& record, const Simulation& sim) {
    if (record.kind == LogKind::Fault) {
        const std::string command = fault_note_text(record, sim.event_log());
        if (!command.empty()) return "fault: " + command;
    }
    if (record.kind == LogKind::Violation) {
        const auto& all = sim.checker().violations();
        if (record.a >= 0 && static_cast<std::size_t>(record.a) < all.size()) {
            const Violation& v = all[static_cast<std::size_t>(record.a)];
            return std::string("checker: ") + violation_kind_name(v.kind) + " - " + v.detail;
        }
    }
    return describe(record, &sim.config().catalogue);
}

bool contains_ignore_case(std::string_view haystack, std::string_view needle) {
    if (needle.empty()) return true;
    const auto lower_equal = [](char a, char b) {
        return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
    };
    return std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end(), lower_equal) != haystack.end();
}

namespace {

bool involves(const LogRecord& record, NodeId node, const Simulation& sim) {
    if (record.node == node || record.other == node) return true;
    // Fault commands are about the whole cluster (a partition names every server);
    // they stay in view as context whatever server is picked.
    if (record.kind == LogKind::Fault) return true;
    if (record.kind == LogKind::Violation) {
        const auto& all = sim.checker().violations();
        if (record.a >= 0 && static_cast<std::size_t>(record.a) < all.size()) {
            const auto& servers = all[static_cast<std::size_t>(record.a)].servers;
            return std::find(servers.begin(), servers.end(), node) != servers.end();
        }
    }
    return false;
}

bool same_record(const LogRecord& a, const LogRecord& b) {
    return a.time_us == b.time_us && a.kind == b.kind && a.node == b.node && a.other == b.other &&
           a.message_id == b.message_id && a.a == b.a && a.b == b.b && a.c == b.c;
}

}  // namespace

bool log_filter_keeps(const LogFilter& filter, const LogRecord& record, const Simulation& sim) {
    if (!filter.shows(log_category(record.kind)) || !filter.shows(record.level)) return false;
    if (filter.node != kAnyNode && !involves(record, filter.node, sim)) return false;
    if (!filter.search.empty()) {
        // The kind's name is searchable too ("election", "drop"), as in the tooltip.
        if (!contains_ignore_case(log_line(record, sim), filter.search) &&
            !contains_ignore_case(log_kind_name(record.kind), filter.search))
            return false;
    }
    return true;
}

bool LogIndex::still_valid(const Simulation& sim, const LogFilter& filter) const {
    if (!built_ || !(filter == filter_)) return false;
    const EventLog& log = sim.event_log();
    // Time went back (a seek, a reset): the history may now be another one.
    if (log.total() < seen_total_ || sim.now_us() < seen_now_us_) return false;
    // The newest record seen last time must still be the same one, or the
    // history was replaced by one that happens to be as long.
    if (seen_total_ == 0) return true;
    const std::uint64_t oldest = log.total() - log.size();
    if (seen_total_ - 1 < oldest) return true;  // forgotten since: nothing left to compare, nothing kept from it
    return same_record(log.at(static_cast<std::size_t>(seen_total_ - 1 - oldest)), last_seen_);
}

void LogIndex::update(const Simulation& sim, const LogFilter& filter) {
    const EventLog& log = sim.event_log();
    const std::uint64_t oldest = log.total() - log.size();
    if (!still_valid(sim, filter)) {
        rows_.clear();
        filter_ = filter;
        seen_total_ = oldest;
        built_ = true;
        ++rebuilds_;
    }
    for (std::uint64_t seq = std::max(seen_total_, oldest); seq < log.total(); ++seq)
        if (log_filter_keeps(filter_, log.at(static_cast<std::size_t>(seq - oldest)), sim)) rows_.push_back(seq);
    // The log forgets its oldest records once full: so does the index.
    const auto first_kept = std::lower_bound(rows_.begin(), rows_.end(), oldest);
    rows_.erase(rows_.begin(), first_kept);
    seen_total_ = log.total();
    seen_now_us_ = sim.now_us();
    if (log.size() > 0) last_seen_ = log.at(log.size() - 1);
}

}  // namespace cs::ui
