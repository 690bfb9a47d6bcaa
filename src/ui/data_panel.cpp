#include "ui/data_panel.h"

#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <initializer_list>
#include <string>

#include "ui/fonts.h"
#include "ui/panel_logic.h"
#include "ui/panel_widgets.h"
#include "ui/test_hooks.h"
#include "ui/theme.h"

namespace cs::ui {
namespace {

// Dear ImGui 1.86 tables hold at most 64 columns; two go to the product and its start stock.
constexpr int kMaxServerColumns = 62;
// Every order the clients remember (Clients::kRecentOrders) plus those in flight.
constexpr std::size_t kListedOrders = 4000;

void totals_line(const Simulation& sim) {
    const OrderTotals& t = sim.clients().totals();
    if (fonts().bold) ImGui::PushFont(fonts().bold);
    ImGui::TextUnformatted("Orders");
    if (fonts().bold) ImGui::PopFont();
    ImGui::SameLine();
    ImGui::Text("%llu submitted", static_cast<unsigned long long>(t.submitted));
    ImGui::SameLine();
    text_colored(panel_color::kGood, (std::to_string(t.acknowledged) + " acknowledged").c_str());
    ImGui::SameLine();
    text_colored(color::kWarning, (std::to_string(t.rejected) + " rejected").c_str());
    ImGui::SameLine();
    text_colored(panel_color::kBad, (std::to_string(t.unknown) + " unknown").c_str());
    if (!sim.clients().pending().empty()) {
        ImGui::SameLine();
        text_colored(panel_color::kPending, (std::to_string(sim.clients().pending().size()) + " pending").c_str());
    }
    if (fonts().bold) ImGui::PushFont(fonts().bold);
    ImGui::TextUnformatted("Revenue");
    if (fonts().bold) ImGui::PopFont();
    ImGui::SameLine();
    ImGui::TextUnformatted(format_money(t.revenue_cents).c_str());
    help_marker("Price x quantity of every acknowledged order, as the clients were told. If the servers disagree "
                "(a lost order, an oversell), this is what the shop believes it sold.");
}

void server_header(const Simulation& sim, NodeId id, const StockReference& ref) {
    const Server& s = sim.server(id);
    char label[24];
    std::snprintf(label, sizeof label, s.alive ? "S%d" : "S%d \u2717", id);
    ImU32 colour = color::kText;
    if (!s.alive) colour = color::kTextDim;
    else if (s.is_leader()) colour = color::kNodeLeader;
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(colour));
    ImGui::TableHeader(label);
    ImGui::PopStyleColor();
    if (ImGui::IsItemHovered()) {
        if (!s.alive) ImGui::SetTooltip("Server %d is crashed: its data as it was when it went down.", id);
        else if (id == ref.server) ImGui::SetTooltip("Server %d: the reference the other columns are compared with.", id);
        else ImGui::SetTooltip("Server %d (%s)", id, role_name(s.role));
    }
}

// One stock value; stale replicas and crashed servers are marked by the cell colour.
void stock_cell(const Simulation& sim, const StockReference& ref, NodeId id, std::size_t product) {
    const Server& s = sim.server(id);
    if (!s.alive) ImGui::TableSetBgColor(ImGuiTableBgTarget_CellBg, panel_color::kCrashedCell);
    else if (stock_differs(sim, ref, id, product)) ImGui::TableSetBgColor(ImGuiTableBgTarget_CellBg, panel_color::kStaleCell);
    const std::string value = product < s.stock.size() ? std::to_string(s.stock[product]) : "-";
    text_right(value.c_str(), s.alive ? 0 : color::kTextDim);
}

void log_length_cell(const Simulation& sim, const StockReference& ref, NodeId id) {
    const Server& s = sim.server(id);
    const bool differs = ref.server != kNoNode && s.alive && id != ref.server &&
                         s.log_length() != sim.server(ref.server).log_length();
    if (!s.alive) ImGui::TableSetBgColor(ImGuiTableBgTarget_CellBg, panel_color::kCrashedCell);
    else if (differs) ImGui::TableSetBgColor(ImGuiTableBgTarget_CellBg, panel_color::kStaleCell);
    text_right(std::to_string(s.log_length()).c_str(), s.alive ? 0 : color::kTextDim);
}

void reference_line(const Simulation& sim, const StockReference& ref) {
    if (ref.server == kNoNode) {
        hint("Every server is down: there is no data to compare.");
        return;
    }
    char text[160];
    if (ref.agreed_leader)
        std::snprintf(text, sizeof text, "Highlighted: differs from the leader, server %d.", ref.server);
    else
        std::snprintf(text, sizeof text, "No agreed leader: highlighted cells differ from server %d (%s).", ref.server,
                      sim.server(ref.server).is_leader() ? "acts as leader, longest log" : "longest log");
    const ImVec2 swatch(ImGui::GetTextLineHeight() * 0.8f, ImGui::GetTextLineHeight() * 0.8f);
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const float dy = (ImGui::GetTextLineHeight() - swatch.y) * 0.5f;
    ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(at.x, at.y + dy), ImVec2(at.x + swatch.x, at.y + dy + swatch.y),
                                              panel_color::kStaleCell);
    ImGui::Dummy(ImVec2(swatch.x, ImGui::GetTextLineHeight()));
    ImGui::SameLine();
    hint(text);
}

void stock_table(const Simulation& sim, const FrameInput& in) {
    heading("Stock on every server");
    const StockReference ref = stock_reference(sim);
    reference_line(sim, ref);
    const int servers = std::min(sim.server_count(), kMaxServerColumns);
    const auto& catalogue = sim.config().catalogue;
    const float s = in.scale;
    // Exactly the rows (header, products, orders held), plus a scrollbar when the servers overflow the width.
    const float row_h = ImGui::GetTextLineHeight() + ImGui::GetStyle().CellPadding.y * 2.0f;
    const float columns_w = (62.0f + 38.0f * static_cast<float>(servers + 1)) * s +
                            ImGui::GetStyle().CellPadding.x * 2.0f * static_cast<float>(servers + 2);
    const bool overflow = columns_w > ImGui::GetContentRegionAvail().x;
    const float height = row_h * static_cast<float>(catalogue.size() + 2) + 4.0f +
                         (overflow ? ImGui::GetStyle().ScrollbarSize : 0.0f);
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_BordersOuter |
                                  ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_ScrollX | ImGuiTableFlags_ScrollY;
    if (!ImGui::BeginTable("stock", servers + 2, flags, ImVec2(0, height))) return;
    ImGui::TableSetupScrollFreeze(1, 1);
    ImGui::TableSetupColumn("Product", ImGuiTableColumnFlags_WidthFixed, 62.0f * s);
    ImGui::TableSetupColumn("Start", ImGuiTableColumnFlags_WidthFixed, 38.0f * s);
    for (int i = 0; i < servers; ++i) ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, 38.0f * s);
    ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
    ImGui::TableNextColumn();
    ImGui::TableHeader("Product");
    ImGui::TableNextColumn();
    ImGui::TableHeader("Start");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Stock at the start of the run");
    for (NodeId id = 1; id <= servers; ++id) {
        ImGui::TableNextColumn();
        server_header(sim, id, ref);
    }
    for (std::size_t p = 0; p < catalogue.size(); ++p) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(catalogue[p].sku.c_str());
        ImGui::TableNextColumn();
        text_right(std::to_string(catalogue[p].initial_stock).c_str(), color::kTextDim);
        for (NodeId id = 1; id <= servers; ++id) {
            ImGui::TableNextColumn();
            stock_cell(sim, ref, id, p);
        }
    }
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted("Orders");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Orders in each server's log (the replicated data; stock is derived from it)");
    ImGui::TableNextColumn();
    for (NodeId id = 1; id <= servers; ++id) {
        ImGui::TableNextColumn();
        log_length_cell(sim, ref, id);
    }
    ImGui::EndTable();
    if (sim.server_count() > servers)
        hint(("Servers " + std::to_string(servers + 1) + " and up are not shown (a table holds 64 columns).").c_str());
}

// The header row, with a tooltip for the columns whose short name needs explaining.
void headers_with_tips(std::initializer_list<const char*> tips) {
    ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
    int column = 0;
    for (const char* tip : tips) {
        ImGui::TableSetColumnIndex(column);
        ImGui::TableHeader(ImGui::TableGetColumnName(column));
        if (*tip && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tip);
        ++column;
    }
}

void order_row(const ClientOrder& o, TimeUs now_us) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::Text("%llu", static_cast<unsigned long long>(o.id));
    if (o.load_test) {
        ImGui::SameLine(0, 4);
        text_colored(color::kTextDim, "L");
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Sent by the load test");
    }
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(o.sku.c_str());
    ImGui::TableNextColumn();
    text_right(std::to_string(o.quantity).c_str(), o.quantity < 1 ? color::kWarning : 0);
    ImGui::TableNextColumn();
    const NodeId entry = o.entry_server();
    const NodeId leader = o.leader();
    char route[32];
    if (entry >= 1 && leader >= 1 && leader != entry) std::snprintf(route, sizeof route, "%d \u2192 %d", entry, leader);
    else if (entry >= 1) std::snprintf(route, sizeof route, "%d", entry);
    else std::snprintf(route, sizeof route, "-");
    text_colored(entry >= 1 ? color::kText : color::kTextDim, route);
    if (ImGui::IsItemHovered() && entry >= 1)
        ImGui::SetTooltip("Entered at server %d, decided by leader %d", entry, leader);
    ImGui::TableNextColumn();
    const std::string outcome = order_outcome_text(o);
    text_colored(status_color(o.status), outcome.c_str());
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s\npath: %s", outcome.c_str(), order_path_text(o).c_str());
    ImGui::TableNextColumn();
    char latency[32];
    std::snprintf(latency, sizeof latency, "%.0f ms", order_latency_ms(o, now_us));
    text_right(latency, o.status == OrderStatus::Pending ? color::kTextDim : 0);
}

void orders_table(const Simulation& sim, const FrameInput& in, DataState& data) {
    heading("Orders, newest first");
    ImGui::SameLine();
    ImGui::Checkbox("include load test", &data.show_load_test);
    OrderFilter filter;
    filter.load_test = data.show_load_test;
    const auto orders = orders_newest_first(sim.clients(), filter, kListedOrders);
    if (orders.empty()) {
        hint("No orders yet: place one in the Shop tab or start a load test in the Balancer tab.");
        return;
    }
    const float s = in.scale;
    const float min_height = ImGui::GetTextLineHeightWithSpacing() * 6.0f;
    const float height = std::max(min_height, ImGui::GetContentRegionAvail().y);
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersInnerV |
                                  ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_ScrollY;
    if (!ImGui::BeginTable("orders", 6, flags, ImVec2(0, height))) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("#", ImGuiTableColumnFlags_WidthFixed, 44.0f * s);
    ImGui::TableSetupColumn("Product", ImGuiTableColumnFlags_WidthFixed, 50.0f * s);
    ImGui::TableSetupColumn("Qty", ImGuiTableColumnFlags_WidthFixed, 28.0f * s);
    ImGui::TableSetupColumn("Route", ImGuiTableColumnFlags_WidthFixed, 46.0f * s);
    ImGui::TableSetupColumn("Status", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn("Latency", ImGuiTableColumnFlags_WidthFixed, 54.0f * s);
    headers_with_tips({"Order id (L: sent by the load test)", "", "Quantity ordered",
                       "Entry server \u2192 the leader that decided it", "", "Submit to answer, retries included"});
    // Thousands of rows: only the visible ones are laid out.
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(orders.size()));
    while (clipper.Step())
        for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row)
            order_row(*orders[static_cast<std::size_t>(row)], sim.now_us());
    ImGui::EndTable();
}

}  // namespace

void data_panel(const Simulation& sim, const FrameInput& in, UiState& state, Actions&) {
    if (begin_panel_body("data")) {
        totals_line(sim);
        stock_table(sim, in);
        orders_table(sim, in, state.data_panels.data);
    }
    end_panel_body();
}

}  // namespace cs::ui
