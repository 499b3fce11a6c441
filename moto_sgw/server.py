"""``moto-sgw-server`` and ``python -m moto_sgw``: moto's server with Storage Gateway."""
from __future__ import annotations

import argparse
import sys
from typing import List, Optional

from . import ids
from .protocol.errors import ConfigurationError
from .registration import register


def parse_args(argv: Optional[List[str]] = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="moto-sgw-server",
        description="moto's server, serving every moto service and AWS Storage Gateway on one port.",
    )
    parser.add_argument("-H", "--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("-p", "--port", type=int, default=5000, help="port to listen on (default 5000)")
    parser.add_argument(
        "--id-format",
        choices=ids.FORMATS,
        default=None,
        help=f"volume and snapshot ID format (default: ${ids.ENV_VAR} or {ids.DEFAULT_FORMAT})",
    )
    return parser.parse_args(argv)


def main(argv: Optional[List[str]] = None) -> int:
    args = parse_args(argv)
    try:
        ids.push_format(args.id_format)
    except ConfigurationError as err:
        print(f"moto-sgw-server: {err}", file=sys.stderr)
        return 2
    register()
    from moto.server import main as moto_main

    moto_main(["-H", args.host, "-p", str(args.port)])
    return 0
