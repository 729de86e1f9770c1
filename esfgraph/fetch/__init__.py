"""Download project pages from the ESF project bank, politely and resumably.

One call does the work::

    from esfgraph.fetch import fetch
    report = fetch("data/raw", dnrs=["2016/00023", "2019/00144"])
    print(report.summary())

Pages are saved as ``NAME.html`` with a JSON sidecar ``NAME.html.json`` that the
extractor reads (its ``url`` becomes the record's ``source_url``). The modules:

- :mod:`.targets`: diarienummer and addresses -> addresses and file names;
- :mod:`.client`: paced, retrying HTTP (User-Agent, back-off, Retry-After, redirects);
- :mod:`.robots`: robots.txt, read once per host;
- :mod:`.state`: sidecars, atomic writes, what is complete, the folder lock;
- :mod:`.report`: per-page results and the summary;
- :mod:`.run`: the loop that ties them together, :func:`fetch`.

See ``docs/fetch.md`` for the command line, the politeness rules and resuming.
"""

from .client import DEFAULT_USER_AGENT, MIN_DELAY, PROJECT_URL, PoliteClient, parse_retry_after
from .report import OUTCOMES, FetchReport, PageResult
from .robots import RobotsCache
from .run import fetch
from .state import FetchLocked, Sidecar, load_sidecar
from .targets import (
    DEFAULT_BASE_URL,
    FetchInputError,
    Target,
    build_targets,
    dnr_url,
    name_for_dnr,
    name_for_url,
    read_dnr_file,
    read_url_file,
)

__all__ = [
    "fetch",
    "FetchReport",
    "PageResult",
    "OUTCOMES",
    "FetchInputError",
    "FetchLocked",
    "Sidecar",
    "load_sidecar",
    "Target",
    "build_targets",
    "dnr_url",
    "name_for_dnr",
    "name_for_url",
    "read_dnr_file",
    "read_url_file",
    "PoliteClient",
    "RobotsCache",
    "parse_retry_after",
    "DEFAULT_BASE_URL",
    "DEFAULT_USER_AGENT",
    "MIN_DELAY",
    "PROJECT_URL",
]
