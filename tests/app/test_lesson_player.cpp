// The lesson player on a real Host: steps, waits, user actions, expectations,
// moving between steps, and noticing when the user leaves the lesson's path.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "app/desktop_args.h"
#include "app/host.h"
#include "app/lesson_library.h"
#include "app/lesson_player.h"
#include "sim/lesson.h"

using namespace cs;
using namespace cs::app;
using ui::LessonPhase;

namespace {

constexpr const char* kDemo =
    "## lesson: Demo\n"
    "## section: Bully Algorithm\n"
    "## step: Watch the heartbeats for two seconds.\n"
    "run 2s\n"
    "expect leader 6\n"
    "## step: Crash the leader, then watch the election.\n"
    "crash 6  ## do\n"
    "run 6s\n"
    "expect leader 5\n"
    "expect leader 6\n"
    "## step: Order, and cut the network.\n"
    "order PRD-1 5  ## do\n"
    "partition 1,2 | 3,4,5  ## do\n"
    "run 1s\n"
    "heal\n"
    "expect alive 1,2,3,4,5\n";

// Frames of 1/60 s at 10x, with the player looking after each one, as the Gui does.
void play(Host& host, LessonPlayer& player, TimeUs for_us) {
    host.resume();
    REQUIRE(host.set_speed(10.0));
    const TimeUs until = host.sim().now_us() + for_us;
    for (int frame = 0; host.sim().now_us() < until && frame < 100000; ++frame) {
        host.tick(1.0 / 60.0);
        player.update(host);
        if (host.playback().paused) break;  // the step is done (or waits for the user)
    }
}

ui::LessonView view(const Host& host, const LessonPlayer& player) { return player.view(host); }

Host fresh_host() { return Host(StartOptions{}); }

}  // namespace

TEST_CASE("lesson player: a step waits out its run, then shows what you should see") {
    Host host = fresh_host();
    LessonPlayer player;
    REQUIRE(player.open_text(kDemo, "demo", host));
    ui::LessonView v = view(host, player);
    CHECK(v.active);
    CHECK(v.title == "Demo");
    CHECK(v.step == 0);
    CHECK(v.step_count == 3);
    CHECK(v.phase == LessonPhase::Watching);
    CHECK(v.wait_total_us == us_from_s(2));
    CHECK(v.expects.empty());

    play(host, player, us_from_s(3));
    v = view(host, player);
    CHECK(v.phase == LessonPhase::StepDone);
    REQUIRE(v.expects.size() == 1);
    CHECK(v.expects[0].ok);
    CHECK(v.expects[0].what == "server 6 is the leader");
}

TEST_CASE("lesson player: a '## do' line waits for the user's own command, or for 'Do it for me'") {
    Host host = fresh_host();
    LessonPlayer player;
    REQUIRE(player.open_text(kDemo, "demo", host, 1));
    ui::LessonView v = view(host, player);
    CHECK(v.step == 1);
    CHECK(v.phase == LessonPhase::YourTurn);
    CHECK(v.awaited == "crash 6");
    CHECK(v.awaited_words == "crash server 6");
    CHECK(host.playback().paused);  // the clock waits for the user

    // Something else is noted as the user's own, and the lesson keeps waiting.
    REQUIRE(host.command("crash 2").ok);
    player.update(host);
    v = view(host, player);
    CHECK(v.phase == LessonPhase::YourTurn);
    REQUIRE(v.own_commands.size() == 1);
    CHECK(v.own_commands[0] == "crash 2");

    // The awaited command, however it was typed, moves the lesson on, and the clock again.
    REQUIRE(host.command("crash   6").ok);
    player.update(host);
    CHECK(view(host, player).phase == LessonPhase::Watching);
    CHECK_FALSE(host.playback().paused);
    play(host, player, us_from_s(7));
    v = view(host, player);
    CHECK(v.phase == LessonPhase::StepDone);
    REQUIRE(v.expects.size() == 2);
    CHECK(v.expects[0].ok);
    CHECK_FALSE(v.expects[1].ok);  // written to fail: what was seen instead is shown
    CHECK(v.expects[1].got == "5");

    player.next(host);
    v = view(host, player);
    CHECK(v.step == 2);
    CHECK(v.phase == LessonPhase::YourTurn);
    player.do_it_for_me(host);
    v = view(host, player);
    CHECK(v.awaited == "partition 1,2 | 3,4,5");
    // Sides in the other order are the same partition.
    REQUIRE(host.command("partition 3,4,5 | 1,2").ok);
    player.update(host);
    CHECK(view(host, player).phase == LessonPhase::Watching);
    player.skip_wait(host);
    v = view(host, player);
    CHECK(v.phase == LessonPhase::Finished);
    REQUIRE(v.expects.size() == 1);
    CHECK_FALSE(v.expects[0].ok);  // server 2 was crashed by the user in step 2, and step 3 rebuilt nothing
}

TEST_CASE("lesson player: matching user actions") {
    const ParseContext context;
    auto parsed = [&](const char* line) {
        Command c;
        std::string error;
        REQUIRE_MESSAGE(parse_command(line, context, c, error), error);
        return c;
    };
    CHECK(same_action(parsed("order PRD-1 5"), parsed("order PRD-1 5 via 3")));
    CHECK_FALSE(same_action(parsed("order PRD-1 5 via 2"), parsed("order PRD-1 5 via 3")));
    CHECK_FALSE(same_action(parsed("order PRD-1 5"), parsed("order PRD-1 4")));
    CHECK(same_action(parsed("partition 1,2,3 | 4,5,6"), parsed("partition 6,5,4 | 3,2,1")));
    CHECK_FALSE(same_action(parsed("partition 1,2 | 3,4,5,6"), parsed("partition 1,2,3 | 4,5,6")));
    CHECK(same_action(parsed("drop 6->5"), parsed("drop 6->5")));
    CHECK_FALSE(same_action(parsed("drop 6->5"), parsed("drop 5->6")));
    CHECK(same_action(parsed("replication async"), parsed("replication async")));
    CHECK_FALSE(same_action(parsed("replication async"), parsed("replication sync")));
    CHECK(same_action(parsed("load rate=20 duration=10s"), parsed("load rate=20 duration=10s")));
    CHECK_FALSE(same_action(parsed("crash 6"), parsed("restart 6")));
}

TEST_CASE("lesson player: a run ends exactly on time, so the next line applies when it would headless") {
    Host host = fresh_host();
    LessonPlayer player;
    REQUIRE(player.open_text("## lesson: T\n## section: S\n## step: Wait, then crash.\nrun 2s\ncrash 3\n", "t", host));
    play(host, player, us_from_s(3));
    REQUIRE(host.journal().size() == 1);
    CHECK(host.journal()[0].line == "crash 3");
    CHECK(host.journal()[0].at_us == us_from_s(2));
}

TEST_CASE("lesson player: previous and jumping rebuild the same state every time") {
    Host host = fresh_host();
    LessonPlayer player;
    REQUIRE(player.open_text(kDemo, "demo", host, 2));
    const std::string at_step_3 = host.sim().state_json();
    CHECK(host.sim().now_us() == us_from_s(8));  // 2 s + 6 s of the earlier steps, replayed at once

    player.previous(host);
    CHECK(view(host, player).step == 1);
    CHECK(host.sim().server(6).alive);
    player.go_to_step(2, host);
    CHECK(host.sim().state_json() == at_step_3);
    player.restart(host);
    CHECK(view(host, player).step == 0);
    CHECK(host.sim().now_us() == 0);
}

TEST_CASE("lesson player: Next finishes the step as written and goes on") {
    Host host = fresh_host();
    LessonPlayer player;
    REQUIRE(player.open_text(kDemo, "demo", host));
    player.next(host);  // the 2 s wait, at once
    player.next(host);  // the crash and the 6 s, at once
    CHECK(view(host, player).step == 2);
    CHECK(host.sim().now_us() == us_from_s(8));
    CHECK_FALSE(host.sim().server(6).alive);

    Host other = fresh_host();
    LessonPlayer rebuilt;
    REQUIRE(rebuilt.open_text(kDemo, "demo", other, 2));
    CHECK(other.sim().state_json() == host.sim().state_json());
}

TEST_CASE("lesson player: leaving the lesson's path is noticed, and 'Back to the lesson' restores the step") {
    Host host = fresh_host();
    LessonPlayer player;
    REQUIRE(player.open_text(kDemo, "demo", host, 1));
    const std::string step_start = host.sim().state_json();
    CHECK(view(host, player).off_track.empty());

    // Time travel to before the step: on hold until the user comes back to it.
    host.seek(us_from_s(1));
    player.update(host);
    CHECK_FALSE(view(host, player).off_track.empty());
    host.seek(us_from_s(2));
    player.update(host);
    CHECK(view(host, player).off_track.empty());

    // Another scenario entirely.
    REQUIRE(host.load("servers 3\n").ok);
    player.update(host);
    CHECK(view(host, player).off_track.find("Another scenario") != std::string::npos);
    player.back_to_lesson(host);
    CHECK(view(host, player).off_track.empty());
    CHECK(host.sim().state_json() == step_start);
    CHECK(view(host, player).phase == LessonPhase::YourTurn);
}

TEST_CASE("lesson player: unknown lessons and broken lesson texts are refused with a reason") {
    Host host = fresh_host();
    LessonPlayer player;
    CHECK_FALSE(player.open("no-such-lesson", host));
    CHECK(player.error().find("bully") != std::string::npos);  // names the lessons that exist
    CHECK_FALSE(player.open_text("## lesson: T\n## step: s\ncrash 99\n", "bad", host));
    CHECK(player.error().rfind("bad.scn:3:", 0) == 0);
    CHECK_FALSE(player.active());
}

// Every shipped lesson, played as a student who presses "Do it for me" and "Skip
// ahead": each step's expectations hold in the page as they do headless.
TEST_CASE("lesson player: every shipped lesson plays through with every expectation met") {
    REQUIRE(lesson_library().size() >= 7);
    for (const LessonSource& source : lesson_library()) {
        INFO("lesson " << source.name);
        Host host = fresh_host();
        LessonPlayer player;
        REQUIRE_MESSAGE(player.open(source.name, host), player.error());
        for (int step = 0; step < player.step_count(); ++step) {
            INFO("step " << step + 1);
            for (int guard = 0; guard < 100; ++guard) {
                const ui::LessonView v = player.view(host);
                if (v.phase == LessonPhase::YourTurn) player.do_it_for_me(host);
                else if (v.phase == LessonPhase::Watching) player.skip_wait(host);
                else break;
            }
            const ui::LessonView v = player.view(host);
            CHECK(v.off_track.empty());
            CHECK(v.own_commands.empty());
            CHECK((v.phase == LessonPhase::StepDone || v.phase == LessonPhase::Finished));
            for (const ui::ExpectView& e : v.expects) CHECK_MESSAGE(e.ok, e.what << " (seen: " << e.got << ")");
            if (step + 1 < player.step_count()) player.next(host);
        }
        CHECK(host.notices().empty());
    }
}

TEST_CASE("lesson player: the desktop app takes --lesson NAME and --step K") {
    const char* argv[] = {"clustersim", "--lesson", "cap_quorum", "--step", "2"};
    DesktopArgs args;
    std::string error;
    REQUIRE(parse_desktop_args(5, argv, args, error));
    CHECK(args.start.lesson == "cap_quorum");
    CHECK(args.start.lesson_step == 1);
    const char* bad[] = {"clustersim", "--step", "0"};
    CHECK_FALSE(parse_desktop_args(3, bad, args, error));
}

TEST_CASE("lesson player: a '## do' line after a run is awaited exactly at the run's end, clock stopped") {
    Host host = fresh_host();
    LessonPlayer player;
    REQUIRE(player.open_text("## lesson: T\n## section: S\n## step: Wait, then crash.\nrun 300ms\ncrash 3 ## do\n", "t", host));
    play(host, player, us_from_s(1));
    CHECK(view(host, player).phase == LessonPhase::YourTurn);
    CHECK(host.sim().now_us() == us_from_ms(300));
    CHECK(host.playback().paused);
    player.do_it_for_me(host);
    REQUIRE(host.journal().size() == 1);
    CHECK(host.journal()[0].at_us == us_from_ms(300));
}

namespace {

// How often the named event (a `## shows:` name) is in the event log between from and to (inclusive ends as asked).
int occurrences(const Simulation& sim, const std::string& name, TimeUs from_us, TimeUs to_us, bool to_inclusive) {
    int n = 0;
    const EventLog& log = sim.event_log();
    for (std::size_t i = 0; i < log.size(); ++i) {
        const LogRecord& r = log.at(i);
        if (r.time_us < from_us || r.time_us > to_us || (!to_inclusive && r.time_us == to_us)) continue;
        if (record_is(r, name)) ++n;
    }
    return n;
}

int in_flight(const Simulation& sim, const std::string& name) {
    int n = 0;
    sim.for_each_in_flight([&](const Message& m) { n += name == msg_type_name(m.type) ? 1 : 0; });
    return n;
}

}  // namespace

// A step is a moment. Each step names what its narration announces (`## shows:`);
// played frame by frame as a student who presses "Do it for me", then reads the
// step-done card for four seconds before pressing Next:
//   - the clock does not move while the step-done card waits;
//   - what step N announces is still ahead of the clock when it opens: not in flight,
//     not happened during step N-1 (nor while its card waited), and it does happen in step N.
TEST_CASE("lesson player: every lesson's narration stays ahead of the clock, and a done step stops it") {
    int announced = 0;
    for (const LessonSource& source : lesson_library()) {
        INFO("lesson " << source.name);
        Lesson lesson;
        std::string error;
        REQUIRE_MESSAGE(parse_lesson(source.text, source.name + ".scn", lesson, error), error);
        Host host = fresh_host();
        LessonPlayer player;
        REQUIRE_MESSAGE(player.open(source.name, host), player.error());
        REQUIRE(host.set_speed(10.0));
        TimeUs previous_open_us = 0;
        for (int step = 0; step < player.step_count(); ++step) {
            INFO("step " << step + 1 << ": " << lesson.steps[static_cast<std::size_t>(step)].narration);
            const std::vector<std::string>& shows = lesson.steps[static_cast<std::size_t>(step)].shows;
            const TimeUs open_us = host.sim().now_us();
            for (const std::string& name : shows) {
                INFO("announces " << name << " at " << open_us << " us");
                CHECK(in_flight(host.sim(), name) == 0);
                if (step > 0) CHECK(occurrences(host.sim(), name, previous_open_us, open_us, false) == 0);
            }
            for (int frame = 0; frame < 20000; ++frame) {
                const ui::LessonView v = player.view(host);
                if (v.phase == LessonPhase::StepDone || v.phase == LessonPhase::Finished) break;
                if (v.phase == LessonPhase::YourTurn) {
                    player.do_it_for_me(host);
                    continue;
                }
                host.tick(1.0 / 60.0);
                player.update(host);
            }
            const ui::LessonView v = player.view(host);
            REQUIRE((v.phase == LessonPhase::StepDone || v.phase == LessonPhase::Finished));
            const TimeUs done_us = host.sim().now_us();
            for (const std::string& name : shows) {
                INFO("announces " << name << " between " << open_us << " and " << done_us << " us");
                CHECK(occurrences(host.sim(), name, open_us, done_us, true) > 0);
                ++announced;
            }
            if (step + 1 == player.step_count()) break;
            // Four seconds of reading the step-done card: the clock stays where the step ended.
            CHECK(v.paused_at_step_end);
            for (int frame = 0; frame < 240; ++frame) {
                host.tick(1.0 / 60.0);
                player.update(host);
            }
            CHECK(host.sim().now_us() == done_us);
            CHECK(player.view(host).phase == LessonPhase::StepDone);
            previous_open_us = open_us;
            player.next(host);
            // Next lets time pass again, unless the new step starts with the student's turn.
            // (A step with nothing to wait for is done at once, and stops it again.)
            CHECK((!host.playback().paused || player.view(host).phase == LessonPhase::YourTurn ||
                   player.paused_at_step_end()));
        }
        CHECK(host.notices().empty());
    }
    CHECK(announced >= 10);  // the lessons do declare what they announce
}

TEST_CASE("lesson player: a done step stops the clock; the student's Play goes on, Next starts it again") {
    Host host = fresh_host();
    LessonPlayer player;
    REQUIRE(player.open_text(kDemo, "demo", host));
    play(host, player, us_from_s(3));
    CHECK(view(host, player).phase == LessonPhase::StepDone);
    CHECK(host.sim().now_us() == us_from_s(2));  // exactly where the step's run ends
    CHECK(host.playback().paused);
    CHECK(player.paused_at_step_end());
    // The student's own Play: time passes, and the lesson does not stop it again.
    host.resume();
    for (int frame = 0; frame < 30; ++frame) {
        host.tick(1.0 / 60.0);
        player.update(host);
    }
    CHECK(host.sim().now_us() > us_from_s(2));
    CHECK_FALSE(host.playback().paused);
    CHECK_FALSE(player.paused_at_step_end());
}

TEST_CASE("lesson player: a step's view is in what the tab shows; an unknown view is refused") {
    Host host = fresh_host();
    LessonPlayer player;
    REQUIRE(player.open_text("## lesson: T\n## section: S\n## step: a\n## view: spacetime\nrun 1s\n## step: b\n", "t",
                             host));
    CHECK(view(host, player).view == "spacetime");
    player.next(host);
    CHECK(view(host, player).view.empty());
    CHECK_FALSE(player.open_text("## lesson: T\n## step: a\n## view: nowhere\n", "u", host));
    CHECK(player.error().find("no tab 'nowhere'") != std::string::npos);
}

// The consistency lesson's key moment, done the student's way: the Shop reads every
// product through server 1 (one `read` each), after the order was acknowledged and
// while its REPLICATE to server 1 is still held up. The lesson takes that for its read,
// shows what server 1 returned beside what the leader holds, and the client history
// is not linearizable, with the order and the read as its witness.
TEST_CASE("lesson player: the Shop's read of every product through server 1 is the stale read the lesson asks for") {
    Host host = fresh_host();
    LessonPlayer player;
    REQUIRE(player.open("consistency", host, 1));
    player.do_it_for_me(host);  // the order
    play(host, player, us_from_s(1));
    REQUIRE(view(host, player).phase == LessonPhase::StepDone);
    const auto acknowledged = [&] {
        for (const ClientOrder& o : host.sim().clients().recent())
            if (!o.is_read && o.sku == "PRD-4") return o.status == OrderStatus::Acknowledged;
        return false;
    };
    CHECK(acknowledged());  // the read comes after the order was acknowledged
    player.next(host);
    ui::LessonView v = view(host, player);
    REQUIRE(v.phase == LessonPhase::YourTurn);
    REQUIRE(v.awaited == "read PRD-4 via 1");
    CHECK(host.sim().client_history().verdict().verdict == Verdict::Linearizable);
    for (const Product& p : host.sim().config().catalogue) REQUIRE(host.command("read " + p.sku + " via 1").ok);
    player.update(host);
    v = view(host, player);
    CHECK(v.phase == LessonPhase::Watching);
    CHECK(v.own_commands.empty());  // the other products' reads are part of the same action
    play(host, player, us_from_s(1));
    v = view(host, player);
    CHECK(v.phase == LessonPhase::StepDone);
    for (const ui::ExpectView& e : v.expects) CHECK_MESSAGE(e.ok, e.what << " (seen: " << e.got << ")");
    REQUIRE(v.reads.size() == 1);
    CHECK(v.reads[0].stale);
    CHECK(v.reads[0].what == "server 1 returned 20 for PRD-4; leader 6 holds 17 now: a stale read");
    // What the History tab outlines: the order and the stale read, nothing else.
    const LinearizabilityResult r = host.sim().client_history().verdict();
    CHECK(r.verdict == Verdict::NotLinearizable);
    REQUIRE(r.witness.size() == 2);
    CHECK(r.witness[0].kind == OpKind::Order);
    CHECK(r.witness[1].kind == OpKind::Read);
    CHECK(r.witness[1].value == 20);
}
