"""``python -m standin_api``: run the stand-in VibeJudge API for local development and tests.

Every ``Faults`` field is a ``--kebab-case`` flag, validated by the same model as ``POST /__admin/faults``.
"""

from __future__ import annotations

import argparse
import sys
import typing
from collections.abc import Callable
from typing import Any

from pydantic import ValidationError

from standin_api.faults import Faults
from standin_api.server import StandinServer
from standin_api.store import DEMO_API_KEY, DEMO_EMAIL

ALIASES = {"retry_after_seconds": ["--retry-after"]}


def _field_parser(name: str, convert: Callable[[str], Any]) -> Callable[[str], Any]:
    def parse(text: str) -> Any:
        if name == "rate_limit":
            text = text.removesuffix("/s")
        try:
            value = convert(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text} is not a {convert.__name__}") from None
        try:
            Faults.model_validate({name: value})
        except ValidationError as exc:
            error = exc.errors()[0]
            message = error["msg"].removeprefix("Value error, ")
            if error["type"] == "greater_than_equal" and error["ctx"].get("ge") == 0:
                message = "is not a number >= 0"
            raise argparse.ArgumentTypeError(f"{text} {message}" if message.startswith("is ") else message) from None
        return value

    return parse


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m standin_api",
        description="Local stand-in for the VibeJudge AI API. By default it behaves like the backend code "
        "(shared/api-contract.md), quirks and free-tier limits included; the switches below opt into "
        "friendlier behaviour, faults or a compressed clock. Every switch can also be changed at run time: "
        'POST /__admin/faults with a JSON object, e.g. {"unlimited_quota": true}; GET /__admin/faults shows '
        "them; POST /__admin/reset re-seeds and restores the switches given here.",
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=int, default=8000, help="port to listen on (0 picks a free one)")
    hints = typing.get_type_hints(Faults)
    for name, info in Faults.model_fields.items():
        flags = ["--" + name.replace("_", "-"), *ALIASES.get(name, [])]
        help_text = (info.description or "").replace("%", "%%")
        kind = hints[name]
        if kind is bool:
            parser.add_argument(*flags, dest=name, action="store_true", help=help_text)
            continue
        args = typing.get_args(kind)
        if typing.get_origin(kind) is typing.Literal:
            parser.add_argument(*flags, dest=name, choices=args, default=info.default, help=help_text)
            continue
        convert: Callable[[str], Any] = str if str in (kind, *args) else kind
        metavar = "ISO-TIME" if name == "clock_start" else ("N/s" if name == "rate_limit" else None)
        parser.add_argument(
            *flags, dest=name, type=_field_parser(name, convert), default=info.default, metavar=metavar, help=help_text
        )
    return parser


def main(argv: list[str] | None = None) -> int:
    args = vars(build_parser().parse_args(argv))
    host, port = args.pop("host"), args.pop("port")
    faults = Faults(**args)
    try:
        server = StandinServer(host, port, faults)
    except OSError as exc:
        print(f"stand-in API: cannot listen on {host}:{port}: {exc.strerror}", file=sys.stderr)
        return 2
    print(f"VibeJudge stand-in API listening on {server.base_url}", flush=True)
    print(f"Demo organizer: {DEMO_EMAIL}  API key: {DEMO_API_KEY}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
