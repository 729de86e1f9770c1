"""Shared tools for the reliability tests: run the real command line, snapshot folders,
watch a build's processes."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from http.server import ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ESFGRAPH = [sys.executable, "-m", "esfgraph"]

from tests.contacts import SEED_EMAILS, SEED_NAMES, SEED_PHONES, SEED_SECRETS, SEED_SURNAMES  # noqa: F401


def clean_env(**extra: str) -> dict[str, str]:
    """The environment for a child ``esfgraph``: no pause hook, no endpoint credentials."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ESFGRAPH_BUILD_PAUSE", "ESFGRAPH_ENDPOINT_"))}
    env["PYTHONPATH"] = str(ROOT)
    env.update(extra)
    return env


def run_cli(*args: str, env: dict | None = None, timeout: float = 120, cwd: Path | None = None):
    """Run ``esfgraph ARGS`` to the end; return the CompletedProcess (text)."""
    return subprocess.run([*ESFGRAPH, *args], capture_output=True, text=True, timeout=timeout,
                          env=env or clean_env(), cwd=cwd or ROOT)


def generate(n: int, seed: int, out: Path) -> Path:
    """Generate ``n`` pages with ``benchmarks/generate.py`` into ``out``."""
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate.py"), str(n), "--seed", str(seed),
                    "--out", str(out)], check=True, capture_output=True, timeout=120)
    return out


def snapshot(folder: Path) -> dict[str, str]:
    """Every file and folder under ``folder``: relative path -> SHA-256 (``dir`` for folders)."""
    entries = {}
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder).as_posix()
        entries[relative] = "dir" if path.is_dir() else hashlib.sha256(path.read_bytes()).hexdigest()
    return entries


def siblings(out: Path) -> list[str]:
    """Names beside ``out`` that belong to its builds (the output, its lock, staging folders)."""
    return sorted(p.name for p in out.parent.iterdir() if p.name.startswith(out.name))


def wait_for(predicate, timeout: float, step: float = 0.02) -> bool:
    """Poll ``predicate`` until it is true or ``timeout`` seconds have passed."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return bool(predicate())


def _stat(pid: int) -> tuple[int, str] | None:
    """(parent pid, state letter) of a process, or None when it is gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = text[text.rindex(")") + 2:].split()
    return int(fields[1]), fields[0]


def descendants(pid: int) -> set[int]:
    """Every live process below ``pid`` (Linux /proc)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            info = _stat(int(entry.name))
            if info is not None:
                children.setdefault(info[0], []).append(int(entry.name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def alive(pids) -> set[int]:
    """The processes of ``pids`` that still run (zombies count as gone)."""
    return {pid for pid in pids if (info := _stat(pid)) is not None and info[1] != "Z"}


def assert_exit(pids, what: str, timeout: float = 5) -> None:
    """Assert that the processes ``pids`` end within ``timeout`` seconds (``what`` names them
    in the message); any still running afterwards are killed, so that no test leaves one."""
    try:
        assert wait_for(lambda: not alive(pids), timeout), f"{what}: {alive(pids)}"
    finally:
        for pid in alive(pids):
            os.kill(pid, signal.SIGKILL)


@contextmanager
def local_http_server(handler):
    """A real HTTP server with ``handler`` on 127.0.0.1 (a free port), serving in a thread;
    yields the server (its port: ``server.server_address[1]``) and stops it afterwards."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def default_sigint() -> None:
    """``preexec_fn`` for a child that should take Ctrl-C as a terminal would deliver it:
    a shell starts background jobs with SIGINT ignored, and children inherit that."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def send(process: subprocess.Popen, signum: int) -> None:
    """Deliver ``signum`` as a user would: Ctrl-C reaches the whole foreground process
    group, ``kill`` reaches one process."""
    if signum == signal.SIGINT:
        os.killpg(process.pid, signal.SIGINT)
    else:
        process.send_signal(signum)
