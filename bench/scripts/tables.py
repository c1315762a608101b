#!/usr/bin/env python3
"""Turns a JMH JSON result of the rt_multi_threaded port into the Markdown tables of
docs/BENCHMARKS.md. A cell missing from the JSON failed (JMH drops failed runs): it is
printed as "did not finish" (the log says why, e.g. the 2 s livelock timeout)."""
import json, sys

rows = json.load(open(sys.argv[1]))
res = {}
for r in rows:
    name = r["benchmark"].split(".")[-2]
    method = r["benchmark"].split(".")[-1]
    p = r.get("params", {})
    key = (name, method, p.get("executor") or ("weft/" + p.get("workers", "?")))
    pm = r["primaryMetric"]
    alloc = r.get("secondaryMetrics", {}).get("gc.alloc.rate.norm", {}).get("score")
    res[key] = (pm["score"], pm["scoreError"], pm["scoreUnit"], alloc)

def cell(k):
    v = res.get(k)
    return None if v is None else v

workloads = [("SpawnManyLocal", "spawnManyLocal", "spawn_many_local", 10000),
             ("SpawnManyRemoteIdle", "spawnManyRemoteIdle", "spawn_many_remote_idle", 10000),
             ("SpawnManyRemoteBusy1", "spawnManyRemoteBusy1", "spawn_many_remote_busy1", 10000),
             ("SpawnManyRemoteBusy2", "spawnManyRemoteBusy2", "spawn_many_remote_busy2", 1000),
             ("YieldMany", "yieldMany", "yield_many", 200000),
             ("PingPong", "pingPong", "ping_pong", 1000),
             ("ChainedSpawn", "chainedSpawn", "chained_spawn", 1000)]
unit_per = {"spawn_many_local": "spawn", "spawn_many_remote_idle": "spawn", "spawn_many_remote_busy1": "spawn",
            "spawn_many_remote_busy2": "spawn", "yield_many": "yield", "ping_pong": "ping", "chained_spawn": "spawn"}
for cls, m, label, per in workloads:
    print(f"### {label}\n")
    print(f"| executor | time (µs/op) | ± (99.9%) | vs fjp | B/op | B per {unit_per[label]} |")
    print("|---|---:|---:|---:|---:|---:|")
    fjp = cell((cls, m, "fjp"))
    for ex in ("weft", "fjp", "vthreads"):
        v = cell((cls, m, ex))
        if v is None:
            print(f"| {ex} | did not finish (2 s timeout) | | | | |")
            continue
        ratio = f"{v[0] / fjp[0]:.2f}x" if fjp else "n/a (fjp did not finish)"
        alloc = f"{v[3]:,.0f}" if v[3] is not None else "?"
        perx = f"{v[3] / per:,.1f}" if v[3] is not None else "?"
        print(f"| {ex} | {v[0]:,.1f} | {v[1]:,.1f} | {ratio} | {alloc} | {perx} |")
    print()

print("### Oversubscription (Weft, 2 cores)\n")
print("| workload | workers | time (µs/op) | ± (99.9%) | vs 1x | B/op |")
print("|---|---:|---:|---:|---:|---:|")
for m, label in (("weftYieldMany", "yield_many"), ("weftPingPong", "ping_pong")):
    base = cell(("Oversubscription", m, "weft/2"))
    for w in ("2", "4", "8"):
        v = cell(("Oversubscription", m, "weft/" + w))
        if v is None:
            print(f"| {label} | {w} | did not finish | | | |")
            continue
        ratio = f"{v[0] / base[0]:.2f}x" if base else "n/a"
        print(f"| {label} | {w} ({int(w)//2}x) | {v[0]:,.1f} | {v[1]:,.1f} | {ratio} | {v[3]:,.0f} |")
