#pragma once
// The Log tab's data side: which records a filter keeps, the readable line of
// a record, and an index of the kept records that is brought up to date
// incrementally (only new records are looked at while the simulation runs;
// everything is filtered again only when the filter changes or time goes
// back). No ImGui, so it can be unit-tested.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sim/event_log.h"
#include "sim/simulation.h"

namespace cs::ui {

// Kinds of log record grouped the way a student thinks of them.
enum class LogCategory : std::uint8_t { Messages, Drops, Election, Replication, Orders, Health, Faults, Violations, Count };
inline constexpr int kLogCategoryCount = static_cast<int>(LogCategory::Count);
LogCategory log_category(LogKind kind);
const char* log_category_label(LogCategory category);
const char* log_category_hint(LogCategory category);  // tooltip: what falls under it
const char* log_level_label(LogLevel level);

inline constexpr NodeId kAnyNode = -100;  // the server filter is off

struct LogFilter {
    std::uint32_t categories = (1u << kLogCategoryCount) - 1;  // bit per LogCategory
    std::uint8_t levels = 0b111;                               // bit per LogLevel
    NodeId node = kAnyNode;  // a server id, kLoadBalancer or kClients: records from or to it
    std::string search;      // case-insensitive, in the readable line; empty: off

    bool shows(LogCategory c) const { return categories & (1u << static_cast<int>(c)); }
    bool shows(LogLevel l) const { return levels & (1u << static_cast<int>(l)); }
    void toggle(LogCategory c) { categories ^= 1u << static_cast<int>(c); }
    void toggle(LogLevel l) { levels ^= static_cast<std::uint8_t>(1u << static_cast<int>(l)); }
    bool operator==(const LogFilter&) const = default;
};

// The readable line of a record (without its time), in the course text's words.
// Fault records show the command that was given, violation records what the
// checker found: both live outside the compact record.
std::string log_line(const LogRecord& record, const Simulation& sim);

// The note a fault record points at (its command, without the time), or "".
std::string fault_note_text(const LogRecord& record, const EventLog& log);
// A note "1500ms: partition 1,2,3 | 4,5,6" split into its time and its text.
// time_us is -1 when the note does not start with a time.
struct NoteParts {
    TimeUs time_us = -1;
    std::string text;
};
NoteParts split_note(std::string_view note);

bool contains_ignore_case(std::string_view haystack, std::string_view needle);

// Does the filter keep this record? (The search looks at log_line(), so it is
// only formatted when a search is on.)
bool log_filter_keeps(const LogFilter& filter, const LogRecord& record, const Simulation& sim);

// The records a filter keeps, as positions in the whole history of the log
// (0 = the first record ever added), oldest first. Bounded by the log's own
// capacity: records the log has forgotten are dropped here too.
class LogIndex {
public:
    // Brings the index up to date with the simulation and the filter. Cheap
    // when only new records arrived.
    void update(const Simulation& sim, const LogFilter& filter);

    std::size_t size() const { return rows_.size(); }
    // The i-th kept record (valid until the next update).
    const LogRecord& record(const EventLog& log, std::size_t i) const {
        return log.at(static_cast<std::size_t>(rows_[i] - (log.total() - log.size())));
    }
    // Its position in the log's whole history (see record()).
    std::uint64_t position(std::size_t i) const { return rows_[i]; }
    std::uint64_t rebuilds() const { return rebuilds_; }  // for tests: how often everything was filtered again

private:
    bool still_valid(const Simulation& sim, const LogFilter& filter) const;

    std::vector<std::uint64_t> rows_;
    LogFilter filter_;
    bool built_ = false;
    std::uint64_t seen_total_ = 0;  // records looked at so far (= log total at the last update)
    TimeUs seen_now_us_ = 0;
    LogRecord last_seen_{};         // the newest record at the last update: a different one means a new history
    std::uint64_t rebuilds_ = 0;
};

}  // namespace cs::ui
