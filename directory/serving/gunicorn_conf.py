"""gunicorn settings for `make serve`: `gunicorn -c python:directory.serving.gunicorn_conf`."""

from __future__ import annotations

import os

from directory.settings import serving

_settings = serving(os.environ)

workers = _settings["WEB_WORKERS"]
threads = _settings["WEB_THREADS"]
# One thread (the default): gunicorn's sync worker, ~10% less CPU a request than a gthread
# worker, which hands each connection from its event loop to a thread pool (docs/deploy.md).
worker_class = "sync" if threads == 1 else "gthread"
timeout = _settings["WEB_TIMEOUT"]
graceful_timeout = 10
# One line a request: time, "METHOD route", status, bytes, seconds (see serving/logs.py).
logger_class = "directory.serving.gunicorn_log.PrivateLogger"
accesslog = "-"
errorlog = "-"
access_log_format = '%(t)s %(h)s "%(r)s" %(s)s %(B)s %(L)ss'
# Proxies may set X-Forwarded-For; nothing here reads it, so it never reaches a log.
forwarded_allow_ips = "127.0.0.1"
# gunicorn's control socket lives at one path per user ($HOME/.gunicorn/gunicorn.ctl): two
# servers on one machine would fight over it, and nothing here uses it.
control_socket_disable = True


def post_worker_init(worker) -> None:
    """A worker follows the database from its start, so a node no request reaches stays in
    sync (and a damaged or missing index is rebuilt before the first visitor)."""
    from flask import Flask

    from directory.api.renderer import start_rendering
    from directory.memory import limit_malloc_arenas
    from directory.search.extension import start_following

    limit_malloc_arenas()  # before the follower and the request threads start

    if isinstance(worker.wsgi, Flask):  # else gunicorn serves the error of a failed import
        start_following(worker.wsgi)
        start_rendering(worker.wsgi)
