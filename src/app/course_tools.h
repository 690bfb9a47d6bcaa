#pragma once
// The course-material tools behind the Lesson tab: the lesson player, "Copy
// link", the trace and metrics downloads, and loading a pasted or dropped
// scenario. Platform-free (the platform comes in as a SharePlatform); the Gui
// calls it around each frame, the JS API (share_api_web.cpp) calls it directly.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/lesson_player.h"
#include "app/options.h"
#include "app/platform_share.h"
#include "ui/lesson_io.h"
#include "ui/ui_state.h"

namespace cs::app {

class Host;

class CourseTools {
public:
    explicit CourseTools(SharePlatform platform = {});

    // At start, after the host loaded the URL's scenario: the link's journal and
    // moment (t=, opened paused), or the URL's lesson.
    void start(Host& host, const StartOptions& options);
    // Before the UI draws: the lesson script moves on and the view is rebuilt.
    void before_frame(Host& host, ui::UiState& state);
    const ui::CourseView& view() const { return view_; }
    // After the host applied the frame's actions: what the Lesson tab asked for.
    void after_frame(Host& host, const ui::CourseRequests& requests);

    LessonPlayer& player() { return player_; }
    const LessonPlayer& player() const { return player_; }
    // The full URL that reproduces what the page shows now ("" with error set if it cannot).
    std::string link(const Host& host, std::string& error) const;
    // A dropped or pasted text: a lesson opens as a lesson; a scenario (a shared one
    // too) replaces the run. On error nothing changes.
    bool load_text(Host& host, std::string_view text, std::string& error);
    // Sets the status line under the share buttons.
    void set_status(std::string status) { view_.share.status = std::move(status); }

private:
    void copy_link(const Host& host);
    void save_trace(const Host& host);
    void save_metrics(const Host& host);

    SharePlatform platform_;
    LessonPlayer player_;
    std::vector<ui::LessonListItem> catalogue_;
    ui::CourseView view_;
    bool show_lesson_tab_ = false;  // a lesson was opened: bring its tab forward
    std::optional<ui::SideTab> start_view_;  // view= / --view: the tab to bring forward at start
    std::uint64_t step_seen_ = 0;  // the lesson generation whose `## view:` was already brought forward
};

}  // namespace cs::app
