"""The WSGI application for a production server (gunicorn, uWSGI), as CKAN's own Docker
images build it: the config file named by ``CKAN_INI``, its logging sections applied.

    CKAN_INI=/etc/ckan/ckan.ini gunicorn ckanext.smarttehran.wsgi:application

``dev/serve.sh`` (``make demo``) runs it under gunicorn with ``dev/gunicorn.conf.py``.
"""

from __future__ import annotations

import os
from logging.config import fileConfig

from ckan.cli import CKANConfigLoader
from ckan.config.middleware import make_app


def _load() -> object:
    path = os.environ.get("CKAN_INI")
    if not path:
        raise RuntimeError("CKAN_INI must name the CKAN config file")
    path = os.path.abspath(path)
    fileConfig(path, disable_existing_loggers=False)
    return make_app(CKANConfigLoader(path).get_config())


application = _load()
