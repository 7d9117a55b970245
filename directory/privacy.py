"""Keep search terms out of server logs: access-log lines lose their query strings."""

from __future__ import annotations

import logging
import re

_QUERY = re.compile(r"\?[^\s\"]*")


class QueryStringRedactor(logging.Filter):
    """Drop `?...` from request lines, so `GET /api/v1/search?q=...` is logged as its path."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple) and record.args:
            record.args = tuple(
                _QUERY.sub("", arg) if isinstance(arg, str) else arg for arg in record.args
            )
        if isinstance(record.msg, str) and "?" in record.msg:
            record.msg = _QUERY.sub("", record.msg)
        return True


def install_log_redaction() -> None:
    """Filter Werkzeug's access log (the development and `flask run` server)."""
    logger = logging.getLogger("werkzeug")
    if not any(isinstance(f, QueryStringRedactor) for f in logger.filters):
        logger.addFilter(QueryStringRedactor())
