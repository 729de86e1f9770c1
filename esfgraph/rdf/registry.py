"""The IRI registry a build keeps in its output (``iris.csv``) and carries to the next build.

An IRI can change between builds although the thing it names did not: a page without a
project number is keyed by a hash of title, owner and start date, so a corrected title
moves the project; an organisation first known only by name (``org/name/...``) moves to
its reference key when resolution improves or a curator adds an alias. The registry
records, for each thing a build can recognise again, the IRI it had:

- ``project``: the page's file name -> the project IRI;
- ``organisation``: a page's file name, role and the name as printed -> the organisation.

The next build compares: an IRI the new graph no longer has, whose keys all lead to one
new IRI, is stated as ``old dcterms:isReplacedBy new`` in the graph
(:func:`esfgraph.rdf.replaced.replaced_triples`), and the pair stays in the registry so
that later builds keep stating it. Old IRIs thus keep resolving to what replaced them.

Examples
--------
>>> replacements({("project", "a.txt"): "p/old"}, {("project", "a.txt"): "p/new"}, present={"p/new"})
{'p/old': 'p/new'}
>>> replacements({("project", "a.txt"): "p/old"}, {("project", "a.txt"): "p/new"}, present={"p/new", "p/old"})
{}
"""

from __future__ import annotations

import csv
import os
import re
from collections import defaultdict
from pathlib import Path

from ..vocab import ESF, ORG, PROV, RDF
from .ntriples import nt_term, term_value
from .sortedgraph import SortedFile

__all__ = ["REGISTRY_NAME", "RegistryScan", "registry_entries", "read_registry", "write_registry", "replacements"]

#: The registry's file name in a build's output folder.
REGISTRY_NAME = "iris.csv"
_FIELDS = ("kind", "key", "iri", "replaced_by")


class RegistryScan:
    """What the registry needs of a finished ``graph.nt``, gathered block by block.

    Lets the pass that writes the graph (``GraphWriter.finish``) feed the registry too:
    :meth:`see_block` finds the lines whose predicate the registry needs by searching the
    block for the predicate (a bytes search, not a loop over lines) and reads their terms
    back with one regular expression over those lines
    (:func:`~esfgraph.rdf.ntriples.term_value`): the graph's own lines need no parser.
    """

    def __init__(self):
        def mark(predicate) -> bytes:
            return f" {nt_term(predicate)} ".encode("utf-8")

        self._project_tail = f" {nt_term(RDF.type)} {nt_term(ESF.Project)} .\n".encode("utf-8")
        self._derived, self._file, self._organisation, self._role, self._printed = (
            mark(PROV.wasDerivedFrom), mark(ESF.fileName), mark(ESF.organisation), mark(ORG.role),
            mark(ESF.printedName))
        self.projects: set[str] = set()
        self.derived: dict[str, str] = {}  # node -> its source page (the last in file order)
        self.files: dict[str, str] = {}  # source page -> file name (the last)
        self.organisations: dict[str, str] = {}  # participation -> organisation (the first)
        self.roles: dict[str, str] = {}  # participation -> role (the first)
        self.printed: dict[str, list[str]] = {}  # participation -> printed names, in file order

    def see_block(self, data: bytes) -> None:
        """Take whole lines of the graph (UTF-8, in file order)."""
        self.projects.update(subject for subject, _value in _terms(data, self._project_tail))
        self.derived.update(_terms(data, self._derived))
        self.files.update(_terms(data, self._file))
        for field, mark in ((self.organisations, self._organisation), (self.roles, self._role)):
            first = dict(reversed(_terms(data, mark)))  # the first value of each subject ...
            field.update({subject: first[subject] for subject in first.keys() - field.keys()})  # ... in the file
        for subject, value in _terms(data, self._printed):
            self.printed.setdefault(subject, []).append(value)

    def entries(self) -> dict[tuple[str, str], str]:
        """The registry's keys -> IRIs."""
        files, derived = self.files, self.derived
        entries: dict[tuple[str, str], str] = {}
        for project in sorted(self.projects):
            name = files.get(derived.get(project, ""))
            if name:
                entries[("project", name)] = project
        for node in sorted(self.printed):
            name = files.get(derived.get(node, ""))
            organisation = self.organisations.get(node)
            if not (name and organisation):
                continue
            role = self.roles.get(node, "").rsplit("/", 1)[-1]
            for printed in self.printed[node]:
                entries[("organisation", f"{name}\t{role}\t{printed}")] = organisation
        return entries


#: Subject, predicate and object of an N-Triples line (each match is one whole line).
_LINE_TERMS = re.compile(r"(\S+) (\S+) (.*) \.\n")


def _terms(data: bytes, mark: bytes) -> list[tuple[str, str]]:
    """Subject and object values of the lines of ``data`` whose predicate is ``mark``, in order.

    ``mark`` is the predicate with a space either side (or a line's tail from its
    predicate on); it counts only where it follows the line's first term: a literal
    may hold the same text further on.
    """
    # bytes.find skips fastest for a short needle of few distinct bytes: search for the
    # end of the predicate IRI (its local name), then check the whole predicate.
    tail = mark[max(mark.rfind(b"#"), mark.rfind(b"/")):]
    find, rfind = data.find, data.rfind
    lines: list[bytes] = []
    at = find(tail)
    while at >= 0:
        end = find(b"\n", at) + 1
        start = at + len(tail) - len(mark)
        if data.startswith(mark, start):
            lines.append(data[rfind(b"\n", 0, start) + 1:end])
        at = find(tail, end)
    text = b"".join(lines).decode("utf-8")
    predicate = mark.split(b" ", 2)[1].decode("utf-8")
    found = [(subject, value) for subject, term, value in _LINE_TERMS.findall(text) if term == predicate]
    if "\\" in text or "_:" in text:  # an escape or a blank node: read each term properly
        return [(term_value(subject), term_value(value)) for subject, value in found]
    return [(subject[1:-1], value[1:-1] if value[0] == "<" else value[1:value.rfind('"')])
            for subject, value in found]


def registry_entries(nt_path: Path) -> tuple[dict[tuple[str, str], str], SortedFile]:
    """Read a finished, sorted ``graph.nt``: the registry's keys -> IRIs, and its subjects.

    The subjects are a :class:`~esfgraph.rdf.sortedgraph.SortedFile`: ``iri in subjects``
    asks the file.
    """
    scan = RegistryScan()
    with open(nt_path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 24), b""):
            scan.see_block(block if block.endswith(b"\n") else block + handle.readline())
    return scan.entries(), SortedFile(nt_path)


def read_registry(path: Path) -> tuple[dict[tuple[str, str], str], dict[str, str]]:
    """Read ``iris.csv``: the keys -> IRIs, and the replacements stated so far (old -> new).

    A missing or unreadable file is an empty registry (a first build, or an old output).
    """
    entries: dict[tuple[str, str], str] = {}
    replaced: dict[str, str] = {}
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                if row.get("kind") == "replaced":
                    replaced[row["iri"]] = row["replaced_by"]
                elif row.get("kind") and row.get("iri"):
                    entries[(row["kind"], row["key"])] = row["iri"]
    except (OSError, csv.Error, KeyError, UnicodeDecodeError):
        return {}, {}
    return entries, replaced


def write_registry(path: Path, entries: dict[tuple[str, str], str], replaced: dict[str, str]) -> None:
    """Write ``iris.csv`` sorted (the same registry gives the same bytes)."""
    partial = Path(str(path) + ".partial")
    with open(partial, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(_FIELDS)
        # Keys are distinct: sorting them alone gives the order of sorting the items.
        writer.writerows((kind, key, entries[kind, key], "") for kind, key in sorted(entries))
        writer.writerows(("replaced", "", old, replaced[old]) for old in sorted(replaced))
    os.replace(partial, path)


def replacements(previous: dict[tuple[str, str], str], current: dict[tuple[str, str], str],
                 present: set[str]) -> dict[str, str]:
    """The IRIs of ``previous`` that the new graph lacks, each with the one IRI that replaced it.

    An old IRI whose keys now lead to several new IRIs (a merged name split up) is left
    out: there is no single successor to name.
    """
    successors: dict[str, set[str]] = defaultdict(set)
    for key, old in previous.items():
        new = current.get(key)
        if new is not None and new != old and old not in present:
            successors[old].add(new)
    return {old: next(iter(new)) for old, new in sorted(successors.items()) if len(new) == 1}
