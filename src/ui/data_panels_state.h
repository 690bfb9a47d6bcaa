#pragma once
// What the Shop, Data, Balancer and Metrics tabs remember between frames: the
// user's inputs and view choices only, never simulation state. One member of
// UiState (ui_state.h) holds all four.
#include <cstdint>
#include <vector>

#include "sim/message.h"

namespace cs::ui {

struct ShopState {
    std::vector<int> quantity;     // per catalogue product; 1 until the user changes it
    NodeId route = kLoadBalancer;  // where orders go: the balancer or one server
    bool show_reads = false;       // list the stock reads of "Refresh" among the orders
};

struct DataState {
    bool show_load_test = true;  // list the load generator's orders too
};

struct BalancerState {
    int custom_rate_per_s = 20;
    int custom_duration_s = 30;
};

struct MetricsState {
    int metric = -1;                 // a ui::Metric, or -1: all metrics as small multiples
    int window_s = 60;               // how much history is plotted
    std::uint64_t hidden_servers = 0;  // bit id-1 set: that server's line is hidden
};

struct DataPanelsState {
    ShopState shop;
    DataState data;
    BalancerState balancer;
    MetricsState metrics;
};

}  // namespace cs::ui
