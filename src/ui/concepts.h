#pragma once
// What is happening now, in the course text's words, and which section of the
// course it belongs to. Derived only from the simulation state, with no ImGui,
// so it is unit-tested (tests/app/test_concepts.cpp); concepts_panel.cpp shows it.
#include <string>
#include <vector>

#include "sim/simulation.h"

namespace cs::ui {

// The course's sections, named as the course text names them.
inline constexpr const char* kSectionBully = "Bully Algorithm";
inline constexpr const char* kSectionReplication = "Data Replication";
inline constexpr const char* kSectionFaultTolerance = "Fault Tolerance";
inline constexpr const char* kSectionConsistency = "Consistency Models";
inline constexpr const char* kSectionCap = "CAP Theorem";
inline constexpr const char* kSectionLoadBalancing = "Load Balancing";

struct Concept {
    std::string text;     // one sentence, no trailing full stop
    std::string section;  // one of the kSection names, maybe with a qualifier: "Data Replication (synchronous)"
    int priority = 0;     // higher: more worth the student's attention now
    bool pinned = false;  // shown whatever else is going on (the last election's count)
};

// Every statement that applies now, most important first (ties keep a fixed
// order). Never empty: a quiet cluster still gets a sentence.
std::vector<Concept> explain_now(const Simulation& sim);

// "Last election: 25 messages: 12 ELECTION, 10 OK, 3 COORDINATOR; server 5 won", counted
// by the simulation (docs/PROTOCOLS.md); empty before the first election ends.
std::string last_election_text(const Simulation& sim);

}  // namespace cs::ui
