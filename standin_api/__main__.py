"""``python -m standin_api``: run the stand-in VibeJudge API on loopback for local development and tests."""

from __future__ import annotations

import argparse
import sys

from standin_api.server import DEMO_API_KEY, DEMO_EMAIL, Faults, StandinServer


def _fraction(text: str) -> float:
    value = float(text)
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError(f"{text} is not between 0 and 1")
    return value


def _non_negative(text: str) -> float:
    value = float(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text} is not a number >= 0")
    return value


def _rate(text: str) -> float:
    return _non_negative(text.removesuffix("/s"))


def _status_5xx(text: str) -> int:
    value = int(text)
    if not 500 <= value <= 599:
        raise argparse.ArgumentTypeError(f"{text} is not a 5xx status")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m standin_api",
        description="Local stand-in for the VibeJudge AI API (seeded demo data, fault switches). "
        "Every switch can also be changed at run time: POST /__admin/faults with a JSON object, "
        'e.g. {"always_5xx": true}; GET /__admin/faults shows them; POST /__admin/reset re-seeds.',
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000; 0 picks a free one)")
    parser.add_argument("--latency-ms", type=int, default=0, help="delay every API answer by N milliseconds")
    parser.add_argument(
        "--fail-rate", type=_fraction, default=0.0, help="share 0..1 of API requests answered with a 5xx"
    )
    parser.add_argument(
        "--status-5xx",
        type=_status_5xx,
        default=None,
        metavar="CODE",
        help="answer every API request with this 5xx status",
    )
    parser.add_argument(
        "--rate-limit", type=_rate, default=0.0, metavar="N/s", help="per-key requests per second, then 429"
    )
    parser.add_argument("--retry-after", type=int, default=1, help="Retry-After seconds sent with 429 (default 1)")
    parser.add_argument("--daily-quota", type=int, default=0, help="per-key requests per day, then 429 (0 = unlimited)")
    parser.add_argument("--down", action="store_true", help="start 'down': close API connections without answering")
    parser.add_argument("--malformed", action="store_true", help="answer API requests with a body that is not JSON")
    parser.add_argument(
        "--seconds-per-submission", type=_non_negative, default=6.0, help="analysis speed (default: 6 s per submission)"
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    faults = Faults(
        latency_ms=args.latency_ms,
        fail_rate=args.fail_rate,
        status_5xx=args.status_5xx or 503,
        always_5xx=args.status_5xx is not None,
        rate_limit=args.rate_limit,
        retry_after_seconds=args.retry_after,
        daily_quota=args.daily_quota,
        down=args.down,
        malformed=args.malformed,
        seconds_per_submission=args.seconds_per_submission,
    )
    try:
        server = StandinServer(args.host, args.port, faults)
    except OSError as exc:
        print(f"stand-in API: cannot listen on {args.host}:{args.port}: {exc.strerror}", file=sys.stderr)
        return 2
    print(f"VibeJudge stand-in API listening on {server.base_url}", flush=True)
    print(f"Demo organizer: {DEMO_EMAIL}  API key: {DEMO_API_KEY}", flush=True)
    try:
        server.httpd.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.httpd.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
