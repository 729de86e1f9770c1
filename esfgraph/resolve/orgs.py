"""Canonical organisations built from the reference data: keys, labels, types, parents.

A rule that recognises a mention returns a :class:`Resolved`: the organisation it names
(an :class:`OrgSpec`, which carries the IRI *key* of docs/architecture.md, not yet the IRI),
the parents that organisation is a unit of, the rule's ``method`` and a ``confidence``.
The factories here are the only place that decides keys and labels, so that every rule
names the same organisation the same way.

Examples
--------
>>> from esfgraph.resolve.reference import Reference
>>> ref = Reference.load()
>>> office = agency_office(ref, "arbetsformedlingen", "Jönköping")
>>> office.key, office.label, office.municipality_code
('arbetsformedlingen/jonkoping', 'Arbetsförmedlingen Jönköping', '0680')
"""

from __future__ import annotations

from dataclasses import dataclass

from ..iris import slug
from .reference import Reference
from .text import norm, tokens

__all__ = [
    "OrgSpec",
    "Resolved",
    "municipality_org",
    "agency_org",
    "agency_office",
    "region_org",
    "county_board_org",
    "known_org",
    "known_branch",
    "diocese_org",
    "municipal_unit",
    "scoped_unit",
    "regional_unit",
    "reference_org",
    "parents_of",
    "locate",
]


@dataclass(frozen=True)
class OrgSpec:
    """An organisation before its IRI is built: ``key`` is the org key (``kommun-0665/...``)."""

    key: str
    label: str
    type: str = "unknown"
    parent: str | None = None  # the parent's key
    municipality_code: str | None = None
    county_code: str | None = None
    org_number: str | None = None
    country: str | None = None


@dataclass(frozen=True)
class Resolved:
    """What one rule made of one mention."""

    org: OrgSpec
    method: str
    confidence: float
    parents: tuple[OrgSpec, ...] = ()  # the chain of organisations ``org`` is a unit of


def municipality_org(ref: Reference, code: str) -> OrgSpec:
    """Return the municipal government of municipality ``code`` (``kommun-<code>``)."""
    m = ref.municipalities[code]
    return OrgSpec(f"kommun-{code}", m.org_name, "municipality", None, code, m.county_code)


def agency_org(ref: Reference, key: str) -> OrgSpec:
    """Return a national agency by its key (``arbetsformedlingen``)."""
    a = ref.agencies[key]
    return OrgSpec(a.key, a.label, "agency", org_number=a.org_number)


def region_org(ref: Reference, county_code: str) -> OrgSpec:
    """Return the region governing county ``county_code`` (Gotland: the municipality)."""
    c = ref.counties[county_code]
    if c.region_key.startswith("kommun-"):
        return municipality_org(ref, c.region_key.split("-", 1)[1])
    return OrgSpec(c.region_key, c.region, "region", county_code=county_code)


def county_board_org(ref: Reference, county_code: str) -> OrgSpec:
    """Return the county administrative board (``lansstyrelsen-<code>``)."""
    c = ref.counties[county_code]
    return OrgSpec(f"lansstyrelsen-{county_code}", c.county_board, "county_board", county_code=county_code)


def known_org(ref: Reference, key: str) -> OrgSpec:
    """Return a known organisation (study association, Coompanion...) by its key."""
    o = ref.organisations[key]
    return OrgSpec(o.key, o.label, o.type, org_number=o.org_number)


def diocese_org(ref: Reference, key: str) -> OrgSpec:
    """Return a diocese of Svenska kyrkan (``svenska-kyrkan/lulea-stift``), a unit of the church."""
    d = ref.dioceses[key]
    return OrgSpec(f"svenska-kyrkan/{d.key}", d.label, "non_profit", "svenska-kyrkan")


def locate(ref: Reference, text: str) -> tuple[str | None, str | None]:
    """Return ``(municipality code, county code)`` of the one place named in ``text``.

    A county name ("Jönköpings län") hides the municipality inside it; when the text names
    no place or several, both are None.

    Examples
    --------
    >>> ref = Reference.load()
    >>> locate(ref, "Jönköping"), locate(ref, "Jönköpings län"), locate(ref, "Jönköpings län och Gotland")
    (('0680', '06'), (None, '06'), (None, None))
    """
    words = [w.casefold() for w in tokens(text)]
    found: list[tuple[str, str]] = []
    i = 0
    while i < len(words):
        for n in (3, 2, 1):
            key = " ".join(words[i:i + n])
            if len(words) - i < n:
                continue
            if key in ref.county_names:
                found.append(("county", ref.county_names[key]))
                break
            if key in ref.municipality_names:
                found.append(("municipality", ref.municipality_names[key]))
                break
        else:
            i += 1
            continue
        i += n
    if len(found) != 1:
        return None, None
    kind, code = found[0]
    if kind == "county":
        return None, code
    return code, ref.municipalities[code].county_code


def agency_office(ref: Reference, agency_key: str, place: str) -> OrgSpec:
    """Return the local office of an agency in ``place`` (``<agency>/<place slug>``).

    The place is matched to a municipality where it is one; the label then uses the
    municipality's own spelling, so "Af Jönköping" and "Arbetsförmedlingen i jönköping"
    get one office.
    """
    agency = ref.agencies[agency_key]
    code = ref.municipality_names.get(norm(place))
    if code is not None:
        m = ref.municipalities[code]
        return OrgSpec(f"{agency_key}/{slug(m.name)}", f"{agency.label} {m.name}", "agency_office",
                       agency_key, code, m.county_code)
    county = ref.county_names.get(norm(place))
    municipality, county_code = (None, county) if county else locate(ref, place)
    return OrgSpec(f"{agency_key}/{slug(place)}", f"{agency.label} {place}", "agency_office",
                   agency_key, municipality, county_code)


def known_branch(ref: Reference, key: str, branch: str) -> OrgSpec:
    """Return a local branch of a known organisation ("ABF Jönköping": ``abf/jonkoping``)."""
    o = ref.organisations[key]
    code = ref.municipality_names.get(norm(branch))
    if code is not None:
        branch = ref.municipalities[code].name
    municipality, county = locate(ref, branch)
    return OrgSpec(f"{key}/{slug(branch)}", f"{o.label} {branch}", o.type, key, municipality, county)


def municipal_unit(ref: Reference, code: str, unit_key: str, unit_label: str) -> OrgSpec:
    """Return a unit of a municipality (``kommun-<code>/<unit>``), labelled with its municipality."""
    m = ref.municipalities[code]
    return OrgSpec(f"kommun-{code}/{unit_key}", f"{unit_label}, {m.org_name}", "municipal_unit",
                   f"kommun-{code}", code, m.county_code)


def scoped_unit(project_key: str, unit_key: str, unit_label: str, project_title: str | None) -> OrgSpec:
    """Return a municipal unit whose municipality the page does not tell, kept to its project."""
    where = project_title or project_key
    return OrgSpec(f"project/{project_key}/{unit_key}", f"{unit_label} ({where})", "municipal_unit")


def regional_unit(ref: Reference, county_code: str, unit: str) -> OrgSpec:
    """Return a unit of a region ("Region Skåne, Habilitering": ``region-12/habilitering``)."""
    region = region_org(ref, county_code)
    kind = "municipal_unit" if region.type == "municipality" else "regional_unit"
    return OrgSpec(f"{region.key}/{slug(unit)}", f"{unit}, {region.label}", kind, region.key,
                   region.municipality_code, county_code)


def reference_org(ref: Reference, key: str) -> OrgSpec | None:
    """Return the organisation a reference key names (``kommun-0665``, ``region-25``...), or None."""
    if key in ref.agencies:
        return agency_org(ref, key)
    if key in ref.organisations:
        return known_org(ref, key)
    church, _, diocese = key.partition("/")
    if church == "svenska-kyrkan" and diocese in ref.dioceses and "svenska-kyrkan" in ref.organisations:
        return diocese_org(ref, diocese)
    kind, _, code = key.partition("-")
    if kind == "kommun" and code in ref.municipalities:
        return municipality_org(ref, code)
    if kind == "region" and code in ref.counties:
        return region_org(ref, code)
    if kind == "lansstyrelsen" and code in ref.counties:
        return county_board_org(ref, code)
    return None


def parents_of(ref: Reference, org: OrgSpec) -> tuple[OrgSpec, ...]:
    """Return the chain of reference organisations ``org`` is a unit of (nearest first)."""
    out: list[OrgSpec] = []
    key = org.parent
    while key:
        parent = reference_org(ref, key)
        if parent is None:
            break
        out.append(parent)
        key = parent.parent
    return tuple(out)
