"""The linking pass of a build: one node per organisation, page triples rewritten to match.

Page triples are made in worker processes before the corpus is known, so a page whose
organisations may yet be joined (a name key or an organisation-number key,
:func:`esfgraph.resolve.linking.replaceable`) is set aside in a spool file instead of
going to the graph writer. After the page stage, :func:`esfgraph.resolve.linking.link_organisations`
decides which keys survive; the spooled pages then go to the writer with retired IRIs
replaced, followed by one ``dcterms:isReplacedBy`` triple per retired IRI
(:mod:`esfgraph.rdf.replaced`). Pages that name only reference organisations never wait.
"""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import Any

from .model import RecordResolution

__all__ = ["PageSpool", "may_be_linked", "run_linking"]


def may_be_linked(resolution: RecordResolution) -> bool:
    """Return whether a page's triples may change in the linking pass."""
    from .resolve import replaceable

    return any(replaceable(m.canonical) for m in resolution.mentions)


class PageSpool:
    """Pages set aside on disk (pickled one after another), in bounded memory."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._handle = None
        self.pages = 0

    def add(self, lines: list[str], municipality_codes, countries) -> None:
        if self._handle is None:
            self._handle = open(self.path, "wb")
        pickle.dump((lines, list(municipality_codes), list(countries)), self._handle, pickle.HIGHEST_PROTOCOL)
        self.pages += 1

    def replay(self, writer, linking) -> None:
        """Hand every spooled page to ``writer`` with ``linking``'s retired IRIs replaced."""
        if self._handle is None:
            return
        self._handle.close()
        self._handle = None
        with open(self.path, "rb") as handle:
            for _ in range(self.pages):
                lines, codes, countries = pickle.load(handle)
                writer.add_page(linking.rewrite_lines(lines), codes, countries)
        self.discard()

    def discard(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None
        self.path.unlink(missing_ok=True)


def run_linking(resolutions: list[RecordResolution], spool: PageSpool, writer, base: str | None) -> dict[str, Any]:
    """Link the corpus's organisations; rewrite ``resolutions`` in place; feed ``writer``.

    Returns
    -------
    dict
        ``replaced`` (old IRI -> new), ``groups`` and ``conflicts`` (see
        :class:`esfgraph.resolve.linking.Linking`).
    """
    from .resolve import link_organisations

    linking = link_organisations(resolutions, base=base)
    if linking.replaced:
        resolutions[:] = linking.apply(resolutions)
    if writer is not None:
        spool.replay(writer, linking)
        if linking.replaced:
            from .rdf import replaced_nt_lines

            writer.add_page(replaced_nt_lines(linking.replaced))
    spool.discard()
    return {"replaced": linking.replaced, "groups": linking.groups, "conflicts": linking.conflicts}
