"""Organisation and municipality parameters as users know them (issue 13, item 4): a name
in any printed spelling, a key or an IRI; anything else is an error naming the nearest."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from esfgraph.cli import main
from esfgraph.lookup import ValueNotFound, clear_cache, find_organisation, normalise_name
from esfgraph.query import ParameterValueError, QueryError, run_query

from .expected import AF_JKPG, AME

ORG = "https://w3id.org/esfgraph/id/org/"


def projects(store, **params):
    return [row.project for row in run_query("organisation-projects", params, store=store)]


@pytest.mark.parametrize("spelling", [
    "arbetsformedlingen/jonkoping",  # the key
    AF_JKPG,  # the IRI
    f"<{AF_JKPG}>",
    "id:org/arbetsformedlingen/jonkoping",
    "Arbetsförmedlingen Jönköping",  # its label
    "arbetsformedlingen jonkoping",  # without case and accents
    "Af Jönköping",  # printed so on a page
    "Arbetsförmedlingen i Jönköping",  # another page's spelling
    "AF  Jönköping",  # the resolver's reading of an abbreviation
])
def test_any_spelling_of_an_organisation_gives_its_projects(spelling, fixture_store):
    assert projects(fixture_store, org=spelling) == projects(fixture_store, org="arbetsformedlingen/jonkoping")
    assert len(projects(fixture_store, org=spelling)) == 4


def test_a_units_printed_name_finds_the_unit(fixture_store):
    found = run_query("organisation-projects", {"org": "Vaggeryds kommun, AME"}, store=fixture_store)
    assert {row.organisation for row in found} == {AME}
    agency = run_query("agency-offices", {"agency": "Arbetsförmedlingen"}, store=fixture_store)
    assert len(agency) == len(run_query("agency-offices", store=fixture_store)) > 0


@pytest.mark.parametrize("value, first_key", [
    ("af/jonkopin", "arbetsformedlingen/jonkoping"),
    ("Arbetsförmedlingen Jönköpng", "arbetsformedlingen/jonkoping"),
    ("Vagerydskommun", "kommun-0665"),
])
def test_an_unknown_organisation_is_an_error_naming_the_nearest(value, first_key, fixture_store):
    with pytest.raises(ParameterValueError) as caught:
        run_query("organisation-projects", {"org": value}, store=fixture_store)
    error = caught.value
    assert error.parameter == "org" and not error.ambiguous
    assert error.suggestions[0].key == first_key
    assert 1 < len(error.suggestions) <= 5
    lines = str(error).splitlines()
    assert lines[0].startswith(f"--param org: no organisation {value!r} (name, key or IRI) in the store")
    assert lines[1].split() [0] == first_key
    assert isinstance(error, QueryError)


def test_a_name_of_several_organisations_is_ambiguous(tmp_path):
    store = ox.Store()
    data = """
    @prefix esf: <https://w3id.org/esfgraph/ontology#> . @prefix org: <http://www.w3.org/ns/org#> .
    @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
    <https://w3id.org/esfgraph/id/org/kommun-0665/socialtjansten> a org:OrganizationalUnit ;
        rdfs:label "Socialtjänsten, Vaggeryds kommun" .
    <https://w3id.org/esfgraph/id/org/kommun-2510/socialtjansten> a org:OrganizationalUnit ;
        rdfs:label "Socialtjänsten, Jokkmokks kommun" .
    <https://w3id.org/esfgraph/id/project/a/participation/p1> esf:printedName "Socialtjänsten" ;
        esf:organisation <https://w3id.org/esfgraph/id/org/kommun-0665/socialtjansten> .
    <https://w3id.org/esfgraph/id/project/b/participation/p1> esf:printedName "Socialtjänsten" ;
        esf:organisation <https://w3id.org/esfgraph/id/org/kommun-2510/socialtjansten> .
    """
    store.load(input=data.encode(), format=ox.RdfFormat.TURTLE)
    with pytest.raises(ValueNotFound) as caught:
        find_organisation(store, "socialtjänsten")
    assert caught.value.ambiguous
    assert [m.key for m in caught.value.suggestions] == ["kommun-0665/socialtjansten", "kommun-2510/socialtjansten"]
    assert str(caught.value).splitlines()[0] == ("'socialtjänsten' names 2 organisations in the store; "
                                                 "give one of these keys:")
    assert find_organisation(store, "Socialtjänsten, Jokkmokks kommun") == ORG + "kommun-2510/socialtjansten"


@pytest.mark.parametrize("value", ["Jönköping", "jönköpings kommun", "0680", "JONKOPING"])
def test_a_municipality_by_name_or_code(value, fixture_store):
    found = run_query("projects-in-municipality", {"municipality_code": value}, store=fixture_store)
    assert [row.title for row in found] == [
        row.title for row in run_query("projects-in-municipality", {"municipality_code": "0680"}, store=fixture_store)]
    assert len(found) > 0


def test_a_municipality_code_without_its_leading_zero_suggests_it(fixture_store):
    with pytest.raises(ParameterValueError) as caught:
        run_query("projects-in-municipality", {"municipality_code": "680"}, store=fixture_store)
    assert (caught.value.suggestions[0].key, caught.value.suggestions[0].label) == ("0680", "Jönköping")
    with pytest.raises(ParameterValueError, match="no municipality '9999' \\(code or name\\)"):
        run_query("projects-in-municipality", {"municipality_code": "9999"}, store=fixture_store)


def test_the_command_line_exits_2_with_one_line_and_the_nearest(fixture_store_dir):
    runner = CliRunner()
    result = runner.invoke(main, ["query", "organisation-projects", "--store", str(fixture_store_dir),
                                  "-p", "org=af/jonkopin"])
    assert result.exit_code == 2
    lines = result.output.splitlines()
    assert lines[0] == f"Error: --param org: no organisation 'af/jonkopin' (name, key or IRI) in {fixture_store_dir}; the nearest:"
    assert lines[1].split()[:2] == ["arbetsformedlingen/jonkoping", "Arbetsförmedlingen"]
    assert "Traceback" not in result.output
    result = runner.invoke(main, ["query", "projects-in-municipality", "--store", str(fixture_store_dir),
                                  "-p", "municipality_code=680"])
    assert result.exit_code == 2 and result.output.splitlines()[1].split() == ["0680", "Jönköping"]
    result = runner.invoke(main, ["query", "projects-in-municipality", "--store", str(fixture_store_dir),
                                  "-p", "municipality_code=Jönköping", "--format", "csv"])
    assert result.exit_code == 0 and "Trappsteget" in result.output


def test_names_are_read_once_per_store(fixture_store, monkeypatch):
    import esfgraph.lookup as lookup

    clear_cache()
    calls = []
    original = lookup._organisation_index
    monkeypatch.setattr(lookup, "_organisation_index", lambda source: calls.append(1) or original(source))
    for spelling in ("vaggeryds kommun  ame", "ame - ARBETSMARKNADSENHETEN"):  # neither as written
        run_query("organisation-projects", {"org": spelling}, store=fixture_store)
    assert len(calls) == 1


def test_normalised_names():
    assert normalise_name("  Arbetsförmedlingen,  JÖNKÖPING ") == "arbetsformedlingen jonkoping"
    assert normalise_name("AME - Arbetsmarknadsenheten") == "ame arbetsmarknadsenheten"
