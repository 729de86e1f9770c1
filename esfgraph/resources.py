"""Where the project's shipped resources live: ontology, queries and reference data.

The resources are four folders, always in the same layout under one root:
``ontology/``, ``queries/``, ``data/reference/`` and ``data/curation/``. The root is,
in this order:

1. ``$ESFGRAPH_HOME`` when it is set: a folder of your own with all four (copy them
   from a clone, or from :func:`project_root` of an installed package, and edit them);
2. the source checkout the package sits in (``ontology/`` beside the package folder),
   where users of a clone read and edit them;
3. the copy inside an installed package, ``esfgraph/_resources/``, which the build hook
   in ``setup.py`` puts into every wheel (``pip install .``, ``pip wheel .``).

When none of these has them, every function here raises :class:`ResourcesNotFound`
with a one-line message naming the places searched.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from .runtime.errors import InputError

__all__ = [
    "ResourcesNotFound",
    "RESOURCE_FOLDERS",
    "project_root",
    "ontology_dir",
    "queries_dir",
    "reference_dir",
    "curation_dir",
]

#: The folders every resource root holds, relative to it.
RESOURCE_FOLDERS = ("ontology", "queries", "data/reference", "data/curation")

_PACKAGE = Path(__file__).resolve().parent


class ResourcesNotFound(InputError, FileNotFoundError):
    """Raised when no resource root is found (or ``ESFGRAPH_HOME`` lacks a folder); exit code 2."""


def project_root() -> Path:
    """Return the folder that holds ``ontology/``, ``queries/`` and ``data/``.

    Returns
    -------
    pathlib.Path
        ``$ESFGRAPH_HOME`` when set, else the source checkout, else the copy inside the
        installed package.

    Raises
    ------
    ResourcesNotFound
        When ``$ESFGRAPH_HOME`` lacks one of :data:`RESOURCE_FOLDERS`, or it is not set
        and neither a checkout nor an installed copy has them.

    Examples
    --------
    >>> (project_root() / "ontology" / "esf.ttl").is_file()
    True
    """
    # Resolved once per ESFGRAPH_HOME value: every page's triples look up the concept schemes.
    return _root_for(os.environ.get("ESFGRAPH_HOME") or None)


@lru_cache(maxsize=8)
def _root_for(home: str | None) -> Path:
    if home is not None:
        root = Path(home)
        missing = _missing_folders(root)
        if missing:
            raise ResourcesNotFound(
                f"ESFGRAPH_HOME={home} lacks {', '.join(missing)} "
                f"(it must hold {', '.join(folder + '/' for folder in RESOURCE_FOLDERS)}); "
                "unset it to use the resources shipped with esfgraph"
            )
        return root
    candidates = (_PACKAGE.parent, _PACKAGE / "_resources")
    for root in candidates:
        if not _missing_folders(root):
            return root
    raise ResourcesNotFound(
        "esfgraph's ontology, queries and reference data are missing: not in a source checkout "
        f"({candidates[0]}) nor in the installed package ({candidates[1]}); reinstall esfgraph "
        "(pip install esfgraph, or pip install . in a clone) or set ESFGRAPH_HOME to a folder that holds "
        f"{', '.join(folder + '/' for folder in RESOURCE_FOLDERS)}"
    )


def _missing_folders(root: Path) -> list[str]:
    missing = [folder + "/" for folder in RESOURCE_FOLDERS if not (root / folder).is_dir()]
    if not missing and not any((root / "queries").glob("*.rq")):
        missing.append("queries/*.rq")  # an empty library would list nothing and say nothing
    return missing


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
