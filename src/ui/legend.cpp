#include "ui/legend.h"

#include <algorithm>
#include <cmath>

#include "ui/test_hooks.h"

namespace cs::ui {
namespace {

constexpr float kPi = 3.14159265358979f;

// A server node's key mark, drawn small the way the cluster view draws the node.
enum class NodeKey : std::uint8_t { Leader, Follower, Election, Crashed, CutOff, Load, Queue };

struct MessageRow {
    MsgFamily family;
    DotShape first;
    bool with_answer;  // a ring after the first mark
    const char* label;
};

// One row per family: the request (or announcement) and its answer.
constexpr MessageRow kMessageRows[] = {
    {MsgFamily::Heartbeat, DotShape::Filled, true, "HEARTBEAT, ack"},
    {MsgFamily::Election, DotShape::Filled, true, "ELECTION, OK"},
    {MsgFamily::Election, DotShape::Diamond, false, "COORDINATOR"},
    {MsgFamily::Replication, DotShape::Filled, true, "REPLICATE, ACK"},
    {MsgFamily::Client, DotShape::Filled, true, "order, reply"},
    {MsgFamily::Health, DotShape::Filled, true, "health check, reply"},
};

struct NodeRow {
    NodeKey key;
    const char* label;
};

constexpr NodeRow kNodeRows[] = {
    {NodeKey::Leader, "leader"},
    {NodeKey::Follower, "follower"},
    {NodeKey::Election, "in an election"},
    {NodeKey::Crashed, "crashed"},
    {NodeKey::CutOff, "isolated (cut off)"},
    {NodeKey::Load, "CPU arc, health colour"},
    {NodeKey::Queue, "requests queued"},
};

constexpr int kMessageRowCount = static_cast<int>(sizeof(kMessageRows) / sizeof(kMessageRows[0]));
constexpr int kNodeRowCount = static_cast<int>(sizeof(kNodeRows) / sizeof(kNodeRows[0]));

void draw_node_key(ImDrawList* draw, ImVec2 c, NodeKey key, float scale) {
    const float r = 5.5f * scale;
    switch (key) {
        case NodeKey::Leader:
            draw->AddCircleFilled(c, r, color::kNodeLeader);
            draw->AddCircle(c, r + 2.5f * scale, color::kNodeLeader, 0, 1.5f * scale);
            break;
        case NodeKey::Follower: draw->AddCircleFilled(c, r, color::kNodeAlive); break;
        case NodeKey::Election: draw->AddCircleFilled(c, r, color::kNodeCandidate); break;
        case NodeKey::Crashed:
            draw->AddCircleFilled(c, r, color::kNodeCrashed);
            draw->AddLine(ImVec2(c.x - r, c.y - r), ImVec2(c.x + r, c.y + r), color::kCrashMark, 1.5f * scale);
            draw->AddLine(ImVec2(c.x - r, c.y + r), ImVec2(c.x + r, c.y - r), color::kCrashMark, 1.5f * scale);
            break;
        case NodeKey::CutOff:
            draw->AddCircleFilled(c, r, color::kNodeAlive);
            for (int i = 0; i < 6; ++i) {  // dashed ring, as around an isolated node
                const float a0 = 2.0f * kPi * static_cast<float>(i) / 6.0f;
                draw->PathArcTo(c, r + 3.0f * scale, a0, a0 + kPi / 6.0f, 4);
                draw->PathStroke(color::kCut, 0, 1.5f * scale);
            }
            break;
        case NodeKey::Load:
            draw->AddCircleFilled(c, r, color::kNodeAlive);
            draw->PathArcTo(c, r + 2.5f * scale, -kPi * 0.5f, kPi * 0.5f, 10);
            draw->PathStroke(color::kGood, 0, 2.0f * scale);
            break;
        case NodeKey::Queue: {
            const ImVec2 a(c.x - r - 1.0f * scale, c.y - r + 1.0f * scale), b(c.x + r + 1.0f * scale, c.y + r - 1.0f * scale);
            draw->AddRectFilled(a, b, color::kWarning, 3.0f * scale);
            break;
        }
    }
}

float rows_height(int rows, float scale) {
    return ImGui::GetTextLineHeightWithSpacing() * static_cast<float>(rows) + 12.0f * scale;
}

}  // namespace

// The smallest legend: one mark per family with a one-word name, in as many
// lines as the room needs (usually one), bottom-aligned; nothing if one line does not fit.
ImVec4 swatch_legend(ImDrawList* draw, ImVec2 min, ImVec2 max, float scale) {
    const float line_h = ImGui::GetTextLineHeight() + 4.0f * scale;  // tighter than the item spacing
    const float pad = 6.0f * scale, mark = 14.0f * scale, gap = 10.0f * scale;
    const float width = max.x - min.x;
    if (max.y - min.y < line_h + pad) return ImVec4(0, 0, 0, 0);
    // Lay out first (to know how many lines), then draw.
    struct Item {
        MsgFamily family;
        const char* word;
        float x = 0;
        int line = 0;
    };
    Item items[] = {{MsgFamily::Heartbeat, "heartbeat"}, {MsgFamily::Election, "election"},
                    {MsgFamily::Replication, "replication"}, {MsgFamily::Client, "order"},
                    {MsgFamily::Health, "health"}};
    float x = pad;
    int line = 0;
    for (Item& item : items) {
        const float w = mark + ImGui::CalcTextSize(item.word).x;
        if (x > pad && x + w > width - pad) {
            x = pad;
            ++line;
        }
        item.x = x;
        item.line = line;
        x += w + gap;
    }
    const float height = line_h * static_cast<float>(line + 1) + pad;
    if (height > max.y - min.y) return ImVec4(0, 0, 0, 0);
    const ImVec2 top_left(min.x, max.y - height);
    draw->AddRectFilled(top_left, max, color::kStrip, 4.0f * scale);
    expose_rect("legend", top_left.x, top_left.y, width, height);
    for (const Item& item : items) {
        const float y = top_left.y + pad * 0.5f + line_h * static_cast<float>(item.line);
        draw_message_mark(draw, ImVec2(top_left.x + item.x + 5.0f * scale, y + ImGui::GetTextLineHeight() * 0.5f),
                          4.5f * scale, family_color(item.family), DotShape::Filled, scale);
        draw->AddText(ImVec2(top_left.x + item.x + mark, y), color::kText, item.word);
    }
    return ImVec4(top_left.x, top_left.y, width, height);
}

void draw_message_mark(ImDrawList* draw, ImVec2 c, float r, ImU32 colour, DotShape shape, float scale) {
    const ImU32 rim = color::kMarkRim;
    switch (shape) {
        case DotShape::Filled:
            draw->AddCircleFilled(c, r + 1.0f * scale, rim);
            draw->AddCircleFilled(c, r, colour);
            break;
        case DotShape::Hollow:
            draw->AddCircleFilled(c, r + 1.0f * scale, rim);
            draw->AddCircle(c, r - 1.0f * scale, colour, 0, 2.2f * scale);
            break;
        case DotShape::Diamond: {
            const float d = r * 1.35f;
            const float o = d + 1.4f * scale;
            draw->AddQuadFilled(ImVec2(c.x, c.y - o), ImVec2(c.x + o, c.y), ImVec2(c.x, c.y + o), ImVec2(c.x - o, c.y), rim);
            draw->AddQuadFilled(ImVec2(c.x, c.y - d), ImVec2(c.x + d, c.y), ImVec2(c.x, c.y + d), ImVec2(c.x - d, c.y),
                                colour);
            break;
        }
    }
}

ImVec4 legend(ImDrawList* draw, ImVec2 min, ImVec2 max, float scale) {
    // Full: messages, then every server mark. Compact (a short window): messages and
    // one line for the load marks; the role of each server is written under it anyway.
    const float room_h = max.y - min.y;
    const int message_rows = 1 + kMessageRowCount;
    const int full_rows = message_rows + 1 + kNodeRowCount;
    const int compact_rows = message_rows + 1;
    const bool full = rows_height(full_rows, scale) <= room_h;
    const bool compact = !full && rows_height(compact_rows, scale) <= room_h;
    if (!full && !compact && rows_height(message_rows, scale) > room_h) return swatch_legend(draw, min, max, scale);
    const char* const compact_label = "arc: CPU load";

    const float pad = 8.0f * scale;
    const float mark_w = 30.0f * scale;  // two marks side by side
    float text_w = ImGui::CalcTextSize("messages in flight").x;
    for (const MessageRow& row : kMessageRows) text_w = std::max(text_w, ImGui::CalcTextSize(row.label).x);
    if (full)
        for (const NodeRow& row : kNodeRows) text_w = std::max(text_w, ImGui::CalcTextSize(row.label).x);
    if (compact) text_w = std::max(text_w, ImGui::CalcTextSize(compact_label).x);
    const float width = std::min(pad * 2.0f + mark_w + text_w, max.x - min.x);
    const float height = rows_height(full ? full_rows : compact ? compact_rows : message_rows, scale);
    const ImVec2 top_left(min.x, max.y - height);
    const ImVec2 bottom_right(min.x + width, max.y);
    draw->AddRectFilled(top_left, bottom_right, color::kStrip, 4.0f * scale);
    expose_rect("legend", top_left.x, top_left.y, width, height);

    const float line_h = ImGui::GetTextLineHeightWithSpacing();
    const float mid = ImGui::GetTextLineHeight() * 0.5f;
    const float mark_x = top_left.x + pad + 6.0f * scale;
    const float text_x = top_left.x + pad + mark_w;
    const float r = 5.0f * scale;
    float y = top_left.y + 6.0f * scale;

    draw->AddText(ImVec2(top_left.x + pad, y), color::kTextDim, "messages in flight");
    y += line_h;
    for (const MessageRow& row : kMessageRows) {
        const ImU32 colour = family_color(row.family);
        draw_message_mark(draw, ImVec2(mark_x, y + mid), r, colour, row.first, scale);
        if (row.with_answer)
            draw_message_mark(draw, ImVec2(mark_x + 14.0f * scale, y + mid), r, colour, DotShape::Hollow, scale);
        draw->AddText(ImVec2(text_x, y), color::kText, row.label);
        y += line_h;
    }
    if (compact) {
        draw_node_key(draw, ImVec2(mark_x + 4.0f * scale, y + mid), NodeKey::Load, scale);
        draw->AddText(ImVec2(text_x, y), color::kTextDim, compact_label);
    }
    if (full) {
        draw->AddText(ImVec2(top_left.x + pad, y), color::kTextDim, "servers");
        y += line_h;
        for (const NodeRow& row : kNodeRows) {
            draw_node_key(draw, ImVec2(mark_x + 4.0f * scale, y + mid), row.key, scale);
            draw->AddText(ImVec2(text_x, y), color::kText, row.label);
            y += line_h;
        }
    }
    return ImVec4(top_left.x, top_left.y, width, height);
}

}  // namespace cs::ui
