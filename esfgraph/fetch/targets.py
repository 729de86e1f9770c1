"""What to download: page addresses and the file names they are saved under.

A *target* is one page to fetch: its address and a file-name stem (``NAME``; the page
is saved as ``NAME.html`` and ``NAME.html.json``). Names are deterministic and safe on
every file system:

- a diarienummer gives its own name, ``2016/00023`` -> ``2016-00023``;
- an address gives a slug of its path and query plus a short hash of the whole
  address, so that two addresses never share a name:
  ``https://www.esf.se/projekt/?dnr=2016/00023`` -> ``projekt-dnr-2016-00023-d382846dc701``.

List files hold one diarienummer or address a line; blank lines and ``#`` comments are
ignored. Bad lines are reported with the file name and line number.
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

from ..iris import slug
from ..runtime.errors import EsfgraphError

__all__ = [
    "DEFAULT_BASE_URL",
    "FetchInputError",
    "Target",
    "dnr_url",
    "name_for_dnr",
    "name_for_url",
    "read_list_file",
    "read_dnr_file",
    "read_url_file",
    "build_targets",
]

#: The project bank's page for one project; the diarienummer goes in ``?dnr=``.
DEFAULT_BASE_URL = "https://www.esf.se/resultat/projektbanken/projekt/"

# A diarienummer as the project bank prints it: "2016/00023", "2008-3080034".
_DNR = re.compile(r"^\d{4}[/-]\d{1,12}$")
_UNSAFE_NAME = re.compile(r"[^0-9A-Za-z]+")
_URL_SLUG_MAX = 60
_COMMENT = re.compile(r"\s#")


class FetchInputError(EsfgraphError, ValueError):
    """A list file or argument that cannot be used; the message is one line (exit code 1)."""


@dataclass(frozen=True)
class Target:
    """One page to download.

    Attributes
    ----------
    name : str
        File-name stem: the page is saved as ``NAME.html`` with ``NAME.html.json``.
    url : str
        The address requested.
    dnr : str or None
        The diarienummer the address was built from, if any.
    """

    name: str
    url: str
    dnr: str | None = None


def name_for_dnr(dnr: str) -> str:
    """Return the file-name stem for a diarienummer.

    Parameters
    ----------
    dnr : str
        A diarienummer such as ``2016/00023``.

    Returns
    -------
    str
        The number with every run of other characters turned into ``-``.

    Examples
    --------
    >>> name_for_dnr("2016/00023")
    '2016-00023'
    """
    return _UNSAFE_NAME.sub("-", dnr.strip()).strip("-")


def name_for_url(url: str) -> str:
    """Return the file-name stem for a page address: a slug plus a short hash.

    The slug (of the path and query, or of the host when both are empty) makes the
    name readable; the 12-hex-digit SHA-256 prefix of the whole address keeps two
    addresses with the same slug apart.

    Parameters
    ----------
    url : str
        An absolute http(s) address.

    Returns
    -------
    str
        ``[a-z0-9-]+``, at most 73 characters.

    Examples
    --------
    >>> name_for_url("https://www.esf.se/resultat/projektbanken/projekt/?dnr=2016/00023")
    'resultat-projektbanken-projekt-dnr-2016-00023-7f7444f2f9a1'
    """
    parts = urlsplit(url)
    text = f"{parts.path} {parts.query}".strip()
    readable = slug(text) if text.strip("/ ") else slug(parts.hostname or "page")
    readable = readable[:_URL_SLUG_MAX].rstrip("-") or "page"
    digest = hashlib.sha256(url.encode("utf-8")).hexdigest()[:12]
    return f"{readable}-{digest}"


def dnr_url(dnr: str, base: str = DEFAULT_BASE_URL) -> str:
    """Return the project bank address of the page for one diarienummer.

    Parameters
    ----------
    dnr : str
        A diarienummer such as ``2016/00023``.
    base : str
        Either a template holding ``{dnr}`` (filled in, ``/`` kept as is) or the page
        address, to which ``dnr=...`` is added as a query parameter (other
        parameters are kept).

    Returns
    -------
    str
        The address to request.

    Examples
    --------
    >>> dnr_url("2016/00023")
    'https://www.esf.se/resultat/projektbanken/projekt/?dnr=2016/00023'
    >>> dnr_url("2016/00023", "http://127.0.0.1:8000/p/{dnr}.html")
    'http://127.0.0.1:8000/p/2016/00023.html'
    """
    if "{dnr}" in base:
        return base.replace("{dnr}", quote(dnr, safe="/"))
    parts = urlsplit(base)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "dnr"]
    query.append(("dnr", dnr))
    # The project bank prints addresses with a literal "/" in the number; keep it.
    encoded = urlencode(query, safe="/", quote_via=quote)
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", encoded, ""))


def _check_url(url: str, where: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchInputError(f"{where}: not an http(s) address: {url!r}")
    if any(ch.isspace() for ch in url):
        raise FetchInputError(f"{where}: address contains white space: {url!r}")
    # The fragment never reaches the server; drop it so that names stay stable.
    return urlunsplit(parts._replace(fragment=""))


def _check_dnr(dnr: str, where: str) -> str:
    if not _DNR.match(dnr):
        raise FetchInputError(
            f"{where}: not a diarienummer (expected e.g. 2016/00023): {dnr!r}"
        )
    return dnr


def read_list_file(path: str | os.PathLike) -> list[tuple[int, str]]:
    """Read a list file: one entry a line, ``#`` comments and blank lines ignored.

    Parameters
    ----------
    path : path-like
        The file, or ``-`` for standard input.

    Returns
    -------
    list of (int, str)
        ``(line number, entry)`` pairs in file order; entries are stripped.

    Raises
    ------
    FetchInputError
        When the file cannot be read or is not UTF-8 text.
    """
    try:
        if str(path) == "-":
            text = sys.stdin.read()
        else:
            text = Path(path).read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise FetchInputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise FetchInputError(f"{path}: is a folder, expected a list file") from None
    except UnicodeDecodeError as exc:
        raise FetchInputError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except OSError as exc:
        raise FetchInputError(f"{path}: cannot read ({exc.strerror})") from None
    entries = []
    for number, line in enumerate(text.splitlines(), start=1):
        # A comment starts a line or follows white space: "#" inside an address is
        # its fragment, not a comment.
        entry = _COMMENT.split(line, maxsplit=1)[0].strip()
        if entry and not entry.startswith("#"):
            entries.append((number, entry))
    return entries


def read_dnr_file(path: str | os.PathLike) -> list[str]:
    """Read and check a file of diarienummer (see :func:`read_list_file`).

    Raises
    ------
    FetchInputError
        Naming the file and line of the first entry that is not a diarienummer.

    Examples
    --------
    A file holding ``2016/00023  # Trappsteget`` gives ``["2016/00023"]``.
    """
    return [_check_dnr(entry, f"{path}:{number}") for number, entry in read_list_file(path)]


def read_url_file(path: str | os.PathLike) -> list[str]:
    """Read and check a file of page addresses (see :func:`read_list_file`).

    Raises
    ------
    FetchInputError
        Naming the file and line of the first entry that is not an http(s) address.
    """
    return [_check_url(entry, f"{path}:{number}") for number, entry in read_list_file(path)]


def build_targets(
    dnrs: tuple[str, ...] | list[str] = (),
    urls: tuple[str, ...] | list[str] = (),
    base: str = DEFAULT_BASE_URL,
    source: str = "fetch()",
) -> list[Target]:
    """Turn diarienummer and addresses into targets, in order, without duplicates.

    Parameters
    ----------
    dnrs : sequence of str
        Diarienummer; each is requested at :func:`dnr_url` ``(dnr, base)``.
    urls : sequence of str
        Page addresses (absolute http or https).
    base : str
        See :func:`dnr_url`.
    source : str
        Named in error messages, with the entry's position.

    Returns
    -------
    list of Target
        Diarienummer first, then addresses; a repeated name is kept once.

    Raises
    ------
    FetchInputError
        On an entry that is not a diarienummer or not an http(s) address.
    """
    targets: list[Target] = []
    seen: set[str] = set()
    for index, dnr in enumerate(dnrs):
        dnr = _check_dnr(dnr.strip(), f"{source} dnrs[{index}]")
        target = Target(name_for_dnr(dnr), _check_url(dnr_url(dnr, base), f"base {base!r}"), dnr)
        if target.name not in seen:
            seen.add(target.name)
            targets.append(target)
    for index, url in enumerate(urls):
        url = _check_url(url.strip(), f"{source} urls[{index}]")
        target = Target(name_for_url(url), url)
        if target.name not in seen:
            seen.add(target.name)
            targets.append(target)
    return targets
