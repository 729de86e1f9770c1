// The SPARQL query UI (YASGUI), pointed at this server's read-only endpoint.
(function () {
  "use strict";
  const box = document.getElementById("yasgui");
  const Yasgui = window.Yasgui.default || window.Yasgui;
  const endpoint = new URL(box.dataset.endpoint, window.location.href).href;
  const yasgui = new Yasgui(box, {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: endpoint }]; } },
    persistenceId: "esfgraph-explorer",
    yasqe: { value: "PREFIX esf: <https://w3id.org/esfgraph/ontology#>\nPREFIX dcterms: <http://purl.org/dc/terms/>\n\nSELECT ?project ?title WHERE {\n  ?project a esf:Project ; dcterms:title ?title .\n} LIMIT 20\n" },
  });
  window.esfgraphYasgui = yasgui;
  box.dataset.ready = "1";
})();
