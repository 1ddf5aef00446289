"""Resource URLs cannot make the portal fetch from internal addresses (SSRF), and a fetch
has a total deadline: real servers on loopback addresses, the real resolver."""

from __future__ import annotations

import hashlib
import http.server
import ipaddress
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from ckanext.smarttehran.screening import fetch

ALLOW = "ckanext.smarttehran.privacy.fetch_allowed_hosts"


class _Handler(http.server.BaseHTTPRequestHandler):
    """Answers ``routes[path]``: bytes (200), ``("redirect", url)`` or ``("drip", n)``."""

    routes: dict[str, Any]
    hits: list[str]

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        self.hits.append(self.path)
        route = self.routes.get(self.path)
        if isinstance(route, tuple) and route[0] == "redirect":
            self.send_response(302)
            self.send_header("Location", route[1])
            self.end_headers()
            return
        if isinstance(route, tuple) and route[0] == "drip":
            self.send_response(200)
            self.end_headers()
            for _ in range(route[1]):
                self.wfile.write(b"1")
                self.wfile.flush()
                time.sleep(0.3)
            return
        if route is None:
            self.send_response(404)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Length", str(len(route)))
        self.end_headers()
        self.wfile.write(route)

    def log_message(self, *args: Any) -> None:
        pass


@contextmanager
def serve(host: str = "127.0.0.1", port: int = 0) -> Iterator[tuple[int, dict, list]]:
    """A server on ``host``: yields (port, routes, hits)."""
    handler = type("H", (_Handler,), {"routes": {}, "hits": []})
    server = http.server.ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1], handler.routes, handler.hits
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def target():
    with serve() as served:
        yield served


@pytest.mark.parametrize(
    "host",
    ["127.0.0.1", "localhost", "2130706433", "0x7f.1", "0177.0.0.1", "127.1",
     "017700000001", "[::ffff:127.0.0.1]", "0.0.0.0"],
)
def test_loopback_in_every_spelling_is_refused_before_any_request(tmp_path, target, host):
    """Loopback written as a name, decimal, hex, octal, short or IPv4-mapped IPv6 form is
    refused after resolution, with a bilingual reason, and the server gets no request."""
    port, routes, hits = target
    routes["/select"] = b"id,title\nsecret,private dataset\n"
    with pytest.raises(fetch.Forbidden) as err:
        fetch.to_file(f"http://{host}:{port}/select", str(tmp_path / "f"))
    message = str(err.value)
    assert "internal address" in message and "درونی" in message
    assert hits == [] and not (tmp_path / "f").exists()


def test_ipv6_loopback_is_refused(tmp_path):
    """``[::1]`` is loopback too (refused before connecting)."""
    with pytest.raises(fetch.Forbidden):
        fetch.to_file("http://[::1]:9/x", str(tmp_path / "f"))


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("10.1.2.3", "private network"), ("172.16.0.1", "private network"),
        ("192.168.1.1", "private network"), ("169.254.169.254", "link-local"),
        ("100.64.0.1", "non-public"), ("224.0.0.1", "multicast"), ("240.0.0.1", "reserved"),
        ("0.0.0.0", "unspecified"), ("::", "unspecified"), ("fe80::1", "link-local"),
        ("fc00::1", "private network"), ("ff02::1", "multicast"),
        ("::ffff:10.0.0.1", "private network"), ("2002:7f00:1::", "loopback"),
        ("64:ff9b::a9fe:a9fe", "link-local"), ("2001:0:4136:e378:8000:63bf:80ff:fffe", "loopback"),
    ],
)
def test_internal_addresses_are_named(address, kind):
    """Each internal range (and IPv4 inside IPv6: mapped, 6to4, NAT64, Teredo) is found."""
    found = fetch.forbidden_kind(ipaddress.ip_address(address))
    assert found is not None and found[1] == kind


@pytest.mark.parametrize("address", ["8.8.8.8", "185.143.232.1", "2001:4860:4860::8888"])
def test_public_addresses_pass(address):
    assert fetch.forbidden_kind(ipaddress.ip_address(address)) is None


def test_literal_internal_address_is_refused_without_dns():
    """The request-time check refuses numeric internal hosts and leaves names to the worker."""
    with pytest.raises(fetch.Forbidden):
        fetch.check_literal("http://127.0.0.1:8983/solr/ckan/select?q=*:*&wt=csv")
    with pytest.raises(fetch.Forbidden):
        fetch.check_literal("http://0x7f.1/")
    with pytest.raises(fetch.FetchError):
        fetch.check_literal("file:///etc/passwd")
    fetch.check_literal("http://data.tehran.example/a.csv")  # a name: no error here


@pytest.mark.ckan_config(ALLOW, "127.0.0.1")
def test_allow_list_lets_an_internal_network_through(tmp_path, target):
    """An allowed address is fetched; the body and its hash are returned."""
    port, routes, _hits = target
    routes["/ok.csv"] = b"a,b\n1,2\n"
    size, sha = fetch.to_file(f"http://127.0.0.1:{port}/ok.csv", str(tmp_path / "f"))
    assert size == 8 and (tmp_path / "f").read_bytes() == b"a,b\n1,2\n"
    assert sha == hashlib.sha256(b"a,b\n1,2\n").hexdigest()


@pytest.mark.ckan_config(ALLOW, "localhost")
def test_allow_list_by_host_name(tmp_path, target):
    port, routes, _hits = target
    routes["/ok.csv"] = b"a\n1\n"
    assert fetch.to_file(f"http://localhost:{port}/ok.csv", str(tmp_path / "f"))[0] == 4


def test_allow_list_parsing():
    allow = fetch.AllowList.parse(["gis.tehran.local", ".internal.example", "10.20.0.0/16", " "])
    assert allow.host("GIS.tehran.local.") and allow.host("a.internal.example")
    assert not allow.host("internal.example.evil") and not allow.host("tehran.local")
    assert allow.address(ipaddress.ip_address("10.20.3.4"))
    assert allow.address(ipaddress.ip_address("::ffff:10.20.3.4"))
    assert not allow.address(ipaddress.ip_address("10.21.0.1"))


@pytest.mark.ckan_config(ALLOW, "127.0.0.1/32")
def test_redirect_to_an_internal_address_is_refused(tmp_path):
    """An allowed server redirecting to another loopback address (not allowed, and really
    serving) is refused at the hop: the second server gets no request."""
    with serve("127.0.0.1") as (port_a, routes_a, _), serve("127.0.0.2") as (port_b, routes_b, hits_b):
        routes_b["/secret"] = b"secret\n"
        routes_a["/go"] = ("redirect", f"http://127.0.0.2:{port_b}/secret")
        with pytest.raises(fetch.Forbidden):
            fetch.to_file(f"http://127.0.0.1:{port_a}/go", str(tmp_path / "f"))
        assert hits_b == []


@pytest.mark.ckan_config(ALLOW, "127.0.0.1")
@pytest.mark.ckan_config("ckanext.smarttehran.privacy.fetch_max_redirects", "2")
def test_redirects_are_followed_up_to_the_limit(tmp_path, target):
    port, routes, hits = target
    routes["/a"] = ("redirect", "/b")
    routes["/b"] = ("redirect", f"http://127.0.0.1:{port}/c")
    routes["/c"] = b"x\n"
    assert fetch.to_file(f"http://127.0.0.1:{port}/a", str(tmp_path / "f"))[0] == 2
    routes["/loop"] = ("redirect", "/loop")
    with pytest.raises(fetch.FetchError) as err:
        fetch.to_file(f"http://127.0.0.1:{port}/loop", str(tmp_path / "g"))
    assert "redirected too many times" in str(err.value)
    assert hits.count("/loop") == 3


@pytest.mark.ckan_config(ALLOW, "127.0.0.1")
@pytest.mark.ckan_config("ckanext.smarttehran.privacy.fetch_deadline", "2")
def test_a_trickling_server_is_cut_off_at_the_total_deadline(tmp_path, target):
    """One byte every 0.3 s never trips the 30 s per-read timeout; the 2 s deadline ends
    the fetch, with a bilingual message, and no partial file is kept."""
    port, routes, _hits = target
    routes["/drip"] = ("drip", 100)
    started = time.monotonic()
    with pytest.raises(fetch.FetchError) as err:
        fetch.to_file(f"http://127.0.0.1:{port}/drip", str(tmp_path / "f"))
    assert time.monotonic() - started < 6
    assert "within 2 seconds" in str(err.value) and "قطع شد" in str(err.value)
    assert not (tmp_path / "f").exists()


@pytest.mark.ckan_config(ALLOW, "127.0.0.1/32")
def test_the_checked_address_is_the_one_connected_to(tmp_path, monkeypatch):
    """DNS rebinding: a name resolving to an allowed address when checked and to another
    one afterwards. The fetch resolves once and connects to the checked address."""
    real = socket.getaddrinfo
    calls: list[str] = []

    def rebinding(host, port, *args, **kwargs):
        if host == "rebind.test":
            calls.append(host)
            address = "127.0.0.1" if len(calls) == 1 else "127.0.0.2"
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]
        return real(host, port, *args, **kwargs)

    with serve("127.0.0.1") as (port, routes_a, _):  # noqa: SIM117 - the port of the first
        with serve("127.0.0.2", port) as (_p, routes_b, hits_b):
            routes_a["/d.csv"] = b"clean\n"
            routes_b["/d.csv"] = b"secret\n"
            monkeypatch.setattr(socket, "getaddrinfo", rebinding)
            fetch.to_file(f"http://rebind.test:{port}/d.csv", str(tmp_path / "f"))
    assert (tmp_path / "f").read_bytes() == b"clean\n"
    assert calls == ["rebind.test"] and hits_b == []
