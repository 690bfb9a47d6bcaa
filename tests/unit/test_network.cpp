#include <doctest/doctest.h>

#include "sim/network.h"

using namespace cs;

TEST_CASE("network: latency is drawn from the configured range") {
    Network net;
    net.reset(6, us_from_ms(5), us_from_ms(20), 0.0);
    Rng rng(1);
    TimeUs lo = us_from_s(1), hi = 0;
    for (int i = 0; i < 2000; ++i) {
        const Route r = net.route(kClients, 3, 0, rng);  // client links: no FIFO clamp
        REQUIRE(r.dropped == DropReason::None);
        lo = std::min(lo, r.deliver_us);
        hi = std::max(hi, r.deliver_us);
    }
    CHECK(lo >= us_from_ms(5));
    CHECK(hi <= us_from_ms(20));
    CHECK(hi - lo > us_from_ms(10));  // it really varies
}

TEST_CASE("network: server links are FIFO") {
    Network net;
    net.reset(3, us_from_ms(1), us_from_ms(50), 0.0);
    Rng rng(2);
    TimeUs last = 0;
    for (int i = 0; i < 500; ++i) {
        const Route r = net.route(1, 2, i * 10, rng);
        CHECK(r.deliver_us >= last);
        last = r.deliver_us;
    }
}

TEST_CASE("network: a partition cuts links between sides only, never clients") {
    Network net;
    net.reset(6, 1000, 1000, 0.0);
    Rng rng(3);
    net.partition({1, 2, 3}, {4, 5, 6});
    CHECK(net.route(1, 2, 0, rng).dropped == DropReason::None);
    CHECK(net.route(1, 4, 0, rng).dropped == DropReason::Partition);
    CHECK(net.route(6, 3, 0, rng).dropped == DropReason::Partition);
    CHECK(net.route(kLoadBalancer, 4, 0, rng).dropped == DropReason::None);
    CHECK(net.route(5, kClients, 0, rng).dropped == DropReason::None);
    CHECK(net.side_of(2) == 0);
    CHECK(net.side_of(5) == 1);
    CHECK(net.any_fault());
    net.heal();
    CHECK(net.route(1, 4, 0, rng).dropped == DropReason::None);
    CHECK_FALSE(net.any_fault());
}

TEST_CASE("network: isolate cuts one server from every other server") {
    Network net;
    net.reset(4, 1000, 1000, 0.0);
    Rng rng(4);
    net.isolate(2);
    CHECK(net.route(2, 1, 0, rng).dropped == DropReason::Isolated);
    CHECK(net.route(3, 2, 0, rng).dropped == DropReason::Isolated);
    CHECK(net.route(1, 3, 0, rng).dropped == DropReason::None);
    CHECK(net.route(kLoadBalancer, 2, 0, rng).dropped == DropReason::None);
}

TEST_CASE("network: drop-next drops exactly one message on that link") {
    Network net;
    net.reset(4, 1000, 1000, 0.0);
    Rng rng(5);
    net.drop_next(1, 2);
    CHECK(net.route(2, 1, 0, rng).dropped == DropReason::None);  // the other direction is untouched
    CHECK(net.route(1, 2, 0, rng).dropped == DropReason::DropNext);
    CHECK(net.route(1, 2, 0, rng).dropped == DropReason::None);
}

TEST_CASE("network: loss drops about the configured fraction") {
    Network net;
    net.reset(3, 1000, 1000, 0.2);
    Rng rng(6);
    int dropped = 0;
    for (int i = 0; i < 10000; ++i) dropped += net.route(1, 2, 0, rng).dropped == DropReason::Loss ? 1 : 0;
    CHECK(dropped > 1800);
    CHECK(dropped < 2200);
}
