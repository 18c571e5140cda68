"""Load from a second process, against 127.0.0.1 only, bounded in requests and in time.

closed_loop(): N connections each sending the next request as soon as the last one is answered;
wrk when it is installed (`apt-get install wrk`), otherwise this file run as a script: an asyncio
httpx driver. paced(): a fixed rate of requests (a latency probe that leaves the server idle most
of the time), always the httpx driver. Both return the same LoadResult.

    python bench/_load.py closed --url URL [--method POST --body JSON] [--header 'K: V']
                                 [--connections 32] [--duration 8] [--max-requests 200000]
    python bench/_load.py paced  --url URL --rate 50 --duration 8
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

WRK_MARK = "WRK_JSON "
DRIVER_MARK = "LOAD_JSON "


@dataclass
class LoadResult:
    driver: str
    requests: int
    seconds: float
    errors: int
    p50_ms: float
    p99_ms: float
    # What the first failed requests got (status and body, or the client's error): a failure
    # under load is a finding, and a count alone does not say which.
    failures: list[str] = field(default_factory=list)

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def _local_only(url: str) -> None:
    if urlsplit(url).hostname != "127.0.0.1":
        raise SystemExit(f"load goes to 127.0.0.1 only, not {url}")


def closed_loop(
    url: str,
    *,
    method: str = "GET",
    headers: dict[str, str] | None = None,
    body: str | None = None,
    connections: int = 32,
    duration: float = 8.0,
    max_requests: int = 200_000,
    driver: str = "auto",
) -> LoadResult:
    _local_only(url)
    headers = headers or {}
    if driver == "wrk" or (driver == "auto" and shutil.which("wrk")):
        return _wrk(url, method, headers, body, connections, duration)
    args = ["closed", "--url", url, "--method", method, "--connections", str(connections)]
    args += ["--duration", str(duration), "--max-requests", str(max_requests)]
    if body is not None:
        args += ["--body", body]
    for key, value in headers.items():
        args += ["--header", f"{key}: {value}"]
    return _driver(args, duration)


def paced(url: str, *, rate: float, duration: float, headers: dict[str, str] | None = None) -> LoadResult:
    _local_only(url)
    args = ["paced", "--url", url, "--rate", str(rate), "--duration", str(duration)]
    for key, value in (headers or {}).items():
        args += ["--header", f"{key}: {value}"]
    return _driver(args, duration)


# --- wrk ---------------------------------------------------------------------------------------

_WRK_SCRIPT = """
wrk.method = %(method)s
%(body)s
%(headers)s
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('%(mark)s{"requests": %%d, "duration_us": %%d, "p50_us": %%d, "p99_us": %%d, '
    .. '"errors": %%d}\\n', summary.requests, summary.duration, latency:percentile(50),
    latency:percentile(99), e.connect + e.read + e.write + e.timeout + e.status))
end
"""


def _lua(text: str) -> str:
    return json.dumps(text)  # a JSON string is a valid Lua string literal for this ASCII text


def _wrk(
    url: str, method: str, headers: dict[str, str], body: str | None, connections: int, duration: float
) -> LoadResult:
    script = _WRK_SCRIPT % {
        "method": _lua(method),
        "body": f"wrk.body = {_lua(body)}" if body is not None else "",
        "headers": "\n".join(f"wrk.headers[{_lua(k)}] = {_lua(v)}" for k, v in headers.items()),
        "mark": WRK_MARK,
    }
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script)
    try:
        # One wrk thread: on a small machine the server needs the other cores more than wrk does.
        command = ["wrk", "-t1", f"-c{connections}", f"-d{max(1, round(duration))}s", "--timeout", "10s"]
        done = subprocess.run(  # noqa: S603 (wrk with our own arguments)
            [*command, "-s", handle.name, url],
            capture_output=True,
            text=True,
            timeout=duration + 60,
            check=False,
        )
    finally:
        Path(handle.name).unlink()
    line = next((x for x in done.stdout.splitlines() if x.startswith(WRK_MARK)), None)
    if done.returncode != 0 or line is None:
        raise RuntimeError(f"wrk failed ({done.returncode}): {done.stdout[-2000:]} {done.stderr[-2000:]}")
    data = json.loads(line.removeprefix(WRK_MARK))
    return LoadResult(
        driver="wrk",
        requests=data["requests"],
        seconds=data["duration_us"] / 1e6,
        errors=data["errors"],
        p50_ms=data["p50_us"] / 1000,
        p99_ms=data["p99_us"] / 1000,
    )


# --- the httpx driver --------------------------------------------------------------------------


def _driver(args: list[str], duration: float) -> LoadResult:
    done = subprocess.run(  # noqa: S603 (this file, run by our own interpreter)
        [sys.executable, __file__, *args], capture_output=True, text=True, timeout=duration + 120, check=False
    )
    line = next((x for x in done.stdout.splitlines() if x.startswith(DRIVER_MARK)), None)
    if done.returncode != 0 or line is None:
        raise RuntimeError(f"the load driver failed ({done.returncode}): {done.stderr[-2000:]}")
    return LoadResult(**json.loads(line.removeprefix(DRIVER_MARK)))


def _percentile(values: list[float], share: float) -> float:
    if not values:
        return math.nan
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(share * len(ordered)) - 1))]


def _summary(
    driver: str, latencies: list[float], errors: int, seconds: float, failures: list[str] | None = None
) -> LoadResult:
    return LoadResult(
        driver=driver,
        requests=len(latencies),
        seconds=seconds,
        errors=errors,
        p50_ms=_percentile(latencies, 0.50) * 1000,
        p99_ms=_percentile(latencies, 0.99) * 1000,
        failures=failures or [],
    )


def _failure(begun: float, response: Any = None, error: Exception | None = None) -> str:
    after = f"after {time.perf_counter() - begun:.2f} s"
    if error is not None:
        return f"{type(error).__name__}: {error} ({after})"
    return f"HTTP {response.status_code}: {response.text[:200]} ({after})"


async def _closed(args: argparse.Namespace, headers: dict[str, str]) -> LoadResult:
    import httpx

    limits = httpx.Limits(max_connections=args.connections, max_keepalive_connections=args.connections)
    latencies: list[float] = []
    errors = 0
    failures: list[str] = []
    sent = 0
    body = args.body.encode() if args.body is not None else None
    async with httpx.AsyncClient(limits=limits, timeout=10, headers=headers) as client:
        started = time.perf_counter()
        deadline = started + args.duration

        async def connection() -> None:
            nonlocal errors, sent
            while time.perf_counter() < deadline and sent < args.max_requests:
                sent += 1
                begun = time.perf_counter()
                try:
                    response = await client.request(args.method, args.url, content=body)
                    failure = None if response.status_code < 400 else _failure(begun, response)
                except httpx.HTTPError as exc:
                    failure = _failure(begun, error=exc)
                if failure is None:
                    latencies.append(time.perf_counter() - begun)
                else:
                    errors += 1
                    if len(failures) < 5:
                        failures.append(failure)

        await asyncio.gather(*(connection() for _ in range(args.connections)))
        elapsed = time.perf_counter() - started
    return _summary("httpx", latencies, errors, elapsed, failures)


async def _paced(args: argparse.Namespace, headers: dict[str, str]) -> LoadResult:
    import httpx

    latencies: list[float] = []
    errors = 0
    async with httpx.AsyncClient(timeout=10, headers=headers) as client:

        async def one() -> None:
            nonlocal errors
            begun = time.perf_counter()
            try:
                response = await client.get(args.url)
                good = response.status_code < 400
            except httpx.HTTPError:
                good = False
            if good:
                latencies.append(time.perf_counter() - begun)
            else:
                errors += 1

        count = int(args.rate * args.duration)
        started = time.perf_counter()
        tasks = []
        for index in range(count):
            delay = started + index / args.rate - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            tasks.append(asyncio.create_task(one()))
        await asyncio.gather(*tasks)
        elapsed = time.perf_counter() - started
    return _summary("httpx-paced", latencies, errors, elapsed)


def _main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("mode", choices=["closed", "paced"])
    parser.add_argument("--url", required=True)
    parser.add_argument("--method", default="GET")
    parser.add_argument("--body")
    parser.add_argument("--header", action="append", default=[])
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--duration", type=float, default=8.0)
    parser.add_argument("--max-requests", type=int, default=200_000)
    parser.add_argument("--rate", type=float, default=50.0)
    args = parser.parse_args()
    _local_only(args.url)
    headers = dict(h.split(": ", 1) for h in args.header)
    runner = _closed if args.mode == "closed" else _paced
    try:
        import uvloop

        result = uvloop.run(runner(args, headers))
    except ImportError:
        result = asyncio.run(runner(args, headers))
    print(DRIVER_MARK + json.dumps(asdict(result)), flush=True)


if __name__ == "__main__":
    _main()
