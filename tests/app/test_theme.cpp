// The two themes against WCAG 2.1 contrast (src/ui/theme.cpp): text 4.5:1,
// message-family colours and outlines 3:1, computed from the theme's own colours.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "ui/theme.h"
#include "ui/timeline.h"

using namespace cs::ui;

namespace {
std::string joined(const std::vector<std::string>& lines) {
    std::string all;
    for (const std::string& line : lines) all += line + "\n";
    return all;
}
}  // namespace

TEST_CASE("contrast ratio follows WCAG 2.1") {
    CHECK(contrast_ratio(IM_COL32(0, 0, 0, 255), IM_COL32(255, 255, 255, 255)) == doctest::Approx(21.0));
    CHECK(contrast_ratio(IM_COL32(120, 120, 120, 255), IM_COL32(120, 120, 120, 255)) == doctest::Approx(1.0));
    // #767676 on white is the classic 4.54:1.
    CHECK(contrast_ratio(IM_COL32(0x76, 0x76, 0x76, 255), IM_COL32(255, 255, 255, 255)) == doctest::Approx(4.54).epsilon(0.01));
}

TEST_CASE("both themes meet WCAG contrast") {
    for (const Theme theme : {Theme::Dark, Theme::Light}) {
        apply_theme(theme);
        const std::vector<std::string> failures = contrast_failures();
        const std::string name = theme == Theme::Light ? "light" : "dark";
        INFO(name, " theme:\n", joined(failures));
        CHECK(failures.empty());
    }
    apply_theme(Theme::Dark);
}

TEST_CASE("the timeline's milestone marks keep 3:1 against the page in both themes") {
    for (const Theme theme : {Theme::Dark, Theme::Light}) {
        apply_theme(theme);
        for (const cs::MilestoneKind kind : {cs::MilestoneKind::Crash, cs::MilestoneKind::Restart, cs::MilestoneKind::Fault,
                                         cs::MilestoneKind::Heal, cs::MilestoneKind::ElectionStart,
                                         cs::MilestoneKind::LeaderElected, cs::MilestoneKind::Violation}) {
            INFO((theme == Theme::Light ? "light" : "dark"), " theme, milestone ", static_cast<int>(kind));
            CHECK(contrast_ratio(milestone_color(kind), color::kCanvas) >= 3.0);
        }
    }
    apply_theme(Theme::Dark);
}

TEST_CASE("a planted low-contrast colour is caught") {
    for (const Theme theme : {Theme::Dark, Theme::Light}) {
        apply_theme(theme);
        // Dim text in the canvas's own colour: invisible, so it must be reported.
        const ImU32 saved = color::kTextDim;
        color::kTextDim = (color::kCanvas & 0x00FFFFFFu) | 0xFF000000u;
        const std::vector<std::string> failures = contrast_failures();
        color::kTextDim = saved;
        bool named = false;
        for (const std::string& line : failures) named |= line.rfind("dim text on canvas", 0) == 0;
        CHECK(named);
    }
    apply_theme(Theme::Dark);
}

TEST_CASE("the families keep their hue in both themes") {
    // The lessons name the colours; a light theme may darken a hue, never swap it.
    const auto hue = [](ImU32 c) {
        float h = 0, s = 0, v = 0;
        ImGui::ColorConvertRGBtoHSV(((c >> IM_COL32_R_SHIFT) & 0xFF) / 255.0f, ((c >> IM_COL32_G_SHIFT) & 0xFF) / 255.0f,
                                    ((c >> IM_COL32_B_SHIFT) & 0xFF) / 255.0f, h, s, v);
        return h * 360.0f;
    };
    for (const cs::MsgFamily f : kFamilies) {
        apply_theme(Theme::Dark);
        const float dark = hue(family_color(f));
        apply_theme(Theme::Light);
        const float light = hue(family_color(f));
        float diff = dark > light ? dark - light : light - dark;
        if (diff > 180.0f) diff = 360.0f - diff;
        INFO(family_label(f), ": ", dark, " vs ", light);
        CHECK(diff < 20.0f);
    }
    apply_theme(Theme::Dark);
}
