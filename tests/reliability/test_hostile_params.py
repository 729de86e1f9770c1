"""Query parameters cannot change a query: every parameter of every library query, given
hostile values, on the embedded store and through a real (writable) Oxigraph endpoint.
Either both refuse the value with one line, or both return the same rows, and neither
the store nor the server's data changes. Adds to tests/query the cases it lacks: SPARQL
codepoint escapes (``\\u0022``, processed before parsing by some engines), escapes in
IRIs, huge values, numbers that overflow, and the real command line."""

from __future__ import annotations

import time

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from esfgraph.push import push
from esfgraph.lookup import SUGGESTIONS, find_municipality
from esfgraph.query import ParameterValueError, QueryError, list_queries, run_query
from esfgraph.serve import start_server
from esfgraph.store import vocabulary_files

from .helpers import run_cli

ALL = "SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"

HOSTILE = [
    '\\u0022 } ; DROP ALL ; # ',                        # a codepoint escape of "
    "\\U00000022 } UNION { ?s ?p ?o } #",
    "\\\\u0022 } #",
    "0665\\u0022) || true || (\\u0022",
    "0665\" || \"\" = \"",                               # an always-true filter, if it got out
    "') } UNION { ?project ?p ?o } #",
    "0665\"^^<http://www.w3.org/2001/XMLSchema#string> } UNION { ?s ?p ?o } #",
    "0665\"@sv } UNION { ?s ?p ?o } #",
    "0665\r\n} ; CLEAR ALL ; {\r\n",
    "\ufeff0665",                                        # a BOM before a real code
    "0665\u200b",                                        # a zero-width space after it
    "x" * 200_000,                                       # a huge value
    "kommun-0665> } ; DROP ALL ; { <x",
    "../../../etc/passwd",
    "http://example.org/\\u003E } ; DROP ALL ; { <http://x",
    "1 ; DROP ALL",
    "99999999999999999999999999999999999999",
    "1e9999",
    "-0",
    "NaN",
    "true } ; DROP ALL ; {",
    "",
]


@pytest.fixture(scope="module")
def stores(tmp_path_factory, seed_build):
    """The seed pages' store, and the same data pushed into a writable server."""
    out = seed_build
    local = ox.Store.read_only(str(out / "store"))
    server = start_server(tmp_path_factory.mktemp("hostile") / "remote", bind="127.0.0.1:0", allow_updates=True)
    push(out, server.store_url, state_file=tmp_path_factory.mktemp("hostile-state") / "push-state.json")
    # The build's store holds the ontology and vocabularies too: the server gets them so.
    push(vocabulary_files(), server.store_url, append=True,
         state_file=tmp_path_factory.mktemp("hostile-vocab") / "push-state.json")
    yield local, server, len(local)
    server.stop()


def _outcome(info, params, **where):
    try:
        return "rows", run_query(info, params, **where).rows
    except ParameterValueError as error:  # one line, then the nearest organisations or municipalities
        lines = str(error).splitlines()
        assert len(lines) <= 1 + SUGGESTIONS and "Traceback" not in str(error)
        return "refused", lines[0].split(":")[0]
    except QueryError as error:
        message = str(error)
        assert "\n" not in message and "Traceback" not in message
        return "refused", message.split(":")[0]


def _remote_count(server) -> int:
    from esfgraph.endpoint import Endpoint, run_remote

    return int(run_remote(Endpoint(server.query_url), ALL)[1][0][0].value)


CASES = [(info.name, param.name) for info in list_queries() for param in info.params]


@pytest.mark.parametrize("query, param", CASES, ids=[f"{q}-{p}" for q, p in CASES])
def test_hostile_values_change_no_query(stores, query, param):
    local, server, quads = stores
    info = next(q for q in list_queries() if q.name == query)
    required = {p.name: "kommun-0665" for p in info.params if p.required and p.name != param}
    for value in HOSTILE:
        started = time.monotonic()
        embedded = _outcome(info, {**required, param: value}, store=local)
        remote = _outcome(info, {**required, param: value}, endpoint=server.query_url)
        assert time.monotonic() - started < 20, (query, param, value[:40])
        if embedded[0] == "refused":
            # Refused before anything was sent (a value the parameter's type cannot take):
            # the same on both sides.
            assert remote[0] == "refused", (query, param, value[:60], remote)
        else:
            assert remote == embedded, (query, param, value[:60])
            # (An unknown language still gives the rows, with keys for labels.)
            if info.param(param).type in ("string", "org") and value and param != "lang":
                assert embedded[1] == [], (query, param, value[:60])  # no such code, key or region
    assert len(local) == quads
    assert _remote_count(server) == quads


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60)
       | st.text(alphabet='"\'\\{}<>()#;.?$@^ \n\tu0AE2', max_size=40))
def test_any_text_is_only_ever_a_value(stores, value):
    local, server, _ = stores
    for name, param in [("projects-in-municipality", "municipality_code"), ("funding-by-region-period", "region")]:
        embedded = _outcome(name, {param: value}, store=local)
        remote = _outcome(name, {param: value}, endpoint=server.query_url)
        assert embedded == remote
        if embedded[0] == "rows" and embedded[1] and param == "municipality_code":
            # A value that names a municipality once case and punctuation are set aside
            # ("0665 ", "'0665"): the rows of that municipality, no others.
            code = find_municipality(local, value)
            assert embedded[1] == run_query(name, {param: code}, store=local).rows, value
        else:
            assert embedded[0] == "refused" or embedded[1] == [], value


def test_the_command_line_binds_hostile_values_too(stores, tmp_path):
    _, server, _ = stores
    for value in ['0665" } UNION { ?project ?p ?o } #', "\\u0022 } ; DROP ALL ; #"]:
        result = run_cli("query", "projects-in-municipality", "--param", f"municipality_code={value}",
                         "--endpoint", server.query_url, "--format", "csv")
        # No municipality has that code or name: a usage error naming the nearest ones.
        assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
        assert result.stderr.startswith("Error: --param municipality_code: no municipality ")
        assert result.stdout == ""
    real = run_cli("query", "projects-in-municipality", "--param", "municipality_code=0665",
                   "--endpoint", server.query_url, "--format", "csv")
    assert "Trappsteget" in real.stdout
