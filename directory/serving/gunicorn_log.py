"""gunicorn's logger, made private: see `directory.serving.logs` for what a line may hold."""

from __future__ import annotations

import os
from typing import Any

from gunicorn.glogging import Logger

from directory.settings import serving

from .logs import PROBE_PATHS, ErrorLogRedactor, loggable_route

# Atoms with nothing about the visitor or what they asked: time, status, sizes, durations.
SAFE_ATOMS = ("t", "s", "m", "b", "B", "T", "D", "M", "L", "p", "H")


class PrivateLogger(Logger):
    """Access lines hold `METHOD route`, never a query, header or (by default) an address."""

    def setup(self, cfg: Any) -> None:
        super().setup(cfg)
        self.log_addresses = serving(os.environ)["LOG_VISITOR_IPS"]
        for old in [f for f in self.error_log.filters if isinstance(f, ErrorLogRedactor)]:
            self.error_log.removeFilter(old)
        self.error_log.addFilter(ErrorLogRedactor(self.log_addresses))

    def access(self, resp: Any, req: Any, environ: dict, request_time: Any) -> None:
        if environ.get("PATH_INFO") in PROBE_PATHS:
            return
        super().access(resp, req, environ, request_time)

    def atoms(self, resp: Any, req: Any, environ: dict, request_time: Any) -> dict[str, Any]:
        # Whatever access_log_format asks for (%(r)s, %(q)s, %({referer}i)s ...), only these
        # exist; gunicorn writes `-` for the rest.
        everything = super().atoms(resp, req, environ, request_time)
        method = environ.get("REQUEST_METHOD") or "-"
        route = loggable_route(method, environ.get("PATH_INFO") or "")
        atoms = {key: everything[key] for key in SAFE_ATOMS}
        atoms.update(U=route, r=f"{method} {route}", l="-", u="-")
        atoms["h"] = everything["h"] if self.log_addresses else "-"
        return atoms
