"""gunicorn settings for `ticms serve` (loaded with --config python:ticms.ops.gunicorn_conf).

gunicorn has no setting to leave out its `Server: gunicorn` header (benoitc/gunicorn#825: the maintainers
prefer that applications decide), and it writes that header itself, before the application's. Naming the
server tells a scanner which exploits to try, so the header line is dropped from gunicorn's defaults here,
once, in the master process before workers fork.
"""

from gunicorn.http import wsgi

_default_headers = wsgi.Response.default_headers


def _default_headers_without_server(self):
    return [line for line in _default_headers(self) if not line.lower().startswith("server:")]


wsgi.Response.default_headers = _default_headers_without_server
