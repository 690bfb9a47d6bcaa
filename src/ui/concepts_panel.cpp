#include "ui/concepts_panel.h"

#include <algorithm>
#include <cstring>

#include "ui/fonts.h"
#include "ui/test_hooks.h"
#include "ui/theme.h"

namespace cs::ui {
namespace {

// Each course section keeps one colour: the colour of its messages where it has some.
ImU32 section_color(const std::string& section) {
    auto starts = [&](const char* name) { return section.rfind(name, 0) == 0; };
    if (starts(kSectionBully)) return family_color(MsgFamily::Election);
    if (starts(kSectionReplication)) return family_color(MsgFamily::Replication);
    if (starts(kSectionLoadBalancing)) return family_color(MsgFamily::Client);
    if (starts(kSectionFaultTolerance)) return color::kError;
    if (starts(kSectionCap)) return IM_COL32(90, 200, 220, 255);
    if (starts(kSectionConsistency)) return IM_COL32(170, 140, 255, 255);
    return color::kTextDim;
}

float pad(float scale) { return 6.0f * scale; }

ImVec2 pill_size(const Concept& c, float scale) {
    const ImVec2 text = ImGui::CalcTextSize(c.section.c_str());
    return ImVec2(text.x + 12.0f * scale, ImGui::GetTextLineHeight() + 2.0f * scale);
}

// The kConceptLines most important concepts, then the pinned ones (the last election's count).
std::vector<const Concept*> shown(const std::vector<Concept>& concepts) {
    std::vector<const Concept*> out;
    for (const Concept& c : concepts)
        if (!c.pinned && static_cast<int>(out.size()) < kConceptLines) out.push_back(&c);
    for (const Concept& c : concepts)
        if (c.pinned) out.push_back(&c);
    return out;
}

float text_width(const Concept& c, float width, float scale) {
    return std::max(width - 2.0f * pad(scale) - pill_size(c, scale).x - 8.0f * scale, 60.0f * scale);
}

float line_height(const Concept& c, float width, float scale) {
    const float wrap = text_width(c, width, scale);
    const float text_h = ImGui::CalcTextSize(c.text.c_str(), nullptr, false, wrap).y;
    return std::max(text_h, pill_size(c, scale).y) + 4.0f * scale;
}

}  // namespace

float concepts_strip_height(const std::vector<Concept>& concepts, float width, float scale) {
    float h = 2.0f * pad(scale);
    for (const Concept* c : shown(concepts)) h += line_height(*c, width, scale);
    return h;
}

void concepts_strip(ImDrawList* draw, const std::vector<Concept>& concepts, ImVec2 top_left, float width, float scale) {
    const float height = concepts_strip_height(concepts, width, scale);
    draw->AddRectFilled(top_left, ImVec2(top_left.x + width, top_left.y + height), color::kStrip, 4.0f * scale);
    expose_rect("concepts", top_left.x, top_left.y, width, height);
    float y = top_left.y + pad(scale);
    const std::vector<const Concept*> lines = shown(concepts);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const Concept& c = *lines[i];
        const ImVec2 pill = pill_size(c, scale);
        const ImU32 tint = section_color(c.section);
        // The section first, as a coloured tag, so the eye finds the course chapter.
        const ImVec2 pill_min(top_left.x + pad(scale), y + 1.0f * scale);
        draw->AddRectFilled(pill_min, ImVec2(pill_min.x + pill.x, pill_min.y + pill.y), tint, pill.y * 0.5f);
        draw->AddText(ImVec2(pill_min.x + 6.0f * scale, pill_min.y + 1.0f * scale), IM_COL32(16, 18, 24, 255),
                      c.section.c_str());
        // The most important line in full colour, the second one dimmer.
        const ImU32 ink = i == 0 ? color::kText : color::kTextDim;
        const float x = pill_min.x + pill.x + 8.0f * scale;
        draw->AddText(ImGui::GetFont(), ImGui::GetFontSize(), ImVec2(x, y + 2.0f * scale), ink, c.text.c_str(), nullptr,
                      text_width(c, width, scale));
        y += line_height(c, width, scale);
    }
}

}  // namespace cs::ui
