#include "ui/shop_panel.h"

#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <string>

#include "ui/panel_logic.h"
#include "ui/panel_widgets.h"
#include "ui/test_hooks.h"
#include "ui/theme.h"

namespace cs::ui {
namespace {

// The shop lists the user's own recent orders; the Data tab has the full table.
constexpr std::size_t kShownOrders = 60;

std::string route_label(const Simulation& sim, NodeId route) {
    if (route < 1) return std::string("load balancer (") + lb_algorithm_name(sim.load_balancer().algorithm()) + ")";
    return "server " + std::to_string(route) + (sim.server(route).alive ? "" : " (crashed)");
}

void route_selector(const Simulation& sim, const FrameInput& in, ShopState& shop, Actions& out) {
    if (shop.route > sim.server_count()) shop.route = kLoadBalancer;  // the scenario was replaced
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Send to");
    ImGui::SameLine();
    // Room for the Refresh button beside it, however narrow the panel.
    const ImGuiStyle& style = ImGui::GetStyle();
    const float refresh_w = ImGui::CalcTextSize("Refresh stock").x + style.FramePadding.x * 2.0f + style.ItemSpacing.x;
    ImGui::SetNextItemWidth(std::min(210.0f * in.scale, ImGui::GetContentRegionAvail().x - refresh_w));
    if (ImGui::BeginCombo("##route", route_label(sim, shop.route).c_str())) {
        if (ImGui::Selectable(route_label(sim, kLoadBalancer).c_str(), shop.route < 1)) shop.route = kLoadBalancer;
        expose_last_item("shop/route/lb");
        for (NodeId id = 1; id <= sim.server_count(); ++id) {
            if (ImGui::Selectable(route_label(sim, id).c_str(), shop.route == id)) shop.route = id;
            expose_last_item("shop/route/" + std::to_string(id));
        }
        ImGui::EndCombo();
    }
    expose_last_item("shop/route");
    ImGui::SameLine();
    // Reads go the same way as orders, so the answering server is the one orders would reach.
    if (ImGui::Button("Refresh stock")) {
        for (const Product& p : sim.config().catalogue) out.commands.push_back(read_command(p.sku, shop.route));
    }
    expose_last_item("shop/refresh");
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Asks for the stock of every product (one 'read' each).\nWhichever server answers tells what "
                          "it holds: a stale replica shows old stock.");
    hint(shop.route < 1 ? "The load balancer picks a server; a follower forwards orders to the leader."
                        : "Straight to one server, skipping the load balancer. A follower forwards orders to the leader.");
}

void stock_cell(const Clients& clients, std::size_t product, NodeId source, bool stale) {
    const auto& seen = clients.stock_seen();
    if (product >= seen.size() || seen[product] < 0) {
        text_right("not read", color::kTextDim);
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("The shop knows only what a server told it: press Refresh stock (or place an order).");
        return;
    }
    text_right(std::to_string(seen[product]).c_str(), stale ? color::kWarning : 0);
    if (ImGui::IsItemHovered() && source >= 1)
        ImGui::SetTooltip("What server %d held when it answered: the shop only knows what a server told it.", source);
}

// The alive servers that lead now, with what each holds of the product, or "" when
// none does. Several during a split brain.
std::string leaders_hold(const Simulation& sim, std::size_t product, std::int64_t seen, bool& differs) {
    std::string out;
    differs = false;
    for (const Server& s : sim.servers()) {
        if (!s.alive || !s.is_leader() || product >= s.stock.size()) continue;
        out += (out.empty() ? "" : ", ") + std::string("leader ") + std::to_string(s.id) + " holds " +
               std::to_string(s.stock[product]);
        differs |= s.stock[product] != seen;
    }
    return out;
}

// "server 1", and beside it what the leader holds when that differs: a stale read.
void seen_on_cell(const Simulation& sim, std::size_t product, NodeId source, bool stale, const std::string& leader) {
    if (source < 1) {
        text_colored(color::kTextDim, "-");
        return;
    }
    std::string text = "server " + std::to_string(source);
    if (stale) text += " (" + leader + ")";
    if (ImGui::CalcTextSize(text.c_str()).x > ImGui::GetContentRegionAvail().x)
        text = "S" + std::to_string(source) + (stale ? " (" + leader + ")" : "");
    if (stale) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(color::kWarning));
        ImGui::TextWrapped("%s", text.c_str());
        ImGui::PopStyleColor();
        expose_last_item("shop/stale/" + sim.config().catalogue[product].sku);
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("A stale read: server %d answered from its own copy, which does not hold what the "
                              "leader holds now (an update still on its way, or a server cut off).",
                              source);
    } else {
        ImGui::TextUnformatted(text.c_str());
    }
}

void product_row(const Simulation& sim, ShopState& shop, std::size_t index, NodeId source, Actions& out) {
    const Product& p = sim.config().catalogue[index];
    ImGui::PushID(static_cast<int>(index));
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(p.sku.c_str());
    ImGui::TableNextColumn();
    text_right(format_money(p.price_cents).c_str());
    // What the answering server said next to what the leader holds: a stale read shows.
    const auto& seen = sim.clients().stock_seen();
    bool stale = false;
    const std::string leader =
        index < seen.size() && seen[index] >= 0 && source >= 1 ? leaders_hold(sim, index, seen[index], stale) : "";
    ImGui::TableNextColumn();
    stock_cell(sim.clients(), index, source, stale);
    expose_last_item("shop/stock/" + p.sku);
    ImGui::TableNextColumn();
    seen_on_cell(sim, index, source, stale, leader);

    ImGui::TableNextColumn();
    int& quantity = shop.quantity[index];
    const bool odd = quantity < 1;
    if (odd) ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(color::kWarning));
    ImGui::SetNextItemWidth(-1);
    ImGui::InputInt("##qty", &quantity, 1, 10);
    if (odd) ImGui::PopStyleColor();
    expose_last_item("shop/qty/" + p.sku);
    if (odd && ImGui::IsItemHovered())
        ImGui::SetTooltip("A quantity below 1 can be sent: the leader rejects it and says why.");

    ImGui::TableNextColumn();
    if (ImGui::Button("Order", ImVec2(-1, 0)))
        out.commands.push_back(order_command(p.sku, quantity, shop.route));
    expose_last_item("shop/order/" + p.sku);
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("%s", order_command(p.sku, quantity, shop.route).c_str());
    ImGui::PopID();
}

void product_table(const Simulation& sim, const FrameInput& in, ShopState& shop, Actions& out) {
    const auto& catalogue = sim.config().catalogue;
    if (shop.quantity.size() != catalogue.size()) shop.quantity.assign(catalogue.size(), 1);
    const auto& seen = sim.clients().stock_seen();
    if (std::none_of(seen.begin(), seen.end(), [](std::int64_t n) { return n >= 0; }))
        hint("Stock not read yet: Refresh stock asks the server chosen above what it holds.");
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingFixedFit;
    if (!ImGui::BeginTable("products", 6, flags)) return;
    const float s = in.scale;
    // The product names set the first column; "Seen on" gives way when the panel is narrow.
    float sku_w = ImGui::CalcTextSize("Product").x;
    for (const Product& p : catalogue) sku_w = std::max(sku_w, ImGui::CalcTextSize(p.sku.c_str()).x);
    ImGui::TableSetupColumn("Product", ImGuiTableColumnFlags_WidthFixed, sku_w);
    ImGui::TableSetupColumn("Price", ImGuiTableColumnFlags_WidthFixed, 62.0f * s);
    ImGui::TableSetupColumn("Stock", ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize("not read").x);
    ImGui::TableSetupColumn("Seen on", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn("Quantity", ImGuiTableColumnFlags_WidthFixed, 92.0f * s);
    ImGui::TableSetupColumn("##order", ImGuiTableColumnFlags_WidthFixed, 56.0f * s);
    ImGui::TableHeadersRow();
    const std::vector<NodeId> sources = stock_sources(sim.clients(), catalogue.size());
    for (std::size_t i = 0; i < catalogue.size(); ++i) product_row(sim, shop, i, sources[i], out);
    ImGui::EndTable();
}

void order_row(const ClientOrder& o, TimeUs now_us) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::Text("%llu", static_cast<unsigned long long>(o.id));
    ImGui::TableNextColumn();
    if (o.is_read) ImGui::Text("read %s", o.sku.c_str());
    else ImGui::Text("%s \u00d7 %d", o.sku.c_str(), o.quantity);
    ImGui::TableNextColumn();
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(status_color(o.status)));
    ImGui::TextWrapped("%s", order_outcome_text(o).c_str());
    ImGui::PopStyleColor();
    ImGui::TableNextColumn();
    char latency[32];
    std::snprintf(latency, sizeof latency, "%.0f ms", order_latency_ms(o, now_us));
    text_right(latency, o.status == OrderStatus::Pending ? color::kTextDim : 0);
    ImGui::TableNextColumn();
    const std::string path = order_path_text(o);
    if (path.empty()) text_colored(color::kTextDim, o.via >= 1 ? ("client \u2192 " + std::to_string(o.via) + " \u2026").c_str()
                                                               : "client \u2192 LB \u2026");
    else ImGui::TextWrapped("%s", path.c_str());
    if (ImGui::IsItemHovered() && !path.empty())
        ImGui::SetTooltip("The way the answer came back: the entry server (%d) first, the leader that decided (%d) last.",
                          o.entry_server(), o.leader());
}

void recent_orders(const Simulation& sim, const FrameInput& in, ShopState& shop) {
    heading("Your orders");
    ImGui::SameLine();
    ImGui::Checkbox("show stock reads", &shop.show_reads);
    OrderFilter filter;
    filter.reads = shop.show_reads;
    filter.load_test = false;
    const auto orders = orders_newest_first(sim.clients(), filter, kShownOrders);
    if (orders.empty()) {
        hint("None yet. Press Order above: the answer shows here with its latency and the path it took.");
        return;
    }
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingFixedFit;
    if (!ImGui::BeginTable("orders", 5, flags)) return;
    const float s = in.scale;
    ImGui::TableSetupColumn("#", ImGuiTableColumnFlags_WidthFixed, 26.0f * s);
    ImGui::TableSetupColumn("Order", ImGuiTableColumnFlags_WidthFixed, 84.0f * s);
    ImGui::TableSetupColumn("Outcome", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("Latency", ImGuiTableColumnFlags_WidthFixed, 52.0f * s);
    ImGui::TableSetupColumn("Path", ImGuiTableColumnFlags_WidthStretch, 1.05f);
    ImGui::TableHeadersRow();
    for (const ClientOrder* o : orders) order_row(*o, sim.now_us());
    ImGui::EndTable();
}

}  // namespace

void shop_panel(const Simulation& sim, const FrameInput& in, UiState& state, Actions& out) {
    if (begin_panel_body("shop")) {
        ShopState& shop = state.data_panels.shop;
        route_selector(sim, in, shop, out);
        product_table(sim, in, shop, out);
        recent_orders(sim, in, shop);
    }
    end_panel_body();
}

}  // namespace cs::ui
