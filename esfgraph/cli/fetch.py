"""Download project pages from the ESF project bank, politely and resumably."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..fetch import (
    DEFAULT_BASE_URL,
    DEFAULT_USER_AGENT,
    MIN_DELAY,
    fetch,
    read_dnr_file,
    read_url_file,
)
from ..runtime.errors import EsfgraphError

__all__ = ["command"]


def _check_delay(ctx: click.Context, param: click.Parameter, value: float) -> float:
    if value < MIN_DELAY:
        raise click.BadParameter(
            f"{value:g} s is below the politeness floor of {MIN_DELAY:g} s between requests"
        )
    return value


def _check_user_agent(ctx: click.Context, param: click.Parameter, value: str) -> str:
    if not value.strip() or any(ch in value for ch in "\r\n"):
        raise click.BadParameter("say who is fetching: a product name, and a way to reach you")
    return value.strip()


@click.command(
    "fetch",
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.option("--dnr", "dnr_file", metavar="FILE", type=click.Path(allow_dash=True),
              help="Diarienummer to fetch, one a line (# comments allowed); - for stdin.")
@click.option("--url", "url_file", metavar="FILE", type=click.Path(allow_dash=True),
              help="Page addresses to fetch, one a line (# comments allowed); - for stdin.")
@click.option("--out", "out_dir", required=True, metavar="DIR",
              type=click.Path(file_okay=False),
              help="Folder for NAME.html and NAME.html.json (created if missing).")
@click.option("--base", default=DEFAULT_BASE_URL, show_default=True, metavar="URL",
              help="Project page address (?dnr= is added), or a template with {dnr}.")
@click.option("--delay", default=1.0, show_default=True, type=float, callback=_check_delay,
              metavar="S", help=f"Seconds between requests to one host (at least {MIN_DELAY:g}).")
@click.option("--user-agent", default=DEFAULT_USER_AGENT, show_default=True, metavar="TEXT",
              callback=_check_user_agent,
              help="User-Agent header; keep a way to reach you in it.")
@click.option("--max-retries", default=4, show_default=True, type=click.IntRange(0, 20),
              metavar="N", help="Retries after 429, 5xx, time-outs and lost connections.")
@click.option("--timeout", default=30.0, show_default=True, type=click.FloatRange(min=0.1),
              metavar="S", help="Seconds to wait for a connection and for each read.")
@click.option("--max-wait", default=120.0, show_default=True, type=click.FloatRange(min=0),
              metavar="S", help="Longest Retry-After honoured; a page asking for more fails.")
@click.option("--refresh", is_flag=True,
              help="Revisit complete pages too, with conditional requests (304 keeps the file).")
@click.option("--report", "report_path", metavar="FILE", type=click.Path(dir_okay=False),
              help="Also write the full report (every page, every reason) as JSON.")
@click.option("--progress/--no-progress", default=None,
              help="Progress bar (default: on when stderr is a terminal).")
def command(
    dnr_file: str | None,
    url_file: str | None,
    out_dir: str,
    base: str,
    delay: float,
    user_agent: str,
    max_retries: int,
    timeout: float,
    max_wait: float,
    refresh: bool,
    report_path: str | None,
    progress: bool | None,
) -> None:
    """Download project pages by diarienummer or address, with a sidecar for each.

    Saves NAME.html (the page as served) and NAME.html.json (url, final_url,
    fetched_at, status, sha256, etag, last_modified, content_type). One request per
    second per host, robots.txt respected, retries with back-off on 429/5xx/time-outs.
    Running the same command again resumes: complete pages are not fetched again
    (--refresh asks the server what changed). Exit status: 0 all fetched, 1 some
    failed, 130 interrupted (Ctrl-C).

    \b
    Example:
      printf '2016/00023\\n2019/00144\\n' > dnr.txt
      esfgraph fetch --dnr dnr.txt --out data/raw
      esfgraph build data/raw --out build/raw
    """
    if not dnr_file and not url_file:
        raise click.UsageError("give --dnr FILE or --url FILE (or both)")
    if dnr_file == "-" and url_file == "-":
        raise click.UsageError("only one of --dnr and --url can read standard input")
    dnrs = read_dnr_file(dnr_file) if dnr_file else []  # FetchInputError: printed by esfgraph.cli
    urls = read_url_file(url_file) if url_file else []
    if not dnrs and not urls:
        raise click.ClickException(f"{dnr_file or url_file}: no diarienummer or addresses in it")
    try:
        report = fetch(
            out_dir,
            dnrs=dnrs,
            urls=urls,
            base=base,
            delay=delay,
            user_agent=user_agent,
            max_retries=max_retries,
            timeout=timeout,
            max_retry_after=max_wait,
            refresh=refresh,
            progress=progress,
        )
    except KeyboardInterrupt:
        # Ctrl-C before the first page (fetch() handles it from then on).
        click.echo("fetch: interrupted before any page was fetched", err=True)
        click.get_current_context().exit(130)
    except EsfgraphError:
        raise  # FetchInputError, FetchLocked: printed by esfgraph.cli
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    except OSError as exc:
        raise click.ClickException(f"{out_dir}: {exc.strerror or exc}") from None
    if report_path:
        text = json.dumps(report.to_dict(), ensure_ascii=False, indent=2, sort_keys=True)
        Path(report_path).write_text(text + "\n", encoding="utf-8")
    click.echo(report.summary())
    click.get_current_context().exit(report.exit_code)
