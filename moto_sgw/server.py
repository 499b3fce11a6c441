"""``moto-sgw-server`` and ``python -m moto_sgw``: moto's server with Storage Gateway.

One port serves every moto service and Storage Gateway, routed as moto routes:
by the SigV4 credential scope of each request. An unsigned request that carries a
Storage Gateway ``X-Amz-Target`` is routed here too (moto alone would take it for
S3), in ``us-east-1`` and the default account.
"""
from __future__ import annotations

import argparse
import sys
import threading
from typing import Any, Callable, Dict, Iterable, List, Optional

from . import __version__, faults, ids
from .protocol import service
from .protocol.errors import ConfigurationError
from .registration import register

WSGIApp = Callable[[Dict[str, Any], Callable[..., Any]], Iterable[bytes]]

UNSIGNED_REGION = "us-east-1"
_UNSIGNED_AUTHORIZATION = (
    "AWS4-HMAC-SHA256 Credential=unsigned/19700101/{region}/storagegateway/aws4_request, "
    "SignedHeaders=host, Signature=unsigned"
)


def route_unsigned(app: WSGIApp) -> WSGIApp:
    """WSGI middleware: give unsigned Storage Gateway requests a credential scope."""
    prefixes = tuple(prefix + "." for prefix in service.target_prefixes())

    def routed(environ: Dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        target = environ.get("HTTP_X_AMZ_TARGET", "")
        if not environ.get("HTTP_AUTHORIZATION") and target.startswith(prefixes):
            environ["HTTP_AUTHORIZATION"] = _UNSIGNED_AUTHORIZATION.format(region=UNSIGNED_REGION)
        return app(environ, start_response)

    return routed


def create_app() -> WSGIApp:
    """moto's server application, serving Storage Gateway as well."""
    register()
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app

    from .control import controls

    return controls(route_unsigned(DomainDispatcherApplication(create_backend_app)))


class Server:
    """A running server; ``port`` is the one it listens on (useful with port 0)."""

    def __init__(self, host: str = "127.0.0.1", port: int = 5000) -> None:
        from werkzeug.serving import make_server

        try:
            self._server = make_server(host, port, create_app(), threaded=True)
        except SystemExit:  # werkzeug explains a failed bind on stderr, then exits
            raise OSError("the address is in use or cannot be bound") from None
        self.host = host
        self.port = self._server.server_port
        self._thread: Optional[threading.Thread] = None

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    def serve_forever(self) -> None:
        self._server.serve_forever()

    def start(self) -> "Server":
        """Serve from a background thread."""
        self._thread = threading.Thread(target=self.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join()


def parse_args(argv: Optional[List[str]] = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="moto-sgw-server",
        description="moto's server, serving every moto service and AWS Storage Gateway on one port.",
    )
    parser.add_argument("-H", "--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    parser.add_argument(
        "-p", "--port", type=int, default=5000, help="port to listen on; 0 picks a free one (default: 5000)"
    )
    parser.add_argument("--version", action="version", version=f"moto-sgw-server {__version__}")
    parser.add_argument(
        "--fault",
        action="append",
        default=[],
        metavar="ERROR[:OPERATION[:RATE[:SEED]]]",
        help="start with this fault in place (repeatable); see moto_sgw.inject_fault",
    )
    parser.add_argument(
        "--id-format",
        choices=ids.FORMATS,
        default=None,
        help=f"volume and snapshot ID format (default: ${ids.ENV_VAR}, else {ids.DEFAULT_FORMAT})",
    )
    args = parser.parse_args(argv)
    if not 0 <= args.port <= 65535:
        parser.error(f"argument -p/--port: {args.port} is not a port number (0-65535)")
    return args


def _server_dependencies_missing() -> Optional[str]:
    for module in ("flask", "flask_cors"):
        try:
            __import__(module)
        except ImportError:
            return module
    return None


def main(argv: Optional[List[str]] = None) -> int:
    args = parse_args(argv)
    missing = _server_dependencies_missing()
    if missing is not None:
        print(
            f"moto-sgw-server: moto's server needs {missing}: pip install 'moto-sgw[server]'",
            file=sys.stderr,
        )
        return 1
    try:
        ids.push_format(args.id_format)
        for option in args.fault:
            faults.inject_fault(**faults.parse_option(option))
    except ConfigurationError as err:
        print(f"moto-sgw-server: {err}", file=sys.stderr)
        return 2
    try:
        server = Server(args.host, args.port)
    except OSError as err:
        print(f"moto-sgw-server: cannot listen on {args.host}:{args.port}: {err}", file=sys.stderr)
        return 1
    print(f"moto-sgw-server: serving on {server.url} (ID format {ids.current_format()})", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0
