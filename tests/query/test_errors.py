"""The errors of query, endpoint, push and fetch are EsfgraphErrors with today's exit codes."""

from __future__ import annotations

import subprocess
import sys

import pytest

from esfgraph.endpoint import EndpointError
from esfgraph.fetch import FetchInputError
from esfgraph.push import PushError
from esfgraph.query import ParameterValueError, QueryError
from esfgraph.runtime.errors import EsfgraphError, InputError, exit_code_for
from esfgraph.sparql import BindingError


@pytest.mark.parametrize("cls, code", [(QueryError, 1), (EndpointError, 1), (PushError, 1), (BindingError, 1),
                                       (FetchInputError, 1)])
def test_each_error_is_an_esfgraph_error(cls, code):
    assert issubclass(cls, EsfgraphError) and exit_code_for(cls("x")) == code


def test_the_classes_callers_catch_stay_where_they_were():
    assert issubclass(ParameterValueError, QueryError) and issubclass(ParameterValueError, InputError)
    assert issubclass(BindingError, ValueError) and issubclass(FetchInputError, ValueError)


def test_exit_codes_of_the_command_line(fixture_store_dir):
    def run(*args):
        return subprocess.run([sys.executable, "-m", "esfgraph", "query", *args, "--store", str(fixture_store_dir)],
                              capture_output=True, text=True, timeout=120)

    unknown = run("no-such-query")
    assert unknown.returncode == 1 and "unknown query 'no-such-query'" in unknown.stderr
    nothing = run("organisation-projects", "--param", "org=Zzyzx Qwertyuiop")
    assert nothing.returncode == 2 and "--param org:" in nothing.stderr and "Traceback" not in nothing.stderr
