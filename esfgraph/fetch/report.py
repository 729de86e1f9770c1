"""What a fetch did: one :class:`PageResult` per page and the :class:`FetchReport` over them."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

__all__ = ["OUTCOMES", "Outcome", "PageResult", "FetchReport"]

#: What can happen to one page, in the order summaries list them.
Outcome = Literal["fetched", "unchanged", "skipped", "failed", "disallowed"]
OUTCOMES: tuple[str, ...] = ("fetched", "unchanged", "skipped", "failed", "disallowed")

_LABELS = {
    "fetched": "fetched",
    "unchanged": "unchanged (304)",
    "skipped": "already complete",
    "failed": "failed",
    "disallowed": "disallowed by robots.txt",
}


@dataclass
class PageResult:
    """The outcome for one page.

    Attributes
    ----------
    name : str
        File-name stem (``NAME.html``).
    url : str
        The address requested.
    outcome : str
        ``fetched`` (new or changed, saved), ``unchanged`` (304: file kept, sidecar's
        ``fetched_at`` updated), ``skipped`` (already complete, not requested),
        ``failed`` or ``disallowed`` (robots.txt; never requested).
    status : int or None
        The last HTTP status, if any.
    final_url : str or None
        The address after redirects.
    reason : str or None
        For ``failed`` and ``disallowed``: why, in one line.
    attempts : int
        Requests made for this page (retries and redirects included).
    path : str or None
        The saved page file, for ``fetched``, ``unchanged`` and ``skipped``.
    """

    name: str
    url: str
    outcome: Outcome
    status: int | None = None
    final_url: str | None = None
    reason: str | None = None
    attempts: int = 0
    path: str | None = None


@dataclass
class FetchReport:
    """Everything one :func:`esfgraph.fetch.fetch` call did.

    Attributes
    ----------
    out_dir : str
        Where pages were saved.
    results : list of PageResult
        In the order the pages were given.
    requests : int
        HTTP requests made, robots.txt and retries included.
    seconds : float
        Wall-clock time of the run.
    interrupted : bool
        True when Ctrl-C stopped the run; ``pending`` pages were not reached.
    pending : list of str
        Addresses not reached because of the interruption.
    """

    out_dir: str
    results: list[PageResult] = field(default_factory=list)
    requests: int = 0
    seconds: float = 0.0
    interrupted: bool = False
    pending: list[str] = field(default_factory=list)

    def of(self, outcome: str) -> list[PageResult]:
        """Return the results with the given outcome, in input order."""
        return [result for result in self.results if result.outcome == outcome]

    @property
    def fetched(self) -> list[PageResult]:
        """Pages downloaded and saved."""
        return self.of("fetched")

    @property
    def unchanged(self) -> list[PageResult]:
        """Pages the server confirmed unchanged (304)."""
        return self.of("unchanged")

    @property
    def skipped(self) -> list[PageResult]:
        """Pages already complete on disk, not requested."""
        return self.of("skipped")

    @property
    def failed(self) -> list[PageResult]:
        """Pages that could not be fetched."""
        return self.of("failed")

    @property
    def disallowed(self) -> list[PageResult]:
        """Pages robots.txt forbids; never requested."""
        return self.of("disallowed")

    @property
    def ok(self) -> bool:
        """True when nothing failed and the run was not interrupted."""
        return not self.failed and not self.interrupted

    @property
    def exit_code(self) -> int:
        """0 when all went well, 1 when some page failed, 130 after Ctrl-C."""
        if self.interrupted:
            return 130
        return 0 if self.ok else 1

    def counts(self) -> dict[str, int]:
        """Return the number of pages per outcome (every outcome, zeros included)."""
        counts = {outcome: 0 for outcome in OUTCOMES}
        for result in self.results:
            counts[result.outcome] += 1
        counts["pending"] = len(self.pending)
        return counts

    def summary(self, max_listed: int = 20) -> str:
        """Return a few lines for people: counts, then failures and disallowed pages.

        Parameters
        ----------
        max_listed : int
            Pages listed per group before "... and N more".

        Examples
        --------
        >>> FetchReport("data/raw").summary()
        'fetch: 0 pages in 0.0 s, 0 requests: 0 fetched, 0 unchanged (304), 0 already complete, 0 failed, 0 disallowed by robots.txt'
        """
        counts = self.counts()
        parts = ", ".join(f"{counts[o]} {_LABELS[o]}" for o in OUTCOMES)
        lines = [
            f"fetch: {len(self.results)} pages in {self.seconds:.1f} s, "
            f"{self.requests} requests: {parts}"
        ]
        for outcome in ("failed", "disallowed"):
            results = self.of(outcome)
            if not results:
                continue
            lines.append(f"{_LABELS[outcome]}:")
            for result in results[:max_listed]:
                lines.append(f"  {result.name}  {result.url}  {result.reason}")
            if len(results) > max_listed:
                lines.append(f"  ... and {len(results) - max_listed} more")
        if self.interrupted:
            lines.append(
                f"interrupted: {len(self.pending)} pages not reached; "
                "run the same command again to resume"
            )
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """Return the report as JSON-able data (``counts`` included)."""
        data = asdict(self)
        data["counts"] = self.counts()
        return data
