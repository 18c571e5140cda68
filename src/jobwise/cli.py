"""`jobwise serve | worker | migrate | demo | --version`: the console script."""

from __future__ import annotations

import argparse
import signal
import sys
from collections.abc import Sequence
from types import FrameType
from typing import Any

from jobwise import __version__
from jobwise.config import ConfigurationError, get_settings


def _stopped_by_signal(_signum: int, _frame: FrameType | None) -> None:
    raise SystemExit(0)


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    # uvicorn shuts down gracefully on SIGTERM, then restores the previous handler and raises
    # the signal again; with the default handler the process would end "killed by SIGTERM"
    # (status -15/143) after a clean stop. This handler makes that stop exit with status 0.
    signal.signal(signal.SIGTERM, _stopped_by_signal)

    from jobwise.main import create_app, prepare_to_serve

    settings = get_settings()
    try:
        app = create_app(settings)
    except ConfigurationError as exc:
        print(f"jobwise: {exc}", file=sys.stderr)
        return 2
    options: dict[str, Any] = {
        "host": args.host or settings.HOST,
        "port": args.port or settings.PORT,
        "log_level": settings.LOG_LEVEL.lower(),
        "access_log": False,  # RequestLogMiddleware writes one structured line per request
        "proxy_headers": True,
        # No "server: uvicorn": what runs here is nobody's business but ours.
        "server_header": False,
    }
    workers: int = args.workers or 1
    if workers == 1:
        prepare_to_serve(app)
        uvicorn.run(app, **options)
        return 0
    _prepare_worker_processes(app)
    # Each process builds its own app (engine, pool, task worker) from the environment: uvicorn's
    # factory mode with an import string. Everything they must share lives in the database.
    uvicorn.run("jobwise.main:create_served_app", factory=True, workers=workers, **options)
    return 0


def _prepare_worker_processes(app: Any) -> None:
    """Done once, before the processes start, so they do not race to do it."""
    import asyncio
    import os

    from jobwise import migrate

    settings = app.state.settings
    # The app above was built only to check the configuration (create_app fails early on a
    # weak secret or a missing key, where a worker process would be restarted in a loop). It
    # also wrote a generated JWT secret to the data directory, where every process reads it.
    asyncio.run(app.state.runtime.close())
    if settings.MIGRATE_ON_START:
        migrate.upgrade(settings)
        os.environ["MIGRATE_ON_START"] = "false"


def _worker(args: argparse.Namespace) -> int:
    """`jobwise worker`: run tasks until SIGTERM or SIGINT, then stop gracefully."""
    import asyncio

    from jobwise.logging_setup import configure_logging
    from jobwise.runtime import run_worker

    settings = get_settings()
    if args.concurrency:
        settings = settings.model_copy(update={"TASK_WORKER_CONCURRENCY": args.concurrency})
    configure_logging(settings.LOG_LEVEL)
    asyncio.run(run_worker(settings))
    return 0


def _migrate(_: argparse.Namespace) -> int:
    from jobwise import migrate

    migrate.upgrade(get_settings())
    print("jobwise: database is at the latest revision")
    return 0


def _demo(args: argparse.Namespace) -> int:
    from pathlib import Path

    from jobwise.demo.journey import main as run_demo

    return run_demo(get_settings(), Path(args.output))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="jobwise", description="JobWise API server")
    parser.add_argument("--version", action="version", version=f"jobwise {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="migrate the database and serve the API")
    serve.add_argument("--host", help="address to bind (default: HOST or 127.0.0.1)")
    serve.add_argument("--port", type=int, help="port (default: PORT or 8000)")
    serve.add_argument(
        "--workers",
        type=int,
        choices=range(1, 65),
        metavar="N",
        help="API processes (default: 1); for more than one, use PostgreSQL (see docs/deploying.md)",
    )
    serve.set_defaults(func=_serve)
    worker = commands.add_parser(
        "worker", help="run background tasks without the API (stops gracefully on SIGTERM)"
    )
    worker.add_argument(
        "--concurrency", type=int, choices=range(1, 65), metavar="N", help="tasks at once (default: 2)"
    )
    worker.set_defaults(func=_worker)
    migrate_cmd = commands.add_parser("migrate", help="migrate the database to the latest revision")
    migrate_cmd.set_defaults(func=_migrate)
    demo = commands.add_parser(
        "demo",
        help="run the whole journey on a fresh temporary data directory and export PDF and DOCX files",
    )
    demo.add_argument("--output", default="demo-output", help="where the files go (default: ./demo-output)")
    demo.set_defaults(func=_demo)
    args = parser.parse_args(argv)
    try:
        result: int = args.func(args)
    except ConfigurationError as exc:
        print(f"jobwise: {exc}", file=sys.stderr)
        return 2
    return result


if __name__ == "__main__":
    raise SystemExit(main())
