"""esfgraph: a knowledge graph of Swedish ESF projects and their organisations.

The package is organised by pipeline stage (see ``docs/architecture.md``)::

    extract -> resolve -> rdf -> validate -> store -> query -> network -> export

Each stage has a small typed API in its own module or sub-package; ``esfgraph.build``
wires them together and ``esfgraph.cli`` is a thin command line over the library.
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
