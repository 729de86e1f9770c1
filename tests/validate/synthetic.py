"""A small synthetic corpus with known defects, for the batched-validation tests."""

from __future__ import annotations

import hashlib

from esfgraph import iris
from esfgraph.model import Mention, Organisation, ProjectRecord, RecordResolution

__all__ = ["synthetic_pairs", "ORPHAN_LINES", "PLACES"]

PLACES = {
    "municipalities": {"0665": ("Vaggeryd", "06"), "0680": ("Jönköping", "06"), "1280": ("Malmö", "12")},
    "counties": {"06": "Jönköpings län", "12": "Skåne län"},
}

AF = Organisation(iris.org_iri("arbetsformedlingen"), "Arbetsförmedlingen", "agency", org_number="2021005646")
AF_OFFICES = [
    Organisation(iris.org_iri(f"arbetsformedlingen/{place}"), f"Arbetsförmedlingen {place.title()}", "agency_office",
                 parent=AF.iri, municipality_code=code)
    for place, code in (("vaggeryd", "0665"), ("jonkoping", "0680"), ("malmo", "1280"))
]
# Shared by many projects and wrong (a hyphen in the organisation number): found in every batch.
BAD_NUMBER = Organisation(iris.org_iri("name/fenix"), "Fenix Kunskapscentrum", "company", org_number="556000-1111")
# Named by one project, located in a municipality code that does not exist.
NOWHERE = Organisation(iris.org_iri("name/nowhere"), "Nowhere AB", "company", municipality_code="9999")

#: Triples no project reaches: an organisation with two names, a place with a short code.
ORPHAN_LINES = [
    '<https://w3id.org/esfgraph/id/org/name/orphan> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/ns/org#Organization> .',
    '<https://w3id.org/esfgraph/id/org/name/orphan> <http://www.w3.org/2000/01/rdf-schema#label> "Orphan A" .',
    '<https://w3id.org/esfgraph/id/org/name/orphan> <http://www.w3.org/2000/01/rdf-schema#label> "Orphan B" .',
    '<https://w3id.org/esfgraph/id/org/name/orphan> <https://w3id.org/esfgraph/ontology#orgType> <https://w3id.org/esfgraph/vocab/org-type/unknown> .',
    '<https://w3id.org/esfgraph/id/municipality/12> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/esfgraph/ontology#Municipality> .',
    '<https://w3id.org/esfgraph/id/municipality/12> <https://w3id.org/esfgraph/ontology#municipalityCode> "12" .',
]


def synthetic_pairs(count: int = 20) -> list[tuple[ProjectRecord, RecordResolution]]:
    """``count`` projects; every fourth has a defect of its own (see the comments)."""
    pairs = []
    for index in range(count):
        year = 2008 + index % 12
        record = ProjectRecord(
            source=f"pages/{index:03d}.txt",
            format="esf-2007" if year < 2014 else "esf-2014",
            title=f"Projekt {index}",
            project_number=None if year < 2014 else f"{year}/{index:05d}",
            programme_area="Programområde 2 Ökat arbetskraftsutbud" if year < 2014 else "2",
            phase="Genomförande",
            esf_grant_sek=1_000_000 + index,
            total_budget_sek=2_000_000 + index,
            period_start=f"{year}-01-01",
            period_end=f"{year + 2}-12-31",
            region="Småland och Öarna",
            sha256=hashlib.sha256(f"page {index}".encode()).hexdigest(),
        )
        if index == 3:
            record.esf_grant_sek = 5_000_000  # grant above the budget
        if index == 5:
            record.region = None  # incomplete: a warning
        if index == 7:
            record.period_start, record.period_end = "2012-01-01", "2011-01-01"  # starts after it ends
        if index == 11:
            record.period_end = "2040-01-01"  # outside 2000-2035
        project = iris.project_iri(record)
        office = AF_OFFICES[index % 3]
        owner = Organisation(iris.org_iri(f"name/owner-{index % 5}"), f"Ägare {index % 5}", "non_profit")
        mentions = [
            Mention(record.source, project, owner.label, "owner", owner.iri, owner.label, "name", 0.9, 0),
            Mention(record.source, project, f"Af {index}", "co_financier", office.iri, office.label, "agency-office", 0.95, 0),
            Mention(record.source, project, "Fenix", "partner", BAD_NUMBER.iri, BAD_NUMBER.label, "name", 0.7, 0),
        ]
        organisations = [AF, office, owner, BAD_NUMBER]
        if index == 9:
            mentions.append(Mention(record.source, project, "Nowhere", "partner", NOWHERE.iri, NOWHERE.label, "name", 0.5, 1))
            organisations.append(NOWHERE)
        if index == 13:
            mentions[1].confidence = 1.5  # out of range, on a participation node
        resolution = RecordResolution(
            source=record.source,
            project=project,
            mentions=mentions,
            organisations=organisations,
            municipality_codes=[office.municipality_code],
            region="smaland-och-oarna" if record.region else None,
        )
        pairs.append((record, resolution))
    # Two pages that give the same project number with different titles: two titles.
    twin = ProjectRecord(**{**pairs[-1][0].to_dict(), "source": "pages/twin.txt", "title": "Tvilling", "sha256": "f" * 64})
    pairs.append((twin, RecordResolution(**{**pairs[-1][1].__dict__, "source": twin.source})))
    return pairs
