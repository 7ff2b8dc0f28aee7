// Vigie console: live updates. The server sends an event name (traffic, alerts, isolations) over
// server-sent events when something changed; htmx then re-fetches that panel's fragment and morphs
// it into the page (idiomorph, hx-swap="morph:innerHTML"): rows are matched by their stable ids,
// so the elements stay the same, and what the operator was doing in a panel (a focused button, an
// evidence panel left open, text typed in a field) survives the refresh.
if (window.Idiomorph) {
  var typedField = function (el) {
    if (el.tagName === "TEXTAREA") return true;
    return el.tagName === "INPUT" && ["hidden", "checkbox", "radio", "submit", "button"].indexOf(el.type) < 0;
  };
  var refreshing = false; // a live refresh (GET), not the answer to what the operator just sent
  Idiomorph.defaults.callbacks.beforeAttributeUpdated = function (attr, el, type) {
    if (!refreshing) return true;
    // an evidence panel or an edit form the operator opened stays open
    if (attr === "open" && type === "remove" && el.tagName === "DETAILS") return false;
    // what the operator typed or ticked stays until they send it
    if (attr === "value" && typedField(el) && el.value !== el.defaultValue) return false;
    if (attr === "checked" && el.tagName === "INPUT" && el.checked !== el.defaultChecked) return false;
    return true;
  };
  // idiomorph puts the focus back on a field; a button or a link kept in place keeps it too, and
  // should a control be moved (a row changing section) it gets the focus back here.
  var focused = null;
  document.addEventListener("htmx:beforeSwap", function (e) {
    var t = e.detail && e.detail.target, f = document.activeElement;
    var c = e.detail && e.detail.requestConfig;
    refreshing = !!c && String(c.verb).toLowerCase() === "get";
    focused = t && f && f !== document.body && t.contains(f) ? f : null;
  });
  document.addEventListener("htmx:afterSwap", function () {
    if (focused && focused.isConnected && document.activeElement !== focused) {
      focused.focus({preventScroll: true});
    }
    focused = null;
  });
}
// New alert rows are announced to screen readers through the page's aria-live region.
// Forms whose action is risky carry data-confirm: the operator confirms the stated impact first.
document.addEventListener("submit", function (e) {
  var m = e.target && e.target.getAttribute ? e.target.getAttribute("data-confirm") : null;
  if (m && !window.confirm(m)) e.preventDefault();
}, true);
// A thresholds form names what its save changes ("machineCallsPerSecond 20/40 → 30/60"), from the
// fields whose value differs from the one the page was served with; nothing changed, nothing sent.
document.addEventListener("submit", function (e) {
  var form = e.target, m = form && form.getAttribute ? form.getAttribute("data-confirm-changes") : null;
  if (!m || e.defaultPrevented) return;
  var lines = [];
  form.querySelectorAll("tr[data-key]").forEach(function (tr) {
    var key = tr.getAttribute("data-key");
    var w = tr.querySelector("input[name='" + key + ".warning']");
    var c = tr.querySelector("input[name='" + key + ".critical']");
    if (!w || !c || (w.value === w.defaultValue && c.value === c.defaultValue)) return;
    lines.push("\n– " + key + " " + w.defaultValue + "/" + c.defaultValue + " → " + w.value + "/" + c.value);
  });
  if (lines.length === 0) {
    window.alert(form.getAttribute("data-no-change") || "");
    e.preventDefault();
  } else if (!window.confirm(m.replace("{1}", lines.join("")))) {
    e.preventDefault();
  }
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

// --- editor ---
// Incident editor: ticking a catalogue service proposes (ticks) the clients its failure affects.
document.addEventListener("change", function (e) {
  var box = e.target;
  if (!box || box.name !== "service" || !box.checked) return;
  var ids = (box.getAttribute("data-proposes") || "").split(" ").filter(Boolean);
  var ticked = 0;
  ids.forEach(function (id) {
    var c = document.querySelector("#ed-clients input[name=client][value='" + id.replace(/'/g, "") + "']");
    if (c && !c.checked) { c.checked = true; ticked++; }
  });
  var note = document.querySelector("#ed-clients .proposed");
  if (note && ticked > 0) note.textContent = note.getAttribute("data-text");
});
// Undo offers and other notices with data-expires="N" go away after N seconds.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("[data-expires]").forEach(function (el) {
    setTimeout(function () { el.remove(); }, 1000 * parseInt(el.getAttribute("data-expires"), 10));
  });
});
document.addEventListener("htmx:afterSwap", function (e) {
  var t = e.detail && e.detail.target;
  if (!t || !t.querySelectorAll) return;
  t.querySelectorAll("[data-expires]").forEach(function (el) {
    setTimeout(function () { el.remove(); }, 1000 * parseInt(el.getAttribute("data-expires"), 10));
  });
});
// A live panel is not refreshed while the operator works in it (an open edit form, a focused field).
document.addEventListener("htmx:beforeRequest", function (e) {
  var t = e.detail && e.detail.target;
  if (!t || t.id !== "timeline-live") return;
  var f = document.activeElement;
  if (t.querySelector("details[open]") || (f && t.contains(f))) e.preventDefault();
});
// Drafts: what a form sends is kept in sessionStorage until the page it leads to loads. When the
// session had expired, sign-in returns here with ?restored=1 and the draft is put back in the form.
(function () {
  var PREFIX = "vigie.draft:";
  var keyOf = function (form) {
    return PREFIX + location.pathname + "#" + (form.id || form.getAttribute("action"));
  };
  document.addEventListener("submit", function (e) {
    var form = e.target;
    if (!form || (form.method || "").toLowerCase() !== "post" || e.defaultPrevented) return;
    if (!location.pathname.startsWith("/console") || !form.id) return;
    var fields = [];
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.name === "_csrf" || el.type === "password" || el.type === "hidden") return;
      if (el.type === "checkbox" || el.type === "radio") fields.push([el.name, el.value, el.checked]);
      else fields.push([el.name, el.value]);
    });
    try { sessionStorage.setItem(keyOf(form), JSON.stringify(fields)); } catch (x) { /* full */ }
  });
  document.addEventListener("DOMContentLoaded", function () {
    if (!location.pathname.startsWith("/console") || !window.sessionStorage) return;
    var params = new URLSearchParams(location.search);
    var restoring = params.get("restored") === "1";
    var restored = 0;
    for (var i = sessionStorage.length - 1; i >= 0; i--) {
      var k = sessionStorage.key(i);
      if (!k || k.indexOf(PREFIX + location.pathname + "#") !== 0) continue;
      if (restoring) {
        var form = document.getElementById(k.substring(k.indexOf("#") + 1));
        if (form) {
          JSON.parse(sessionStorage.getItem(k)).forEach(function (f) {
            var els = form.querySelectorAll("[name='" + f[0].replace(/'/g, "") + "']");
            els.forEach(function (el) {
              if (el.type === "checkbox" || el.type === "radio") { if (el.value === f[1]) el.checked = f[2]; }
              else el.value = f[1];
            });
          });
          var d = form.closest("details");
          if (d) d.open = true;
          restored++;
        }
      }
      sessionStorage.removeItem(k);
    }
    if (restoring) {
      params.delete("restored");
      var q = params.toString();
      history.replaceState(null, "", location.pathname + (q ? "?" + q : "") + location.hash);
      var main = document.getElementById("main");
      if (restored > 0 && main) {
        var n = document.createElement("div");
        n.className = "notice ok";
        n.id = "draft-restored";
        n.setAttribute("role", "status");
        n.textContent = main.getAttribute("data-draft-restored") || "";
        main.insertBefore(n, main.firstChild);
      }
    }
  });
})();
