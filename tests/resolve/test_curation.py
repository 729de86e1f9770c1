"""Curation rows (data/curation/aliases.csv) override the rules, most specific scope first."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from esfgraph.iris import org_iri
from esfgraph.model import ProjectRecord
from esfgraph.resolve import Reference, ReferenceDataError, Resolver
from esfgraph.resources import curation_dir

from .seeds import seed_record

HEADER = ["mention", "scope", "canonical_key", "label", "type"]


def _aliases(tmp_path: Path, rows: list[list[str]]) -> Path:
    path = tmp_path / "aliases.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


def _resolver(path: Path | bool) -> Resolver:
    return Resolver(Reference.load(aliases=path))


def _by_raw(resolution, raw):
    return [m for m in resolution.mentions if m.raw == raw]


def test_shipped_aliases_file_has_the_documented_header():
    with (curation_dir() / "aliases.csv").open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == HEADER
    assert rows[1][:3] == ["Arbetsmarknadsavdelningen", "project:k834da545a7683d2d",
                           "kommun-0680/arbetsmarknadsavdelningen"]


def test_without_curation_the_rules_decide():
    mentions = _by_raw(_resolver(False).resolve(seed_record("000")), "Arbetsmarknadsavdelningen")
    assert {m.canonical for m in mentions} == {org_iri("kommun-0665/arbetsmarknadsavdelningen")}
    assert {m.method for m in mentions} == {"municipal-unit-email-domain"}


def test_unscoped_override_wins_over_an_agency_rule(tmp_path):
    path = _aliases(tmp_path, [["Af Jönköping", "", "arbetsformedlingen/jonkoping-city", "Arbetsförmedlingen Jönköping City", ""]])
    resolution = _resolver(path).resolve(seed_record("000"))
    (mention,) = _by_raw(resolution, "Af Jönköping")
    assert (mention.canonical, mention.method, mention.confidence) == (
        org_iri("arbetsformedlingen/jonkoping-city"), "curation", 1.0)
    orgs = {o.iri: o for o in resolution.organisations}
    office = orgs[org_iri("arbetsformedlingen/jonkoping-city")]
    assert (office.label, office.type, office.parent) == (
        "Arbetsförmedlingen Jönköping City", "agency_office", org_iri("arbetsformedlingen"))
    assert org_iri("arbetsformedlingen") in orgs  # the parent comes along


def test_project_scope_beats_municipality_scope_beats_unscoped(tmp_path):
    path = _aliases(tmp_path, [
        ["Socialtjänsten", "", "name/socialtjansten-overall", "Overall", ""],
        ["Socialtjänsten", "municipality:0665", "kommun-0665/individ-och-familjeomsorgen", "IFO Vaggeryd", ""],
        ["Socialtjänsten", "project:kc07c0b6f4dc7096b", "kommun-2560/socialtjansten", "", ""],
    ])
    resolver = _resolver(path)
    vaggeryd = _by_raw(resolver.resolve(seed_record("000")), "Socialtjänsten")
    assert {m.canonical for m in vaggeryd} == {org_iri("kommun-0665/individ-och-familjeomsorgen")}
    assert {m.label for m in vaggeryd} == {"IFO Vaggeryd"}
    intro = _by_raw(resolver.resolve(seed_record("002")), "Socialtjänsten")
    assert {m.canonical for m in intro} == {org_iri("kommun-2560/socialtjansten")}
    assert {m.label for m in intro} == {"Socialtjänsten"}  # no label given: the mention as printed
    elsewhere = resolver.resolve(ProjectRecord(source="x.txt", title="X", owner="socialtjänsten"))
    assert elsewhere.mentions[0].canonical == org_iri("name/socialtjansten-overall")


def test_override_to_a_reference_organisation_uses_its_data(tmp_path):
    path = _aliases(tmp_path, [["Tillväxt och kommunikation", "", "kommun-2510", "", ""]])
    resolution = _resolver(path).resolve(seed_record("002"))
    (mention,) = _by_raw(resolution, "Tillväxt och kommunikation")
    assert (mention.canonical, mention.label, mention.method) == (org_iri("kommun-2510"), "Jokkmokks kommun", "curation")


def test_foreign_override_gets_its_country(tmp_path):
    path = _aliases(tmp_path, [["Ingeus/Work directions", "", "foreign/gb/ingeus", "Ingeus UK", ""]])
    resolution = _resolver(path).resolve(ProjectRecord(source="x.txt", title="X", partners=["Ingeus/Work directions"]))
    assert {o.iri: (o.type, o.country) for o in resolution.organisations} == {org_iri("foreign/gb/ingeus"): ("foreign", "GB")}


@pytest.mark.parametrize("row,problem", [
    (["", "", "kommun-0665", "", ""], "line 2: mention is empty"),
    (["X", "", "", "", ""], "line 2: canonical_key is empty"),
    (["X", "kommun:0665", "kommun-0665", "", ""], "line 2: scope 'kommun:0665' is not empty"),
    (["X", "", "name/x", "", "charity"], "line 2: type 'charity' is not one of"),
])
def test_bad_alias_rows_are_reported_with_file_and_line(tmp_path, row, problem):
    path = _aliases(tmp_path, [row])
    with pytest.raises(ReferenceDataError) as err:
        Reference.load(aliases=path)
    assert str(err.value).startswith(f"{path}: {problem}")
    assert "\n" not in str(err.value)


def test_missing_alias_file_and_missing_column(tmp_path):
    with pytest.raises(ReferenceDataError, match="curation file not found"):
        Reference.load(aliases=tmp_path / "nope.csv")
    path = tmp_path / "aliases.csv"
    path.write_text("mention,canonical_key\nX,name/x\n", encoding="utf-8")
    with pytest.raises(ReferenceDataError, match="missing column"):
        Reference.load(aliases=path)


def test_reference_data_error_is_an_input_error_with_exit_code_2():
    from esfgraph.runtime.errors import InputError, exit_code_for

    error = ReferenceDataError("aliases.csv: line 2: no mention")
    assert isinstance(error, InputError) and isinstance(error, ValueError)
    assert exit_code_for(error) == 2
