"""gunicorn settings for `ticms serve` (loaded with --config python:ticms.ops.gunicorn_conf).

gunicorn has no setting to leave out its `Server: gunicorn` header (benoitc/gunicorn#825: the maintainers
prefer that applications decide), and it writes that header itself, before the application's. Naming the
server tells a scanner which exploits to try, so the header line is dropped from gunicorn's defaults here,
once, in the master process before workers fork.
"""

import gc

from gunicorn.http import wsgi

_default_headers = wsgi.Response.default_headers


def _default_headers_without_server(self):
    return [line for line in _default_headers(self) if not line.lower().startswith("server:")]


wsgi.Response.default_headers = _default_headers_without_server


def when_ready(server):
    """With --preload (the default of `ticms serve`), the master has imported the application before any worker
    forks: workers share those memory pages until one writes to them, so each extra worker costs its private
    memory (USS), not the whole of its RSS (docs/operations.md, "Workers and memory")."""
    if not server.cfg.preload_app:
        return
    from django.db import connections
    from django.urls import get_resolver

    # The views too: without this, each worker would import them on its first request, into private pages.
    get_resolver().url_patterns  # noqa: B018
    # Loading opens no connection (tests/ops/test_serve_preload.py); were one open, forked workers would share
    # its socket and interleave their queries on it.
    connections.close_all()
    # The collector writes to every object it visits; objects frozen now are left alone, so the pages holding
    # them stay shared with the workers (https://docs.python.org/3/library/gc.html#gc.freeze).
    gc.freeze()
