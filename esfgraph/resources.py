"""Where the project's shipped resources live: ontology, queries and reference data.

The resources sit at the top of the source tree (``ontology/``, ``queries/``,
``data/reference/``, ``data/curation/``) so that users can read and edit them; the
package finds them relative to its own location. ``ESFGRAPH_HOME`` overrides the root,
for installs that keep the resources elsewhere.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

__all__ = [
    "project_root",
    "ontology_dir",
    "queries_dir",
    "reference_dir",
    "curation_dir",
]


def project_root() -> Path:
    """Return the folder that holds ``ontology/``, ``queries/`` and ``data/``.

    Returns
    -------
    pathlib.Path
        ``$ESFGRAPH_HOME`` when set, else the parent of the package folder.
    """
    home = os.environ.get("ESFGRAPH_HOME")
    if home:
        return Path(home)
    return _package_parent()


@lru_cache(maxsize=1)
def _package_parent() -> Path:
    # Resolved once: every page's triples look up the concept schemes (two stat calls a level).
    return Path(__file__).resolve().parent.parent


def ontology_dir() -> Path:
    """Return the folder with ``esf.ttl``, ``shapes.ttl`` and ``vocab/``."""
    return project_root() / "ontology"


def queries_dir() -> Path:
    """Return the folder of the SPARQL query library (``*.rq``)."""
    return project_root() / "queries"


def reference_dir() -> Path:
    """Return the folder of the shipped reference tables (municipalities, agencies...)."""
    return project_root() / "data" / "reference"


def curation_dir() -> Path:
    """Return the folder of user curation files (``aliases.csv``)."""
    return project_root() / "data" / "curation"
