// Vigie console: live updates. The server sends an event name (traffic, alerts, isolations) over
// server-sent events when something changed; htmx then re-fetches that panel's fragment.
document.addEventListener("DOMContentLoaded", function () {
  if (!document.body.hasAttribute("data-live") || !window.EventSource) return;
  var dot = document.getElementById("live-dot");
  var es = new EventSource("/console/events");
  es.addEventListener("hello", function () { if (dot) dot.className = "dot on"; });
  es.onerror = function () { if (dot) dot.className = "dot off"; };
  ["traffic", "alerts", "isolations"].forEach(function (name) {
    es.addEventListener(name, function () {
      if (dot) dot.className = "dot on";
      var el = document.getElementById(name);
      if (el && window.htmx) htmx.trigger(el, "refresh");
    });
  });
});
