#include "app/lesson_player.h"

#include <algorithm>
#include <cstdio>
#include <set>

#include "app/host.h"
#include "app/lesson_library.h"
#include "app/share_link.h"
#include "ui/ui_state.h"

namespace cs::app {
namespace {

std::string id_list(const std::vector<NodeId>& ids) {
    std::string out;
    for (NodeId id : ids) out += (out.empty() ? "" : ", ") + std::to_string(id);
    return out;
}

std::set<NodeId> as_set(const std::vector<NodeId>& ids) { return {ids.begin(), ids.end()}; }

// An order or read without `via` goes through the load balancer.
bool any_server(NodeId via) { return via == kLoadBalancer || via == kNoNode; }

bool is_run(const Command& c) { return c.at_us < 0 && (c.verb == Verb::Run || c.verb == Verb::RunUntil); }

// The line as the page types it (the parsed text drops an `at T` prefix).
std::string line_text(const Command& c) { return c.at_us >= 0 ? "at " + seconds_text(c.at_us) + " " + c.text : c.text; }

// Where a `run` line reached at `now` ends.
TimeUs run_target(const Command& c, TimeUs now_us) {
    return c.verb == Verb::Run ? now_us + c.time_us : std::max(now_us, c.time_us);
}

// What an expectation message says was seen: the part after "got ".
std::string seen_part(const std::string& message) {
    const auto got = message.find(", got ");
    return got == std::string::npos ? message : message.substr(got + 6);
}

std::string seconds_words(TimeUs t) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.1f s", static_cast<double>(t) / 1e6);
    return buffer;
}

}  // namespace

bool same_action(const Command& wanted, const Command& done) {
    if (wanted.verb != done.verb) return false;
    switch (wanted.verb) {
        case Verb::Order:
            return wanted.name == done.name && wanted.number == done.number &&
                   (any_server(wanted.node) || wanted.node == done.node);
        case Verb::Read: return wanted.name == done.name && (any_server(wanted.node) || wanted.node == done.node);
        case Verb::Partition: {
            const auto a = as_set(wanted.side_a), b = as_set(wanted.side_b);
            const auto c = as_set(done.side_a), d = as_set(done.side_b);
            return (a == c && b == d) || (a == d && b == c);
        }
        default:
            return wanted.number == done.number && wanted.number2 == done.number2 &&
                   wanted.fraction == done.fraction && wanted.time_us == done.time_us &&
                   wanted.time2_us == done.time2_us && wanted.rate == done.rate && wanted.name == done.name &&
                   wanted.node == done.node && wanted.node2 == done.node2 && wanted.flag == done.flag &&
                   as_set(wanted.side_a) == as_set(done.side_a) && as_set(wanted.side_b) == as_set(done.side_b);
    }
}

std::string action_in_words(const Command& c) {
    const std::string server = "server " + std::to_string(c.node);
    switch (c.verb) {
        case Verb::Crash: return "crash " + server;
        case Verb::Restart: return "restart " + server;
        case Verb::Isolate: return "isolate " + server + " from the others";
        case Verb::Partition: return "cut the network between " + id_list(c.side_a) + " and " + id_list(c.side_b);
        case Verb::Heal: return "heal the network";
        case Verb::Drop:
            return "drop the next message from server " + std::to_string(c.node) + " to server " +
                   std::to_string(c.node2);
        case Verb::Order:
            return "order " + std::to_string(c.number) + " of " + c.name +
                   (any_server(c.node) ? std::string() : " through " + server);
        case Verb::Read: return "read " + c.name + (any_server(c.node) ? std::string() : " from " + server);
        case Verb::Replication: return c.flag ? "switch to asynchronous replication" : "switch to synchronous replication";
        case Verb::Quorum: return c.flag ? "turn quorum on" : "turn quorum off";
        case Verb::Lb: return "switch the load balancer to " + c.name;
        case Verb::Slow: {
            char buffer[64];
            std::snprintf(buffer, sizeof buffer, "make server %d %g times slower", c.node, c.fraction);
            return buffer;
        }
        default: return c.text;
    }
}

std::string expectation_in_words(const Command& c) {
    switch (c.expect) {
        case ExpectKind::Leader:
            return c.node == kNoNode ? "no leader all servers agree on" : "server " + std::to_string(c.node) + " is the leader";
        case ExpectKind::Stock:
            return c.name + " stock is " + std::to_string(c.number) +
                   (c.node == kNoNode ? " on every alive server" : " on server " + std::to_string(c.node));
        case ExpectKind::Orders: {
            std::string out;
            const std::pair<const char*, std::int64_t> counts[] = {{"submitted", c.orders.submitted},
                                                                   {"acknowledged", c.orders.acknowledged},
                                                                   {"rejected", c.orders.rejected},
                                                                   {"unknown", c.orders.unknown}};
            for (const auto& [what, n] : counts)
                if (n >= 0) out += (out.empty() ? "" : ", ") + std::to_string(n) + " " + what;
            return "orders: " + out;
        }
        case ExpectKind::Alive: return c.side_a.empty() ? "no server alive" : "alive: servers " + id_list(c.side_a);
        case ExpectKind::Converged: return "every alive server holds the same data";
        case ExpectKind::NoViolations: return "the checker finds no violation";
        case ExpectKind::Violation: return std::string("the checker flags ") + violation_kind_name(c.violation);
        default: return c.text.rfind("expect ", 0) == 0 ? c.text.substr(7) : c.text;
    }
}

// ---- opening ----

bool LessonPlayer::open(std::string_view name, Host& host, int step) {
    const LessonSource* source = find_lesson(name);
    if (!source) {
        error_ = "no lesson '" + std::string(name) + "' (the lessons are " + lesson_names() + ")";
        return false;
    }
    return open_text(source->text, source->name, host, step);
}

bool LessonPlayer::open_text(std::string_view text, std::string name, Host& host, int step) {
    Lesson lesson;
    std::string error;
    if (!parse_lesson(text, name + ".scn", lesson, error)) {
        error_ = error;
        return false;
    }
    for (std::size_t s = 0; s < lesson.steps.size(); ++s) {
        ui::SideTab tab{};
        const std::string& view = lesson.steps[s].view;
        if (!view.empty() && !ui::side_tab_from_view(view.c_str(), tab)) {
            error_ = name + ".scn: step " + std::to_string(s + 1) + ": no tab '" + view + "' for '## view:'";
            return false;
        }
    }
    const std::string base = config_lines(lesson.scenario.config);
    return start(std::move(lesson), std::move(name), base, host, step);
}

bool LessonPlayer::start(Lesson lesson, std::string name, std::string base_text, Host& host, int step) {
    // Check that the world builds before anything is replaced.
    const std::optional<Lesson> previous = std::move(lesson_);
    lesson_ = std::move(lesson);
    const std::string previous_base = std::move(base_text_);
    base_text_ = std::move(base_text);
    const CommandResult loaded = host.load(base_text_);
    if (!loaded.ok) {
        error_ = "the lesson's setup does not load: " + loaded.error;
        lesson_ = previous;
        base_text_ = previous_base;
        return false;
    }
    name_ = std::move(name);
    error_.clear();
    go_to_step(step, host);
    return true;
}

void LessonPlayer::close() {
    paused_for_user_ = false;
    paused_at_step_end_ = false;
    lesson_.reset();
    name_.clear();
    ++generation_;
}

// ---- moving between steps ----

void LessonPlayer::go_to_step(int step, Host& host) {
    if (!lesson_) return;
    step = std::clamp(step, 0, step_count() - 1);
    const CommandResult loaded = host.load(base_text_);
    if (!loaded.ok) {  // it loaded when the lesson opened; the seed the user chose may differ, nothing else
        error_ = "the lesson's setup does not load: " + loaded.error;
        return;
    }
    seed_ = host.seed();
    paused_for_user_ = false;
    paused_at_step_end_ = false;
    mark_ = {};
    journal_seen_ = 0;
    user_entries_.clear();
    host.resume();
    for (const LessonLine& line : lesson_->setup) apply_instantly(line, host);
    for (int s = 0; s < step; ++s)
        for (const LessonLine& line : lesson_->steps[static_cast<std::size_t>(s)].lines) apply_instantly(line, host);
    enter_step(step, host);
}

void LessonPlayer::enter_step(int step, Host& host) {
    step_ = step;
    cursor_ = 0;
    wait_until_us_.reset();
    wait_total_us_ = 0;
    expects_.clear();
    step_end_reached_ = false;
    user_entries_.clear();
    scan_journal(host);
    user_entries_.clear();  // what the user did before this step belongs to the step before
    step_start_us_ = host.sim().now_us();
    const auto& journal = host.journal();
    mark_ = journal.empty() ? JournalMark{} : JournalMark{journal.size(), journal.back().at_us, journal.back().line};
    ++generation_;
    update(host);
}

void LessonPlayer::next(Host& host) {
    if (!lesson_ || step_ + 1 >= step_count()) return;
    if (!off_track(host).empty()) {
        go_to_step(step_ + 1, host);
        return;
    }
    // The rest of this step at once, so the next one starts from what this one shows.
    scan_journal(host);
    if (wait_until_us_) {
        host.seek(*wait_until_us_);
        wait_until_us_.reset();
        ++cursor_;
    }
    const auto& lines = current().lines;
    for (; cursor_ < lines.size(); ++cursor_) {
        const LessonLine& line = lines[cursor_];
        if (line.user_action && take_user_action(line, host)) continue;
        if (line.line.command.verb == Verb::Expect) continue;
        apply_instantly(line, host);
    }
    resume_after_user(host);
    // Next is "go on": the clock the step's end stopped starts again.
    if (paused_at_step_end_) {
        paused_at_step_end_ = false;
        host.resume();
    }
    enter_step(step_ + 1, host);
}

void LessonPlayer::previous(Host& host) { go_to_step(std::max(0, step_ - 1), host); }

void LessonPlayer::do_it_for_me(Host& host) {
    if (!lesson_ || !off_track(host).empty()) return;
    const auto& lines = current().lines;
    if (cursor_ >= lines.size() || !lines[cursor_].user_action) return;
    issue(lines[cursor_], host);
    resume_after_user(host);
    ++cursor_;
    update(host);
}

void LessonPlayer::resume_after_user(Host& host) {
    if (!paused_for_user_) return;
    paused_for_user_ = false;
    host.resume();
}

void LessonPlayer::skip_wait(Host& host) {
    if (!lesson_ || !wait_until_us_ || !off_track(host).empty()) return;
    host.seek(*wait_until_us_);
    update(host);
}

// ---- the script ----

void LessonPlayer::update(Host& host) {
    if (!lesson_ || !off_track(host).empty()) return;
    // The student pressed Play on a done step: watching on is their choice.
    if (paused_at_step_end_ && !host.playback().paused) paused_at_step_end_ = false;
    scan_journal(host);
    const auto& lines = current().lines;
    while (cursor_ < lines.size()) {
        const LessonLine& line = lines[cursor_];
        const Command& c = line.line.command;
        if (line.user_action) {
            if (!take_user_action(line, host)) {
                // The user's turn. The clock waits too, so the action lands at the moment
                // the lesson was written for (a second later, a lost message may already
                // have been resent). Pressing Play is allowed: then it is the user's timing.
                if (!paused_for_user_ && !host.playback().paused) {
                    host.pause();
                    paused_for_user_ = true;
                }
                return;
            }
            resume_after_user(host);
            ++cursor_;
            continue;
        }
        if (is_run(c)) {
            const TimeUs now = host.sim().now_us();
            if (!wait_until_us_) {
                wait_until_us_ = run_target(c, now);
                wait_total_us_ = *wait_until_us_ - now;
            }
            if (now < *wait_until_us_) return;  // watching
            // A frame overshoots the end of the run (by up to a frame of fast-forwarded quiet
            // time); the lines after it must apply at the right time, as headless (the clock
            // also stops exactly there for a `## do` line or the step's end), so go back to it
            // exactly. Not when the user issued something in the overshoot: that would cut it off.
            const auto& journal = host.journal();
            const bool user_after = !journal.empty() && journal.back().at_us > *wait_until_us_;
            if (now > *wait_until_us_ && !user_after) host.seek(*wait_until_us_);
            wait_until_us_.reset();
            ++cursor_;
            continue;
        }
        if (c.verb == Verb::Expect) {
            check_expect(line, host);
            ++cursor_;
            continue;
        }
        issue(line, host);
        ++cursor_;
    }
    // The step is done: the moment it showed stays on screen until Next (or Play).
    // Not after the last step: the lesson is over and everything stays live.
    if (!step_end_reached_) {
        step_end_reached_ = true;
        if (step_ + 1 < step_count() && !host.playback().paused) {
            host.pause();
            paused_at_step_end_ = true;
        }
    }
}

std::string LessonPlayer::off_track(const Host& host) const {
    if (!lesson_) return {};
    if (host.base_scenario() != base_text_ || host.seed() != seed_)
        return "Another scenario is running now. \"Back to the lesson\" rebuilds this step.";
    if (history_changed(host))
        return "The history this step builds on was changed (time travel or a restart). \"Back to the lesson\" "
               "rebuilds this step.";
    if (host.sim().now_us() < step_start_us_)
        return "You went back to before this step began (it begins at " + seconds_words(step_start_us_) +
               "). Play on, or press \"Back to the lesson\".";
    return {};
}

bool LessonPlayer::history_changed(const Host& host) const {
    if (mark_.size == 0) return false;
    const auto& journal = host.journal();
    if (journal.size() < mark_.size) return true;
    const JournalEntry& entry = journal[mark_.size - 1];
    return entry.at_us != mark_.at_us || entry.line != mark_.line;
}

void LessonPlayer::scan_journal(const Host& host) {
    const std::size_t size = host.journal().size();
    if (size < journal_seen_) {  // the user branched: entries after the cut are gone
        journal_seen_ = size;
        user_entries_.erase(std::remove_if(user_entries_.begin(), user_entries_.end(),
                                           [size](std::size_t i) { return i >= size; }),
                            user_entries_.end());
    }
    for (; journal_seen_ < size; ++journal_seen_) user_entries_.push_back(journal_seen_);
}

void LessonPlayer::issue(const LessonLine& line, Host& host) {
    scan_journal(host);
    const std::string text = line_text(line.line.command);
    const CommandResult result = host.command(text);
    if (!result.ok) {
        host.notify("lesson: '" + text + "': " + result.error);
        return;
    }
    const auto& journal = host.journal();
    journal_seen_ = journal.size();
    mark_ = {journal.size(), journal.back().at_us, journal.back().line};
}

void LessonPlayer::apply_instantly(const LessonLine& line, Host& host) {
    const Command& c = line.line.command;
    if (c.verb == Verb::Expect) return;
    if (is_run(c)) {
        host.seek(run_target(c, host.sim().now_us()));
        return;
    }
    issue(line, host);
}

bool LessonPlayer::take_user_action(const LessonLine& line, const Host& host) {
    const Simulation& sim = host.sim();
    ParseContext context;
    context.servers = sim.server_count();
    for (const Product& p : sim.config().catalogue) context.products.push_back(p.sku);
    context.now_us = 0;  // an `at` command's time is not what is compared
    context.setup_allowed = false;
    const auto& journal = host.journal();
    for (auto it = user_entries_.begin(); it != user_entries_.end(); ++it) {
        Command done;
        std::string error;
        if (!parse_command(journal[*it].line, context, done, error)) continue;
        if (!same_action(line.line.command, done)) continue;
        const TimeUs at = journal[*it].at_us;
        user_entries_.erase(it);
        // The Shop's Refresh reads every product through one server at once: the other
        // reads of that moment are part of the same action, not a step off the lesson's path.
        if (done.verb == Verb::Read)
            user_entries_.erase(std::remove_if(user_entries_.begin(), user_entries_.end(),
                                               [&](std::size_t i) {
                                                   Command other;
                                                   std::string ignored;
                                                   return journal[i].at_us == at &&
                                                          parse_command(journal[i].line, context, other, ignored) &&
                                                          other.verb == Verb::Read && other.node == done.node;
                                               }),
                                user_entries_.end());
        return true;
    }
    return false;
}

void LessonPlayer::check_expect(const LessonLine& line, const Host& host) {
    // Checking needs a mutable simulation; a copy keeps the host's untouched.
    Simulation probe(host.sim());
    const CommandResult result = probe.apply(line.line.command);
    expects_.push_back({expectation_in_words(line.line.command), result.ok, result.ok ? "" : seen_part(result.error)});
}

// ---- what the tab shows ----

ui::LessonView LessonPlayer::view(const Host& host) const {
    ui::LessonView v;
    v.error = error_;
    v.generation = generation_;
    if (!lesson_) return v;
    v.active = true;
    v.name = name_;
    v.title = lesson_->title;
    v.section = lesson_->section;
    v.step = step_;
    v.step_count = step_count();
    v.narration = current().narration;
    v.view = current().view;
    v.paused_at_step_end = paused_at_step_end_;
    v.expects = expects_;
    v.off_track = off_track(host);

    const auto& lines = current().lines;
    if (cursor_ >= lines.size()) {
        v.phase = step_ + 1 >= step_count() ? ui::LessonPhase::Finished : ui::LessonPhase::StepDone;
    } else if (lines[cursor_].user_action) {
        v.phase = ui::LessonPhase::YourTurn;
        v.awaited = line_text(lines[cursor_].line.command);
        v.awaited_words = action_in_words(lines[cursor_].line.command);
    } else if (wait_until_us_) {
        v.phase = ui::LessonPhase::Watching;
        v.wait_total_us = wait_total_us_;
        v.wait_left_us = std::max<TimeUs>(0, *wait_until_us_ - host.sim().now_us());
    } else {
        v.phase = ui::LessonPhase::Running;
    }
    for (const LessonLine& line : lines) {
        const Command& c = line.line.command;
        if (c.verb != Verb::Read) continue;
        for (const ClientOrder& o : host.sim().clients().recent()) {
            if (!o.is_read || o.sku != c.name || o.submitted_us < step_start_us_ || o.stock_seen < 0) continue;
            ui::LessonView::ReadView r;
            const NodeId from = o.entry_server();
            r.what = "server " + std::to_string(from) + " returned " + std::to_string(o.stock_seen) + " for " + o.sku;
            for (const Server& s : host.sim().servers()) {
                if (!s.is_leader() || o.product < 0 || static_cast<std::size_t>(o.product) >= s.stock.size()) continue;
                const std::int64_t held = s.stock[static_cast<std::size_t>(o.product)];
                r.what += "; leader " + std::to_string(s.id) + " holds " + std::to_string(held) + " now";
                r.stale |= held != o.stock_seen;
            }
            if (r.stale) r.what += ": a stale read";
            v.reads.push_back(std::move(r));
        }
    }
    const auto& journal = host.journal();
    for (std::size_t i : user_entries_)
        if (i < journal.size()) v.own_commands.push_back(journal[i].line);
    return v;
}

}  // namespace cs::app
