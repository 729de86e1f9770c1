"""Shared helpers for the benchmark scripts: steps under a time limit, memory, the machine,
and the N-Triples spelling of the synthetic graphs.

Every measured step runs in a child process so that its memory is its own and a step
that runs away can be stopped: :func:`run_step` starts the command in its own process
group, samples the resident memory of the whole process tree from ``/proc`` while it
runs, and kills the group when the time limit passes (the result then says so rather
than waiting). The peak of the largest single process comes from ``wait4``'s
``ru_maxrss``, which Linux keeps across reaped descendants.

The synthetic graphs of ``bench_network.py`` and ``bench_query.py`` are written as
N-Triples text with the namespaces and term spellers here (:func:`nt_iri`,
:func:`nt_literal`, :func:`nt_integer`): plain strings, so that generating a graph of a
million projects builds no rdflib term.

No third-party dependency: ``/proc`` and the standard library only.
"""

from __future__ import annotations

import json
import os
import platform
import signal
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

__all__ = [
    "REPO_ROOT",
    "StepResult",
    "run_step",
    "tree_rss_bytes",
    "machine_description",
    "format_seconds",
    "format_bytes",
    "format_rate",
    "BASE",
    "ESF",
    "VOCAB",
    "ORG",
    "RDF_TYPE",
    "RDFS_LABEL",
    "DCTERMS",
    "SCHEMA",
    "PROV",
    "XSD",
    "ANALYSIS",
    "nt_iri",
    "nt_literal",
    "nt_integer",
]

REPO_ROOT = Path(__file__).resolve().parent.parent

# The IRIs of esfgraph's model (esfgraph.iris and esfgraph.vocab), spelled out so that
# this module needs nothing beyond the standard library.
BASE = "https://w3id.org/esfgraph/id/"
ESF = "https://w3id.org/esfgraph/ontology#"
VOCAB = "https://w3id.org/esfgraph/vocab/"
ORG = "http://www.w3.org/ns/org#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
DCTERMS = "http://purl.org/dc/terms/"
SCHEMA = "https://schema.org/"
PROV = "http://www.w3.org/ns/prov#"
XSD = "http://www.w3.org/2001/XMLSchema#"
ANALYSIS = "https://w3id.org/esfgraph/graph/analysis"

#: Values for the library queries' required parameters when a benchmark runs them all
#: (Arbetsförmedlingen: the organisation in most projects, so the largest answer).
REQUIRED_PARAMETERS = {"org": "arbetsformedlingen"}


def required_parameters(info) -> dict[str, str]:
    """The values of ``REQUIRED_PARAMETERS`` that a library query (``QueryInfo``) requires."""
    return {p.name: REQUIRED_PARAMETERS[p.name] for p in info.params if p.required and p.name in REQUIRED_PARAMETERS}

_PAGE_SIZE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


@dataclass
class StepResult:
    """The outcome of one measured child process.

    Attributes
    ----------
    name : str
        What was measured.
    wall_s : float
        Wall-clock seconds from start to exit (or to the kill at the limit).
    peak_rss_bytes : int
        Largest resident set of any single process of the step (``ru_maxrss``).
    peak_tree_rss_bytes : int
        Largest sampled sum of resident sets over the whole process tree (workers
        included), sampled every ``sample_interval`` seconds.
    returncode : int or None
        Exit status; ``None`` when the step was stopped at the limit.
    timed_out : bool
        True when the step ran over ``limit_s`` and was killed.
    limit_s : float or None
        The time limit the step ran under.
    stdout, stderr : str
        What the step printed (stderr cut to its last 4,000 characters).
    samples : list of (float, int)
        ``(unix time, tree RSS bytes)`` samples, for attributing memory to stages.
    started_at : float
        Unix time the step was started.
    """

    name: str
    wall_s: float = 0.0
    peak_rss_bytes: int = 0
    peak_tree_rss_bytes: int = 0
    returncode: int | None = None
    timed_out: bool = False
    limit_s: float | None = None
    stdout: str = ""
    stderr: str = ""
    samples: list[tuple[float, int]] = field(default_factory=list)
    started_at: float = 0.0

    @property
    def ok(self) -> bool:
        """True when the step finished within its limit and exited 0."""
        return not self.timed_out and self.returncode == 0

    @property
    def peak_bytes(self) -> int:
        """The larger of the two peaks: what the step needed at most."""
        return max(self.peak_rss_bytes, self.peak_tree_rss_bytes)

    def json_lines(self) -> list[dict[str, Any]]:
        """Parse the step's stdout as JSON lines (lines that are not JSON are skipped)."""
        rows = []
        for line in self.stdout.splitlines():
            line = line.strip()
            if line.startswith("{"):
                try:
                    rows.append(json.loads(line))
                except json.JSONDecodeError:
                    continue
        return rows

    def to_dict(self) -> dict[str, Any]:
        """JSON-able, without the memory samples and with stdout cut short."""
        data = asdict(self)
        data.pop("samples")
        data["stdout"] = data["stdout"][-2000:]
        return data


def _children_of() -> dict[int, list[int]]:
    """Map each pid to its child pids, from ``/proc/*/stat``."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as handle:
                stat = handle.read()
        except OSError:
            continue
        # The command name may hold spaces and parentheses: split after the last ')'.
        fields = stat[stat.rfind(b")") + 2 :].split()
        if len(fields) > 1:
            children.setdefault(int(fields[1]), []).append(int(entry.name))
    return children


def _rss_bytes(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm", "rb") as handle:
            return int(handle.read().split()[1]) * _PAGE_SIZE
    except (OSError, IndexError, ValueError):
        return 0


def tree_rss_bytes(pid: int) -> int:
    """Return the summed resident memory of ``pid`` and all its descendants.

    Parameters
    ----------
    pid : int
        The root process.

    Returns
    -------
    int
        Bytes; 0 when the process is gone.

    Examples
    --------
    >>> tree_rss_bytes(os.getpid()) > 0
    True
    """
    children = _children_of()
    total, stack, seen = 0, [pid], set()
    while stack:
        current = stack.pop()
        if current in seen:
            continue
        seen.add(current)
        total += _rss_bytes(current)
        stack.extend(children.get(current, ()))
    return total


def run_step(
    name: str,
    command: list[str],
    limit_s: float | None = None,
    cwd: str | Path | None = None,
    env: dict[str, str] | None = None,
    sample_interval: float = 0.1,
) -> StepResult:
    """Run ``command`` as a measured step under a time limit.

    Parameters
    ----------
    name : str
        A label for the step.
    command : list of str
        The program and its arguments.
    limit_s : float, optional
        Kill the step's whole process group after this many seconds.
    cwd : path, optional
        Working directory (default: the repository root).
    env : dict, optional
        Extra environment variables on top of this process's environment.
    sample_interval : float
        Seconds between memory samples of the process tree.

    Returns
    -------
    StepResult
        Wall time, memory peaks, exit status, output; ``timed_out`` when stopped.

    Examples
    --------
    >>> r = run_step("hello", [sys.executable, "-c", "print('hi')"], limit_s=30)
    >>> r.ok, r.stdout.strip()
    (True, 'hi')
    """
    full_env = dict(os.environ)
    full_env.update(env or {})
    full_env.setdefault("PYTHONHASHSEED", "0")
    result = StepResult(name=name, limit_s=limit_s)
    # Output goes to temporary files, not pipes, so a chatty step cannot block on a
    # full pipe while we sample.
    import tempfile

    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        result.started_at = time.time()
        process = subprocess.Popen(
            command,
            cwd=str(cwd or REPO_ROOT),
            env=full_env,
            stdout=out,
            stderr=err,
            stdin=subprocess.DEVNULL,
            start_new_session=True,  # its own process group, so the limit kills workers too
        )
        stop = threading.Event()

        def sample() -> None:
            while not stop.is_set():
                rss = tree_rss_bytes(process.pid)
                result.samples.append((time.time(), rss))
                if rss > result.peak_tree_rss_bytes:
                    result.peak_tree_rss_bytes = rss
                stop.wait(sample_interval)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        deadline = None if limit_s is None else started + limit_s
        status = None
        usage = None
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if deadline is not None and time.perf_counter() > deadline:
                result.timed_out = True
                _kill_group(process.pid)
                pid, status, usage = os.wait4(process.pid, 0)
                break
            time.sleep(0.02)
        result.wall_s = time.perf_counter() - started
        stop.set()
        sampler.join()
        process.returncode = os.waitstatus_to_exitcode(status)
        # The step's workers may outlive it (orphans): make sure none keep running.
        _kill_group(process.pid)
        result.returncode = None if result.timed_out else process.returncode
        result.peak_rss_bytes = usage.ru_maxrss * 1024 if usage else 0
        out.seek(0)
        err.seek(0)
        result.stdout = out.read().decode("utf-8", "replace")
        result.stderr = err.read().decode("utf-8", "replace")[-4000:]
    return result


def _kill_group(pgid: int) -> None:
    try:
        os.killpg(pgid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _total_memory_bytes() -> int:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def machine_description() -> dict[str, Any]:
    """Describe this machine and the software the benchmarks ran on.

    Returns
    -------
    dict
        ``cores`` (usable by this process), ``cpu``, ``memory_bytes``, ``os``,
        ``python`` and ``libraries`` (name -> version).

    Examples
    --------
    >>> machine_description()["cores"] >= 1
    True
    """
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:
        cores = os.cpu_count() or 1
    libraries = {
        name: _version(name)
        for name in ("esfgraph", "rdflib", "pyshacl", "pyoxigraph", "networkx", "lxml", "beautifulsoup4", "ftfy")
    }
    return {
        "cores": cores,
        "cpu": _cpu_model(),
        "memory_bytes": _total_memory_bytes(),
        "os": f"{platform.system()} {platform.release()}",
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "libraries": libraries,
    }


def format_seconds(seconds: float | None) -> str:
    """Format a duration for a table: ``0.012 s``, ``3.4 s``, ``95 s``, ``12.5 min``.

    Examples
    --------
    >>> format_seconds(3.456), format_seconds(0.0123), format_seconds(754)
    ('3.46 s', '0.012 s', '12.6 min')
    """
    if seconds is None:
        return "–"
    if seconds < 0.1:
        return f"{seconds:.3f} s"
    if seconds < 10:
        return f"{seconds:.2f} s"
    if seconds < 600:
        return f"{seconds:.0f} s" if seconds >= 100 else f"{seconds:.1f} s"
    return f"{seconds / 60:.1f} min"


def format_bytes(count: int | None) -> str:
    """Format a memory size in MB or GB.

    Examples
    --------
    >>> format_bytes(123 * 1024**2), format_bytes(5 * 1024**3)
    ('123 MB', '5.00 GB')
    """
    if not count:
        return "–"
    if count >= 1024**3:
        return f"{count / 1024**3:.2f} GB"
    return f"{count / 1024**2:.0f} MB"


def format_rate(items: int | None, seconds: float | None, unit: str = "") -> str:
    """Format a throughput as items per second.

    Examples
    --------
    >>> format_rate(10000, 4.0), format_rate(10000, 4.0, "pages")
    ('2,500/s', '2,500 pages/s')
    """
    if not items or not seconds:
        return "–"
    return f"{items / seconds:,.0f} {unit}/s" if unit else f"{items / seconds:,.0f}/s"


def nt_iri(iri: str) -> str:
    """Return an IRI as an N-Triples term.

    Examples
    --------
    >>> nt_iri(ESF + "Project")
    '<https://w3id.org/esfgraph/ontology#Project>'
    """
    return f"<{iri}>"


def nt_literal(text: str) -> str:
    """Return a plain string literal as an N-Triples term (backslashes and quotes escaped).

    Examples
    --------
    >>> print(nt_literal('Projekt "Steget"'))
    "Projekt \\"Steget\\""
    """
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def nt_integer(value: int) -> str:
    """Return an ``xsd:integer`` literal as an N-Triples term.

    Examples
    --------
    >>> nt_integer(2008)
    '"2008"^^<http://www.w3.org/2001/XMLSchema#integer>'
    """
    return f'"{value}"^^<{XSD}integer>'


if __name__ == "__main__":  # pragma: no cover - a quick look at this machine
    json.dump(machine_description(), sys.stdout, indent=2)
    print()
