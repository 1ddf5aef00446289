"""gunicorn settings of the demo portal (``dev/serve.sh``, ``make demo``).

Every value can be changed from the environment without editing this file:
``GUNICORN_WORKERS`` (default 2 x cores + 1), ``GUNICORN_THREADS`` (default 1: sync
workers; above 1 gunicorn uses its gthread worker), ``GUNICORN_TIMEOUT`` (seconds a
worker may spend on one request before it is killed and replaced, default 60),
``GUNICORN_BIND`` (default 127.0.0.1:5000). The figures behind the defaults are in
docs/benchmarks.md; the operator's view is in docs/operations.md.
"""

from __future__ import annotations

import multiprocessing
import os

wsgi_app = "ckanext.smarttehran.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:5000")
workers = int(os.environ.get("GUNICORN_WORKERS") or 2 * multiprocessing.cpu_count() + 1)
threads = int(os.environ.get("GUNICORN_THREADS") or 1)
worker_class = "gthread" if threads > 1 else "sync"
# A request still running after this long is cut off: its worker is killed and replaced,
# so one slow request (a hostile file, a stuck remote server) cannot hold the site.
timeout = int(os.environ.get("GUNICORN_TIMEOUT") or 60)
graceful_timeout = 30
keepalive = 5
# Workers are replaced now and then so that a slow leak cannot grow without bound.
max_requests = 2000
max_requests_jitter = 200
# Each worker loads CKAN itself: a preloaded app would share one database pool across
# the forked workers.
preload_app = False
# Client address from a proxy on this machine only.
forwarded_allow_ips = "127.0.0.1"
accesslog = "-"
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms'
errorlog = "-"
loglevel = "info"
proc_name = "smarttehran-portal"
