"""What the stages of one build share: its inputs, folders, options, and the products so far.

Examples
--------
>>> from esfgraph.build.options import BuildOptions
>>> context = BuildContext(Path("out.staging"), Path("out"), BuildOptions(), files=[])
>>> context.result.out_dir
PosixPath('out.staging')
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .options import BuildOptions
from .result import BuildResult

__all__ = ["BuildContext"]


def _quiet(message: str) -> None:
    """An ``echo`` that shows nothing."""


@dataclass
class BuildContext:
    """The state of one build as its stages run.

    Attributes
    ----------
    staging : Path
        The folder being written (swapped into place when the build completes).
    previous : Path
        The output folder as it is (the previous build's, whose cache and results may be reused).
    options : BuildOptions
    files : list of Path
        The page files, in the order they were found.
    echo : callable
        Receives progress messages.
    result : BuildResult
        What the build records, stage by stage.
    writer, spool
        The graph writer (pages stream into it) and the pages set aside for linking.
    outputs : dict
        Each finished stage's product (its report's ``value``), by stage name.
    """

    staging: Path
    previous: Path
    options: BuildOptions
    files: list[Path]
    echo: Callable[[str], None] = _quiet
    result: BuildResult = None  # type: ignore[assignment]
    writer: Any = None
    spool: Any = None
    outputs: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.result is None:
            self.result = BuildResult(out_dir=self.staging)
