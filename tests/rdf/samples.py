"""Hand-built records and resolutions for two seed pages, as the extractor and resolver give them.

Built by hand so that the RDF and validation tests do not depend on the other stages;
``tests/rdf/test_seeds.py`` checks the same pages through the real extractor and resolver.
"""

from __future__ import annotations

from esfgraph import iris
from esfgraph.model import Mention, Organisation, ProjectRecord, RecordResolution

__all__ = ["trappsteget", "smot", "sample_pairs", "PLACE_NAMES"]

#: Place names for the sample pages, in the plain-mapping form ``place_triples`` accepts.
PLACE_NAMES = {
    "municipalities": {
        "0665": ("Vaggeryd", "06"),
        "0680": ("Jönköping", "06"),
        "0683": ("Värnamo", "06"),
        "0980": ("Gotland", "09"),
    },
    "counties": {"06": "Jönköpings län", "09": "Gotlands län"},
}

AF = iris.org_iri("arbetsformedlingen")
FK = iris.org_iri("forsakringskassan")
VAGGERYD = iris.org_iri("kommun-0665")
AME = iris.org_iri("kommun-0665/ame-arbetsmarknadsenheten")
AF_JKPG = iris.org_iri("arbetsformedlingen/jonkoping")
AF_VAGGERYD = iris.org_iri("arbetsformedlingen/vaggeryd")
FK_VARNAMO = iris.org_iri("forsakringskassan/varnamo")
FENIX = iris.org_iri("name/fenix-kunskapscentrum")
FOLKUNI = iris.org_iri("orgnr-8024101012")


def trappsteget() -> tuple[ProjectRecord, RecordResolution]:
    """Page 000_ebc39ac141ca286d.txt (esf-2007 layout), trimmed to three municipalities."""
    record = ProjectRecord(
        source="data/pages/000_ebc39ac141ca286d.txt",
        format="esf-2007",
        layout="esf-2007-print",
        title="Trappsteget",
        programme_area="Programområde 2 Ökat arbetskraftsutbud",
        phase="Genomförande",
        owner="AME - Arbetsmarknadsenheten",
        contact_name="Michael Anderberg",
        contact_email="michael.anderberg@vaggeryd.se",
        contact_phone="0370-78612",
        esf_grant_sek=3574500,
        total_budget_sek=8936300,
        period_start="2008-05-01",
        period_end="2010-10-31",
        region="Småland och Öarna",
        co_financiers=["Af Jönköping", "Försäkringskassan Värnamo"],
        partners=["Arbetsförmedlingen Vaggeryd", "Fenix Kunskapscentrum", "Försäkringskassan Värnamo"],
        municipalities=["Jönköping", "Vaggeryd", "Värnamo"],
        transnational_text="Inget",
        sha256="ebc39ac141ca286d" + "0" * 48,
        media_type="text/plain",
    )
    project = iris.project_iri(record)
    source = record.source

    def mention(raw, role, canonical, label, method, confidence, position):
        return Mention(source, project, raw, role, canonical, label, method, confidence, position)

    resolution = RecordResolution(
        source=source,
        project=project,
        mentions=[
            mention("AME - Arbetsmarknadsenheten", "owner", AME, "AME - Arbetsmarknadsenheten", "municipal-unit", 0.8, 0),
            mention("Af Jönköping", "co_financier", AF_JKPG, "Arbetsförmedlingen Jönköping", "agency-office", 0.95, 0),
            mention("Försäkringskassan Värnamo", "co_financier", FK_VARNAMO, "Försäkringskassan Värnamo", "agency-office", 0.95, 1),
            mention("Arbetsförmedlingen Vaggeryd", "partner", AF_VAGGERYD, "Arbetsförmedlingen Vaggeryd", "agency-office", 0.95, 0),
            mention("Fenix Kunskapscentrum", "partner", FENIX, "Fenix Kunskapscentrum", "name", 0.6, 1),
            mention("Försäkringskassan Värnamo", "partner", FK_VARNAMO, "Försäkringskassan Värnamo", "agency-office", 0.95, 2),
        ],
        organisations=[
            Organisation(AF, "Arbetsförmedlingen", "agency", org_number="2021005646"),
            Organisation(FK, "Försäkringskassan", "agency", org_number="2021005521"),
            Organisation(VAGGERYD, "Vaggeryds kommun", "municipality", municipality_code="0665", county_code="06"),
            Organisation(AME, "AME - Arbetsmarknadsenheten", "municipal_unit", parent=VAGGERYD, municipality_code="0665"),
            Organisation(AF_JKPG, "Arbetsförmedlingen Jönköping", "agency_office", parent=AF, municipality_code="0680"),
            Organisation(AF_VAGGERYD, "Arbetsförmedlingen Vaggeryd", "agency_office", parent=AF, municipality_code="0665"),
            Organisation(FK_VARNAMO, "Försäkringskassan Värnamo", "agency_office", parent=FK, municipality_code="0683"),
            Organisation(FENIX, "Fenix Kunskapscentrum", "unknown"),
        ],
        municipality_codes=["0680", "0665", "0683"],
        region="smaland-och-oarna",
    )
    return record, resolution


def smot() -> tuple[ProjectRecord, RecordResolution]:
    """Page 004_e1f4b13072c7ae19.txt (esf-2014 layout): project number, specific objective."""
    record = ProjectRecord(
        source="data/pages/004_e1f4b13072c7ae19.txt",
        format="esf-2014",
        layout="esf-2014-print",
        title="SMÖT",
        project_number="2019/00144",
        programme_area="2",
        specific_objective="2.3",
        owner="Folkuniversitetet, Jönköpings län och Gotland",
        esf_grant_sek=6979677,
        total_budget_sek=6979677,
        period_start="2019-09-02",
        period_end="2022-06-24",
        region="Småland & Öarna",
        planned_participants=120,
        co_financing_rate="50%",
        intervention_type="109",
        sha256="e1f4b13072c7ae19" + "0" * 48,
        source_url="https://www.esf.se/projekt/smot 2019",
        media_type="text/plain",
    )
    project = iris.project_iri(record)
    resolution = RecordResolution(
        source=record.source,
        project=project,
        mentions=[
            Mention(record.source, project, "Folkuniversitetet, Jönköpings län och Gotland", "owner", FOLKUNI,
                    "Folkuniversitetet", "org-number", 1.0, 0),
            Mention(record.source, project, "Arbetsförmedlingen", "mentioned", AF, "Arbetsförmedlingen", "agency", 0.9, 0),
        ],
        organisations=[
            Organisation(FOLKUNI, "Folkuniversitetet", "study_association", org_number="8024101012"),
            Organisation(AF, "Arbetsförmedlingen", "agency", org_number="2021005646"),
        ],
        municipality_codes=["0680", "0980"],
        countries=["it"],
        region="smaland-och-oarna",
    )
    return record, resolution


def sample_pairs() -> list[tuple[ProjectRecord, RecordResolution]]:
    """Both samples, in source order."""
    return [trappsteget(), smot()]
