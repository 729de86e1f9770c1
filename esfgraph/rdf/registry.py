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
from collections import defaultdict
from pathlib import Path

import pyoxigraph as ox

from ..vocab import ESF, ORG, PROV, RDF
from .ntriples import nt_term

__all__ = ["REGISTRY_NAME", "RegistryScan", "registry_entries", "read_registry", "write_registry", "replacements"]

#: The registry's file name in a build's output folder.
REGISTRY_NAME = "iris.csv"
_FIELDS = ("kind", "key", "iri", "replaced_by")


class RegistryScan:
    """What the registry needs of a finished ``graph.nt``, gathered one line at a time.

    Lets the one pass over the graph that also counts it (``GraphWriter.finish``) feed
    the registry too: only lines with a predicate the registry needs are kept (parsed
    with Oxigraph, in one go, by :meth:`entries`); the rest give just their subject.
    """

    def __init__(self):
        self._wanted = {nt_term(p) for p in (RDF.type, PROV.wasDerivedFrom, ESF.fileName, ESF.organisation,
                                              ORG.role, ESF.printedName)}
        self._type_term = nt_term(RDF.type)
        self._project_type = f" {self._type_term} {nt_term(ESF.Project)} .\n"
        self.subjects: set[str] = set()
        self.kept: list[str] = []

    def see(self, line: str) -> None:
        """Take one line of the graph (with its newline)."""
        subject, predicate, _rest = line.split(" ", 2)
        self.subjects.add(subject)
        if predicate in self._wanted and (predicate != self._type_term or line.endswith(self._project_type)):
            self.kept.append(line)

    def entries(self) -> tuple[dict[tuple[str, str], str], set[str]]:
        """The registry's keys -> IRIs, and every subject IRI (as :func:`registry_entries`)."""
        return _entries(self.kept), {subject[1:-1] for subject in self.subjects if subject.startswith("<")}


def registry_entries(nt_path: Path) -> tuple[dict[tuple[str, str], str], set[str]]:
    """Read a finished ``graph.nt``: the registry's keys -> IRIs, and every subject IRI.

    One pass over the lines (see :class:`RegistryScan`).
    """
    scan = RegistryScan()
    with open(nt_path, encoding="utf-8", newline="\n") as handle:
        for line in handle:
            scan.see(line if line.endswith("\n") else line + "\n")
    return scan.entries()


def _entries(kept: list[str]) -> dict[tuple[str, str], str]:
    rdf_type, derived_from, file_name = str(RDF.type), str(PROV.wasDerivedFrom), str(ESF.fileName)
    projects: set[str] = set()
    derived: dict[str, str] = {}
    files: dict[str, str] = {}
    parts: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for quad in ox.parse(input="".join(kept).encode("utf-8"), format=ox.RdfFormat.N_TRIPLES):
        subject, predicate, value = quad.subject.value, quad.predicate.value, quad.object.value
        if predicate == rdf_type:
            projects.add(subject)
        elif predicate == derived_from:
            derived[subject] = value
        elif predicate == file_name:
            files[subject] = value
        else:
            parts[subject][predicate].append(value)
    entries: dict[tuple[str, str], str] = {}
    for project in sorted(projects):
        name = files.get(derived.get(project, ""))
        if name:
            entries[("project", name)] = project
    for node, fields in sorted(parts.items()):
        name = files.get(derived.get(node, ""))
        organisation = fields.get(str(ESF.organisation), [None])[0]
        role = fields.get(str(ORG.role), [""])[0].rsplit("/", 1)[-1]
        if not (name and organisation):
            continue
        for printed in fields.get(str(ESF.printedName), []):
            entries[("organisation", f"{name}\t{role}\t{printed}")] = organisation
    return entries


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
        for (kind, key), iri in sorted(entries.items()):
            writer.writerow([kind, key, iri, ""])
        for old, new in sorted(replaced.items()):
            writer.writerow(["replaced", "", old, new])
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
