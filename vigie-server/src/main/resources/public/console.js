// Vigie console: live updates. The server sends an event name (traffic, alerts, isolations) over
// server-sent events when something changed; htmx then re-fetches that panel's fragment.
// New alert rows are announced to screen readers through the page's aria-live region.
// Forms whose action is risky carry data-confirm: the operator confirms the stated impact first.
document.addEventListener("submit", function (e) {
  var m = e.target && e.target.getAttribute ? e.target.getAttribute("data-confirm") : null;
  if (m && !window.confirm(m)) e.preventDefault();
}, true);
document.addEventListener("DOMContentLoaded", function () {
  if (!document.body.hasAttribute("data-live") || !window.EventSource) return;
  var dot = document.getElementById("live-dot");
  var announcer = document.getElementById("announcer");
  var alertRows = function () { return document.querySelectorAll("#alerts tr.alert-row").length; };
  var seen = alertRows();
  document.body.addEventListener("htmx:afterSwap", function (e) {
    if (!announcer || !e.target || e.target.id !== "alerts") return;
    var now = alertRows();
    if (now > seen) {
      announcer.textContent = (announcer.getAttribute("data-new-alerts") || "{0}").replace("{0}", now - seen);
    }
    seen = now;
  });
  // A live refresh replaces a panel's HTML: keep what the operator was doing in it (the evidence
  // panels left open, the focused control) by the rows' stable keys.
  var rowKey = function (el) {
    var tr = el && el.closest ? el.closest("[data-key], tr[data-id]") : null;
    return tr ? (tr.getAttribute("data-key") || tr.getAttribute("data-id")) : null;
  };
  var keep = null;
  document.body.addEventListener("htmx:beforeSwap", function (e) {
    var panel = e.detail && e.detail.target;
    if (!panel) return;
    var open = [];
    panel.querySelectorAll("details[open]").forEach(function (d) { open.push(rowKey(d)); });
    var f = document.activeElement, focus = null;
    if (f && panel.contains(f)) focus = {row: rowKey(f), cls: f.className, tag: f.tagName, name: f.name || null};
    // what the operator was typing in the panel (a reason, an update's text) survives the refresh
    var typed = [];
    panel.querySelectorAll("input[type=text], input:not([type]), textarea").forEach(function (x) {
      if (x.name && x.value !== x.defaultValue) typed.push({row: rowKey(x), name: x.name, value: x.value});
    });
    keep = {panel: panel, open: open, focus: focus, typed: typed};
  });
  document.body.addEventListener("htmx:afterSwap", function (e) {
    if (!keep || e.detail.target !== keep.panel) return;
    var panel = keep.panel;
    panel.querySelectorAll("details").forEach(function (d) {
      if (keep.open.indexOf(rowKey(d)) >= 0) d.open = true;
    });
    keep.typed.forEach(function (t) {
      panel.querySelectorAll("[name='" + t.name + "']").forEach(function (x) {
        if (rowKey(x) === t.row) x.value = t.value;
      });
    });
    if (keep.focus && keep.focus.row) {
      var candidates = panel.querySelectorAll(keep.focus.tag.toLowerCase());
      for (var i = 0; i < candidates.length; i++) {
        var c = candidates[i];
        if (rowKey(c) === keep.focus.row && c.className === keep.focus.cls
            && (c.name || null) === keep.focus.name && c.type !== "hidden") { c.focus(); break; }
      }
    }
    keep = null;
  });
  var es = new EventSource("/console/events");
  es.addEventListener("hello", function () { if (dot) dot.className = "dot on"; });
  es.onerror = function () { if (dot) dot.className = "dot off"; };
  ["traffic", "alerts", "isolations", "recovery"].forEach(function (name) {
    es.addEventListener(name, function () {
      if (dot) dot.className = "dot on";
      var el = document.getElementById(name);
      if (el && window.htmx) htmx.trigger(el, "refresh");
    });
  });
});
