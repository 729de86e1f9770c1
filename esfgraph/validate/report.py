"""The validation report for people (``validation.txt``) and for machines (``validation.ttl``).

``validation.txt`` groups results by project: each project is named by its title, its
IRI and the page it was read from, followed by one line per finding in plain words
(``VIOLATION  ESF grant: The ESF grant is larger than the total budget. Value: 9000000.``).
Problems with an organisation or a place are listed once, in their own sections, with the
projects that refer to them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Literal

from ..runtime.files import atomic_write
from .outcome import ValidationOutcome
from .results import ValidationResult

__all__ = ["render_text", "write_validation", "ValidationFiles"]

_SHOWN_PROJECTS = 5
_SEVERITY_ORDER = {"Violation": 0, "Warning": 1}


def _order(result: ValidationResult) -> tuple:
    """Violations before warnings, then the result key."""
    return (_SEVERITY_ORDER.get(result.severity, 2), result.key)


def _project_order(outcome: ValidationOutcome, project: str) -> tuple:
    """Projects in the order of their pages' file names (how people find them), then IRI."""
    info = outcome.projects.get(project)
    return (min(info.pages) if info and info.pages else "\uffff", project)
_SECTION_TITLES = {
    "organisation": "Organisations",
    "place": "Places",
    "other": "Other resources",
}


@dataclass
class ValidationFiles:
    """Paths written by :func:`write_validation`."""

    text: Path
    turtle: Path


def _short(term) -> str:
    """A compact name for a property or shape IRI (``esf:esfGrantSEK``)."""
    text = str(term)
    for prefix, namespace in (
        ("esf:", "https://w3id.org/esfgraph/ontology#"),
        ("esfsh:", "https://w3id.org/esfgraph/shapes#"),
        ("schema:", "https://schema.org/"),
        ("dcterms:", "http://purl.org/dc/terms/"),
        ("org:", "http://www.w3.org/ns/org#"),
        ("prov:", "http://www.w3.org/ns/prov#"),
        ("rdfs:", "http://www.w3.org/2000/01/rdf-schema#"),
    ):
        if text.startswith(namespace):
            return prefix + text[len(namespace):]
    return f"<{text}>"


def _value(term) -> str:
    if isinstance(term, Literal):
        return f'"{term}"' if term.datatype is None and not term.language else str(term)
    return _short(term)


def _finding(result: ValidationResult, subject: str = "") -> str:
    line = f"  {result.severity.upper():<10} {subject}{result.message('en')}"
    details = []
    if result.path is not None:
        details.append(f"property {_short(result.path)}")
    if result.value is not None:
        details.append(f"value {_value(result.value)}")
    return line + (f" ({'; '.join(details)})" if details else "")


def _project_heading(outcome: ValidationOutcome, project: str) -> list[str]:
    info = outcome.projects.get(project)
    title = info.title if info and info.title else "(no title)"
    pages = ", ".join(sorted(info.pages)) if info and info.pages else "(unknown page)"
    return [f'Project "{title}" <{project}>', f"  page: {pages}"]


def render_text(outcome: ValidationOutcome) -> str:
    """Return ``validation.txt`` for an outcome: a summary, then findings by project.

    Parameters
    ----------
    outcome : ValidationOutcome

    Returns
    -------
    str
        Plain text, deterministic for the same results.
    """
    results = outcome.results
    by_project: dict[str, list[tuple[str, ValidationResult]]] = {}
    by_section: dict[str, dict[str, list[ValidationResult]]] = {}
    for result in results:
        focus = str(result.focus)
        context = outcome.contexts.get(focus)
        kind = context.kind if context else "other"
        if kind in ("project", "participation", "page") and context.projects:
            for project in context.projects:
                by_project.setdefault(project, []).append((focus, result))
        else:
            by_section.setdefault(kind if kind in _SECTION_TITLES else "other", {}).setdefault(focus, []).append(result)

    lines = [
        "SHACL validation of the esfgraph graph (shapes: ontology/shapes.ttl)",
        f"Conforms: {'yes' if outcome.conforms else 'no'}",
        f"{outcome.violations} violation(s), {outcome.warnings} warning(s)"
        + (f", {outcome.infos} info(s)" if outcome.infos else "")
        + f"; {outcome.checked} project(s) checked, {len(by_project)} with findings.",
        "VIOLATION means the data is wrong; WARNING means it is incomplete.",
    ]
    for project in sorted(by_project, key=lambda p: _project_order(outcome, p)):
        lines += ["", *_project_heading(outcome, project)]
        block: list[str] = []
        for focus, result in sorted(by_project[project], key=lambda item: (item[0] != project, _order(item[1]))):
            subject = ""
            if focus != project:
                context = outcome.contexts.get(focus)
                label = context.label if context and context.label else f"<{focus}>"
                what = "participation" if context and context.kind == "participation" else "page"
                subject = f"{what} {label}: "
            line = _finding(result, subject)
            if line not in block:  # one shape, several components (datatype, range): one line
                block.append(line)
        lines += block
    for kind in ("organisation", "place", "other"):
        nodes = by_section.get(kind)
        if not nodes:
            continue
        lines += ["", _SECTION_TITLES[kind]]
        for focus in sorted(nodes):
            context = outcome.contexts.get(focus)
            label = context.label if context and context.label else "(no name)"
            lines.append(f'  "{label}" <{focus}>')
            projects = sorted(context.projects, key=lambda p: _project_order(outcome, p)) if context else []
            if projects:
                shown = []
                for project in projects[:_SHOWN_PROJECTS]:
                    info = outcome.projects.get(project)
                    title = info.title if info and info.title else project
                    page = f" ({', '.join(sorted(info.pages))})" if info and info.pages else ""
                    shown.append(f'"{title}"{page}')
                more = f" and {len(projects) - _SHOWN_PROJECTS} more" if len(projects) > _SHOWN_PROJECTS else ""
                lines.append(f"    in {len(projects)} project(s): {'; '.join(shown)}{more}")
            for line in dict.fromkeys("  " + _finding(result) for result in sorted(nodes[focus], key=_order)):
                lines.append(line)
    return "\n".join(lines) + "\n"


def _write_atomic(path: Path, data: bytes) -> None:
    atomic_write(path, data, fsync=False)  # the build's staging folder is swapped in whole


def write_validation(outcome: ValidationOutcome, out_dir: Path | str) -> ValidationFiles:
    """Write ``validation.txt`` and ``validation.ttl`` to ``out_dir``.

    Parameters
    ----------
    outcome : ValidationOutcome
        From :func:`esfgraph.validate.validate_graph`.
    out_dir : path
        Created if missing.

    Returns
    -------
    ValidationFiles
        The two paths.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    files = ValidationFiles(out_dir / "validation.txt", out_dir / "validation.ttl")
    _write_atomic(files.text, (outcome.text or render_text(outcome)).encode("utf-8"))
    _write_atomic(files.turtle, outcome.report_graph.serialize(format="turtle", encoding="utf-8"))
    return files
