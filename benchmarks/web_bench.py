"""Issue #16's two speed goals for `evalbook serve`, measured on this machine:

1. latency: a small form (30 leaves, 30 payments; benchmarks/forms.py) through POST /api/check
   answers in at most 1.5 x the time `evalbook check` takes as a process (python -m evalbook
   check FILE, wall clock from start to exit: what a person waits for at a terminal);
2. throughput: a warm server checks at least 50 small forms a second (200 requests from 8
   client threads, keep-alive connections).

    python benchmarks/web_bench.py [--runs 15] [--requests 200]

The server is a real `evalbook serve --port 0` subprocess with its default worker pool (one
worker per core). Each latency figure is the median of --runs, after warm-ups; the CLI and the
API alternate run by run. Prints one table; exit status 0 when both goals are met.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from forms import build_form  # noqa: E402
from web_server import Server  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--requests", type=int, default=200)
    ap.add_argument("--threads", type=int, default=8)
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        form = build_form(Path(tmp) / "small.xlsx", 30, 30)
        data = form.read_bytes()
        server = Server()
        try:
            client = httpx.Client(base_url=server.url, timeout=60)

            def api() -> float:
                t = time.perf_counter()
                r = client.post("/api/check", files={"file": ("small.xlsx", data)})
                assert r.status_code == 200, r.text
                return time.perf_counter() - t

            def cli() -> float:
                t = time.perf_counter()
                done = subprocess.run([sys.executable, "-m", "evalbook", "check", str(form)],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                assert done.returncode in (0, 1)
                return time.perf_counter() - t

            for _ in range(5):
                api()
            cli()
            api_times, cli_times = [], []
            for i in range(args.runs):
                pair = (api, cli) if i % 2 == 0 else (cli, api)
                for fn in pair:
                    (api_times if fn is api else cli_times).append(fn())
            api_ms, cli_ms = statistics.median(api_times) * 1000, statistics.median(cli_times) * 1000

            local = __import__("threading").local()

            def one(_):
                c = getattr(local, "client", None)
                if c is None:
                    c = local.client = httpx.Client(base_url=server.url, timeout=60)
                r = c.post("/api/check", files={"file": ("small.xlsx", data)})
                assert r.status_code == 200 and r.json()["summary"]["errors"] >= 0

            with ThreadPoolExecutor(args.threads) as pool:
                list(pool.map(one, range(args.threads * 2)))  # warm every connection
                t = time.perf_counter()
                list(pool.map(one, range(args.requests)))
                rate = args.requests / (time.perf_counter() - t)
        finally:
            server.stop()

    ratio = api_ms / cli_ms
    ok1, ok2 = ratio <= 1.5, rate >= 50
    print(f"| goal | measured | met |\n|---|---|---|\n"
          f"| small form: /api/check ≤ 1.5 × evalbook check (process) | {api_ms:.0f} ms vs {cli_ms:.0f} ms "
          f"= {ratio:.2f} × | {'yes' if ok1 else 'NO'} |\n"
          f"| warm server ≥ 50 small forms/s | {rate:.0f} forms/s ({args.requests} requests, "
          f"{args.threads} clients) | {'yes' if ok2 else 'NO'} |")
    return 0 if ok1 and ok2 else 1


if __name__ == "__main__":
    sys.exit(main())
