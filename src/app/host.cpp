#include "app/host.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "app/scenario_loader.h"

namespace cs::app {
namespace {

// About how much memory a checkpoint holds alone: the parts a copy duplicates (the event
// log, metric rings, queues, the checker's acknowledged orders) plus, per growing store,
// the one chunk it will not share once the run writes on (sim/shared_chunks.h: the client
// history, and each replica's log, digests and order index). Full chunks are shared with
// the other checkpoints and the live run, so they are counted once (shared_bytes). An
// estimate for the checkpoints' memory bound, not an accounting.
std::size_t approx_bytes(const Simulation& sim) {
    constexpr std::size_t kFixed = std::size_t{2} << 20;  // event log (20,000 records), metrics, queues
    constexpr std::size_t kIndexEntry = 40;               // a hash-table node and its bucket
    constexpr std::size_t kChunk = 1024, kIndexTail = 2048;
    std::size_t bytes = kFixed + kChunk * (sizeof(Operation) + sizeof(std::size_t));
    for (const Server& s : sim.servers())
        bytes += sizeof(Server) + kChunk * (sizeof(LogEntry) + sizeof(std::uint64_t)) + kIndexTail * kIndexEntry;
    bytes += static_cast<std::size_t>(sim.clients().totals().acknowledged) * 16;
    return bytes;
}

// The full chunks all checkpoints share, counted once, twice over: an order index's frozen
// levels merge as it grows, and a checkpoint keeps the levels it was taken with.
std::size_t shared_bytes(const Simulation& sim) {
    constexpr std::size_t kIndexEntry = 40;
    std::size_t bytes = sim.client_history().ops().size() * (sizeof(Operation) + sizeof(std::size_t));
    for (const Server& s : sim.servers())
        bytes += s.log.size() * (sizeof(LogEntry) + sizeof(std::uint64_t)) + 2 * s.order_index.size() * kIndexEntry;
    return bytes;
}

}  // namespace

Host::Host(const StartOptions& options) : options_(options) {
    playback_.speed = options.speed;
    for (const std::string& notice : options.notices) notify(notice);
    restart_history(std::make_unique<Simulation>(options.config));
    if (!options.scenario.empty()) {
        // The URL's (or command line's) seed wins over the scenario's own seed line, as
        // `clustersim-cli run FILE --seed N` does; later loads keep their own seed.
        const CommandResult result = load_with_seed(
            options.scenario, options.seed_given ? std::optional<std::uint64_t>(options.config.seed) : std::nullopt);
        if (!result.ok) notify("scenario not loaded: " + result.error);
    }
}

void Host::restart_history(std::unique_ptr<Simulation> sim) {
    sim_ = std::move(sim);
    journal_.clear();
    journal_applied_ = 0;
    checkpoints_.clear();
    spare_.reset();
    checkpoint_interval_us_ = us_from_s(5);
    checkpoints_.push_back({sim_->now_us(), 0, std::make_shared<Simulation>(*sim_), approx_bytes(*sim_)});
    checkpoint_bytes_ = checkpoints_.back().bytes;
    latest_us_ = sim_->now_us();
    latest_milestones_ = sim_->milestones();
    latest_violations_ = sim_->checker().violations();
    behind_ = false;
    fast_forwarding_ = false;
}

ui::TimelineView Host::timeline() const {
    ui::TimelineView view;
    view.earliest_us = checkpoints_.empty() ? 0 : checkpoints_.front().at_us;
    view.latest_us = std::max(latest_us_, sim_->now_us());
    const bool live = sim_->now_us() >= latest_us_;
    view.milestones = live ? &sim_->milestones() : &latest_milestones_;
    view.violations = live ? &sim_->checker().violations() : &latest_violations_;
    return view;
}

AdvanceResult Host::replay_to(TimeUs target_us, std::uint64_t max_events, bool stop_when_loud) {
    AdvanceResult total;
    // Runs one stretch of events; true when the caller must stop (cap hit, or loud). It
    // stops at each checkpoint time on the way: a long jump forward (a seek, a link's
    // moment) leaves checkpoints behind it as playing would, so seeking back is quick.
    auto run = [&](TimeUs to_us) {
        do {
            const TimeUs stop_us = std::min(to_us, checkpoints_.back().at_us + checkpoint_interval_us_);
            if (stop_when_loud) {
                const AdvanceResult part = advance_to_while_quiet(*sim_, stop_us, max_events - total.advance.events);
                total.advance.events += part.advance.events;
                total.advance.behind = part.advance.behind;
                total.stopped_loud = part.stopped_loud;
            } else {
                const Advance part = advance_to(*sim_, stop_us, max_events - total.advance.events);
                total.advance.events += part.events;
                total.advance.behind = part.behind;
            }
            if (total.advance.behind || total.stopped_loud) return true;
            maybe_checkpoint();
        } while (sim_->now_us() < to_us);
        return false;
    };
    while (journal_applied_ < journal_.size() && journal_[journal_applied_].at_us <= target_us) {
        const JournalEntry& entry = journal_[journal_applied_];
        if (run(entry.at_us)) {
            maybe_checkpoint();
            return total;
        }
        const std::uint64_t loud_before = interesting_sent(*sim_);
        const CommandResult result = sim_->execute(entry.line);
        if (!result.ok) notify("replaying '" + entry.line + "': " + result.error);
        ++journal_applied_;
        maybe_checkpoint();
        if (stop_when_loud && (interesting_sent(*sim_) != loud_before || sim_->election_in_progress())) {
            total.stopped_loud = true;
            return total;
        }
    }
    run(target_us);
    maybe_checkpoint();
    return total;
}

void Host::note_latest() {
    if (sim_->now_us() < latest_us_) return;
    latest_us_ = sim_->now_us();
    // The list is bounded and only grows (or halves) at its end: comparing the
    // size and the last entry tells whether it changed, without copying every frame.
    const std::vector<Milestone>& now = sim_->milestones();
    const bool same = now.size() == latest_milestones_.size() &&
                      (now.empty() || (now.back().time_us == latest_milestones_.back().time_us &&
                                       now.back().kind == latest_milestones_.back().kind &&
                                       now.front().time_us == latest_milestones_.front().time_us));
    if (!same) latest_milestones_ = now;
    if (sim_->checker().violations().size() != latest_violations_.size())
        latest_violations_ = sim_->checker().violations();
}

std::shared_ptr<Simulation> Host::copy_for_checkpoint() {
    if (!spare_) return std::make_shared<Simulation>(*sim_);
    std::shared_ptr<Simulation> copy = std::move(spare_);
    *copy = *sim_;
    return copy;
}

void Host::maybe_checkpoint() {
    note_latest();
    if (sim_->now_us() < checkpoints_.back().at_us + checkpoint_interval_us_) return;
    checkpoints_.push_back({sim_->now_us(), journal_applied_, copy_for_checkpoint(), approx_bytes(*sim_)});
    checkpoint_bytes_ += checkpoints_.back().bytes;
    if (checkpoints_.size() <= kMaxCheckpoints && checkpoint_bytes_ + shared_bytes(*sim_) <= kCheckpointBudgetBytes)
        return;
    // Keep every other checkpoint (always the first) and space the next ones twice as far:
    // memory stays bounded however long the run, and a seek replays at most one interval.
    std::vector<Checkpoint> kept;
    checkpoint_bytes_ = 0;
    for (std::size_t i = 0; i < checkpoints_.size(); ++i) {
        if (i % 2 == 0) {
            checkpoint_bytes_ += checkpoints_[i].bytes;
            kept.push_back(std::move(checkpoints_[i]));
        } else if (!spare_) {
            spare_ = std::move(checkpoints_[i].sim);  // the next checkpoint reuses its memory
        }
    }
    checkpoints_ = std::move(kept);
    checkpoint_interval_us_ *= 2;
}

void Host::tick(double wall_dt_s) {
    if (playback_.paused) {
        behind_ = false;
        fast_forwarding_ = false;
        return;
    }
    const QuietSettings quiet{playback_.skip_quiet, playback_.quiet_speed};
    const FramePlan plan =
        advance_frame(*sim_, wall_dt_s, playback_.speed, quiet, limits_,
                      [this](TimeUs target_us, std::uint64_t max_events, bool stop_when_loud) {
                          return replay_to(target_us, max_events, stop_when_loud);
                      });
    behind_ = plan.behind;
    fast_forwarding_ = plan.fast_forwarded;
}

void Host::restore_checkpoint_at(TimeUs t) {
    // The latest checkpoint at or before t (the first one is at the start, so there is one).
    auto it = std::upper_bound(checkpoints_.begin(), checkpoints_.end(), t,
                               [](TimeUs value, const Checkpoint& c) { return value < c.at_us; });
    restore_from(*std::prev(it));
}

void Host::restore_from(const Checkpoint& cp) {
    *sim_ = *cp.sim;
    journal_applied_ = cp.journal_applied;
}

void Host::restore_checkpoint_with_events(std::uint64_t events) {
    auto it = std::upper_bound(checkpoints_.begin(), checkpoints_.end(), events,
                               [](std::uint64_t value, const Checkpoint& c) { return value < c.sim->events_processed(); });
    restore_from(*std::prev(it));
}

void Host::seek(TimeUs t) {
    t = std::max(t, timeline().earliest_us);
    // Back in time, or forward past a checkpoint (the run was there before): start from
    // the latest checkpoint at or before t rather than replaying everything on the way.
    const auto after_t = std::upper_bound(checkpoints_.begin(), checkpoints_.end(), t,
                                          [](TimeUs value, const Checkpoint& c) { return value < c.at_us; });
    if (t < sim_->now_us() || std::prev(after_t)->at_us > sim_->now_us()) restore_checkpoint_at(t);
    replay_to(t, std::numeric_limits<std::uint64_t>::max());
    behind_ = false;
}

void Host::apply_journal_before_next_event() {
    while (journal_applied_ < journal_.size()) {
        const TimeUs next = sim_->next_event_time();
        const JournalEntry& entry = journal_[journal_applied_];
        if (next < 0 || entry.at_us >= next) return;
        sim_->run_until(entry.at_us);  // no event before it: only the clock moves
        const CommandResult result = sim_->execute(entry.line);
        if (!result.ok) notify("replaying '" + entry.line + "': " + result.error);
        ++journal_applied_;
    }
}

void Host::step() {
    playback_.paused = true;
    fast_forwarding_ = false;
    apply_journal_before_next_event();
    if (sim_->next_event_time() < 0) return;
    sim_->step();
    maybe_checkpoint();
}

void Host::step_back() {
    playback_.paused = true;
    fast_forwarding_ = false;
    const std::uint64_t target = sim_->events_processed();
    if (target == 0) return;
    const std::uint64_t first = checkpoints_.front().sim->events_processed();
    if (target <= first) return;  // the oldest moment that can be revisited
    restore_checkpoint_with_events(target - 1);
    while (sim_->events_processed() < target - 1) {
        apply_journal_before_next_event();
        if (!sim_->step()) break;
    }
    behind_ = false;
}

void Host::reset(std::uint64_t seed) {
    if (!base_text_.empty()) {
        LoadResult loaded = load_scenario(base_text_, seed);
        if (loaded.sim) {
            restart_history(std::move(loaded.sim));
            return;
        }
    }
    Config config = options_.config;
    config.seed = seed;
    base_text_.clear();
    restart_history(std::make_unique<Simulation>(config));
}

void Host::branch_here() {
    if (journal_applied_ < journal_.size()) journal_.resize(journal_applied_);
    const TimeUs now = sim_->now_us();
    while (checkpoints_.size() > 1 && checkpoints_.back().at_us > now) {
        checkpoint_bytes_ -= checkpoints_.back().bytes;
        checkpoints_.pop_back();
    }
    latest_us_ = now;
    latest_milestones_ = sim_->milestones();
    latest_violations_ = sim_->checker().violations();
}

CommandResult Host::command(std::string_view line) {
    const bool in_the_past = journal_applied_ < journal_.size() || sim_->now_us() < latest_us_;
    // Try it on a copy first when branching, so a refused command does not cut the future.
    if (in_the_past) {
        Simulation trial(*sim_);
        const CommandResult result = trial.execute(line);
        if (!result.ok) return result;
        branch_here();
    }
    const CommandResult result = sim_->execute(line);
    if (result.ok && journal_.size() < kMaxJournal) {
        journal_.push_back({sim_->now_us(), std::string(line)});
        journal_applied_ = journal_.size();
    }
    return result;
}

CommandResult Host::load(std::string_view text) { return load_with_seed(text, std::nullopt); }

CommandResult Host::load_with_seed(std::string_view text, std::optional<std::uint64_t> seed) {
    LoadResult loaded = load_scenario(text, seed);
    if (!loaded.sim) return CommandResult{false, loaded.error};
    restart_history(std::move(loaded.sim));
    base_text_ = std::string(text);
    return {};
}

bool Host::set_speed(double speed) {
    if (!std::isfinite(speed) || speed <= 0.0) return false;
    playback_.speed = std::clamp(speed, ui::kMinSpeed, ui::kMaxSpeed);
    return true;
}

void Host::apply(const ui::Actions& actions) {
    if (actions.dismiss_notices) clear_notices();
    playback_.paused = actions.playback.paused;
    playback_.skip_quiet = actions.playback.skip_quiet;
    set_speed(actions.playback.speed);
    if (actions.reset_with_seed) reset(*actions.reset_with_seed);
    if (actions.seek_to_us) seek(*actions.seek_to_us);
    if (actions.step_event) step();
    if (actions.step_back_event) step_back();
    for (const std::string& line : actions.commands) {
        const CommandResult result = command(line);
        if (!result.ok) notify(line + ": " + result.error);
    }
}

void Host::notify(std::string text) {
    notices_.push_back(std::move(text));
    if (notices_.size() > kMaxNotices) notices_.erase(notices_.begin());
}

}  // namespace cs::app
