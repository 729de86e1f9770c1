"""The explorer's web application (WSGI, Werkzeug): pages, tables, exports, and ``/query``.

Every page is rendered by Jinja2 with autoescaping on, so page text (titles, names) is
always shown as text. Request values are checked here and never pasted into SPARQL: the
pages read the in-memory index, and ``/id/…`` looks its IRI up as a term. ``/query``,
``/update`` and ``/store`` are handed to the Oxigraph server of the current store
generation unchanged.

Examples
--------
>>> app = ExplorerApp(watcher)                       # doctest: +SKIP
>>> from werkzeug.serving import make_server
>>> make_server("127.0.0.1", 7878, app, threaded=True).serve_forever()  # doctest: +SKIP
"""

from __future__ import annotations

import http.client
import json
import re
import sys
import traceback
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlencode

from jinja2 import Environment, FileSystemLoader, select_autoescape
from werkzeug.exceptions import BadRequest, HTTPException, NotFound
from werkzeug.routing import Map, Rule
from werkzeug.wrappers import Request, Response

from ..network import TEXT_MENTIONS
from ..vocab import concept_key
from .generation import Generation, StoreWatcher
from .network import network_data
from .pages import org_page, partnership_page, project_page
from .filters import FilterError, PartnershipFilter
from .pairs import count_partnerships, pair_index
from .partnerships import partnership_csv, partnership_gexf, row_values
from .rdfview import incoming, negotiate, serialise, short, triples_of
from .search import MAX_QUERY

__all__ = ["ExplorerApp", "CSP", "PACKAGE_DIR"]

PACKAGE_DIR = Path(__file__).parent

#: Content-Security-Policy of every page: scripts, styles and data from this server only.
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; font-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
#: The query UI (YASGUI, CodeMirror) sets inline styles; scripts stay this server's only.
CSP_QUERY_UI = CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")

_ODD = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade",
               "proxy-authenticate", "proxy-authorization", "content-length", "server", "date"}
HTML_ROWS = 500  # rows of the partnership table shown on the page (the CSV has all)


def _checked(value: str | None, name: str, limit: int = MAX_QUERY) -> str:
    text = (value or "").strip()
    if len(text) > limit:
        raise BadRequest(f"{name}: too long ({len(text)} characters; at most {limit})")
    if _ODD.search(text):
        raise BadRequest(f"{name}: holds control characters")
    return text


class ExplorerApp:
    """The WSGI application over a :class:`~esfgraph.explorer.generation.StoreWatcher`."""

    def __init__(self, watcher: StoreWatcher):
        self.watcher = watcher
        watcher.warm = self._warm
        self.templates = Environment(loader=FileSystemLoader(PACKAGE_DIR / "templates"),
                                     autoescape=select_autoescape(default=True, default_for_string=True))
        self.templates.filters["sek"] = lambda n: "" if n in (None, "") else f"{int(n):,}".replace(",", " ")
        self.templates.globals["short"] = short
        self.urls = Map([
            Rule("/", endpoint="home"), Rule("/search", endpoint="search"),
            Rule("/id/<path:rest>", endpoint="resource"), Rule("/partnerships", endpoint="partnerships"),
            Rule("/partnership", endpoint="partnership"), Rule("/network", endpoint="network"),
            Rule("/network.json", endpoint="network_json"), Rule("/sparql", endpoint="sparql"),
            Rule("/status.json", endpoint="status"), Rule("/static/<path:name>", endpoint="static"),
            Rule("/query", endpoint="proxy"), Rule("/update", endpoint="proxy"),
            Rule("/store", endpoint="proxy"), Rule("/favicon.ico", endpoint="favicon"),
        ], strict_slashes=False)

    # ------------------------------------------------------------------ plumbing

    @staticmethod
    def _warm(gen: Generation) -> None:
        """Count the pairs of every setting, then lay out the default network view, before
        anyone asks (seconds, and the layout a minute, at 10,000 pages)."""
        try:
            pair_index(gen.index).warm()
            network_data(gen, PartnershipFilter())
        except Exception:  # noqa: BLE001 - a request will compute it again and report
            pass

    def __call__(self, environ, start_response):
        request = Request(environ)
        gen = self.watcher.current  # one generation for the whole request
        try:
            endpoint, values = self.urls.bind_to_environ(environ).match()
            response = getattr(self, "on_" + endpoint)(request, gen, **values)
        except FilterError as error:
            response = self._error(gen, 400, str(error))
        except HTTPException as error:
            response = self._error(gen, error.code or 500, error.description or error.name)
        except Exception as error:  # noqa: BLE001 - one line for the reader, the trace for the log
            traceback.print_exc(file=sys.stderr)
            response = self._error(gen, 500, f"internal error ({type(error).__name__}); see the server's log")
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        response.headers["X-Esfgraph-Generation"] = str(gen.number)
        if self.watcher.stale:
            response.headers["X-Esfgraph-Stale"] = "serving an older build"
        return response(environ, start_response)

    def _render(self, gen: Generation, name: str, status: int = 200, **context) -> Response:
        html = self.templates.get_template(name).render(gen=gen, stale=self.watcher.stale, **context)
        return Response(html, status=status, content_type="text/html; charset=utf-8")

    def _error(self, gen: Generation, status: int, message: str) -> Response:
        return self._render(gen, "error.html", status=status, status_code=status, message=message)

    def _iri(self, gen: Generation, path: str) -> str:
        return gen.index.base + path

    def path_of(self, gen: Generation, iri: str) -> str:
        return "/id/" + iri[len(gen.index.base):] if iri.startswith(gen.index.base) else ""

    # ------------------------------------------------------------------ pages

    def on_home(self, request, gen):
        return self._render(gen, "home.html", coverage=gen.index.coverage(), regions=sorted(gen.index.regions.items()),
                            orgs=len(gen.index.orgs), projects=len(gen.index.projects))

    def on_search(self, request, gen):
        query = _checked(request.args.get("q"), "q")
        hits = gen.searcher.search(query) if query else []
        if request.args.get("format") == "json":
            return Response(json.dumps([h.__dict__ for h in hits], ensure_ascii=False), content_type="application/json")
        return self._render(gen, "search.html", q=query, hits=hits, path_of=lambda i: self.path_of(gen, i))

    def on_resource(self, request, gen, rest):
        rest = _checked(rest, "path", 1000)
        iri = self._iri(gen, rest)
        media = negotiate(request.headers.get("Accept"), request.args.get("format"))
        triples = triples_of(gen.store, iri)
        if not triples:
            raise NotFound(f"the graph holds no resource {iri}")
        if media is None:
            return Response("406 Not Acceptable: text/html, text/turtle, application/ld+json or "
                            "application/n-triples\n", status=406, content_type="text/plain")
        if media != "text/html":
            response = Response(serialise(triples, media), content_type=f"{media}; charset=utf-8")
            response.headers["Vary"] = "Accept"
            return response
        path_of = lambda i: self.path_of(gen, i)  # noqa: E731
        if iri in gen.index.orgs:
            page = self._render(gen, "org.html", iri=iri, path_of=path_of, **org_page(gen, iri))
        elif iri in gen.index.projects:
            page = self._render(gen, "project.html", iri=iri, path_of=path_of, **project_page(gen, iri))
        else:
            page = self._render(gen, "resource.html", iri=iri, path_of=path_of, triples=triples,
                                incoming=incoming(gen.store, iri), label_of=lambda i: self._label(gen, i))
        page.headers["Vary"] = "Accept"
        return page

    def _label(self, gen: Generation, iri: str) -> str:
        if iri in gen.index.orgs:
            return gen.index.orgs[iri].label
        if iri in gen.index.projects:
            return gen.index.projects[iri].title or short(iri)
        return short(iri)

    def _filter(self, request) -> PartnershipFilter:
        for name, value in request.args.items():
            _checked(value, name)
        return PartnershipFilter.from_args(request.args)

    def on_partnerships(self, request, gen):
        flt = self._filter(request)
        # Pairs are counted once per filter; another sort order reuses the count.
        counted = replace(flt, sort="shared", order="desc")
        rows = gen.cached(("rows", counted), lambda: count_partnerships(gen.index, counted)).sorted(flt)
        fmt = request.args.get("format", "html")
        if fmt == "csv":
            response = Response(partnership_csv(gen.index, rows), content_type="text/csv; charset=utf-8")
            response.headers["Content-Disposition"] = "attachment; filename=partnerships.csv"
            return response
        if fmt == "gexf":
            described = "esfgraph partnerships " + (urlencode(flt.args()) or "(no filter)")
            response = Response(partnership_gexf(gen.index, rows, described), content_type="application/gexf+xml")
            response.headers["Content-Disposition"] = "attachment; filename=partnerships.gexf"
            return response
        if fmt != "html":
            raise BadRequest(f"format: expected html, csv or gexf, got {fmt!r}")
        shown = [row_values(gen.index, r) for r in rows[:HTML_ROWS]]
        return self._render(gen, "partnerships.html", flt=flt, rows=shown, total=len(rows),
                            limit=HTML_ROWS, link=lambda **c: "/partnerships?" + urlencode(flt.args(**c)),
                            path_of=lambda i: self.path_of(gen, i), index=gen.index,
                            counties=sorted(gen.index.counties.items()),
                            types=sorted({concept_key(o.type) for o in gen.index.orgs.values() if o.type}))

    def on_partnership(self, request, gen):
        a, b = _checked(request.args.get("a"), "a", 1000), _checked(request.args.get("b"), "b", 1000)
        level = request.args.get("level", "unit")
        if level not in ("unit", "parent"):
            raise BadRequest(f"level: expected unit or parent, got {level!r}")
        text = request.args.get("text", "unlisted")
        if text not in TEXT_MENTIONS:
            raise BadRequest(f"text: expected one of {', '.join(TEXT_MENTIONS)}, got {text!r}")
        if a not in gen.index.orgs or b not in gen.index.orgs or a == b:
            raise NotFound("no such pair of organisations in this graph")
        return self._render(gen, "partnership.html", path_of=lambda i: self.path_of(gen, i),
                            **partnership_page(gen, a, b, level, text))

    def on_network(self, request, gen):
        flt = self._filter(request)
        return self._render(gen, "network.html", flt=flt, data_url="/network.json?" + urlencode(flt.args()))

    def on_network_json(self, request, gen):
        data = network_data(gen, self._filter(request))
        return Response(json.dumps(data, ensure_ascii=False), content_type="application/json")

    def on_sparql(self, request, gen):
        page = self._render(gen, "sparql.html")
        page.headers["Content-Security-Policy"] = CSP_QUERY_UI
        return page

    def on_status(self, request, gen):
        return Response(json.dumps({"generation": gen.number, "loaded_at": gen.loaded_at, "stale": self.watcher.stale,
                                    "store": str(gen.store_dir), "projects": len(gen.index.projects),
                                    "organisations": len(gen.index.orgs)}), content_type="application/json")

    def on_favicon(self, request, gen):
        return Response(status=204)

    def on_static(self, request, gen, name):
        root = (PACKAGE_DIR / "static").resolve()
        path = (root / name).resolve()
        if root not in path.parents or not path.is_file():
            raise NotFound("no such file")
        types = {".js": "text/javascript", ".css": "text/css", ".txt": "text/plain", ".png": "image/png"}
        response = Response(path.read_bytes(), content_type=types.get(path.suffix, "application/octet-stream"))
        response.headers["Cache-Control"] = "max-age=3600"
        return response

    # ------------------------------------------------------------------ /query, /update, /store

    def on_proxy(self, request, gen):
        backend = gen.backend
        if backend is None:
            raise NotFound("no SPARQL server behind this explorer")
        headers = {k: v for k, v in request.headers.items()
                   if k.lower() in ("accept", "content-type", "origin", "access-control-request-method",
                                    "access-control-request-headers")}
        connection = http.client.HTTPConnection(backend.host, backend.port, timeout=backend.timeout)
        try:
            target = request.path + ("?" + request.query_string.decode("latin-1") if request.query_string else "")
            connection.request(request.method, target, body=request.get_data() or None, headers=headers)
            answer = connection.getresponse()
            body = answer.read()
        except OSError as error:
            return Response(f"the SPARQL server did not answer: {error}\n", status=502, content_type="text/plain")
        finally:
            connection.close()
        headers = [(k, v) for k, v in answer.getheaders() if k.lower() not in _HOP_BY_HOP]
        return Response(body, status=answer.status, headers=headers)
