"""`make loadtest`: the production setup holds 32 connections with no errors and p99 ≤ 300 ms.

Builds the demo dataset, starts gunicorn as `make bench` does (production settings, 2 workers,
loopback), with the page cache on and Redis when REDIS_URL is set, then drives the story page and
the API story list with wrk, one after the other. Prints a table; exits 1 when a row misses a
target. The anonymous API rate is raised (bench/run.py's environment): wrk is one address.
LOADTEST_SECONDS (60), LOADTEST_CONNECTIONS (32) and LOADTEST_PORT (8766) tune it."""

import os
import re
import subprocess
import sys

import run

SECONDS = int(os.environ.get("LOADTEST_SECONDS", "60"))
CONNECTIONS = int(os.environ.get("LOADTEST_CONNECTIONS", "32"))
MAX_P99_MS = 300
SOCKET_ERRORS = re.compile(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")
# run.gunicorn() binds to this module-level port; the load test must not collide with `make bench`.
run.PORT = int(os.environ.get("LOADTEST_PORT", "8766"))


def environment():
    env = run.environment()  # production settings, page cache on, REDIS_URL passed through
    if "DATABASE_URL" not in os.environ:
        env["DATABASE_URL"] = f"sqlite:///{run.ROOT / 'bench' / 'loadtest.sqlite3'}"
    return env


def wrk(url):
    command = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "--latency", url]
    subprocess.run([*command[:3], "-d2s", url], capture_output=True, check=True)  # warm up
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    socket_errors = SOCKET_ERRORS.search(out)
    row = {
        "requests": int(re.search(r"(\d+) requests in", out).group(1)),
        "requests_per_second": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50_ms": run.latency(out, "50%"),
        "p99_ms": run.latency(out, "99%"),
        "non_2xx_3xx": run.counted(out, r"Non-2xx or 3xx responses: (\d+)"),
        "socket_errors": sum(map(int, socket_errors.groups())) if socket_errors else 0,
    }
    if row["socket_errors"] >= row["requests"]:  # wrk times only the answers it got: none
        row["p50_ms"] = row["p99_ms"] = float("inf")
    return row


def misses(row):
    found = []
    if row["non_2xx_3xx"] or row["socket_errors"]:
        found.append("errors")
    if row["p99_ms"] > MAX_P99_MS:
        found.append(f"p99 > {MAX_P99_MS} ms")
    return found


def report(results, database, cache):
    print(f"\nLoad test on {database}, {cache}: {SECONDS} s per row, {CONNECTIONS} connections")
    print(f"{'endpoint':18} {'requests':>9} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} "
          f"{'non-2xx':>8} {'socket':>7}  verdict")  # fmt: skip
    for name, row in results.items():
        verdict = ", ".join(misses(row)) or "met"
        print(
            f"{name:18} {row['requests']:9} {row['requests_per_second']:8.0f} "
            f"{row['p50_ms']:8.2f} {row['p99_ms']:8.2f} {row['non_2xx_3xx']:8} "
            f"{row['socket_errors']:7}  {verdict}"
        )
    print(f"targets: no non-2xx/3xx responses, no socket errors, p99 ≤ {MAX_P99_MS} ms")


def main():
    env = environment()
    database = "postgresql" if env["DATABASE_URL"].startswith("postgres") else "sqlite"
    cache = "Redis" if env.get("REDIS_URL") else "local-memory cache"
    run.prepare_data(env)  # with planner statistics, as a production database has them
    paths = run.sample_paths(env)
    with run.gunicorn(env) as base:
        results = {
            "story page": wrk(base + paths["story"]),
            "API story list": wrk(f"{base}/api/v1/stories/"),
        }
    report(results, database, cache)
    return 1 if any(misses(row) for row in results.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
