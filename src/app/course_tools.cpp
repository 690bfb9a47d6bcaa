#include "app/course_tools.h"

#include <cstdio>

#include "app/exports.h"
#include "app/host.h"
#include "app/lesson_library.h"
#include "app/share_link.h"

namespace cs::app {
namespace {

std::vector<ui::LessonListItem> read_catalogue() {
    std::vector<ui::LessonListItem> out;
    for (const LessonSource& source : lesson_library()) {
        Lesson lesson;
        std::string error;
        if (!parse_lesson(source.text, source.name + ".scn", lesson, error)) continue;  // the tests catch this
        out.push_back({source.name, lesson.title, lesson.section});
    }
    return out;
}

bool is_lesson(std::string_view text) {
    for (std::size_t start = 0; start < text.size();) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = text.substr(start, end - start);
        while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
        if (line.rfind("##", 0) == 0 && line.find("lesson:") != std::string_view::npos) return true;
        start = end + 1;
    }
    return false;
}

// No-op defaults, so a CourseTools without a platform (tests) still works.
SharePlatform with_defaults(SharePlatform p) {
    if (!p.page_address) p.page_address = [] { return std::string("http://127.0.0.1:8080/"); };
    if (!p.copy_to_clipboard) p.copy_to_clipboard = [](const std::string&) { return false; };
    if (!p.save_file) p.save_file = [](const std::string& name, const std::string&, const std::string&) {
        return "cannot save " + name + " here";
    };
    return p;
}

}  // namespace

CourseTools::CourseTools(SharePlatform platform) : platform_(with_defaults(std::move(platform))), catalogue_(read_catalogue()) {}

void CourseTools::start(Host& host, const StartOptions& options) {
    if (!options.view.empty()) {
        ui::SideTab tab{};
        if (ui::side_tab_from_view(options.view.c_str(), tab)) start_view_ = tab;
    }
    if (!options.lesson.empty()) {
        if (!options.scenario.empty()) host.notify("the lesson replaces the scenario parameter");
        if (player_.open(options.lesson, host, options.lesson_step))
            show_lesson_tab_ = true;
        else
            host.notify(player_.error());
        return;
    }
    replay_journal(host, options.journal);
    if (options.start_at_us) {
        // A link's moment: shown as it was, paused, so that both pages show the same thing.
        host.seek(*options.start_at_us);
        host.pause();
    }
}

void CourseTools::before_frame(Host& host, ui::UiState& state) {
    player_.update(host);
    view_.lesson = player_.view(host);
    view_.lesson.catalogue = catalogue_;
    if (show_lesson_tab_ && view_.lesson.active) {
        state.open(ui::SideTab::Lesson);
        show_lesson_tab_ = false;
    }
    // A step that opens with `## view: TAB` brings that tab forward, once, as the step opens
    // (the cluster view keeps a way back to the narration).
    if (view_.lesson.active && view_.lesson.generation != step_seen_) {
        step_seen_ = view_.lesson.generation;
        ui::SideTab tab{};
        if (!view_.lesson.view.empty() && ui::side_tab_from_view(view_.lesson.view.c_str(), tab)) state.open(tab);
    }
    // view= wins over the lesson's tab: the lesson keeps playing beside the view asked for.
    if (start_view_ && !show_lesson_tab_) {
        state.open(*start_view_);
        start_view_.reset();
    }
}

void CourseTools::after_frame(Host& host, const ui::CourseRequests& r) {
    if (r.open_lesson) {
        if (player_.open(*r.open_lesson, host)) show_lesson_tab_ = true;
    }
    if (r.close_lesson) player_.close();
    if (r.restart_lesson) player_.restart(host);
    if (r.previous_step) player_.previous(host);
    if (r.next_step) player_.next(host);
    if (r.go_to_step) player_.go_to_step(*r.go_to_step, host);
    if (r.back_to_lesson) player_.back_to_lesson(host);
    if (r.do_it_for_me) player_.do_it_for_me(host);
    if (r.skip_wait) player_.skip_wait(host);

    if (r.copy_link) copy_link(host);
    if (r.link_to_step && player_.active()) {
        view_.share.link = platform_.page_address() + lesson_query(player_.name(), player_.step());
        view_.share.status = platform_.copy_to_clipboard(view_.share.link) ? "Link to this step copied"
                                                                           : "Copy the link to this step from the box";
    }
    if (r.export_trace) save_trace(host);
    if (r.export_metrics) save_metrics(host);
    if (r.export_history)
        view_.share.status = platform_.save_file("clustersim-history.edn", "application/edn", export_history_edn(host.sim()));
    if (r.export_shiviz)
        view_.share.status = platform_.save_file("clustersim-shiviz.log", "text/plain", export_shiviz(host.sim()));
    if (r.load_text) {
        std::string error;
        view_.share.status = load_text(host, *r.load_text, error) ? "Loaded" : "Not loaded: " + error;
    }
}

std::string CourseTools::link(const Host& host, std::string& error) const {
    const LinkState state = link_state(host, error);
    if (state.scenario.empty()) return {};
    return platform_.page_address() + link_query(state);
}

bool CourseTools::load_text(Host& host, std::string_view text, std::string& error) {
    if (is_lesson(text)) {
        if (!player_.open_text(text, "pasted", host)) {
            error = player_.error();
            return false;
        }
        show_lesson_tab_ = true;
        return true;
    }
    if (!load_shared_scenario(host, text, error)) return false;
    player_.close();
    return true;
}

void CourseTools::copy_link(const Host& host) {
    std::string error;
    const std::string url = link(host, error);
    if (url.empty()) {
        view_.share.status = "No link: " + error;
        return;
    }
    view_.share.link = url;
    view_.share.status = platform_.copy_to_clipboard(url) ? "Link copied. Opening it shows this moment, paused."
                                                          : "Copy the link from the box below.";
}

void CourseTools::save_trace(const Host& host) {
    const TraceExport trace = export_trace(host);
    if (!trace.error.empty()) {
        view_.share.status = "No trace: " + trace.error;
        return;
    }
    const std::string saved = platform_.save_file("clustersim-trace.jsonl", "application/x-ndjson", trace.text);
    char counts[96];
    std::snprintf(counts, sizeof counts, " (%llu events%s)", static_cast<unsigned long long>(trace.lines),
                  trace.truncated ? ", cut at the size limit" : "");
    view_.share.status = saved + counts;
}

void CourseTools::save_metrics(const Host& host) {
    const std::string csv = export_metrics_csv(host.sim());
    view_.share.status = platform_.save_file("clustersim-metrics.csv", "text/csv", csv);
}

}  // namespace cs::app
