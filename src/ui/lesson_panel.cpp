#include "ui/lesson_panel.h"

#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <string>

#include "sim/simulation.h"
#include "ui/fonts.h"
#include "ui/frame_io.h"
#include "ui/test_hooks.h"
#include "ui/panel_widgets.h"
#include "ui/theme.h"
#include "ui/ui_state.h"

namespace cs::ui {
namespace {

// The boxes' colours follow the theme (theme.h); their text is the theme's text colour.
const ImU32& kStatusBox = color::kStatusBox;
const ImU32& kYourTurnBox = color::kYourTurnBox;
const ImU32& kDoneBox = color::kDoneBox;
constexpr ImU32 kNextButton = IM_COL32(46, 120, 70, 255);
constexpr ImU32 kDoItButton = IM_COL32(150, 104, 30, 255);

// Only items the user can see are offered to tests: a test that needs one below
// the fold has to scroll to it, as a student would.
void dim_wrapped(const std::string& text) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(color::kTextDim));
    ImGui::TextWrapped("%s", text.c_str());
    ImGui::PopStyleColor();
}

void coloured_wrapped(ImU32 colour, const std::string& text) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(colour));
    ImGui::TextWrapped("%s", text.c_str());
    ImGui::PopStyleColor();
}

void tooltip(const char* text) {
    if (!ImGui::IsItemHovered()) return;
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 28.0f);
    ImGui::TextUnformatted(text);
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
}

// Keeps a row of buttons inside the panel: wraps before one would cross the edge.
void same_line_if_fits(float next_width) {
    const float right = ImGui::GetWindowContentRegionMax().x;
    const float after = ImGui::GetItemRectMax().x - ImGui::GetWindowPos().x + ImGui::GetStyle().ItemSpacing.x;
    if (after + next_width <= right) ImGui::SameLine();
}

float button_width(const char* label) {
    return ImGui::CalcTextSize(label, nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2.0f;
}

// A std::string behind an ImGui text field (imgui_stdlib is not part of our ImGui build).
int grow_string(ImGuiInputTextCallbackData* data) {
    if (data->EventFlag == ImGuiInputTextFlags_CallbackResize) {
        auto* text = static_cast<std::string*>(data->UserData);
        text->resize(static_cast<std::size_t>(data->BufTextLen));
        data->Buf = text->data();
    }
    return 0;
}

bool input_multiline(const char* id, std::string& text, const ImVec2& size) {
    return ImGui::InputTextMultiline(id, text.data(), text.capacity() + 1, size, ImGuiInputTextFlags_CallbackResize,
                                     grow_string, &text);
}

void read_only_field(const char* id, std::string& text) {
    ImGui::SetNextItemWidth(-1.0f);
    ImGui::InputText(id, text.data(), text.size() + 1, ImGuiInputTextFlags_ReadOnly | ImGuiInputTextFlags_AutoSelectAll);
}

// A filled box behind a group of items, as wide as the column: the step's status.
template <typename Body>
void boxed(ImU32 colour, Body body) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImGuiStyle& style = ImGui::GetStyle();
    const float pad = style.FramePadding.x;
    const float width = ImGui::GetContentRegionAvail().x;
    draw->ChannelsSplit(2);
    draw->ChannelsSetCurrent(1);
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + pad);
    ImGui::Indent(pad);
    ImGui::BeginGroup();
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width - 2.0f * pad);
    body();
    ImGui::PopTextWrapPos();
    ImGui::EndGroup();
    ImGui::Unindent(pad);
    const ImVec2 lo(ImGui::GetItemRectMin().x - pad, ImGui::GetItemRectMin().y - pad);
    const ImVec2 hi(lo.x + width, ImGui::GetItemRectMax().y + pad);
    draw->ChannelsSetCurrent(0);
    draw->AddRectFilled(lo, hi, colour, style.FrameRounding * 2.0f);
    draw->ChannelsMerge();
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + pad);
    ImGui::Dummy(ImVec2(0, 0));
}

std::string seconds(TimeUs t) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.1f s", static_cast<double>(t) / 1e6);
    return buffer;
}

// ---- the lesson picker ----

// A Selectable whose label wraps (ImGui's own stays on one line and is cut off).
bool wrapped_selectable(const char* id, const std::string& text, bool selected) {
    const float width = ImGui::GetContentRegionAvail().x;
    const ImVec2 size = ImGui::CalcTextSize(text.c_str(), nullptr, false, width);
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const bool pressed = ImGui::Selectable(id, selected, ImGuiSelectableFlags_None, ImVec2(width, size.y));
    ImGui::GetWindowDrawList()->AddText(ImGui::GetFont(), ImGui::GetFontSize(), at, ImGui::GetColorU32(ImGuiCol_Text),
                                        text.c_str(), nullptr, width);
    return pressed;
}

void lesson_picker(const LessonView& v, Actions& out) {
    if (!ImGui::BeginTable("lessons", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) return;
    ImGui::TableSetupColumn("Section", ImGuiTableColumnFlags_WidthStretch, 0.34f);
    ImGui::TableSetupColumn("Lesson", ImGuiTableColumnFlags_WidthStretch, 0.66f);
    ImGui::TableHeadersRow();
    for (const LessonListItem& item : v.catalogue) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        dim_wrapped(item.section);
        ImGui::TableNextColumn();
        ImGui::PushID(item.name.c_str());
        const bool current = v.active && v.name == item.name;
        if (wrapped_selectable("##open", item.title, current)) out.course.open_lesson = item.name;
        expose_if_visible("lesson/open/" + item.name);
        tooltip(("Start this lesson from its first step. Link: ?lesson=" + item.name).c_str());
        ImGui::PopID();
    }
    ImGui::EndTable();
}

// ---- the lesson being played ----

void step_buttons(const LessonView& v, Actions& out) {
    const float size = ImGui::GetFrameHeight();
    for (int s = 0; s < v.step_count; ++s) {
        const std::string label = std::to_string(s + 1);
        if (s > 0) same_line_if_fits(size);
        ImGui::PushID(s);
        const ImU32 colour = s == v.step ? color::kNodeLeader : (s < v.step ? color::kNodeAlive : color::kBox);
        if (coloured_button(label.c_str(), colour, ImVec2(size, size))) out.course.go_to_step = s;
        ImGui::PopID();
        expose_if_visible("lesson/step/" + label);
        tooltip(s == v.step ? "This step: click to start it again"
                            : "Jump to this step (the earlier steps are replayed at once)");
    }
}

void status_box(const LessonView& v, const FrameInput& in, Actions& out) {
    switch (v.phase) {
        case LessonPhase::YourTurn:
            boxed(kYourTurnBox, [&] {
                ImGui::PushFont(fonts().bold);
                ImGui::TextWrapped("Your turn: %s", v.awaited_words.c_str());
                ImGui::PopFont();
                dim_wrapped("Use the cluster view or the panels (command: " + v.awaited + ")." +
                            (in.playback.paused ? " The clock waits for you." : ""));
                if (coloured_button("Do it for me", kDoItButton)) out.course.do_it_for_me = true;
                expose_if_visible("lesson/do-it");
                tooltip("Issues the command for you, exactly as the lesson writes it.");
            });
            break;
        case LessonPhase::Watching: {
            boxed(kStatusBox, [&] {
                const float done = v.wait_total_us > 0
                                       ? 1.0f - static_cast<float>(v.wait_left_us) / static_cast<float>(v.wait_total_us)
                                       : 1.0f;
                // The words above the bar, not in it: a narrow bar would push them outside.
                dim_wrapped("Watching: simulated time passes (" + seconds(v.wait_left_us) + " of " +
                            seconds(v.wait_total_us) + " left).");
                // The bar and Skip ahead share one row: in a 480 px tall window the step's
                // buttons below must stay in view.
                const float skip_w = button_width("Skip ahead") + ImGui::GetStyle().ItemSpacing.x;
                const float inside = ImGui::GetContentRegionAvail().x - ImGui::GetStyle().FramePadding.x - skip_w;
                ImGui::ProgressBar(std::clamp(done, 0.0f, 1.0f), ImVec2(std::max(inside, 1.0f), 0.0f), "");
                expose_if_visible("lesson/progress");
                ImGui::SameLine();
                if (ImGui::Button("Skip ahead")) out.course.skip_wait = true;
                expose_if_visible("lesson/skip");
                tooltip("Jumps to the end of this wait at once.");
                if (in.playback.paused) dim_wrapped("Paused: press Play (or Space) to let time pass.");
            });
            break;
        }
        case LessonPhase::StepDone:
            boxed(kDoneBox, [&] {
                // Short: in a 480 px tall window the step's buttons below must stay in view.
                ImGui::TextWrapped("%s", v.paused_at_step_end ? "Step done: the clock is stopped here. Look around, then go on."
                                                              : "Step done. Look around, then go on.");
                if (coloured_button("Next step \xe2\x96\xb6", kNextButton)) out.course.next_step = true;
                expose_if_visible("lesson/next-big");
            });
            break;
        case LessonPhase::Finished:
            boxed(kDoneBox, [&] {
                ImGui::PushFont(fonts().bold);
                ImGui::TextWrapped("%s", "Lesson complete.");
                ImGui::PopFont();
                dim_wrapped("Everything stays live: experiment, or pick another lesson below.");
            });
            break;
        case LessonPhase::Running: break;
    }
}

void expectations(const LessonView& v) {
    if (!v.reads.empty()) {
        ImGui::Spacing();
        ImGui::PushFont(fonts().bold);
        ImGui::TextUnformatted("What the reads returned:");
        ImGui::PopFont();
        for (const LessonView::ReadView& r : v.reads) {
            coloured_wrapped(r.stale ? color::kWarning : color::kText, r.what);
            if (r.stale) expose_if_visible("lesson/stale-read");
        }
    }
    if (v.expects.empty()) return;
    ImGui::Spacing();
    ImGui::PushFont(fonts().bold);
    ImGui::TextUnformatted("What you should see:");
    ImGui::PopFont();
    for (const ExpectView& e : v.expects) {
        if (e.ok)
            coloured_wrapped(color::kGood, "\xe2\x9c\x93 " + e.what);
        else
            coloured_wrapped(color::kError, "\xe2\x9c\x97 " + e.what + " (seen: " + e.got + ")");
    }
}

void deviation(const LessonView& v, Actions& out) {
    if (v.off_track.empty() && v.own_commands.empty()) return;
    ImGui::Spacing();
    if (!v.off_track.empty()) {
        coloured_wrapped(color::kWarning, v.off_track);
    } else {
        // The latest few: a long experiment would otherwise fill the tab.
        constexpr std::size_t kShown = 4;
        const std::size_t n = v.own_commands.size();
        std::string done = n > kShown ? std::to_string(n - kShown) + " more, " : "";
        for (std::size_t i = n > kShown ? n - kShown : 0; i < n; ++i)
            done += v.own_commands[i] + (i + 1 < n ? ", " : "");
        coloured_wrapped(color::kWarning, "You also did: " + done + ". Experimenting is welcome; what you see may now "
                                          "differ from the narration.");
    }
    if (ImGui::Button("Back to the lesson")) out.course.back_to_lesson = true;
    expose_if_visible("lesson/back");
    tooltip("Rebuilds the state this step started from, as the lesson set it up.");
}

void navigation(const LessonView& v, Actions& out) {
    ImGui::Spacing();
    ImGui::BeginDisabled(v.step == 0);
    if (ImGui::Button("\xe2\x97\x80 Previous")) out.course.previous_step = true;
    ImGui::EndDisabled();
    expose_if_visible("lesson/previous");
    same_line_if_fits(button_width("Restart"));
    if (ImGui::Button("Restart")) out.course.restart_lesson = true;
    expose_if_visible("lesson/restart");
    tooltip("Back to step 1, with a fresh cluster.");
    same_line_if_fits(button_width("Next \xe2\x96\xb6"));
    const bool last = v.step + 1 >= v.step_count;
    ImGui::BeginDisabled(last);
    const bool ready = v.phase == LessonPhase::StepDone;
    if (ready ? coloured_button("Next \xe2\x96\xb6", kNextButton) : ImGui::Button("Next \xe2\x96\xb6"))
        out.course.next_step = true;
    ImGui::EndDisabled();
    expose_if_visible("lesson/next");
    if (!ready && !last) tooltip("Finishes this step at once (doing what is left for you) and goes on.");
}

void lesson_player(const FrameInput& in, UiState& state, Actions& out, bool embedded) {
    const LessonView& v = in.course->lesson;
    if (state.lesson.seen_generation != v.generation) {
        state.lesson.seen_generation = v.generation;
        ImGui::SetScrollY(0.0f);
    }
    char where[160];
    std::snprintf(where, sizeof where, "%s  \xc2\xb7  step %d of %d", v.section.c_str(), v.step + 1, v.step_count);
    dim_wrapped(where);
    ImGui::PushFont(fonts().bold);
    ImGui::TextWrapped("%s", v.title.c_str());
    ImGui::PopFont();
    if (!embedded) step_buttons(v, out);

    ImGui::Spacing();
    ImGui::TextWrapped("%s", v.narration.c_str());
    expose_if_visible("lesson/narration");
    ImGui::Spacing();
    if (v.off_track.empty()) status_box(v, in, out);
    deviation(v, out);
    // The step's buttons before what it checks: in a short window (640x480) the
    // list of what you should see scrolls, the way on stays in view.
    navigation(v, out);
    if (!embedded) {
        same_line_if_fits(button_width("Close lesson"));
        if (ImGui::Button("Close lesson")) out.course.close_lesson = true;
        expose_if_visible("lesson/close");
        tooltip("Leaves the lesson; the cluster stays as it is.");
    }
    expectations(v);
}

// ---- links, downloads, loading ----

void share_section(const FrameInput& in, UiState& state, Actions& out) {
    const ShareView& share = in.course->share;
    heading("Share and export");
    if (ImGui::Button("Copy link")) out.course.copy_link = true;
    expose_if_visible("share/copy-link");
    tooltip("A link that reproduces this run: the seed, every command so far with its time, the speed and this "
            "moment. Opening it shows the same state, paused.");
    if (in.course->lesson.active) {
        same_line_if_fits(button_width("Link to this step"));
        if (ImGui::Button("Link to this step")) out.course.link_to_step = true;
        expose_if_visible("share/link-step");
        tooltip("A link that opens this lesson at this step (?lesson=NAME&step=K).");
    }
    same_line_if_fits(button_width("Trace (JSON lines)"));
    if (ImGui::Button("Trace (JSON lines)")) out.course.export_trace = true;
    expose_if_visible("share/trace");
    tooltip("Every event of the run so far, one JSON object a line (as clustersim-cli run --trace writes).");
    same_line_if_fits(button_width("Metrics (CSV)"));
    if (ImGui::Button("Metrics (CSV)")) out.course.export_metrics = true;
    expose_if_visible("share/metrics");
    tooltip("CPU, queue, response time, throughput and memory of every server, one row per simulated second.");
    same_line_if_fits(button_width("History (EDN)"));
    if (ImGui::Button("History (EDN)")) out.course.export_history = true;
    expose_if_visible("share/history");
    tooltip("What the clients were told: every order and read with its invocation, completion and outcome (ok, "
            "fail, info), as Jepsen records histories, for Knossos, Elle or Porcupine.");

    if (state.lesson.link_text != share.link) state.lesson.link_text = share.link;
    if (!share.link.empty()) {
        read_only_field("##link", state.lesson.link_text);
        expose_if_visible("share/link");
    }
    if (!share.status.empty()) dim_wrapped(share.status);
}

void load_section(UiState& state, Actions& out) {
    heading("Load a scenario or lesson");
    dim_wrapped("Paste a scenario (.scn) here, or drop the file onto the page. A lesson (## lesson: lines) opens as a "
                "lesson.");
    input_multiline("##paste", state.lesson.paste_text, ImVec2(-1.0f, ImGui::GetTextLineHeight() * 5.0f));
    expose_if_visible("share/paste");
    ImGui::BeginDisabled(state.lesson.paste_text.empty());
    if (ImGui::Button("Load")) out.course.load_text = state.lesson.paste_text;
    ImGui::EndDisabled();
    expose_if_visible("share/load");
}

}  // namespace

void lesson_panel(const Simulation&, const FrameInput& in, UiState& state, Actions& out) {
    if (!in.course) return;
    const LessonView& v = in.course->lesson;
    if (v.active) {
        lesson_player(in, state, out, false);
        ImGui::Spacing();
        ImGui::Separator();
        if (ImGui::CollapsingHeader("All lessons")) lesson_picker(v, out);
    } else {
        heading("Lessons");
        dim_wrapped("Guided tours of the course text. Each sets up the cluster, tells you what to do and what to look "
                    "at, and checks what you should see. Everything stays live: experiment at any step.");
        if (!v.error.empty()) coloured_wrapped(color::kError, v.error);
        ImGui::Spacing();
        lesson_picker(v, out);
    }
    ImGui::Spacing();
    share_section(in, state, out);
    ImGui::Spacing();
    load_section(state, out);
}

void lesson_panel_embedded(const Simulation&, const FrameInput& in, UiState& state, Actions& out) {
    if (!in.course || !in.course->lesson.active) return;
    lesson_player(in, state, out, true);
}

}  // namespace cs::ui
