#include "ui/inspect_panel.h"

#include <imgui.h>

#include <algorithm>
#include <cfloat>
#include <cstdio>
#include <string>

#include "ui/fonts.h"
#include "ui/legend.h"
#include "ui/panel_widgets.h"
#include "ui/test_hooks.h"
#include "ui/theme.h"
#include "ui/ui_state.h"

namespace cs::ui {
namespace {

constexpr int kLastEntries = 8;            // log entries listed under "orders"
constexpr std::size_t kSparkSeconds = 120;  // how much history the sparklines show

void key(const char* name) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextDisabled("%s", name);
    ImGui::TableNextColumn();
}

bool begin_facts(const char* id) {
    return ImGui::BeginTable(id, 2, ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_RowBg);
}

std::string sku(const Simulation& sim, std::int32_t product) {
    const auto& catalogue = sim.config().catalogue;
    if (product >= 0 && static_cast<std::size_t>(product) < catalogue.size())
        return catalogue[static_cast<std::size_t>(product)].sku;
    return product < 0 ? "-" : "#" + std::to_string(product);
}

std::string seconds(TimeUs t) {
    char text[32];
    std::snprintf(text, sizeof text, "%.3f s", static_cast<double>(t) / 1e6);
    return text;
}

// ---- server ---------------------------------------------------------------

void server_buttons(const Simulation& sim, const Server& s, Actions& out) {
    const std::string id = std::to_string(s.id);
    if (s.alive) {
        if (coloured_button("Crash", panel_color::kCrashButton)) out.commands.push_back("crash " + id);
        expose_last_item("inspect/button/crash/" + id);
    } else {
        if (coloured_button("Restart", panel_color::kRestartButton)) out.commands.push_back("restart " + id);
        expose_last_item("inspect/button/restart/" + id);
    }
    ImGui::SameLine();
    const bool isolated = sim.network().isolated(s.id);
    ImGui::BeginDisabled(!s.alive && !isolated);
    if (coloured_button(isolated ? "Heal" : "Isolate", panel_color::kIsolateButton))
        out.commands.push_back(isolated ? "heal" : "isolate " + id);
    ImGui::EndDisabled();
    expose_last_item("inspect/button/isolate/" + id);
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
        ImGui::SetTooltip(isolated ? "heal: ends every partition and isolation"
                                   : "isolate %d: cut every link between it and the other servers", s.id);
}

void server_state(const Simulation& sim, const Server& s) {
    if (!begin_facts("server-state")) return;
    key("alive");
    if (s.alive) ImGui::TextUnformatted("yes");
    else text_colored(color::kCrashMark, "no, crashed");
    key("role");
    text_colored(s.alive ? role_color(s) : color::kTextDim, role_name(s.role));
    key("believes leader");
    if (s.leader == kNoNode) ImGui::TextUnformatted("none");
    else ImGui::Text("%d%s", s.leader, s.leader == s.id ? " (itself)" : "");
    key("epoch");
    ImGui::Text("%lld", static_cast<long long>(s.epoch));
    if (sim.config().quorum) {
        key("promised epoch");
        ImGui::Text("%lld", static_cast<long long>(s.promised_epoch));
        key("log epoch");
        ImGui::Text("%lld", static_cast<long long>(s.log_epoch));
    }
    key("network");
    const Network& net = sim.network();
    if (net.isolated(s.id)) text_colored(color::kCut, "isolated: cut off from every server");
    else if (net.side_of(s.id) >= 0) ImGui::Text("partition side %c", net.side_of(s.id) == 0 ? 'A' : 'B');
    else ImGui::TextUnformatted("connected");
    if (s.syncing_after_restart) {
        key("restart");
        ImGui::TextUnformatted("syncing its data before it rejoins");
    }
    key("load balancer");
    const LbServerView& lb = sim.load_balancer().server(s.id);
    const bool wrong = lb.healthy != s.alive;
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(wrong ? color::kWarning : color::kText));
    ImGui::Text("%s, health %d, %llu routed", lb.healthy ? "in rotation" : "out of rotation", lb.health,
                static_cast<unsigned long long>(lb.routed));
    ImGui::PopStyleColor();
    key("weight");
    ImGui::Text("%d", sim.config().weight_of(s.id));
    ImGui::EndTable();
}

// Two facts a row (name, value, name, value): the load numbers are short, and
// the stock and orders below should not be pushed out of sight.
void server_load(const Simulation& sim, const Server& s) {
    const ServerMetrics& mt = s.metrics;
    if (!ImGui::BeginTable("server-load", 4, ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_RowBg)) return;
    auto cell = [](const char* name) {
        ImGui::TableNextColumn();
        ImGui::TextDisabled("%s", name);
        ImGui::TableNextColumn();
    };
    ImGui::TableNextRow();
    cell("queue");
    ImGui::Text("%d of %d", mt.queue_depth, sim.config().queue_limit);
    cell("connections");
    ImGui::Text("%d", mt.connections);
    ImGui::TableNextRow();
    cell("CPU");
    ImGui::Text("%.0f %%", mt.cpu * 100.0);
    cell("memory");
    ImGui::Text("%.1f MB", mt.memory_mb);
    ImGui::TableNextRow();
    cell("response");
    ImGui::Text("%.1f ms", mt.response_mean_ms);
    cell("p95");
    ImGui::Text("%.1f ms", mt.response_p95_ms);
    ImGui::TableNextRow();
    cell("throughput");
    ImGui::Text("%.1f req/s", mt.throughput);
    cell("health");
    text_colored(health_color(mt.health), (std::to_string(mt.health) + " / 100").c_str());
    ImGui::TableNextRow();
    cell("served");
    ImGui::Text("%llu", static_cast<unsigned long long>(mt.requests));
    cell("refused");
    ImGui::Text("%llu", static_cast<unsigned long long>(mt.refused));
    ImGui::EndTable();
}

// One sparkline of the last kSparkSeconds of a per-second series, with its latest value.
template <std::size_t N>
void sparkline(const char* id, const char* label, const char* unit, const Ring<float, N>& series, float to_unit,
               float max_value, float scale) {
    float values[kSparkSeconds];
    const std::size_t n = std::min(series.size(), kSparkSeconds);
    const std::size_t first = series.size() - n;
    for (std::size_t i = 0; i < n; ++i) values[i] = series.at(first + i) * to_unit;
    char overlay[64];
    std::snprintf(overlay, sizeof overlay, "%s %.1f %s", label, n ? values[n - 1] : 0.0f, unit);
    ImGui::PlotLines(id, values, static_cast<int>(n), 0, overlay, 0.0f, max_value,
                     ImVec2(ImGui::GetContentRegionAvail().x, 32.0f * scale));
}

void server_sparklines(const Server& s, float scale) {
    const ServerMetrics& mt = s.metrics;
    if (mt.cpu_series.size() == 0) {
        hint("No samples yet: the server measures itself once a simulated second.");
        return;
    }
    ImGui::PushItemWidth(-1);
    sparkline("##cpu", "CPU", "%", mt.cpu_series, 100.0f, 100.0f, scale);
    sparkline("##queue", "queue", "waiting", mt.queue_series, 1.0f, FLT_MAX, scale);
    sparkline("##response", "response", "ms", mt.response_series, 1.0f, FLT_MAX, scale);
    sparkline("##throughput", "throughput", "req/s", mt.throughput_series, 1.0f, FLT_MAX, scale);
    ImGui::PopItemWidth();
    ImGui::TextDisabled("last %zu s, one sample a second", std::min(mt.cpu_series.size(), kSparkSeconds));
}

// Stock per product next to what the agreed leader holds, so a replica that differs stands out.
void server_stock(const Simulation& sim, const Server& s) {
    const auto& catalogue = sim.config().catalogue;
    const NodeId leader = sim.agreed_leader();
    const Server* reference = leader != kNoNode && leader != s.id ? &sim.server(leader) : nullptr;
    const int columns = reference ? 4 : 3;
    if (!ImGui::BeginTable("stock", columns, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                                 ImGuiTableFlags_SizingStretchProp))
        return;
    ImGui::TableSetupColumn("product");
    ImGui::TableSetupColumn("stock");
    ImGui::TableSetupColumn("initial");
    if (reference) ImGui::TableSetupColumn(("leader " + std::to_string(leader)).c_str());
    ImGui::TableHeadersRow();
    for (std::size_t p = 0; p < catalogue.size() && p < s.stock.size(); ++p) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(catalogue[p].sku.c_str());
        ImGui::TableNextColumn();
        const std::int64_t stock = s.stock[p];
        const bool differs = reference && p < reference->stock.size() && reference->stock[p] != stock;
        const ImU32 ink = stock < 0 ? color::kError : differs ? color::kWarning : color::kText;
        text_colored(ink, std::to_string(stock).c_str());
        ImGui::TableNextColumn();
        ImGui::TextDisabled("%lld", static_cast<long long>(catalogue[p].initial_stock));
        if (reference) {
            ImGui::TableNextColumn();
            if (p < reference->stock.size()) ImGui::TextDisabled("%lld", static_cast<long long>(reference->stock[p]));
        }
    }
    ImGui::EndTable();
}

void server_orders(const Simulation& sim, const Server& s) {
    ImGui::Text("%llu orders in its log", static_cast<unsigned long long>(s.log_length()));
    if (s.is_leader()) {
        ImGui::SameLine();
        ImGui::TextDisabled("(%llu committed, %zu waiting for ACKs)", static_cast<unsigned long long>(s.commit_index),
                            s.pending_writes.size());
    }
    if (s.log.empty()) return;
    if (!ImGui::BeginTable("log", 5, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) return;
    ImGui::TableSetupColumn("#");
    ImGui::TableSetupColumn("order");
    ImGui::TableSetupColumn("product");
    ImGui::TableSetupColumn("qty");
    ImGui::TableSetupColumn("epoch");
    ImGui::TableHeadersRow();
    const std::size_t first = s.log.size() > kLastEntries ? s.log.size() - kLastEntries : 0;
    for (std::size_t i = s.log.size(); i-- > first;) {  // newest first
        const LogEntry& e = s.log[i];
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextDisabled("%zu", i + 1);
        ImGui::TableNextColumn();
        ImGui::Text("#%llu", static_cast<unsigned long long>(e.order_id));
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(sku(sim, e.product).c_str());
        ImGui::TableNextColumn();
        ImGui::Text("%d", e.quantity);
        ImGui::TableNextColumn();
        ImGui::Text("%lld", static_cast<long long>(e.epoch));
    }
    ImGui::EndTable();
}

void inspect_server(const Simulation& sim, const Server& s, float scale, Actions& out) {
    ImGui::PushFont(fonts().bold);
    ImGui::Text("Server %d", s.id);
    ImGui::PopFont();
    expose_last_item("inspect/server/" + std::to_string(s.id));
    ImGui::SameLine();
    text_colored(s.alive ? role_color(s) : color::kCrashMark, s.alive ? role_name(s.role) : "crashed");
    ImGui::SameLine();
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + 8.0f * scale);
    server_buttons(sim, s, out);

    server_state(sim, s);
    heading("Load");
    server_load(sim, s);
    server_sparklines(s, scale);
    heading("Stock");
    server_stock(sim, s);
    heading("Orders");
    server_orders(sim, s);
}

// ---- message --------------------------------------------------------------

void message_facts(const Simulation& sim, const Message& m) {
    if (!begin_facts("message")) return;
    key("from \xe2\x86\x92 to");
    ImGui::Text("%s \xe2\x86\x92 %s", node_name(m.from).c_str(), node_name(m.to).c_str());
    key("sent");
    ImGui::TextUnformatted(seconds(m.sent_us).c_str());
    // In flight it has not arrived yet; once gone, the fate line above says what became of it.
    key(sim.now_us() < m.deliver_us ? "arrives at" : "was due at");
    ImGui::Text("%s (latency %.1f ms)", seconds(m.deliver_us).c_str(), ms_from_us(m.deliver_us - m.sent_us));
    key("epoch");
    ImGui::Text("%lld", static_cast<long long>(m.epoch));
    key("sender's leader");
    if (m.leader == kNoNode) ImGui::TextUnformatted("none");
    else ImGui::Text("%d", m.leader);
    const MsgFamily family = msg_family(m.type);
    if (family == MsgFamily::Health) {
        key("health round");  // the balancer reuses the order id field for its check round
        ImGui::Text("%llu", static_cast<unsigned long long>(m.order_id));
    }
    if (family == MsgFamily::Client) {
        key("order id");
        ImGui::Text("#%llu", static_cast<unsigned long long>(m.order_id));
        key("product");
        ImGui::TextUnformatted(sku(sim, m.product).c_str());
        key("quantity");
        ImGui::Text("%d", m.quantity);
    }
    if (m.type == MsgType::OrderReply || m.type == MsgType::ReadReply) {
        key("status");
        ImGui::TextUnformatted(order_status_name(m.status));
        if (m.reason != Reason::None) {
            key("reason");
            ImGui::TextWrapped("%s", reason_text(m.reason));
        }
        key("stock seen");
        ImGui::Text("%lld", static_cast<long long>(m.stock));
    }
    if (m.type == MsgType::Order || m.type == MsgType::OrderReply || m.type == MsgType::Read) {
        key("path so far");
        std::string path;
        for (int i = 0; i < m.path_length; ++i) path += (i ? " \xe2\x86\x92 " : "") + node_name(m.path[static_cast<std::size_t>(i)]);
        ImGui::TextUnformatted(path.empty() ? "-" : path.c_str());
    }
    if (family == MsgFamily::Replication || family == MsgFamily::Election || family == MsgFamily::Heartbeat) {
        key("log length");
        ImGui::Text("%llu", static_cast<unsigned long long>(m.log_length));
        key("entries carried");
        ImGui::Text("%zu", m.type == MsgType::Replicate ? std::size_t{1} : m.entries.size());
        if (m.type == MsgType::Replicate) {
            key("entry");
            ImGui::Text("order #%llu, %s x%d, epoch %lld", static_cast<unsigned long long>(m.entry.order_id),
                        sku(sim, m.entry.product).c_str(), m.entry.quantity, static_cast<long long>(m.entry.epoch));
        }
        if (m.type == MsgType::ReplicateAck || m.type == MsgType::ElectionOk || m.type == MsgType::StateReply) {
            key("ok");
            ImGui::TextUnformatted(m.ok ? "yes" : "no");
        }
    }
    if (m.type == MsgType::HealthReply) {
        key("reported CPU");
        ImGui::Text("%.0f %%", m.cpu * 100.0);
        key("reported queue");
        ImGui::Text("%.0f waiting", m.queue);
    }
    ImGui::EndTable();
}

void inspect_message(const Simulation& sim, InspectState& memory, std::uint64_t id, float scale) {
    const Message* live = nullptr;
    sim.for_each_in_flight([&](const Message& m) {
        if (m.id == id) live = &m;
    });
    if (live) {
        memory.seen_id = id;
        memory.seen = *live;
    }
    const Message* shown = live ? live : memory.seen_id == id ? &memory.seen : nullptr;

    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const float r = 6.0f * scale;
    if (shown)
        draw_message_mark(draw, ImVec2(at.x + r + 2.0f * scale, at.y + ImGui::GetTextLineHeight() * 0.5f), r,
                          family_color(msg_family(shown->type)), dot_shape(shown->type), scale);
    ImGui::SetCursorScreenPos(ImVec2(at.x + 2.0f * r + 8.0f * scale, at.y));
    ImGui::PushFont(fonts().bold);
    ImGui::Text("Message #%llu %s", static_cast<unsigned long long>(id), shown ? msg_type_name(shown->type) : "");
    ImGui::PopFont();
    expose_last_item("inspect/message/" + std::to_string(id));

    if (live) {
        const float t = std::clamp(static_cast<float>(sim.now_us() - live->sent_us) /
                                       static_cast<float>(std::max<TimeUs>(live->deliver_us - live->sent_us, 1)),
                                   0.0f, 1.0f);
        ImGui::Text("in flight, %.0f %% of the way", t * 100.0f);
    } else {
        const std::string fate = message_fate(sim, id);
        text_colored(color::kWarning, fate.empty() ? "no longer in flight" : fate.c_str());
    }
    if (shown) message_facts(sim, *shown);
    else hint("Its contents were not seen by this view (it was selected before it was sent, or after a jump in time).");
}

}  // namespace

std::string message_fate(const Simulation& sim, std::uint64_t message_id) {
    const EventLog& log = sim.event_log();
    for (std::size_t i = log.size(); i-- > 0;) {
        const LogRecord& r = log.at(i);
        if (r.message_id != message_id) continue;
        if (r.kind == LogKind::Delivered) return "delivered at " + seconds(r.time_us);
        if (r.kind == LogKind::Dropped)
            return "dropped at " + seconds(r.time_us) + " (" + drop_reason_name(static_cast<DropReason>(r.a)) + ")";
    }
    return "";
}

void inspect_panel(const Simulation& sim, const FrameInput& in, UiState& state, Actions& out) {
    if (!begin_panel_body("inspect-body")) {
        end_panel_body();
        return;
    }
    const bool has_server = state.selected_server >= 1 && state.selected_server <= sim.server_count();
    const bool has_message = state.selected_message != 0;
    if (!has_server && !has_message) {
        heading("Nothing selected");
        hint("Click a server or a message dot in the cluster view to see everything about it here. "
             "Pause first (Space) to catch a message in flight.");
        expose_last_item("inspect/empty");
    }
    if (has_message) {
        inspect_message(sim, state.inspect, state.selected_message, in.scale);
        if (has_server) ImGui::Separator();
    }
    if (has_server) inspect_server(sim, sim.server(state.selected_server), in.scale, out);
    end_panel_body();
}

}  // namespace cs::ui
