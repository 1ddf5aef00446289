"""The browser suite's fixtures: one portal for the session, one chromium per module.

The portal is served the way ``make demo`` serves it: a config CKAN generates, with
``dev/demo-options.ini`` merged in (as the Makefile writes ``demo.ini``), served by
``dev/serve.sh`` (gunicorn). Only what must differ is overridden: the address
(127.0.0.1, ``SMARTTEHRAN_BROWSER_PORT``, default 5070) and the services, which are
those of the test run (test-ckan.ini with its ``CKAN_*`` environment overrides), so
the tests never touch the demo databases.

Its data is made in this process before the server starts: a fresh database, a
sysadmin and a few seed datasets (``ckanext.smarttehran.seed``). Chromium and
chromedriver are Debian's (``dev/system-packages.sh``), axe-core is npm's
(``make install``); when one is missing the suite fails saying what to install.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import ckan
import ckan.plugins as p
import ckan.plugins.toolkit as tk
import pytest
import requests
from ckan.lib import config_tool
from ckan.tests import factories
from ckan.tests import helpers as ckan_helpers

from ckanext.smarttehran import seed
from tests.browser.driver import Browser, Portal, chromium

ROOT = Path(__file__).resolve().parents[2]
STATE = ROOT / ".state" / "browser"
SERVE = ROOT / "dev" / "serve.sh"
HOST = "127.0.0.1"
PORT = int(os.environ.get("SMARTTEHRAN_BROWSER_PORT") or 5070)
# A dataset with a GeoJSON file (a map) and one with CSV tables in the DataStore.
SEED = ["district-boundaries", "population-by-district"]
ADMIN_PASSWORD = "Browser-tests-only-1"
# The services of the test run, passed to the server both in its config and in the
# environment (CKAN's CKAN_* variables win over the file).
SERVICES = {
    "sqlalchemy.url": "CKAN_SQLALCHEMY_URL",
    "ckan.datastore.write_url": "CKAN_DATASTORE_WRITE_URL",
    "ckan.datastore.read_url": "CKAN_DATASTORE_READ_URL",
    "solr_url": "CKAN_SOLR_URL",
    "ckan.redis.url": "CKAN_REDIS_URL",
    "ckan.storage_path": "CKAN_STORAGE_PATH",
    "ckan.site_url": "CKAN_SITE_URL",
}


def _fresh_data() -> dict[str, str]:
    """An empty database, index and DataStore holding a sysadmin and the seed subset."""
    from ckanext.datastore.tests import helpers as ds_helpers

    if not p.plugin_loaded("smarttehran"):
        p.load_all()
    ckan_helpers.reset_db()
    from ckan.cli.db import _run_migrations

    for plugin in ("activity", "smarttehran"):
        _run_migrations(plugin, "head", True)
    from ckan.lib.search import clear_all

    clear_all()
    engine = ds_helpers.db.get_write_engine()
    ds_helpers.rebuild_all_dbs(ds_helpers.orm.scoped_session(ds_helpers.orm.sessionmaker(bind=engine)))
    admin = factories.Sysadmin(password=ADMIN_PASSWORD)
    # The search index keeps each dataset as shown when it was indexed, download URLs
    # included, and the server shows that copy: they are made with the server's address.
    site_url = tk.config["ckan.site_url"]
    tk.config["ckan.site_url"] = f"http://{HOST}:{PORT}"
    try:
        *outcomes, summary = seed.load(user=admin["name"], names=SEED)
    finally:
        tk.config["ckan.site_url"] = site_url
    assert not summary.failed, [o.errors for o in summary.outcomes if o.errors]
    return {"name": admin["name"], "password": ADMIN_PASSWORD}


def _services() -> dict[str, str]:
    values = {key: str(tk.config.get(key) or "") for key in SERVICES}
    values["ckan.site_url"] = f"http://{HOST}:{PORT}"
    return values


def _write_config(path: Path, services: dict[str, str]) -> None:
    """CKAN's generated config + dev/demo-options.ini, as `make demo.ini` writes it.

    What CKAN generates depends only on its version: it is generated once per version.
    """
    generated = STATE / f"generated-ckan-{ckan.__version__}.ini"
    if not generated.exists():
        subprocess.run(
            [str(ROOT / ".venv" / "bin" / "ckan"), "generate", "config", str(generated)],
            check=True, capture_output=True, cwd=ROOT,
        )
    shutil.copyfile(generated, path)
    config_tool.config_edit_using_merge_file(str(path), str(ROOT / "dev" / "demo-options.ini"))
    options = [f"{key}={value}" for key, value in services.items()]
    # The test run's secrets, so that API tokens made in this process work there, and
    # its site id, under which this process indexed the datasets (searches filter on it).
    for key in ("SECRET_KEY", "api_token.jwt.encode.secret", "api_token.jwt.decode.secret",
                "ckan.site_id"):
        options.append(f"{key}={tk.config.get(key)}")
    config_tool.config_edit_using_option_strings(str(path), options, "app:main", edit=False)


def _serve(action: str, ini: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["bash", str(SERVE), action, str(ini), HOST, str(PORT)],
        env=env, cwd=ROOT, capture_output=True, text=True, timeout=180,
    )


def _start_dev_server(ini: Path, env: dict[str, str]) -> subprocess.Popen:
    """CKAN's own server, for a checkout without dev/serve.sh."""
    log = (STATE / "server.log").open("w")
    return subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "ckan"), "-c", str(ini), "run", "--host", HOST,
         "--port", str(PORT), "--disable-reloader"],
        env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
    )


def _wait_until_up(url: str, seconds: int = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if requests.get(f"{url}/api/3/action/status_show", timeout=5).ok:
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"the portal did not answer on {url}; log in {STATE}")


@pytest.fixture(scope="session")
def portal() -> Iterator[Portal]:
    """The portal as `make demo` serves it, on the test run's services."""
    STATE.mkdir(parents=True, exist_ok=True)
    admin = _fresh_data()
    services = _services()
    ini = STATE / "portal.ini"
    _write_config(ini, services)
    env = {**os.environ, "STATE_DIR": str(STATE), "GUNICORN_WORKERS": "2"}
    env.update({var: services[key] for key, var in SERVICES.items()})
    url = services["ckan.site_url"]
    dev_server = None
    if SERVE.exists():
        started = _serve("start", ini, env)
        if started.returncode != 0:
            raise RuntimeError(f"dev/serve.sh start failed:\n{started.stdout}\n{started.stderr}")
    else:
        dev_server = _start_dev_server(ini, env)
    try:
        _wait_until_up(url)
        yield Portal(url=url, admin=admin)
    finally:
        if dev_server is None:
            _serve("stop", ini, env)
        else:
            dev_server.terminate()
            dev_server.wait(timeout=30)


@pytest.fixture(scope="module")
def browser(portal: Portal) -> Iterator[Browser]:
    """One headless chromium for the tests of a module (anonymous at each test's start)."""
    driver = chromium()
    try:
        yield Browser(driver, portal)
    finally:
        driver.quit()


@pytest.fixture
def page(browser: Browser, request) -> Iterator[Browser]:
    """The module's browser, logged out and at desktop width; a failure leaves a screenshot."""
    browser.reset()
    yield browser
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        STATE.mkdir(parents=True, exist_ok=True)
        browser.driver.save_screenshot(str(STATE / f"{request.node.name}.png"))
        (STATE / f"{request.node.name}.html").write_text(browser.driver.page_source)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.rep_call = report
    return report

