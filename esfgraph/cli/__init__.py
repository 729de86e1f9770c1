"""The ``esfgraph`` command line: a thin layer over the library.

Each command lives in its own module ``esfgraph.cli.<name>`` exposing a click command
called ``command``; this group imports a module only when its command runs, so
``esfgraph --help`` stays fast and one stage's heavy imports never slow another.

Errors raised on purpose (:class:`esfgraph.runtime.EsfgraphError`) are turned into one
line on standard error, ``esfgraph COMMAND: message``, and their exit code here, in the
group, not in each command.
"""

from __future__ import annotations

import importlib
import importlib.util

import click

from .. import __version__
from ..runtime.errors import EsfgraphError, exit_code_for

__all__ = ["main", "COMMANDS"]

#: Command name -> module, in the order ``--help`` lists them (the pipeline's order).
COMMANDS: dict[str, str] = {
    "build": "esfgraph.cli.build",
    "extract": "esfgraph.cli.extract",
    "validate": "esfgraph.cli.validate",
    "query": "esfgraph.cli.query",
    "serve": "esfgraph.cli.serve",
    "push": "esfgraph.cli.push",
    "load-vocab": "esfgraph.cli.vocab",
    "analyze": "esfgraph.cli.analyze",
    "export": "esfgraph.cli.export",
    "fetch": "esfgraph.cli.fetch",
    "shard": "esfgraph.cli.shard",
    "check": "esfgraph.cli.check",
}


class LazyGroup(click.Group):
    """A click group whose commands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [name for name, module in COMMANDS.items() if importlib.util.find_spec(module)]

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        module_name = COMMANDS.get(name)
        if module_name is None or importlib.util.find_spec(module_name) is None:
            return None
        return importlib.import_module(module_name).command

    def invoke(self, ctx: click.Context):
        # The one place an error raised on purpose becomes a message and an exit code:
        # commands let EsfgraphError through (missing resources, a held lock, bad input...).
        try:
            return super().invoke(ctx)
        except EsfgraphError as error:
            command = ctx.invoked_subcommand
            click.echo(f"esfgraph {command}: {error}" if command else f"esfgraph: {error}", err=True)
            ctx.exit(exit_code_for(error))

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # Use each module's first docstring line so listing needs no heavy imports.
        rows = []
        for name in self.list_commands(ctx):
            spec = importlib.util.find_spec(COMMANDS[name])
            summary = _module_summary(spec.origin) if spec and spec.origin else ""
            rows.append((name, summary))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


def _module_summary(path: str) -> str:
    """Return the first line of a module's docstring without importing it."""
    import ast

    with open(path, encoding="utf-8") as handle:
        tree = ast.parse(handle.read())
    doc = ast.get_docstring(tree) or ""
    return doc.strip().splitlines()[0] if doc.strip() else ""


@click.group(
    cls=LazyGroup,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(__version__, prog_name="esfgraph")
def main() -> None:
    """Build a knowledge graph of Swedish ESF projects and the organisations in them.

    \b
    Start with the whole pipeline on the sample pages:
      esfgraph build data/pages --out build/demo
    Then query it, serve it, analyse it:
      esfgraph query --list
      esfgraph query recurring-partnerships --store build/demo/store
      esfgraph serve --store build/demo/store

    Every command has --help with an example.

    \b
    Environment:
      ESFGRAPH_HOME  a folder with your own ontology/, queries/, data/reference/ and
                     data/curation/ (default: those of the clone, or of the installed package)
    """
