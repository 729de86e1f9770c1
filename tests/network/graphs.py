"""A tiny hand-made graph, following docs/architecture.md, and a store built from it.

Six projects, twelve organisations:

Project N has the number 2009/0000N, an ESF grant of N x 100,000 SEK and the region
Småland och Öarna.

| project | years | period | owner | co-financiers | partners |
|---|---|---|---|---|---|
| P1 | 2008-2010 | 2007-2013 | AME (unit of Vaggeryds kommun) | AF Jönköping, Försäkringskassan | Jönköpings kommun |
| P2 | 2010-2011 | 2007-2013 | AME | AF Jönköping | Försäkringskassan |
| P3 | 2015-2017 | 2014-2020 | AME | AF Jönköping, Försäkringskassan | Obiettivo (transnational) |
| P4 | 2016-2018 | 2014-2020 | Samordningsförbundet | AF Vaggeryd | Jönköpings kommun; Region mentioned |
| P5 | 2014-2015 | 2014-2020 | Samordningsförbundet | AF Vaggeryd | Jönköpings kommun; "Nämnd" mentioned |
| P6 | 2019-2020 | 2014-2020 | Ensam förening (alone) | | |

So AME, AF Jönköping and Försäkringskassan share P1-P3 (2008-2015, across two programme
periods); Samordningsförbundet, AF Vaggeryd and Jönköpings kommun share P4-P5; Jönköpings
kommun is the only bridge between the two groups.
"""

from __future__ import annotations

from pathlib import Path

BASE = "https://w3id.org/esfgraph/id/"
ORG = BASE + "org/"
PROJECT = BASE + "project/"

AF = ORG + "arbetsformedlingen"
AF_J = ORG + "arbetsformedlingen/jonkoping"
AF_V = ORG + "arbetsformedlingen/vaggeryd"
K0665 = ORG + "kommun-0665"
AME = ORG + "kommun-0665/ame"
K0680 = ORG + "kommun-0680"
FK = ORG + "forsakringskassan"
SF = ORG + "name/samordningsforbundet-sydost"
IT = ORG + "foreign/it/obbietivo-formazione"
LONE = ORG + "name/ensam-forening"
MENTIONED = ORG + "name/namnd"
REGION = ORG + "region-06"

PROJECTS = {n: PROJECT + f"2009-0000{n}" for n in range(1, 7)}

_PREFIXES = """\
@prefix esf: <https://w3id.org/esfgraph/ontology#> .
@prefix role: <https://w3id.org/esfgraph/vocab/role/> .
@prefix orgtype: <https://w3id.org/esfgraph/vocab/org-type/> .
@prefix period: <https://w3id.org/esfgraph/vocab/period/> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix schema: <https://schema.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""

_ORGS = [
    # iri, class, label, type, parent, municipality
    (AF, "Organization", "Arbetsförmedlingen", "agency", None, None),
    (AF_J, "OrganizationalUnit", "Arbetsförmedlingen Jönköping", "agency-office", AF, "0680"),
    (AF_V, "OrganizationalUnit", "Arbetsförmedlingen Vaggeryd", "agency-office", AF, "0665"),
    (K0665, "Organization", "Vaggeryds kommun", "municipality", None, "0665"),
    (AME, "OrganizationalUnit", "AME - Arbetsmarknadsenheten", "municipal-unit", K0665, "0665"),
    (K0680, "Organization", "Jönköpings kommun", "municipality", None, "0680"),
    (FK, "Organization", "Försäkringskassan", "agency", None, None),
    (SF, "Organization", "Samordningsförbundet Sydost", "coordination-association", None, None),
    (IT, "Organization", "Obiettivo Formazione", "foreign", None, None),
    (LONE, "Organization", "Ensam förening", "non-profit", None, None),
    (MENTIONED, "Organization", "Nämnden", "unknown", None, None),
    (REGION, "Organization", "Region Jönköpings län", "region", None, None),
]

# project number -> (start, end, period, [(org, role)])
_PROJECTS = {
    1: ("2008-05-01", "2010-10-31", "2007-2013",
        [(AME, "owner"), (AF_J, "co-financier"), (FK, "co-financier"), (K0680, "partner")]),
    2: ("2010-01-01", "2011-12-31", "2007-2013",
        [(AME, "owner"), (AF_J, "co-financier"), (FK, "partner")]),
    3: ("2015-03-01", "2017-02-28", "2014-2020",
        [(AME, "owner"), (AF_J, "co-financier"), (FK, "co-financier"), (IT, "transnational-partner")]),
    4: ("2016-01-01", "2018-12-31", "2014-2020",
        [(SF, "owner"), (AF_V, "co-financier"), (K0680, "partner"), (REGION, "mentioned")]),
    5: ("2014-06-01", "2015-12-31", "2014-2020",
        [(SF, "owner"), (AF_V, "co-financier"), (K0680, "partner"), (MENTIONED, "mentioned")]),
    6: ("2019-01-01", "2020-12-31", "2014-2020", [(LONE, "owner")]),
}


def tiny_turtle() -> str:
    """Return the tiny graph as Turtle."""
    lines = [_PREFIXES]
    for code, name, county, county_name in (("0665", "Vaggeryd", "06", "Jönköpings län"),
                                            ("0680", "Jönköping", "06", "Jönköpings län")):
        lines.append(f'<{BASE}municipality/{code}> a esf:Municipality ; rdfs:label "{name}" ; '
                     f'esf:municipalityCode "{code}" ; esf:county <{BASE}county/{county}> .')
    lines.append(f'<{BASE}county/06> a esf:County ; rdfs:label "Jönköpings län" ; esf:countyCode "06" .')
    lines.append(f"<{REGION}> esf:governs <{BASE}county/06> .")
    for iri, cls, label, otype, parent, mun in _ORGS:
        lines.append(f'<{iri}> a org:{cls} ; rdfs:label "{label}" ; esf:orgType orgtype:{otype} .')
        if parent:
            lines.append(f"<{iri}> org:unitOf <{parent}> .")
        if mun:
            prop = "esf:governs" if otype == "municipality" else "esf:locatedIn"
            lines.append(f"<{iri}> {prop} <{BASE}municipality/{mun}> .")
    for number, (start, end, period, parts) in _PROJECTS.items():
        p = PROJECTS[number]
        lines.append(
            f'<{p}> a esf:Project ; dcterms:title "Projekt {number}" ; '
            f'schema:startDate "{start}"^^xsd:date ; schema:endDate "{end}"^^xsd:date ; '
            f"esf:startYear {start[:4]} ; esf:programmePeriod period:{period} ; "
            f'esf:projectNumber "2009/0000{number}" ; esf:esfGrantSEK {number * 100000} ; '
            f'esf:region <https://w3id.org/esfgraph/vocab/region/smaland-och-oarna> ; esf:regionText "Småland & Öarna" .'
        )
        for i, (org_iri, role) in enumerate(parts):
            part = f"{p}/participation/{role}-{i}"
            lines.append(f"<{p}> esf:participation <{part}> .")
            lines.append(f"<{part}> a esf:Participation ; esf:project <{p}> ; "
                         f"esf:organisation <{org_iri}> ; org:role role:{role} ; esf:listPosition {i} .")
    return "\n".join(lines) + "\n"


def make_store(folder: Path, turtle: str | None = None) -> Path:
    """Write ``turtle`` (default: the tiny graph) and load it into a store under ``folder``.

    Returns the store folder.
    """
    from esfgraph.store import load_store

    folder.mkdir(parents=True, exist_ok=True)
    source = folder / "graph.ttl"
    source.write_text(turtle if turtle is not None else tiny_turtle(), encoding="utf-8")
    load_store(folder / "store", [source])
    return folder / "store"


def scattered_turtle(chain_projects: int = 40, groups: tuple[int, ...] = (9, 7, 6, 5, 4, 4, 3, 3, 2, 2) * 4) -> str:
    """Return a network of many components as Turtle, for the drawing tests.

    A chain of ``chain_projects`` projects of five organisations each, every project
    sharing one organisation with the next (one large component of
    ``4 * chain_projects + 1`` organisations), then one project per entry of ``groups``
    with that many organisations of its own (a clique, a component each), and one
    project with a single owner (an organisation without partners).
    """
    lines = [_PREFIXES]
    projects: list[list[str]] = []
    chain_link = ORG + "name/chain-0000"
    for number in range(chain_projects):
        members = [chain_link] + [ORG + f"name/chain-{number:02d}-{i}" for i in range(3)]
        chain_link = ORG + f"name/chain-{number + 1:04d}"
        projects.append(members + [chain_link])
    for number, size in enumerate(groups):
        projects.append([ORG + f"name/group-{number:02d}-{i}" for i in range(size)])
    projects.append([ORG + "name/alone"])
    organisations = sorted({org for members in projects for org in members})
    for org_iri in organisations:
        lines.append(f'<{org_iri}> a org:Organization ; rdfs:label "{org_iri.rsplit("/", 1)[1]}" ; '
                     "esf:orgType orgtype:non-profit .")
    for number, members in enumerate(projects):
        p = PROJECT + f"2015-{number:05d}"
        lines.append(f'<{p}> a esf:Project ; dcterms:title "Projekt {number}" ; esf:startYear {2015 + number % 5} .')
        for i, org_iri in enumerate(members):
            role = "owner" if i == 0 else "partner"
            part = f"{p}/participation/{role}-{i}"
            lines.append(f"<{p}> esf:participation <{part}> .")
            lines.append(f"<{part}> a esf:Participation ; esf:project <{p}> ; "
                         f"esf:organisation <{org_iri}> ; org:role role:{role} ; esf:listPosition {i} .")
    return "\n".join(lines) + "\n"
