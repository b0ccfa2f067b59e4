#!/usr/bin/env python3
"""startup.first_frame_ratio and startup.rss_ratio.

Starts the real app on a profile holding 100,000 jobs and an empty
AdwApplicationWindow program built by the same build, alternately, several
times in the same session. Each program quits itself right after its first
frame and prints its resident memory and the time from its spawn to that
frame (LANCER_BENCH_FIRST_FRAME=1, LANCER_BENCH_T0_NS).
Reported: median(app) / median(empty) for wall time to first frame and RSS.
Run inside tests/headless-session.sh (bench/run does).
"""
import os, statistics, subprocess, sys, time

build = sys.argv[1]
runs = int(os.environ.get("LANCER_BENCH_RUNS", "7"))
env = dict(os.environ, LANCER_BENCH_FIRST_FRAME="1",
           GSETTINGS_SCHEMA_DIR=os.path.join(build, "data"), GSETTINGS_BACKEND="memory")

# A 100,000-job profile, made once per build by the store's seeding tool.
seeder = os.path.join(build, "bench", "lancer-seed-profile")
if os.path.exists(seeder):
    subprocess.run([seeder, "--profile", "bench", "--jobs", "100000"], env=env, check=True,
                   stdout=subprocess.DEVNULL)
    env["LANCER_PROFILE"] = "bench"
else:
    print("# note: no seeding tool in this build; measuring with an empty profile", file=sys.stderr)

def measure(argv):
    # The program reports the time from this spawn to its first painted
    # frame itself, so work it does after that frame is not counted.
    run_env = dict(env, LANCER_BENCH_T0_NS=str(time.monotonic_ns()))
    p = subprocess.run(argv, env=run_env, capture_output=True, text=True, timeout=60)
    rss = elapsed = None
    for line in p.stdout.splitlines():
        if line.startswith("first-frame"):
            fields = line.split()
            rss = int(fields[1])
            elapsed = float(fields[2]) / 1000 if len(fields) > 2 else None
    if p.returncode != 0 or rss is None or elapsed is None or elapsed < 0:
        sys.exit(f"{argv[0]} failed (exit {p.returncode}): {p.stderr.strip()[-400:]}")
    return elapsed, rss

app = [os.path.join(build, "src", "app", "lancer")]
empty = [os.path.join(build, "bench", "bench-empty-window")]
measure(app); measure(empty)            # warm the page cache first
a_t, a_m, e_t, e_m = [], [], [], []
for _ in range(runs):
    t, m = measure(app); a_t.append(t); a_m.append(m)
    t, m = measure(empty); e_t.append(t); e_m.append(m)

print(f"startup.first_frame_ratio {statistics.median(a_t) / statistics.median(e_t):.2f} x")
print(f"startup.rss_ratio {statistics.median(a_m) / statistics.median(e_m):.2f} x")
print(f"# app first frame {statistics.median(a_t)*1000:.0f} ms, {statistics.median(a_m)/1024:.0f} MiB; "
      f"empty window {statistics.median(e_t)*1000:.0f} ms, {statistics.median(e_m)/1024:.0f} MiB", file=sys.stderr)
