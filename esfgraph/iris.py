"""Deterministic IRIs for everything the graph describes.

All instance IRIs hang off one configurable base (``DEFAULT_BASE`` unless the user
passes ``--base``). The same input always gives the same IRI: keys are built from what
the page says (project number, organisation number, canonical names), never from
counters or the order in which files were read.

Examples
--------
>>> project_iri_for("2019/00144", None, None, None)
'https://w3id.org/esfgraph/id/project/2019-00144'
>>> slug("Arbetsförmedlingen i Jönköping")
'arbetsformedlingen-i-jonkoping'
>>> municipality_iri("0665")
'https://w3id.org/esfgraph/id/municipality/0665'
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

__all__ = [
    "DEFAULT_BASE",
    "slug",
    "short_hash",
    "project_key",
    "project_iri_for",
    "project_iri",
    "org_iri",
    "municipality_iri",
    "county_iri",
    "country_iri",
    "source_iri",
    "participation_iri",
    "amount_iri",
    "contact_iri",
    "identifier_iri",
    "identifier_scheme_iri",
    "dataset_iri",
    "dataset_part_iri",
    "activity_iri",
    "agent_iri",
    "reference_table_iri",
    "base_iri",
    "analysis_run_iri",
    "cluster_iri",
    "partnership_iri",
]

DEFAULT_BASE = "https://w3id.org/esfgraph/id/"

_NON_SLUG = re.compile(r"[^a-z0-9]+")


def _base(base: str | None) -> str:
    base = base or DEFAULT_BASE
    return base if base.endswith(("/", "#")) else base + "/"


def base_iri(base: str | None = None) -> str:
    """Return the base all instance IRIs hang off, ending in ``/`` or ``#`` (``void:uriSpace``).

    Examples
    --------
    >>> base_iri("https://example.org/esf")
    'https://example.org/esf/'
    """
    return _base(base)


def slug(text: str) -> str:
    """Return a lower-case ASCII slug: accents dropped, other characters to ``-``.

    Parameters
    ----------
    text : str
        Any text, e.g. an organisation name.

    Returns
    -------
    str
        ``[a-z0-9-]+`` with no leading or trailing hyphen; ``"x"`` for empty input.
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    ascii_text = decomposed.encode("ascii", "ignore").decode("ascii")
    return _NON_SLUG.sub("-", ascii_text).strip("-") or "x"


def short_hash(*parts: str, length: int = 16) -> str:
    """Return a stable hex digest of ``parts`` (SHA-1, joined by ``\\x1f``)."""
    joined = "\x1f".join(parts).encode("utf-8")
    return hashlib.sha1(joined).hexdigest()[:length]


def _normalise(text: str | None) -> str:
    return " ".join((text or "").casefold().split())


def project_key(
    project_number: str | None, title: str | None, owner: str | None, start: str | None
) -> str:
    """Return the key that identifies a project within the base.

    The project number where there is one (``2019/00144`` -> ``2019-00144``);
    otherwise a stable hash of title, owner and start date, because titles repeat
    across projects (``k`` + 16 hex digits).
    """
    if project_number and project_number.strip():
        return slug(project_number)
    return "k" + short_hash(_normalise(title), _normalise(owner), _normalise(start))


def project_iri_for(
    project_number: str | None,
    title: str | None,
    owner: str | None,
    start: str | None,
    base: str | None = None,
) -> str:
    """Return the project IRI for the given identifying fields."""
    return f"{_base(base)}project/{project_key(project_number, title, owner, start)}"


def project_iri(record, base: str | None = None) -> str:
    """Return the IRI of the project a :class:`~esfgraph.model.ProjectRecord` describes.

    The project number is preferred, then the diary number, then the hash key.
    """
    number = record.project_number or record.diary_number
    return project_iri_for(number, record.title, record.owner, record.period_start, base)


def org_iri(key: str, base: str | None = None) -> str:
    """Return an organisation IRI for a canonical key such as ``arbetsformedlingen/vaggeryd``.

    Each ``/``-separated part of ``key`` is slugged, so a unit's IRI extends its
    parent's: ``org/kommun-0665/socialtjansten`` is a unit of ``org/kommun-0665``.
    """
    parts = [slug(p) for p in key.split("/") if p.strip()]
    return f"{_base(base)}org/{'/'.join(parts) or 'x'}"


def municipality_iri(code: str, base: str | None = None) -> str:
    """Return the IRI of a municipality as a place, by its four-digit code."""
    return f"{_base(base)}municipality/{code}"


def county_iri(code: str, base: str | None = None) -> str:
    """Return the IRI of a county (län) as a place, by its two-digit code."""
    return f"{_base(base)}county/{code}"


def country_iri(iso2: str, base: str | None = None) -> str:
    """Return the IRI of a country, by its ISO 3166-1 alpha-2 code."""
    return f"{_base(base)}country/{iso2.upper()}"


def source_iri(sha256: str, base: str | None = None) -> str:
    """Return the IRI of a source page, keyed by the SHA-256 of its bytes."""
    return f"{_base(base)}source/{sha256[:32]}"


def participation_iri(project: str, role: str, organisation: str) -> str:
    """Return the IRI of one organisation's part in one project in one role.

    Built from the project IRI, so it stays under the same base.
    """
    return f"{project}/participation/{slug(role)}-{short_hash(organisation, length=12)}"


def amount_iri(project: str, kind: str) -> str:
    """Return the IRI of one amount of a project (``esf-grant``, ``total-budget``).

    Examples
    --------
    >>> amount_iri("https://w3id.org/esfgraph/id/project/2019-00144", "esf-grant")
    'https://w3id.org/esfgraph/id/project/2019-00144/amount/esf-grant'
    """
    return f"{project}/amount/{slug(kind)}"


def contact_iri(project: str) -> str:
    """Return the IRI of a project's contact point (written only when a build includes contacts).

    Examples
    --------
    >>> contact_iri("https://w3id.org/esfgraph/id/project/2019-00144")
    'https://w3id.org/esfgraph/id/project/2019-00144/contact'
    """
    return f"{project}/contact"


def identifier_scheme_iri(scheme: str, base: str | None = None) -> str:
    """Return the IRI of an identifier scheme (``org-number``, ``municipality-code``)."""
    return f"{_base(base)}scheme/{slug(scheme)}"


def identifier_iri(scheme: str, value: str, base: str | None = None) -> str:
    """Return the IRI of one identifier (an ``adms:Identifier``) in a scheme.

    Examples
    --------
    >>> identifier_iri("org-number", "2120000688")
    'https://w3id.org/esfgraph/id/identifier/org-number/2120000688'
    """
    return f"{_base(base)}identifier/{slug(scheme)}/{slug(value)}"


def dataset_iri(base: str | None = None) -> str:
    """Return the IRI of the dataset a build describes (``void:Dataset``, ``dcat:Dataset``)."""
    return f"{_base(base)}dataset"


def dataset_part_iri(kind: str, key: str, base: str | None = None) -> str:
    """Return the IRI of a part of the dataset's description: a ``linkset`` or a ``distribution``.

    Examples
    --------
    >>> dataset_part_iri("linkset", "wikidata")
    'https://w3id.org/esfgraph/id/dataset/linkset/wikidata'
    """
    return f"{dataset_iri(base)}/{kind}/{key}"


def activity_iri(kind: str, key: str, base: str | None = None) -> str:
    """Return the IRI of one activity (``build``, ``analysis``), keyed by what it worked on.

    Examples
    --------
    >>> activity_iri("build", "0123abcd")
    'https://w3id.org/esfgraph/id/activity/build/0123abcd'
    """
    return f"{_base(base)}activity/{slug(kind)}/{slug(key)}"


def agent_iri(version: str, base: str | None = None) -> str:
    """Return the IRI of the software agent: esfgraph at one version."""
    return f"{_base(base)}agent/esfgraph/{slug(version)}"


def reference_table_iri(name: str, sha256: str, base: str | None = None) -> str:
    """Return the IRI of one reference table as used by a build, keyed by its content."""
    return f"{_base(base)}reference/{slug(name)}/{sha256[:16]}"


def analysis_run_iri(base: str | None = None) -> str:
    """Return the IRI of the analysis run node (one per store: each analysis replaces it)."""
    return f"{_base(base)}analysis/run"


def cluster_iri(number: int, base: str | None = None) -> str:
    """Return the IRI of cluster ``number`` of the current analysis."""
    return f"{_base(base)}analysis/cluster/{number}"


def partnership_iri(org_a: str, org_b: str, base: str | None = None) -> str:
    """Return the IRI of the partnership of two organisations (order does not matter).

    Examples
    --------
    >>> partnership_iri("x:a", "x:b") == partnership_iri("x:b", "x:a")
    True
    """
    a, b = sorted((org_a, org_b))
    return f"{_base(base)}analysis/partnership/{short_hash(a, b)}"
