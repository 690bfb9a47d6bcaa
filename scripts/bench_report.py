#!/usr/bin/env python3
"""Writes docs/PERFORMANCE.md (on stdout) from what scripts/bench.sh measured.

Usage: bench_report.py WORKDIR, where WORKDIR holds native.N.json and wasm.N.json
(`clustersim-cli bench --json`, one per round), native.memory.json and
wasm.memory.json, page.tsv (file, bytes, gzipped bytes) and machine.txt
(key=value lines).

The document has two parts, kept apart on purpose:
- the generated section, between the GENERATED markers: every figure, each from
  those files, stamped with the commit it was measured at ("dirty" when the
  working tree had changes); nothing in it is written by hand;
- the hand-written section: scripts/bench_notes.md, copied in as it is (what the
  workloads are, profiles, how to rerun). Edit that file, never the output.
"""
import json
import os
import subprocess
import sys

work = sys.argv[1]


def best_of(platform):
    """Every round's report for one platform, folded into one: each benchmark's
    fastest run, and the memory samples of the separate memory run."""
    rounds = sorted(f for f in os.listdir(work) if f.startswith(platform + ".") and f.endswith(".json") and "memory" not in f)
    reports = [json.load(open(os.path.join(work, f))) for f in rounds]
    memory = json.load(open(os.path.join(work, platform + ".memory.json")))
    merged = dict(reports[-1])
    merged["memory"] = memory["memory"]
    merged["memory_writes"] = memory["memory_writes"]
    merged["rounds"] = len(reports)
    merged["benchmarks"] = [min((b for r in reports for b in r["benchmarks"] if b["name"] == name), key=lambda b: b["wall_s"])
                            for name in (b["name"] for b in reports[0]["benchmarks"])]
    return merged


native = best_of("native")
wasm = best_of("wasm")
machine = dict(line.rstrip("\n").split("=", 1) for line in open(os.path.join(work, "machine.txt")) if "=" in line)
page = [line.rstrip("\n").split("\t") for line in open(os.path.join(work, "page.tsv")) if line.strip()]


def bench(report, name):
    return next(b for b in report["benchmarks"] if b["name"] == name)


def si(x):
    for scale, suffix in ((1e9, "G"), (1e6, "M"), (1e3, "k")):
        if x >= scale:
            return f"{x / scale:.3g}{suffix}"
    return f"{x:.3g}"


def verdict(ok, miss):
    return "met" if ok else f"**missed**: {miss}"


misses = []


def target(ok, what, shortfall):
    if not ok:
        misses.append(f"{what}: {shortfall}")
    return verdict(ok, shortfall)


n_sched, w_sched = bench(native, "scheduler"), bench(wasm, "scheduler")
n_hour, w_hour = bench(native, "cluster"), bench(wasm, "cluster")
n_large, w_large = bench(native, "large"), bench(wasm, "large")
n_writes, w_writes = bench(native, "cluster-writes"), bench(wasm, "cluster-writes")


def ratio(w, n):
    return w["events_per_s"] / n["events_per_s"] if n["events_per_s"] else 0


rows = []
ok = n_sched["events_per_s"] >= 5e6
rows.append(("1", "bare scheduler: events/s (pop + push, 1,024 pending)", si(n_sched["events_per_s"]), si(w_sched["events_per_s"]),
             f"{ratio(w_sched, n_sched):.2f}", "≥ 5M native",
             target(ok, "bare scheduler ≥ 5M events/s", f"{100 * (1 - n_sched['events_per_s'] / 5e6):.0f}% short")))
ok = n_hour["events_per_s"] >= 1e6
rows.append(("2a", "default cluster, 10 orders/s, 1 simulated hour: events/s", si(n_hour["events_per_s"]), si(w_hour["events_per_s"]),
             f"{ratio(w_hour, n_hour):.2f}", "≥ 1M native",
             target(ok, "full cluster ≥ 1M events/s", f"{100 * (1 - n_hour['events_per_s'] / 1e6):.0f}% short")))
ok = n_hour["wall_s"] < 2.0
rows.append(("2b", "… wall time for the simulated hour", f"{n_hour['wall_s']:.3f} s", f"{w_hour['wall_s']:.3f} s", "", "< 2 s",
             target(ok, "an hour of heavy load in under 2 s", f"took {n_hour['wall_s']:.2f} s")))
rows.append(("2c", "… simulated time per wall-clock second", f"{si(n_hour['simulated_s_per_wall_s'])}×", f"{si(w_hour['simulated_s_per_wall_s'])}×",
             "", "", ""))
rows.append(("2d", "… the same hour with stock that never sells out (every order a write): events/s (wall time)",
             f"{si(n_writes['events_per_s'])} ({n_writes['wall_s']:.3f} s)", f"{si(w_writes['events_per_s'])} ({w_writes['wall_s']:.3f} s)",
             f"{ratio(w_writes, n_writes):.2f}", "", ""))
ok = n_large["events_per_s"] >= 1e6
rows.append(("3a", "64 servers, 1,000 orders/s, 1 simulated minute: events/s", si(n_large["events_per_s"]), si(w_large["events_per_s"]),
             f"{ratio(w_large, n_large):.2f}", "≥ 1M native",
             target(ok, "64 servers ≥ 1M events/s", f"{100 * (1 - n_large['events_per_s'] / 1e6):.0f}% short")))
rows.append(("3b", "… simulated time per wall-clock second (wall time)",
             f"{si(n_large['simulated_s_per_wall_s'])}× ({n_large['wall_s']:.3f} s)",
             f"{si(w_large['simulated_s_per_wall_s'])}× ({w_large['wall_s']:.3f} s)", "", "", ""))
worst = min(ratio(w_sched, n_sched), ratio(w_hour, n_hour), ratio(w_writes, n_writes), ratio(w_large, n_large))
rows.append(("4", "wasm/native, the worst of 1-3 (events/s)", "", "", f"{worst:.2f}", "≥ 0.50",
             target(worst >= 0.5, "wasm at least half of native", f"{worst:.2f} of native, {100 * (0.5 - worst) / 0.5:.0f}% short of half")))
# The page's own frame benchmark (?bench=1) in headless Chromium: the wall time of
# each frame inside the wasm frame callback, read with performance.now()
# (emscripten_get_now) around it (tests/browser/frame_bench.mjs).
frames = None
try:
    run = subprocess.run(["node", "tests/browser/frame_bench.mjs", "--json"], capture_output=True, text=True, timeout=600)
    if run.returncode == 0:
        frames = json.loads(run.stdout.strip().splitlines()[-1])
except Exception as error:  # no browser or no web build: say so in the row
    print(f"frame benchmark not run: {error}", file=sys.stderr)
if frames:
    six, big = frames.get("servers6", {}), frames.get("servers64", {})
    text = (f"6 servers: mean {six.get('mean_ms', 0):.2f} ms, p95 {six.get('p95_ms', 0):.2f} ms; "
            f"64 servers: mean {big.get('mean_ms', 0):.2f} ms, p95 {big.get('p95_ms', 0):.2f} ms")
    ok = big.get("p95_ms", 1e9) < 8.0
    rows.append(("5", "page frame wall time inside the frame callback under heavy load (headless Chromium, ?bench=1)", "—", text, "", "< 8 ms at 64 servers",
                 target(ok, "frame under 8 ms at 64 servers", f"p95 {big.get('p95_ms', 0):.1f} ms")))
    # The same with the Space-time tab open (?bench=1&view=spacetime): the diagram follows the run.
    six, big = frames.get("servers6_spacetime"), frames.get("servers64_spacetime")
    if six and big:
        text = (f"6 servers: mean {six.get('mean_ms', 0):.2f} ms, p95 {six.get('p95_ms', 0):.2f} ms; "
                f"64 servers: mean {big.get('mean_ms', 0):.2f} ms, p95 {big.get('p95_ms', 0):.2f} ms")
        ok = big.get("p95_ms", 1e9) < 8.0
        rows.append(("5b", "the same with the Space-time diagram open (?bench=1&view=spacetime)", "—", text, "", "< 8 ms at 64 servers",
                     target(ok, "frame under 8 ms at 64 servers with the diagram", f"p95 {big.get('p95_ms', 0):.1f} ms")))
else:
    rows.append(("5", "page frame time", "—", "—", "", "< 8 ms at 64 servers",
                 "not measured in this run: node tests/browser/frame_bench.mjs needs build/web and Chromium"))
# The same page run goes on with the seek benchmark (src/app/seek_bench.h) and reports
# its own startup (performance.now() when the first frame is drawn).
seek = (frames or {}).get("seek", {})
if seek:
    heavy, writes = seek.get("heavy", {}), seek.get("writes", {})
    text = (f"sold out (2a): mean {heavy.get('mean_ms', 0):.1f} ms, max {heavy.get('max_ms', 0):.1f} ms; "
            f"every order a write (2d): mean {writes.get('mean_ms', 0):.1f} ms, max {writes.get('max_ms', 0):.1f} ms")
    worst = max(heavy.get("max_ms", 1e9), writes.get("max_ms", 1e9))
    rows.append(("5c", f"page: a seek inside an hour under heavy load ({heavy.get('seeks', 0)} seeks each, back and forth)", "—", text, "",
                 "< 50 ms", target(worst < 50.0, "any seek within an hour under 50 ms", f"max {worst:.0f} ms")))
else:
    rows.append(("5c", "page: seek inside an hour", "—", "—", "", "< 50 ms", "not measured in this run"))
# Ready: the first frame drawn, after navigation, in 20 fresh pages (no cache) on
# loopback (scripts/bench_startup.mjs); the goal holds for every load, so the verdict
# is on the slowest.
startup = None
try:
    run = subprocess.run(["node", "scripts/bench_startup.mjs", "20", "--json"], capture_output=True, text=True, timeout=600)
    if run.returncode == 0:
        startup = json.loads(run.stdout.strip().splitlines()[-1])["summary"]
except Exception as error:
    print(f"startup benchmark not run: {error}", file=sys.stderr)
if startup:
    ready, main_at, gui = startup["ready"], startup["main"], startup["gui"]
    text = (f"ready: min {ready['min']:.0f}, median {ready['median']:.0f}, max {ready['max']:.0f} ms "
            f"(median: runtime up at {main_at['median']:.0f} ms, GUI made at {gui['median']:.0f} ms, then the first frame)")
    rows.append(("5d", "page: ready (first frame drawn) after navigation, 20 fresh loads on loopback", "—", text, "", "< 500 ms",
                 target(ready["max"] < 500.0, "page ready under 500 ms", f"slowest of 20: {ready['max']:.0f} ms")))
else:
    rows.append(("5d", "page: ready after navigation", "—", "—", "", "< 500 ms", "not measured in this run"))
page_raw = sum(int(p[1]) for p in page)
page_gz = sum(int(p[2]) for p in page)
if page:
    rows.append(("6", "page weight: " + ", ".join(p[0] for p in page), f"{page_raw / 1024:.0f} KB", f"{page_gz / 1024:.0f} KB gzipped", "",
                 "< 600 KB gzipped", target(page_gz < 600 * 1024, "page under 600 KB gzipped",
                                            f"{page_gz / 1024:.0f} KB, {page_gz / 1024 - 600:.0f} KB over")))
else:
    rows.append(("6", "page weight", "—", "—", "", "< 600 KB gzipped", "not measured: no web build (scripts/build.sh web failed)"))


def memory_row(report):
    samples = report["memory"]
    half = next(s for s in samples if s["simulated_s"] >= 1800)
    end = samples[-1]
    growth = end["heap_in_use_bytes"] - half["heap_in_use_bytes"]
    return samples, half, end, growth


n_mem, n_half, n_end, n_growth = memory_row(native)
w_mem, w_half, w_end, w_growth = memory_row(wasm)
flat = w_growth <= 0.01 * w_half["heap_in_use_bytes"] and w_end["reserved_bytes"] == w_half["reserved_bytes"]
rows.append(("7", "memory after 1 simulated hour of heavy load: heap in use (reserved)",
             f"{n_end['heap_in_use_bytes'] / 1048576:.2f} MB ({n_end['reserved_bytes'] / 1048576:.1f} MB)",
             f"{w_end['heap_in_use_bytes'] / 1048576:.2f} MB ({w_end['reserved_bytes'] / 1048576:.1f} MB linear memory)", "",
             "stops growing", target(flat, "wasm heap stops growing",
                                     f"grew {w_growth / 1024:.0f} KB in the second half hour")))

out = []
w = out.append
hour_orders = n_hour["orders"]
writes_orders = n_writes["orders"]
large_orders = n_large["orders"]
commit = machine.get("commit", "?")
w("# Performance")
w("")
w("The first section is generated by `scripts/bench.sh` (do not edit it by hand: rerun the script); "
  "the second is written by hand in `scripts/bench_notes.md` and copied in.")
w("")
w("<!-- GENERATED by scripts/bench.sh and scripts/bench_report.py: begin -->")
w("## Measured figures (generated)")
w("")
w(f"Generated at commit **{commit}** on {machine.get('date', '?')}.")
w("")
w("| # | what | native | wasm (Node) | wasm/native | target | verdict |")
w("|---|---|---|---|---|---|---|")
for r in rows:
    w("| " + " | ".join(r) + " |")
w("")
w("Targets missed: " + ("; ".join(misses) if misses else "none") + ".")
w("")
w("### Orders in the workloads (native run)")
w("")
w("| workload | acknowledged | rejected |")
w("|---|---|---|")
w(f"| rows 2a-2c, default cluster, 1 hour | {hour_orders['acknowledged']:,} | {hour_orders['rejected']:,} |")
w(f"| row 2d, every order a write, 1 hour | {writes_orders['acknowledged']:,} | {writes_orders['rejected']:,} |")
w(f"| row 3, 64 servers, 1 minute | {large_orders['acknowledged']:,} | {large_orders['rejected']:,} |")
w("")
w("### Memory over the hour (heap in use / reserved, MB)")
w("")
w("| simulated time | native, sold out (2a-2c) | wasm, sold out (2a-2c) | native, writes (2d) | wasm, writes (2d) |")
w("|---|---|---|---|---|")


def mb(sample):
    return f"{sample['heap_in_use_bytes'] / 1048576:.2f} / {sample['reserved_bytes'] / 1048576:.1f}"


for a, b, c, d in zip(n_mem, w_mem, native["memory_writes"], wasm["memory_writes"]):
    w(f"| {a['simulated_s'] // 60} min | {mb(a)} | {mb(b)} | {mb(c)} | {mb(d)} |")
w("")
if page:
    w("### What the page loads")
    w("")
    w("| file | bytes | gzip -9 |")
    w("|---|---|---|")
    for name, raw, gz in page:
        w(f"| build/web/{name} | {int(raw):,} | {int(gz):,} |")
    w(f"| **total** | **{page_raw:,}** | **{page_gz:,}** |")
    w("")
w("### Machine and run")
w("")
w(f"- CPU: {machine.get('cpu', '?')}, {machine.get('cores', '?')} cores; memory {machine.get('memory', '?')}")
w(f"- {machine.get('os', '?')}")
w(f"- native: {machine.get('gcc', '?')}, `-O2` (asserts on); wasm: {machine.get('emcc', '?')}, `-O2`, run by Node {machine.get('node', '?')}")
w(f"- load average before / after: {machine.get('load_before', '?')} / {machine.get('load_after', '?')}")
w(f"- rounds: {machine.get('repeat', '?')} (native and wasm alternating; each figure is the best round); "
  "wall times measured inside the program around the run itself")
w("<!-- GENERATED: end -->")
w("")
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "bench_notes.md")) as notes:
    w(notes.read().rstrip("\n"))
print("\n".join(out))
