"""`esfgraph fetch` on the command line: output, exit codes, errors, Ctrl-C."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

from click.testing import CliRunner

from esfgraph.cli import main
from esfgraph.fetch import load_sidecar

from .server import FIXTURES, Reply, page


def run(*args: str):
    return CliRunner().invoke(main, ["fetch", *args], catch_exceptions=False)


def test_fetch_by_dnr_file_prints_a_summary_and_exits_0(server, tmp_path):
    server.routes["/projekt/?dnr=2016/00023"] = [page("2016-00023.html")]
    server.routes["/projekt/?dnr=2019/00144"] = [page("2019-00144.html")]
    dnr_file = tmp_path / "dnr.txt"
    dnr_file.write_text("# two projects\n2016/00023\n\n2019/00144\n", encoding="utf-8")
    out = tmp_path / "raw"
    report_file = tmp_path / "report.json"

    result = run("--dnr", str(dnr_file), "--out", str(out), "--base", server.url("/projekt/"),
                 "--delay", "0.5", "--report", str(report_file), "--no-progress")

    assert result.exit_code == 0, result.output
    assert "2 fetched, 0 unchanged (304), 0 already complete, 0 failed" in result.output
    assert (out / "2019-00144.html").read_bytes() == (FIXTURES / "2019-00144.html").read_bytes()
    assert load_sidecar(out / "2016-00023.html.json").url == server.url(
        "/projekt/?dnr=2016/00023")
    saved = json.loads(report_file.read_text(encoding="utf-8"))
    assert saved["counts"] == {"fetched": 2, "unchanged": 0, "skipped": 0, "failed": 0,
                               "disallowed": 0, "pending": 0}
    assert saved["requests"] == 3
    # The pause held between the two pages (measured at arrival: 50 ms allowed for the
    # first request's connection set-up, which the client's clock includes).
    (a,), (b,) = (server.times(f"/projekt/?dnr={d}") for d in ("2016/00023", "2019/00144"))
    assert b - a >= 0.45


def test_failures_exit_1_and_are_listed(server, tmp_path):
    server.routes["/gone"] = [Reply(410)]
    url_file = tmp_path / "urls.txt"
    url_file.write_text(server.url("/gone") + "\n", encoding="utf-8")
    result = run("--url", str(url_file), "--out", str(tmp_path / "raw"), "--delay", "0.5",
                 "--max-retries", "0")
    assert result.exit_code == 1
    assert "1 failed" in result.output
    assert f"{server.url('/gone')}  HTTP 410" in result.output


def test_bad_input_gives_one_line_and_no_traceback(tmp_path):
    dnr_file = tmp_path / "dnr.txt"
    dnr_file.write_text("2016/00023\n2016 00024\n", encoding="utf-8")
    result = run("--dnr", str(dnr_file), "--out", str(tmp_path / "raw"))
    assert result.exit_code == 1
    assert result.output.strip() == (
        f"esfgraph fetch: {dnr_file}:2: not a diarienummer (expected e.g. 2016/00023): '2016 00024'"
    )
    assert not (tmp_path / "raw").exists()

    missing = run("--dnr", str(tmp_path / "none.txt"), "--out", str(tmp_path / "raw"))
    assert missing.exit_code == 1 and "none.txt: no such file" in missing.output

    neither = run("--out", str(tmp_path / "raw"))
    assert neither.exit_code == 2 and "give --dnr FILE or --url FILE" in neither.output

    too_fast = run("--dnr", str(dnr_file), "--out", str(tmp_path / "raw"), "--delay", "0.1")
    assert too_fast.exit_code == 2 and "politeness floor of 0.5 s" in too_fast.output

    anonymous = run("--dnr", str(dnr_file), "--out", str(tmp_path / "raw"), "--user-agent", " ")
    assert anonymous.exit_code == 2 and "say who is fetching" in anonymous.output


def test_ctrl_c_stops_cleanly_with_a_summary(server, tmp_path):
    # Each page takes 0.4 s to arrive: Ctrl-C lands while the run is under way.
    for number in range(1, 9):
        server.routes[f"/p/{number}"] = [
            Reply(200, f"<html><p>{number}</p></html>".encode(),
                  {"Content-Type": "text/html"}, delay=0.4)
        ]
    url_file = tmp_path / "urls.txt"
    url_file.write_text("".join(server.url(f"/p/{n}") + "\n" for n in range(1, 9)),
                        encoding="utf-8")
    out = tmp_path / "raw"
    process = subprocess.Popen(
        [sys.executable, "-m", "esfgraph", "fetch", "--url", str(url_file), "--out", str(out),
         "--delay", "0.5", "--no-progress"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "NO_PROXY": "127.0.0.1"},
        # Take Ctrl-C as from a terminal, even if this test run has SIGINT ignored.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    deadline = time.monotonic() + 20
    while not list(out.glob("*.html.json")) and time.monotonic() < deadline:
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=20)

    assert process.returncode == 130, stderr
    assert "Traceback" not in stderr
    assert "interrupted:" in stdout and "run the same command again to resume" in stdout
    saved = sorted(out.glob("*.html"))
    assert 1 <= len(saved) < 8
    assert not list(out.glob(".*.tmp"))
    for html in saved:  # every page on disk is whole, with its sidecar
        assert load_sidecar(html.with_name(html.name + ".json")) is not None
