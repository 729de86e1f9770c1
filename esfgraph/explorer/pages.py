"""What each explorer page shows, as plain data for its template (no HTML here).

Examples
--------
>>> persistence(["2007-2013", "2014-2020"])
'persists from 2007-2013 into 2014-2020'
>>> persistence(["2007-2013"])
'one programme period only'
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from .generation import Generation
from .index import PERIODS, ExplorerIndex
from .members import is_national, pair_row, partners_of
from .rdfview import short, triples_of

__all__ = ["org_page", "project_page", "partnership_page", "persistence", "ranks", "project_row"]

ROLE_LABELS = {"owner": "owner", "co_financier": "co-financier", "partner": "partner",
               "transnational_partner": "transnational partner", "mentioned": "named in the text"}
ROLE_ORDER = tuple(ROLE_LABELS)
#: Rows of an organisation's project and partner lists shown on its page (a general
#: agency has thousands; the partnership table and its CSV hold them all).
PAGE_ROWS = 300


def persistence(periods) -> str:
    """Say whether a partnership carries on from one programme period into the next."""
    present = [p for p in PERIODS if p in set(periods)]
    runs = [f"{a} into {b}" for a, b in zip(PERIODS, PERIODS[1:]) if a in present and b in present]
    if runs:
        return "persists from " + ", and from ".join(runs)
    return "one programme period only" if len(present) <= 1 else "in " + " and ".join(present) + ", not consecutive"


def ranks(gen: Generation) -> dict[str, dict[str, int]]:
    """Each organisation's rank (1 = highest) by betweenness, degree and PageRank, once per generation."""
    def compute():
        scores = (gen.index.analysis or {}).get("scores", {})
        found: dict[str, dict[str, int]] = defaultdict(dict)
        for measure in ("betweenness", "degree", "pagerank"):
            ordered = sorted(scores, key=lambda o: (-scores[o][measure], o))
            for position, org in enumerate(ordered, 1):
                found[org][measure] = position
        return dict(found)

    return gen.cached("ranks", compute)


def project_row(index: ExplorerIndex, iri: str) -> dict[str, Any]:
    """A project as one row of a list: title, number, years, period, region, grant, source."""
    p = index.projects[iri]
    return {"iri": iri, "title": p.title or "(no title)", "number": p.number or "", "start": p.start or "",
            "end": p.end or "", "year": p.year, "end_year": p.end_year, "period": p.period or "",
            "region": index.regions.get(p.region or "", p.region or ""), "grant": p.grant, "budget": p.budget,
            "source_url": p.source_url, "source_file": p.source_file or ""}


def _timeline(rows: list[dict[str, Any]], width: int = 160) -> dict[str, Any]:
    """Bar geometry (SVG attributes, so no inline style is needed) for each project row."""
    years = [y for r in rows for y in (r["year"], r["end_year"]) if y]
    if not years:
        return {"first": None, "last": None}
    first, last = min(years), max(years) + 1
    scale = width / max(1, last - first)
    for r in rows:
        if r["year"]:
            r["bar_x"] = round((r["year"] - first) * scale, 1)
            r["bar_w"] = round(max(4.0, ((r["end_year"] or r["year"]) + 1 - r["year"]) * scale), 1)
    return {"first": first, "last": last - 1, "width": width}


def _cluster(gen: Generation, iri: str) -> dict[str, Any] | None:
    scores = (gen.index.analysis or {}).get("scores", {})
    if iri not in scores:
        return None
    mine = scores[iri]
    number = mine.get("cluster")
    members = sorted((o for o, s in scores.items() if number is not None and s.get("cluster") == number),
                     key=lambda o: (-scores[o]["degree"], o))
    return {"number": number, "size": len(members), "members": [(o, gen.index.org_label(o)) for o in members[:12]],
            "scores": mine, "ranks": ranks(gen).get(iri, {}), "of": len(scores),
            "level": (gen.index.analysis or {}).get("level")}


def org_page(gen: Generation, iri: str) -> dict[str, Any]:
    """Everything the organisation page shows."""
    index = gen.index
    org = index.orgs[iri]
    roles: dict[str, set[str]] = defaultdict(set)
    evidence: dict[str, set[str]] = defaultdict(set)
    for part in index.by_org.get(iri, []):
        roles[part.project].add(part.role)
        evidence[part.project].add(part.evidence)
    rows = []
    for project in roles:
        row = project_row(index, project)
        row["roles"] = [ROLE_LABELS[r] for r in ROLE_ORDER if r in roles[project]]
        row["evidence"] = "both" if len(evidence[project]) > 1 else next(iter(evidence[project]))
        rows.append(row)
    rows.sort(key=lambda r: (r["start"] or str(r["year"] or ""), r["iri"]))
    general = is_national(index, iri)
    partners = []
    for row in partners_of(index, iri, general):
        other = row.org_b if row.org_a == iri else row.org_a
        periods = Counter(index.projects[p].period or "unknown" for p in row.projects)
        partners.append({"iri": other, "label": index.org_label(other), "shared": len(row.projects),
                         "periods": sorted(periods.items()), "evidence": row.evidence})
    municipality = index.municipalities.get(org.municipality or "")
    return {
        "org": org, "type": (org.type or "").replace("_", " "),
        "parent": (org.parent, index.org_label(org.parent)) if org.parent else None,
        "units": [(u, index.org_label(u)) for u in org.units],
        "municipality": (org.municipality, municipality[0]) if municipality else None,
        "county": (org.county, index.counties.get(org.county or "", org.county)) if org.county else None,
        "spellings": sorted(org.spellings - {org.label}),
        "projects": rows[:PAGE_ROWS], "project_count": len(rows), "timeline": _timeline(rows[:PAGE_ROWS]),
        "partners": partners[:PAGE_ROWS], "partner_count": len(partners), "page_rows": PAGE_ROWS,
        "cluster": _cluster(gen, iri), "general": general,
    }


def _fact_value(index: ExplorerIndex, term) -> dict[str, Any]:
    value = term.value
    if hasattr(term, "datatype") or hasattr(term, "language"):
        if term.__class__.__name__ == "Literal":
            return {"text": value, "link": None}
    label = None
    if value in index.orgs:
        label = index.orgs[value].label
    elif value in index.projects:
        label = index.projects[value].title
    return {"text": label or short(value), "link": value}


def project_page(gen: Generation, iri: str) -> dict[str, Any]:
    """Everything the project page shows."""
    index = gen.index
    project = index.projects[iri]
    source = project.source_url or project.source_file or "the source page"
    facts = [{"property": short(t.predicate.value), **_fact_value(index, t.object), "source": source}
             for t in triples_of(gen.store, iri)
             if t.predicate.value.rsplit("#", 1)[-1] not in ("participation",)]
    by_role: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for part in sorted(project.participations, key=lambda p: (p.role, index.org_label(p.org), p.org)):
        by_role[part.role].append({"iri": part.org, "label": index.org_label(part.org), "printed": part.printed or "",
                                   "evidence": part.evidence, "confidence": part.confidence,
                                   "method": part.method or ""})
    places = [(code, index.municipalities.get(code, (code, None))[0]) for code in project.municipalities]
    return {"project": project_row(index, iri), "facts": facts,
            "roles": [(ROLE_LABELS[r], by_role[r]) for r in ROLE_ORDER if r in by_role],
            "municipalities": places}


def partnership_page(gen: Generation, a: str, b: str, level: str = "unit", text: str = "unlisted"
                     ) -> dict[str, Any]:
    """Everything the page of a pair shows: projects, regions, money, persistence."""
    index = gen.index
    found = pair_row(index, a, b, level, text)
    projects = [project_row(index, p) for p in (found.projects if found else [])]
    projects.sort(key=lambda r: (r["start"] or "", r["iri"]))
    periods = Counter(r["period"] for r in projects if r["period"])
    return {
        "a": (a, index.org_label(a)), "b": (b, index.org_label(b)), "projects": projects,
        "evidence": found.evidence if found else "",
        "regions": sorted(Counter(r["region"] for r in projects if r["region"]).items()),
        "grant": sum(r["grant"] or 0 for r in projects), "budget": sum(r["budget"] or 0 for r in projects),
        "periods": [(p, periods[p]) for p in PERIODS if p in periods],
        "persistence": persistence(periods), "level": level,
    }
