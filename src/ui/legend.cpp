#include "ui/legend.h"

#include "ui/theme.h"

namespace cs::ui {
namespace {

struct NodeKey {
    ImU32 fill;
    bool leader_ring;
    bool crossed;
    const char* label;
};

constexpr NodeKey kNodeKeys[] = {
    {color::kNodeAlive, false, false, "server (follower)"},
    {color::kNodeLeader, true, false, "leader"},
    {color::kNodeCandidate, false, false, "in an election"},
    {color::kNodeCrashed, false, true, "crashed"},
};

}  // namespace

constexpr int kNodeKeyCount = static_cast<int>(sizeof(kNodeKeys) / sizeof(kNodeKeys[0]));

float legend_height(float scale, bool with_nodes) {
    const int rows = 1 + kFamilyCount + (with_nodes ? 1 + kNodeKeyCount : 0);
    return ImGui::GetTextLineHeightWithSpacing() * static_cast<float>(rows) + 12.0f * scale;
}

ImVec2 legend(ImDrawList* draw, ImVec2 bottom_left, float scale, bool with_nodes) {
    const float line_h = ImGui::GetTextLineHeightWithSpacing();
    const float width = 170.0f * scale;
    const float height = legend_height(scale, with_nodes);
    const ImVec2 top_left(bottom_left.x, bottom_left.y - height);
    draw->AddRectFilled(top_left, ImVec2(top_left.x + width, bottom_left.y), IM_COL32(30, 36, 50, 220), 4.0f * scale);

    const float pad = 8.0f * scale;
    const float mark_x = top_left.x + pad + 6.0f * scale;
    const float text_x = top_left.x + pad + 18.0f * scale;
    float y = top_left.y + 6.0f * scale;
    const float mid = ImGui::GetTextLineHeight() * 0.5f;

    draw->AddText(ImVec2(top_left.x + pad, y), color::kTextDim, "messages in flight");
    y += line_h;
    for (const MsgFamily family : kFamilies) {
        draw->AddCircleFilled(ImVec2(mark_x, y + mid), 5.5f * scale, family_color(family));
        draw->AddText(ImVec2(text_x, y), color::kText, family_label(family));
        y += line_h;
    }
    if (!with_nodes) return ImVec2(width, height);
    draw->AddText(ImVec2(top_left.x + pad, y), color::kTextDim, "servers");
    y += line_h;
    for (const NodeKey& key : kNodeKeys) {
        const ImVec2 c(mark_x, y + mid);
        const float r = 5.5f * scale;
        draw->AddCircleFilled(c, r, key.fill);
        if (key.leader_ring) draw->AddCircle(c, r + 2.5f * scale, color::kNodeLeader, 0, 1.5f * scale);
        if (key.crossed) {
            draw->AddLine(ImVec2(c.x - r, c.y - r), ImVec2(c.x + r, c.y + r), color::kCrashMark, 1.5f * scale);
            draw->AddLine(ImVec2(c.x - r, c.y + r), ImVec2(c.x + r, c.y - r), color::kCrashMark, 1.5f * scale);
        }
        draw->AddText(ImVec2(text_x, y), color::kText, key.label);
        y += line_h;
    }
    return ImVec2(width, height);
}

}  // namespace cs::ui
