// Draws /network.json (positions computed by the server) with sigma.js; a click opens the page.
(function () {
  "use strict";
  const box = document.getElementById("graph");
  if (!box) { return; }
  const status = document.getElementById("graph-status");
  const legend = document.getElementById("legend");
  const GraphClass = window.graphology.Graph || window.graphology;
  const SigmaClass = window.Sigma.Sigma || window.Sigma.default || window.Sigma;

  function say(text) { if (status) { status.textContent = text; } }

  fetch(box.dataset.url, { headers: { Accept: "application/json" } })
    .then(function (response) {
      if (!response.ok) { throw new Error("the server answered " + response.status); }
      return response.json();
    })
    .then(function (data) {
      const graph = new GraphClass();
      data.nodes.forEach(function (n) {
        graph.addNode(n.key, { x: n.x, y: n.y, size: n.size, color: n.color, label: n.label, url: n.url, cluster: n.cluster });
      });
      data.edges.forEach(function (e) {
        graph.addEdge(e.source, e.target, { size: e.size, color: "#c8c8c8" });
      });
      if (graph.order === 0) {
        box.textContent = "No partnerships under these filters.";
        box.dataset.drawn = "0";
        return;
      }
      const renderer = new SigmaClass(graph, box, {
        labelRenderedSizeThreshold: 7, labelDensity: 0.08, labelGridCellSize: 80, zIndex: true,
      });
      let hovered = null;
      renderer.on("enterNode", function (event) { hovered = event.node; box.style.cursor = "pointer"; renderer.refresh(); });
      renderer.on("leaveNode", function () { hovered = null; box.style.cursor = ""; renderer.refresh(); });
      renderer.setSetting("nodeReducer", function (node, attrs) {
        if (hovered && node !== hovered && !graph.areNeighbors(node, hovered)) {
          return Object.assign({}, attrs, { color: "#e6e6e6", label: "" });
        }
        return hovered === node ? Object.assign({}, attrs, { highlighted: true }) : attrs;
      });
      renderer.on("clickNode", function (event) {
        const url = graph.getNodeAttribute(event.node, "url");
        if (url) { window.location.assign(url); }
      });
      // For the browser tests: where a node is drawn, in pixels from the box's corner.
      window.esfgraphNetwork = {
        graph: graph,
        renderer: renderer,
        position: function (key) {
          const shown = renderer.getNodeDisplayData(key);
          return renderer.framedGraphToViewport({ x: shown.x, y: shown.y });
        },
      };
      say(graph.order + " organisations, " + graph.size + " ties, " + data.clusters.length + " clusters coloured.");
      if (legend) {
        data.clusters.forEach(function (c) {
          const item = document.createElement("li");
          const swatch = document.createElement("span");
          swatch.className = "swatch";
          swatch.setAttribute("data-color", c.color);
          item.appendChild(swatch);
          item.appendChild(document.createTextNode("cluster " + c.cluster + " (" + c.size + "): " + c.name));
          legend.appendChild(item);
          swatch.style.backgroundColor = c.color;  // CSSOM, allowed by the page's CSP
        });
      }
      box.dataset.drawn = String(graph.order);
    })
    .catch(function (error) {
      say("The network could not be drawn: " + error.message);
      box.dataset.drawn = "error";
    });
})();
