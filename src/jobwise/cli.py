"""`jobwise serve | migrate`: the console script."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from jobwise.config import ConfigurationError, get_settings


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from jobwise.main import create_app

    settings = get_settings()
    try:
        app = create_app(settings)
    except ConfigurationError as exc:
        print(f"jobwise: {exc}", file=sys.stderr)
        return 2
    uvicorn.run(
        app,
        host=args.host or settings.HOST,
        port=args.port or settings.PORT,
        log_level=settings.LOG_LEVEL.lower(),
        access_log=False,  # RequestLogMiddleware writes one structured line per request
        proxy_headers=True,
    )
    return 0


def _migrate(_: argparse.Namespace) -> int:
    from jobwise import migrate

    migrate.upgrade(get_settings())
    print("jobwise: database is at the latest revision")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="jobwise", description="JobWise API server")
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="migrate the database and serve the API")
    serve.add_argument("--host", help="address to bind (default: HOST or 127.0.0.1)")
    serve.add_argument("--port", type=int, help="port (default: PORT or 8000)")
    serve.set_defaults(func=_serve)
    migrate_cmd = commands.add_parser("migrate", help="migrate the database to the latest revision")
    migrate_cmd.set_defaults(func=_migrate)
    args = parser.parse_args(argv)
    try:
        result: int = args.func(args)
    except ConfigurationError as exc:
        print(f"jobwise: {exc}", file=sys.stderr)
        return 2
    return result


if __name__ == "__main__":
    raise SystemExit(main())
