"""Fetching a resource URL for screening, safely: streamed to a file, size-capped, with a
total deadline, and never to an internal address.

The target of every connection is checked after DNS resolution and the socket is
connected to exactly the address that was checked (the check lives in the connection
class, so there is no gap between check and connect that DNS rebinding could use).
Redirects are followed here, one hop at a time, each hop checked again. Loopback,
private, link-local, shared (CGNAT), reserved, multicast and unspecified addresses are
refused, IPv4 and IPv6, including IPv4 addresses carried inside IPv6 (``::ffff:a.b.c.d``,
6to4, Teredo, NAT64) and the decimal, octal and hex forms of IPv4 (``2130706433``,
``0x7f.1``), which the resolver turns into ordinary addresses before the check.
``ckanext.smarttehran.privacy.fetch_allowed_hosts`` lets an operator allow departments'
internal hosts or networks (empty by default).

A watchdog closes the connection at the total deadline
(``ckanext.smarttehran.privacy.fetch_deadline``), so a server that sends one byte every
few seconds is cut off; ``fetch_timeout`` still bounds each connect and read.
"""

from __future__ import annotations

import contextlib
import contextvars
import hashlib
import ipaddress
import os
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlparse

import requests
import urllib3
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

from ckanext.smarttehran import config
from ckanext.smarttehran.errors import bilingual

CHUNK = 1 << 16
IP = ipaddress.IPv4Address | ipaddress.IPv6Address
NAT64 = ipaddress.ip_network("64:ff9b::/96")


class FetchError(Exception):
    """The URL could not be fetched; the message is bilingual and names no content."""


class TooLarge(FetchError):
    """The body is larger than the limit given to ``to_file``."""


class Forbidden(FetchError):
    """The URL's host is (or resolves to) an address the portal must not fetch from."""


# Checking addresses ----------------------------------------------------------------------

_KINDS = (
    ("is_loopback", "حلقهٔ محلی (loopback)", "loopback"),
    ("is_unspecified", "نامشخص", "unspecified"),
    ("is_link_local", "پیوند محلی (link-local)", "link-local"),
    ("is_multicast", "چندپخشی", "multicast"),
    ("is_reserved", "رزروشده", "reserved"),
    ("is_private", "شبکهٔ خصوصی", "private network"),
)


def _embedded_ipv4(ip: IP) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address carries (mapped, 6to4, Teredo, NAT64), if any."""
    if not isinstance(ip, ipaddress.IPv6Address):
        return None
    if ip.ipv4_mapped:
        return ip.ipv4_mapped
    if ip.sixtofour:
        return ip.sixtofour
    if ip.teredo:
        return ip.teredo[1]
    if ip in NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def forbidden_kind(ip: IP) -> tuple[str, str] | None:
    """``(fa, en)`` naming why the address may not be fetched from, or None when public."""
    inner = _embedded_ipv4(ip)
    if inner is not None:
        return forbidden_kind(inner)
    for attr, fa, en in _KINDS:
        if getattr(ip, attr):
            return fa, en
    if not ip.is_global:
        return "غیرعمومی", "non-public"
    return None


@dataclass
class AllowList:
    """Hosts (``gis.tehran.local``, ``.tehran.local`` for its subdomains) and networks
    (``10.20.0.0/16``, ``127.0.0.1``) that may be fetched from although internal."""

    hosts: set[str] = field(default_factory=set)
    suffixes: tuple[str, ...] = ()
    networks: list[ipaddress.IPv4Network | ipaddress.IPv6Network] = field(default_factory=list)

    @classmethod
    def parse(cls, entries: list[str]) -> AllowList:
        out = cls()
        suffixes = []
        for entry in (e.strip().lower().strip("[]") for e in entries):
            if not entry:
                continue
            try:
                out.networks.append(ipaddress.ip_network(entry, strict=False))
                continue
            except ValueError:
                pass
            if entry.startswith("."):
                suffixes.append(entry)
            else:
                out.hosts.add(entry.rstrip("."))
        out.suffixes = tuple(suffixes)
        return out

    def host(self, name: str) -> bool:
        name = name.lower().rstrip(".")
        return name in self.hosts or bool(self.suffixes and name.endswith(self.suffixes))

    def address(self, ip: IP) -> bool:
        inner = _embedded_ipv4(ip)
        return any(ip in net or (inner is not None and inner in net) for net in self.networks)


def _refusal(kind: tuple[str, str]) -> Forbidden:
    fa, en = kind
    return Forbidden(
        bilingual(
            f"نشانی به یک مقصد درونی ({fa}) اشاره می‌کند و برای حفاظت از شبکهٔ شهرداری "
            "دریافت نمی‌شود. اگر این میزبانِ یک سازمان است، از مدیر سامانه بخواهید آن را "
            "در فهرست مجاز بگذارد.",
            f"The URL points at an internal address ({en}) and is not fetched, to protect "
            "the city's network. If it is a department's host, ask an administrator to add "
            "it to ckanext.smarttehran.privacy.fetch_allowed_hosts.",
        )
    )


def resolve(host: str, port: int, allow: AllowList) -> list[tuple]:
    """The addresses to connect to for ``host``; raises Forbidden if any is internal.

    Every address the name resolves to must be allowed (a name with one public and one
    internal address is refused), so the choice of address cannot be steered.
    """
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(
            bilingual(
                "نام میزبانِ نشانی یافت نشد.",
                "The URL's host name could not be resolved.",
            )
        ) from exc
    if not allow.host(host):
        for info in infos:
            ip = ipaddress.ip_address(info[4][0].split("%", 1)[0])
            kind = forbidden_kind(ip)
            if kind and not allow.address(ip):
                raise _refusal(kind)
    return infos


def check_literal(url: str) -> None:
    """Refuse at once (no DNS) a URL that is not http(s) or whose host is an internal
    address written as a number in any form; host names are checked by ``to_file``."""
    parsed = _parse(url)
    allow = AllowList.parse(config.privacy_fetch_allowed_hosts())
    host = parsed.hostname or ""
    if allow.host(host):
        return
    try:
        infos = socket.getaddrinfo(host, None, flags=socket.AI_NUMERICHOST)
    except (socket.gaierror, UnicodeError, ValueError):
        return  # a name: resolved and checked when fetched
    for info in infos:
        ip = ipaddress.ip_address(info[4][0].split("%", 1)[0])
        kind = forbidden_kind(ip)
        if kind and not allow.address(ip):
            raise _refusal(kind)


def _parse(url: str):
    try:
        parsed = urlparse(url)
        parsed.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError as exc:
        raise FetchError(bilingual("نشانی درست نیست.", "The URL is not valid.")) from exc
    if parsed.scheme not in ("http", "https"):
        raise FetchError(
            bilingual(
                "فقط نشانی‌های http و https برای بررسی حریم خصوصی دریافت می‌شوند.",
                "Only http and https URLs can be fetched for privacy screening.",
            )
        )
    if not parsed.hostname:
        raise FetchError(bilingual("نشانی میزبان ندارد.", "The URL has no host."))
    return parsed


# Connections that check their own address ------------------------------------------------


class _Guard:
    """One fetch: its allow-list and deadline, and the sockets the watchdog will close."""

    def __init__(self, allow: AllowList, deadline: float) -> None:
        self.allow = allow
        self.deadline = deadline
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(max(0.0, deadline - time.monotonic()), self._expire)
        self._timer.daemon = True

    def remaining(self) -> float:
        return self.deadline - time.monotonic()

    def register(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.append(sock)
            if self.expired:
                self._close(sock)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                self._close(sock)

    @staticmethod
    def _close(sock: socket.socket) -> None:
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)

    def __enter__(self) -> _Guard:
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()


_current: contextvars.ContextVar[_Guard | None] = contextvars.ContextVar(
    "smarttehran_fetch_guard", default=None
)


def _connect(conn: HTTPConnection) -> socket.socket:
    """Resolve, check every address, connect to a checked one; registered with the guard."""
    guard = _current.get()
    if guard is None:  # only this module's session uses these classes
        raise FetchError(bilingual("دریافت بدون محافظ.", "Fetch without a guard."))
    timeout = conn.timeout if isinstance(conn.timeout, int | float) else None
    last: OSError | None = None
    for family, type_, proto, _name, address in resolve(conn._dns_host, conn.port, guard.allow):
        left = guard.remaining()
        if left <= 0:
            break
        sock = socket.socket(family, type_, proto)
        try:
            sock.settimeout(min(timeout, left) if timeout else left)
            guard.register(sock)
            sock.connect(address)
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            return sock
        except OSError as exc:
            last = exc
            sock.close()
    raise urllib3.exceptions.NewConnectionError(conn, f"could not connect: {last}")


class _GuardedHTTPConnection(HTTPConnection):
    def _new_conn(self) -> socket.socket:
        return _connect(self)


class _GuardedHTTPSConnection(HTTPSConnection):
    def _new_conn(self) -> socket.socket:
        return _connect(self)


class _GuardedHTTPPool(HTTPConnectionPool):
    ConnectionCls = _GuardedHTTPConnection


class _GuardedHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _GuardedHTTPSConnection


class _GuardedAdapter(HTTPAdapter):
    """requests' adapter whose connections check their addresses (``send`` is core's)."""

    def init_poolmanager(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {
            "http": _GuardedHTTPPool, "https": _GuardedHTTPSPool,
        }


def _session() -> requests.Session:
    session = requests.Session()
    session.trust_env = False  # no proxy from the environment: we connect ourselves
    adapter = _GuardedAdapter(max_retries=0)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


# Fetching ---------------------------------------------------------------------------------


def to_file(url: str, path: str, max_bytes: int | None = None) -> tuple[int, str]:
    """Stream ``url`` into ``path``; returns (size, sha256). Raises FetchError.

    Redirects are followed up to ``fetch_max_redirects`` times, each target checked.
    """
    limit = config.privacy_fetch_max_size() if max_bytes is None else max_bytes
    timeout = config.privacy_fetch_timeout()
    deadline_s = config.privacy_fetch_deadline()
    allow = AllowList.parse(config.privacy_fetch_allowed_hosts())
    _parse(url)
    guard = _Guard(allow, time.monotonic() + deadline_s)
    token = _current.set(guard)
    try:
        with guard, _session() as session:
            return _download(session, url, path, limit, timeout, guard)
    except FetchError:
        _remove(path)
        raise
    except requests.Timeout as exc:
        _remove(path)
        if guard.expired:
            raise _deadline(deadline_s) from exc
        raise FetchError(
            bilingual(
                f"نشانی در {timeout} ثانیه پاسخ نداد.",
                f"The URL did not answer within {timeout} seconds.",
            )
        ) from exc
    except (requests.RequestException, urllib3.exceptions.HTTPError, OSError) as exc:
        _remove(path)
        if guard.expired:
            raise _deadline(deadline_s) from exc
        raise FetchError(
            bilingual(
                "نشانی دریافت نشد؛ درستی آن را بررسی کنید.",
                f"The URL could not be fetched ({type(exc).__name__}); check it.",
            )
        ) from exc
    finally:
        _current.reset(token)


def _download(
    session: requests.Session, url: str, path: str, limit: int, timeout: int, guard: _Guard
) -> tuple[int, str]:
    for _hop in range(config.privacy_fetch_max_redirects() + 1):
        _parse(url)
        left = guard.remaining()
        if left <= 0:
            raise _deadline(config.privacy_fetch_deadline())
        per_read = min(timeout, left)
        with session.get(
            url, stream=True, allow_redirects=False, timeout=(per_read, per_read),
            headers={"Accept-Encoding": "identity"},
        ) as response:
            if response.is_redirect:
                location = response.headers.get("Location") or ""
                url = urljoin(url, location)
                continue
            if response.status_code >= 400:
                raise FetchError(
                    bilingual(
                        f"نشانی پاسخ خطا داد (کد {response.status_code}).",
                        f"The URL answered with an error (HTTP {response.status_code}).",
                    )
                )
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > limit:
                raise TooLarge(_too_large(limit))
            size, sha = _write(_body(response), path, limit)
            if guard.expired:
                raise _deadline(config.privacy_fetch_deadline())
            return size, sha
    raise FetchError(
        bilingual(
            "نشانی بیش از اندازه به جای دیگری فرستاده شد (تغییر مسیر).",
            "The URL redirected too many times.",
        )
    )


def _body(response: requests.Response) -> Iterator[bytes]:
    yield from response.iter_content(CHUNK)


def _write(blocks: Iterator[bytes], path: str, limit: int) -> tuple[int, str]:
    digest = hashlib.sha256()
    size = 0
    with open(path, "wb") as out:
        os.chmod(path, 0o600)
        for block in blocks:
            size += len(block)
            if size > limit:
                raise TooLarge(_too_large(limit))
            digest.update(block)
            out.write(block)
    return size, digest.hexdigest()


def _remove(path: str) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.remove(path)


def _deadline(seconds: int) -> FetchError:
    return FetchError(
        bilingual(
            f"دریافت نشانی در {seconds} ثانیه تمام نشد و قطع شد.",
            f"The URL's download did not finish within {seconds} seconds and was cut off.",
        )
    )


def _too_large(limit: int) -> str:
    mb = limit / (1 << 20)
    return bilingual(
        f"پروندهٔ نشانی از {mb:.0f} مگابایت بزرگ‌تر است.",
        f"The URL's file is larger than {mb:.0f} MB.",
    )
