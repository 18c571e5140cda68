"""The security issue's attacks, replayed against a real JobWise server: what each one gets.

Starts `jobwise serve` (SQLite, or PostgreSQL with --database-url) and sends each reproduction
over real HTTP, then prints one table: the attack, how many requests it sent, what came back,
and whether that is the safe answer. The client address is varied with X-Forwarded-For, which
uvicorn trusts from 127.0.0.1 (as from a reverse proxy there).

    .venv/bin/python bench/attacks.py [--database-url postgresql://...] [--src OTHER_CHECKOUT/src]

--src runs another checkout's code (an older commit, to see the "before" column).
"""

from __future__ import annotations

import argparse
import stat
import tempfile
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Any

import httpx
from _result import emit, figure
from _servers import start_jobwise

STRONG = "a long and unusual passphrase 42"
SECRET = "attacks-bench-secret-" + "s" * 48
Result = tuple[int, str, bool]  # requests sent, what came back, safe?


def _parallel(calls: Sequence[Callable[[], httpx.Response]]) -> list[httpx.Response]:
    barrier = threading.Barrier(len(calls))
    results: list[httpx.Response | None] = [None] * len(calls)

    def run(index: int) -> None:
        barrier.wait()
        results[index] = calls[index]()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    return [r for r in results if r is not None]


class Attacker:
    def __init__(self, url: str) -> None:
        self.url = url
        # Enough connections for the largest burst (200 at once), so none waits on the pool.
        self.http = httpx.Client(base_url=url, timeout=120, limits=httpx.Limits(max_connections=256))

    def post(self, path: str, *, address: str = "198.51.100.1", **kwargs: Any) -> httpx.Response:
        headers = {"X-Forwarded-For": address, **kwargs.pop("headers", {})}
        return self.http.post(path, headers=headers, **kwargs)

    def login(self, email: str, password: str, address: str = "198.51.100.1") -> httpx.Response:
        return self.post("/auth/login", json={"email": email, "password": password}, address=address)

    def account(self, email: str | None = None) -> tuple[str, dict[str, str]]:
        email = email or f"u{uuid.uuid4().hex[:10]}@example.com"
        body = {"email": email, "password": STRONG, "full_name": "Test Person"}
        registered = self.post("/auth/register", json=body, address="192.0.2.200")
        assert registered.status_code == 201, registered.text
        login = self.post("/auth/login", json={"email": email, "password": STRONG}, address="192.0.2.200")
        assert login.status_code == 200, login.text
        return email, {"Authorization": f"Bearer {login.json()['access_token']}"}


def deleted_token_opens_next_account(a: Attacker) -> Result:
    _, token = a.account()
    a.http.delete("/auth/me", headers=token)
    a.account()
    status = a.http.get("/auth/me", headers=token).status_code
    return 4, f"old token -> {status}", status == 401


def password_change_revokes(a: Attacker) -> Result:
    _, token = a.account()
    changed = a.post(
        "/auth/password", json={"current_password": STRONG, "new_password": STRONG + "!"}, headers=token
    )
    status = a.http.get("/auth/me", headers=token).status_code
    return 2, f"change -> {changed.status_code}; old token -> {status}", status == 401


def parallel_wrong_guesses(a: Attacker) -> Result:
    email, _ = a.account()
    responses = _parallel([partial(a.login, email, f"wrong {n}") for n in range(40)])
    counts = Counter(r.status_code for r in responses)
    return 40, ", ".join(f"{n}x{s}" for s, n in sorted(counts.items())), counts[401] <= 5


def right_password_after_guesses(a: Attacker) -> Result:
    """59 wrong guesses at once, then the right password: the guesser must not get in."""
    email, _ = a.account()
    responses = _parallel([partial(a.login, email, f"wrong {n}") for n in range(59)])
    checked = sum(r.status_code == 401 for r in responses)
    right = a.login(email, STRONG).status_code
    return (
        60,
        f"wrong passwords checked: {checked}; then the right one -> {right}",
        checked <= 5 and right == 429,
    )


def owner_locked_out(a: Attacker) -> Result:
    email, _ = a.account()
    for n in range(15):
        a.post("/auth/login", json={"email": email, "password": f"wrong {n}"}, address="203.0.113.9")
    owner = a.post("/auth/login", json={"email": email, "password": STRONG}, address="198.51.100.77")
    return 16, f"owner from own address -> {owner.status_code}", owner.status_code == 200


def spray_accounts(a: Attacker) -> Result:
    statuses = Counter(
        a.post(
            "/auth/login",
            json={"email": f"spray{n}@example.com", "password": "Summer2026!"},
            address="203.0.113.50",
        ).status_code
        for n in range(40)
    )
    return 40, ", ".join(f"{n}x{s}" for s, n in sorted(statuses.items())), statuses[429] > 0


def huge_chunked_body(a: Attacker, pid: int | None) -> Result:
    before = _rss_mb(pid)

    def body() -> Any:
        chunk = b" " * (1024 * 1024)
        for _ in range(200):
            yield chunk

    # A connection of its own: the server may close it without reading the rest of the body.
    try:
        with httpx.Client(base_url=a.url, timeout=120) as http:
            response = http.post("/auth/login", content=body(), headers={"content-type": "application/json"})
            status = str(response.status_code)
    except httpx.HTTPError as exc:  # the server closed the connection after its 413
        status = f"connection closed ({type(exc).__name__})"
    grown = _rss_mb(pid) - before
    return 1, f"{status}; server memory +{grown:.0f} MB", grown < 50 and not status.startswith("5")


def _rss_mb(pid: int | None) -> float:
    if pid is None:
        return 0.0
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def nested_json(a: Attacker) -> Result:
    status = a.post(
        "/auth/login", content=b"[" * 10_000 + b"]" * 10_000, headers={"content-type": "application/json"}
    ).status_code
    return 1, str(status), 400 <= status < 500


def forged_huge_subject(a: Attacker) -> Result:
    """A token signed with the server's own secret (as if it leaked) naming an absurd user id."""
    import jwt

    now = int(time.time())
    claims = {
        "sub": "1" + "0" * 26,
        "key": "x",
        "exp": now + 60,
        "iat": now,
        "iss": "jobwise",
        "aud": "jobwise-api",
    }
    token = jwt.encode(claims, SECRET, algorithm="HS256")
    status = a.http.get("/auth/me", headers={"Authorization": f"Bearer {token}"}).status_code
    return 1, str(status), status == 401


def nul_probes(a: Attacker) -> Result:
    _, token = a.account()
    probes: list[Callable[[], httpx.Response]] = [
        lambda: a.post(
            "/auth/register", json={"email": "nul@example.com", "password": STRONG, "full_name": "a\u0000b"}
        ),
        lambda: a.post("/api/v1/jobs", json={"title": "a\u0000b", "company": "Acme"}, headers=token),
        lambda: a.post("/api/v1/jobs/parse", json={"raw_text": "Engineer\u0000 at Acme"}, headers=token),
        lambda: a.http.get("/api/v1/jobs/a%00b", headers=token),
        lambda: a.http.get("/api/v1/jobs?status=a%00b", headers=token),
        lambda: a.post("/api/v1/rankings", json={"job_id": "a\u0000b"}, headers=token),
        lambda: a.post(
            "/api/v1/generations", json={"job_id": "a\u0000b", "document_type": "resume"}, headers=token
        ),
        lambda: a.post(
            "/api/v1/jobs",
            content=b'{"title": "\\ud800", "company": "Acme"}',
            headers={**token, "content-type": "application/json"},
        ),
    ]
    statuses = [probe().status_code for probe in probes]
    errors = sum(s >= 500 for s in statuses)
    stored = sum(s < 300 for s in statuses)
    return len(probes), f"{errors} server errors, {stored} stored; {statuses}", errors == stored == 0


def weak_passwords(a: Attacker) -> Result:
    refused = 0
    for password in ("password", "12345678", " " * 8, "{email}"):
        email = f"w{uuid.uuid4().hex[:8]}@example.com"
        body = {"email": email, "password": password.format(email=email), "full_name": "W"}
        refused += a.post("/auth/register", json=body).status_code == 422
    return 4, f"{refused} of 4 refused", refused == 4


def quota(a: Attacker) -> Result:
    _, token = a.account()
    text = "Senior Engineer at Acme\nRequirements:\n- Python\n- PostgreSQL"
    responses = _parallel(
        [lambda: a.post("/api/v1/jobs/parse", json={"raw_text": text}, headers=token) for _ in range(200)]
    )
    counts = Counter(r.status_code for r in responses)
    return 200, ", ".join(f"{n}x{s}" for s, n in sorted(counts.items())), counts[429] > 0


def register_timing(a: Attacker) -> Result:
    email, _ = a.account()
    started = time.perf_counter()
    a.post("/auth/register", json={"email": email, "password": STRONG, "full_name": "T"})
    taken = time.perf_counter() - started
    started = time.perf_counter()
    a.post(
        "/auth/register",
        json={"email": f"t{uuid.uuid4().hex[:8]}@example.com", "password": STRONG, "full_name": "T"},
    )
    new = time.perf_counter() - started
    return 2, f"taken {taken * 1000:.0f} ms, new {new * 1000:.0f} ms", taken > 0.25 * new


def headers_and_health(a: Attacker) -> Result:
    email, _ = a.account()
    login = a.post("/auth/login", json={"email": email, "password": STRONG}, address="192.0.2.200")
    health = a.http.get("/health", headers={"X-Forwarded-For": "203.0.113.9"}).json()
    found = {
        "nosniff": login.headers.get("x-content-type-options") == "nosniff",
        "no-store": login.headers.get("cache-control") == "no-store",
        "no server header": "server" not in login.headers,
        "health minimal": health == {"status": "healthy"},
    }
    return 2, ", ".join(f"{k}: {'yes' if v else 'no'}" for k, v in found.items()), all(found.values())


def unicode_email(a: Attacker) -> Result:
    a.account("ada@example.io")
    status = a.post(
        "/auth/register", json={"email": "ａda@example.io", "password": STRONG, "full_name": "A"}
    ).status_code
    return 1, f"full-width twin -> {status}", status == 409


def file_modes(data_dir: Path) -> Result:
    modes = {
        p.name: oct(stat.S_IMODE(p.stat().st_mode))
        for p in [data_dir, *data_dir.iterdir()]
        if not p.name.endswith(".log")
    }
    private = all(m in ("0o700", "0o600") for m in modes.values())
    return 0, ", ".join(f"{k} {v}" for k, v in sorted(modes.items())), private


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", default="")
    parser.add_argument("--src", type=Path, help="run this source tree's jobwise instead")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp) / "jobwise"
        extra = {"PYTHONPATH": str(args.src.resolve())} if args.src else {}
        server = start_jobwise(data_dir, DATABASE_URL=args.database_url, JWT_SECRET_KEY=SECRET, **extra)
        try:
            attacker = Attacker(server.url)
            pid = server.popen.pid
            attacks: list[tuple[str, Callable[[], Result]]] = [
                (
                    "deleted account's token vs next account",
                    lambda: deleted_token_opens_next_account(attacker),
                ),
                ("password change revokes old tokens", lambda: password_change_revokes(attacker)),
                ("40 parallel wrong guesses", lambda: parallel_wrong_guesses(attacker)),
                ("59 wrong at once, then the right one", lambda: right_password_after_guesses(attacker)),
                ("15 failures from elsewhere, then the owner", lambda: owner_locked_out(attacker)),
                ("one address sprays 40 accounts", lambda: spray_accounts(attacker)),
                ("200 MB chunked body to /auth/login", lambda: huge_chunked_body(attacker, pid)),
                ("10,000-deep nested JSON", lambda: nested_json(attacker)),
                ("forged sub of 10^26", lambda: forged_huge_subject(attacker)),
                ("NUL and lone surrogates in bodies, paths, queries", lambda: nul_probes(attacker)),
                ("weak passwords at registration", lambda: weak_passwords(attacker)),
                ("200 parses at once by one user", lambda: quota(attacker)),
                ("register: taken vs new email timing", lambda: register_timing(attacker)),
                ("headers and anonymous /health", lambda: headers_and_health(attacker)),
                ("full-width email as a second account", lambda: unicode_email(attacker)),
                ("data directory and file modes", lambda: file_modes(data_dir)),
            ]
            rows = []
            for name, attack in attacks:
                try:
                    rows.append((name, *attack()))
                except Exception as exc:  # an attack that errors out is reported, not fatal
                    rows.append((name, 0, f"error: {type(exc).__name__}: {exc}"[:160], False))
        finally:
            server.stop()
    database = "PostgreSQL" if args.database_url else "SQLite"
    print(f"\nAttacks against a real server ({database}{', ' + str(args.src) if args.src else ''})\n")
    print("| attack | requests | result | safe |\n|---|---|---|---|")
    for name, sent, outcome, safe in rows:
        print(f"| {name} | {sent} | {outcome} | {'yes' if safe else 'NO'} |")
    safe_count = sum(1 for row in rows if row[3])
    emit(
        "attacks",
        [
            figure(
                f"attacks answered safely ({database})",
                safe_count,
                f"of {len(rows)}",
                target=f"= {len(rows)}",
                ok=safe_count == len(rows),
            )
        ],
        database=database,
    )


if __name__ == "__main__":
    main()
