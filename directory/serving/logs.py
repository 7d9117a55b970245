"""Private server logs: no search terms, no visitor addresses, no listing a visitor opened.

A request is logged as its method and a *loggable route*: the path when it names no
particular record, the route's name when it does (`/es/providers/abc` is `web.detail`), and
`-` when nothing matched. Whatever follows the path (query, fragment, stray quotes or spaces
in a malformed request line) is never written.
"""

from __future__ import annotations

import logging
import re

from werkzeug.exceptions import HTTPException
from werkzeug.routing import Map, RequestRedirect

# Route arguments that name no person's interest: the interface language, a static file.
PUBLIC_ARGUMENTS = frozenset({"lang", "filename"})
# Probes from a load balancer: answered, never logged.
PROBE_PATHS = frozenset({"/healthz", "/readyz"})
UNROUTED = "-"

_routes: dict[str, Map] = {}


def remember_routes(url_map: Map) -> None:
    """Let this process's log redaction match paths against the app's routes."""
    _routes["map"] = url_map


def loggable_route(method: str, path: str) -> str:
    """The path if its route names no record, else the route's name; `-` if none matches."""
    url_map = _routes.get("map")
    if url_map is None or not path.startswith("/"):
        return UNROUTED
    try:
        rule, arguments = url_map.bind("localhost").match(path, method, return_rule=True)
    except RequestRedirect:
        return UNROUTED
    except HTTPException:
        return UNROUTED
    if set(arguments) - PUBLIC_ARGUMENTS:
        return rule.endpoint
    return path


def _path_of(target: str) -> str:
    """The path of a request target: everything from the first `?`, `#` or space is dropped."""
    return re.split(r"[?#\s\"']", target, maxsplit=1)[0]


def request_summary(request_line: str) -> str:
    """`METHOD route` for a request line, whatever the line holds after its path."""
    method, _, rest = request_line.strip().partition(" ")
    if not re.fullmatch(r"[A-Z]{1,16}", method):
        return f"- {UNROUTED}"
    return f"{method} {loggable_route(method, _path_of(rest.lstrip()))}"


def is_probe(request_line: str) -> bool:
    """Whether a request line is a health probe (never logged)."""
    _, _, rest = request_line.strip().partition(" ")
    return _path_of(rest.lstrip()) in PROBE_PATHS


# Werkzeug's lines: `ADDRESS - - [DATE] "REQUEST LINE" STATUS SIZE` and
# `ADDRESS - - [DATE] code 400, message Bad request syntax ('REQUEST LINE')`.
_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_WERKZEUG_LINE = re.compile(r"(?s)^(?P<address>\S+) - - \[(?P<date>[^\]]*)\] (?P<rest>.*)$")
_ACCESS = re.compile(r'(?s)^"(?P<line>.*)" (?P<status>\S+) (?P<size>\S+)$')
_ERROR_CODE = re.compile(r"^code (?P<code>\d+)")


class WerkzeugRedactor(logging.Filter):
    """Rewrite the development server's lines to `[DATE] "METHOD route" STATUS SIZE`."""

    def __init__(self, log_addresses: bool = False) -> None:
        super().__init__()
        self.log_addresses = log_addresses

    def filter(self, record: logging.LogRecord) -> bool:
        line = _WERKZEUG_LINE.match(_ANSI.sub("", record.getMessage()))
        if line is None:
            return True  # start-up banners and tracebacks: no request line in them
        address = line["address"] if self.log_addresses else "-"
        access = _ACCESS.match(line["rest"])
        if access:
            if is_probe(access["line"]):
                return False
            text = f'"{request_summary(access["line"])}" {access["status"]} {access["size"]}'
        else:
            error = _ERROR_CODE.match(line["rest"])
            text = f"code {error['code']}, request not logged" if error else "request not logged"
        record.msg, record.args = f"{address} - - [{line['date']}] {text}", ()
        return True


def install_werkzeug_redaction(log_addresses: bool) -> None:
    """Filter Werkzeug's access and error lines (the development and `flask run` server)."""
    logger = logging.getLogger("werkzeug")
    for old in [f for f in logger.filters if isinstance(f, WerkzeugRedactor)]:
        logger.removeFilter(old)
    logger.addFilter(WerkzeugRedactor(log_addresses))


_QUOTED_OR_QUERY = re.compile(r"['\"].*|\?\S*", re.DOTALL)
_ADDRESS = re.compile(r"\bip=\S+?(?=[:,\s]|$)")


def scrub_error(message: str, log_addresses: bool = False) -> str:
    """An error-log line without the request line, query or (by default) address it quoted."""
    if message.startswith("Error handling request"):
        return "Error handling request"  # gunicorn appends the method and the full URI
    # gunicorn quotes what it could not parse (a request line, a header): drop it all.
    message = _QUOTED_OR_QUERY.sub("", message).rstrip(" :")
    return message if log_addresses else _ADDRESS.sub("ip=-", message)


class ErrorLogRedactor(logging.Filter):
    """Scrub every line of a server's error log with `scrub_error`."""

    def __init__(self, log_addresses: bool = False) -> None:
        super().__init__()
        self.log_addresses = log_addresses

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg, record.args = scrub_error(record.getMessage(), self.log_addresses), ()
        return True
