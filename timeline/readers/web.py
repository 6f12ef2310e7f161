"""Fetching web pages given by their address, through a cache kept on disk.

urllib3 fetches (it comes with trafilatura already, and has retries with backoff and redirect
limits built in). What a page returned is kept in the cache folder (see
:func:`timeline.gazetteer.cache_folder`) under ``pages/``: the body as it came, and beside it a
JSON file with the address asked for, the final address after redirects and the media type.
A later run reads the page from there and does not fetch it again, so a chronology can be
rebuilt from the same pages after they change or disappear; ``offline`` reads only the cache.

Every failure is an InputError whose message follows the address, in one line, and says
what to do: the run goes on with the other inputs.
"""
from __future__ import annotations

import contextlib
import datetime
import hashlib
import ipaddress
import json
import os
import socket
import tempfile
import time
from dataclasses import dataclass
from http import HTTPStatus
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from .base import InputError

DISTRIBUTION = "news-timeline"  # the name on the package index (the command and package are timeline)
# Read when each request is made, so a program (or a test) may change them.
CONNECT_TIMEOUT = 10.0  # seconds to open a connection
READ_TIMEOUT = 30.0  # seconds the server may stay silent while sending
TOTAL_TIMEOUT = 120.0  # seconds for a whole page: a server that trickles bytes is given up on
RETRIES = 3  # further tries after a connection error or a 429 or 5xx answer
BACKOFF_FACTOR = 0.5  # waits of 0, 1, 2 s between tries
RETRY_AFTER_MAX = 30  # the longest Retry-After (seconds) a server may ask for
MAX_REDIRECTS = 10
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
CHUNK = 64 * 1024
SCHEMES = ("http", "https")


@dataclass(frozen=True)
class Page:
    """What an address returned: its body, the address it ended at after redirects, its media type
    (the Content-Type header), and whether it came from the cache."""

    body: bytes
    url: str
    content_type: str = ""
    cached: bool = False


def is_address(argument: str) -> bool:
    """Whether a command-line argument is a web address (any ``scheme://``), not a path."""
    scheme, separator, _ = argument.partition("://")
    return bool(separator) and scheme.isascii() and scheme.isalpha() and len(scheme) > 1


def user_agent() -> str:
    from .. import __version__

    return f"timeline/{__version__} (+https://pypi.org/project/{DISTRIBUTION})"


def fetch(url: str, max_size: int | None = None, *, offline: bool = False) -> Page:
    """The page at ``url``: from the cache when it is there, else fetched (and then cached).

    Raises InputError for an address that is not http(s), a page not in the cache with
    ``offline``, a page larger than ``max_size`` bytes, and every way a fetch fails.
    """
    _check_scheme(url)
    page = read_cached(url)
    if page is None:
        if offline:
            raise InputError("is not in the cache (--offline); run once without --offline")
        page = download(url, max_size)
        write_cached(url, page)
    if max_size and len(page.body) > max_size:
        raise InputError(_too_large(f"is {_megabytes(len(page.body))}", max_size))
    return page


def _check_scheme(url: str) -> None:
    scheme = urlsplit(url).scheme.lower()
    if scheme not in SCHEMES:
        fix = "give the file's path instead" if scheme == "file" else \
            "give an http:// or https:// address, or save the page and give the file"
        raise InputError(f"is not an http(s) link; {fix}")


def _too_large(what: str, max_size: int) -> str:
    return f"{what}, more than the {_megabytes(max_size)} limit; raise the limit with --max-size"


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"


_POOL: tuple[int, object] | None = None


def _pool():
    """One connection pool per process: a pool made before a fork is not shared with the workers."""
    global _POOL
    import urllib3

    if _POOL is None or _POOL[0] != os.getpid():
        _POOL = (os.getpid(), urllib3.PoolManager(
            headers={"User-Agent": user_agent(), "Accept-Encoding": "gzip, deflate",
                     "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}))
    return _POOL[1]


def download(url: str, max_size: int | None = None) -> Page:
    """Fetch ``url``, following at most MAX_REDIRECTS redirects; raise InputError on failure."""
    import urllib3

    seen = [url]
    deadline = time.monotonic() + TOTAL_TIMEOUT
    while True:
        retries = urllib3.Retry(
            total=None, connect=RETRIES, read=0, status=RETRIES, other=0, redirect=False,
            status_forcelist=RETRY_STATUSES, backoff_factor=BACKOFF_FACTOR,
            retry_after_max=RETRY_AFTER_MAX, raise_on_status=False)
        try:
            response = _pool().request(
                "GET", url, redirect=False, retries=retries, preload_content=False,
                timeout=urllib3.Timeout(connect=CONNECT_TIMEOUT, read=READ_TIMEOUT))
        except urllib3.exceptions.HTTPError as error:
            raise InputError(_failure(error, url, seen[0])) from None
        try:
            location = response.headers.get("Location")
            if 300 <= response.status < 400:
                if not location:
                    raise InputError(f"{_at(url, seen[0])}returned {_status(response.status)} without saying "
                                     "where to; check the link")
                url = urljoin(url, location.strip())
                if url in seen:
                    raise InputError(f"redirects in a loop (back to {url}); open it in a browser, save the page "
                                     "and give the file")
                if len(seen) > MAX_REDIRECTS:
                    raise InputError(f"was redirected more than {MAX_REDIRECTS} times; open it in a browser, "
                                     "save the page and give the file")
                seen.append(url)
                _check_redirect_scheme(url)
                _check_redirect_network(url, seen[0])
                continue
            if response.status >= 400 or response.status < 200:
                raise InputError(_refused(response.status, url, seen[0], retries_used=response.retries))
            body = _body(response, url, max_size, deadline)
            return Page(body, url, response.headers.get("Content-Type", ""))
        finally:
            response.release_conn()


def _check_redirect_scheme(url: str) -> None:
    if urlsplit(url).scheme.lower() not in SCHEMES:
        raise InputError(f"redirects to {url}, which is not an http(s) link; save the page from your "
                         "browser and give the file")


def _check_redirect_network(url: str, asked: str) -> None:
    """A page out on the internet may not send the request on to this machine or its network (a
    router's page, a cloud machine's metadata at 169.254.169.254) and have the answer read into the
    chronology. An address the user gave on their own network may redirect within it."""
    host = urlsplit(url).hostname
    if host and _on_this_network(host) and not _on_this_network(urlsplit(asked).hostname or ""):
        raise InputError(f"redirects to {url}, an address on this machine or its local network; open it in "
                         "a browser, save the page and give the file")


def _addresses(host: str) -> list[str]:
    """The IP addresses ``host`` resolves to (none when it does not)."""
    try:
        return [info[4][0] for info in socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)]
    except (OSError, UnicodeError):
        return []


def _on_this_network(host: str) -> bool:
    """Whether ``host`` is or resolves to an address that is not on the public internet: loopback,
    private, link-local, shared or reserved."""
    return any(not ipaddress.ip_address(address.partition("%")[0]).is_global for address in _addresses(host))


def _body(response, url: str, max_size: int | None, deadline: float) -> bytes:
    import urllib3

    declared = response.headers.get("Content-Length", "")
    if max_size and declared.isdigit() and int(declared) > max_size and \
            not response.headers.get("Content-Encoding"):
        raise InputError(_too_large(f"is {_megabytes(int(declared))}", max_size))
    chunks: list[bytes] = []
    size = 0
    try:
        for chunk in response.stream(CHUNK, decode_content=True):
            chunks.append(chunk)
            size += len(chunk)
            if max_size and size > max_size:
                raise InputError(_too_large("is larger", max_size))
            if time.monotonic() > deadline:
                raise InputError(f"took more than {TOTAL_TIMEOUT:g} s to send; try again later, or save "
                                 "the page from your browser and give the file")
    except urllib3.exceptions.HTTPError as error:
        raise InputError(_failure(error, url, url)) from None
    return b"".join(chunks)


def _at(url: str, asked: str) -> str:
    """Where an answer came from, when a redirect took the request elsewhere."""
    return "" if url == asked else f"was redirected to {url}, which "


def _status(code: int) -> str:
    try:
        return f"{code} {HTTPStatus(code).phrase}"
    except ValueError:
        return str(code)


def _refused(code: int, url: str, asked: str, retries_used=None) -> str:
    where = _at(url, asked)
    if code in (401, 403, 407):
        return f"{where}needs a login ({_status(code)}); save the page from your browser and give the file"
    if code in (404, 410):
        return f"{where}returned {_status(code)}; check the link"
    if code in RETRY_STATUSES:
        tries = 1 + len(retries_used.history) if retries_used is not None else 1
        return f"{where}returned {_status(code)} ({tries} tries); try again later"
    return f"{where}returned {_status(code)}; check the link, or save the page from your browser and give the file"


def _failure(error: Exception, url: str, asked: str) -> str:
    """One line for a fetch that got no answer: a timeout, a refused connection, an unknown host."""
    import urllib3.exceptions as failures

    reason = error.reason if isinstance(error, failures.MaxRetryError) else error
    where = _at(url, asked)
    host = urlsplit(url).hostname or url
    later = "try again later, or save the page from your browser and give the file"
    # Most specific first: urllib3 makes NameResolutionError a NewConnectionError, and that a ConnectTimeoutError.
    if isinstance(reason, failures.NameResolutionError):
        return f"{where}names a host that cannot be found ({host}); check the link and the network"
    if isinstance(reason, failures.NewConnectionError):
        if isinstance(reason.__cause__, ConnectionRefusedError) or "refused" in str(reason).lower():
            return f"{where}refused the connection ({host}); check the link, or {later}"
        return f"{where}cannot be reached ({_first_line(reason)}); check the link and the network"
    if isinstance(reason, failures.ConnectTimeoutError):
        return f"{where}did not answer within {CONNECT_TIMEOUT:g} s (connect timeout); {later}"
    if isinstance(reason, failures.ReadTimeoutError):
        return f"{where}stopped sending for {READ_TIMEOUT:g} s (read timeout); {later}"
    if isinstance(reason, failures.SSLError):
        return f"{where}has a secure connection that cannot be trusted ({_first_line(reason)}); check the link"
    if isinstance(reason, failures.ProtocolError):
        return f"{where}broke off the connection ({_first_line(reason)}); {later}"
    return f"{where}cannot be fetched ({_first_line(reason)}); {later}"


def _first_line(error: object) -> str:
    said = str(error)
    # urllib3 starts many messages with the repr of the connection: keep what follows.
    if ">: " in said:
        said = said.split(">: ", 1)[1]
    return " ".join(said.split())[:200]


def cache_paths(url: str) -> tuple[Path, Path] | None:
    """The metadata (JSON) and body files of ``url`` in the cache, or None when there is no cache."""
    from ..gazetteer import cache_folder

    folder = cache_folder()
    if folder is None:
        return None
    key = hashlib.sha256(url.encode("utf-8", "surrogateescape")).hexdigest()
    return folder / "pages" / f"{key}.json", folder / "pages" / f"{key}.body"


def read_cached(url: str) -> Page | None:
    """The cached page of ``url``, or None (not cached, unreadable, or its two files disagree)."""
    paths = cache_paths(url)
    if paths is None:
        return None
    try:
        metadata = json.loads(paths[0].read_text(encoding="utf-8"))
        body = paths[1].read_bytes()
    except (OSError, ValueError):
        return None
    if not isinstance(metadata, dict) or metadata.get("url") != url or \
            metadata.get("sha256") != hashlib.sha256(body).hexdigest():
        return None  # a page written by another process between our two reads, or damaged: fetch again
    return Page(body, str(metadata.get("final_url") or url), str(metadata.get("content_type") or ""), cached=True)


def write_cached(url: str, page: Page) -> None:
    """Keep ``page`` in the cache: each file is written whole under a temporary name and then
    renamed, so processes fetching at once never read half a file. The body goes first; the
    metadata, written last, holds its digest (see read_cached). Failing to cache is no error."""
    paths = cache_paths(url)
    if paths is None:
        return
    metadata = {"url": url, "final_url": page.url, "content_type": page.content_type,
                "fetched": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
                "size": len(page.body), "sha256": hashlib.sha256(page.body).hexdigest()}
    with contextlib.suppress(OSError):
        paths[0].parent.mkdir(parents=True, exist_ok=True)
        _write_atomically(paths[1], page.body)
        _write_atomically(paths[0], json.dumps(metadata, indent=1).encode("utf-8"))


def _write_atomically(path: Path, data: bytes) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".page-", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
