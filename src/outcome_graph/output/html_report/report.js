(function () {
  "use strict";
  var form = document.getElementById("r-filters");
  var table = document.getElementById("r-findings-table");
  var shown = document.getElementById("r-shown");
  var box = document.getElementById("r-diagram-box");
  function value(name) {
    var el = form ? form.querySelector('[data-filter="' + name + '"]') : null;
    return el ? el.value.trim() : "";
  }
  function has(list, v) { return list.split("|").indexOf(v) >= 0; }
  function apply() {
    if (!table) { return; }
    var sev = value("severity"), rule = value("rule"), owner = value("owner"),
        prio = value("priority");
    // (set by a click on the diagram: the findings that node shows, its own and those of the
    // undrawn nodes below it it stands for)
    var node = value("node");
    var text = value("text").toLowerCase();
    var rows = table.querySelectorAll("tr.finding"), total = rows.length, visible = 0;
    for (var i = 0; i < rows.length; i++) {
      var r = rows[i], ok = true;
      if (sev && r.getAttribute("data-severity") !== sev) { ok = false; }
      if (ok && rule && r.getAttribute("data-rule") !== rule) { ok = false; }
      if (ok && owner && !has(r.getAttribute("data-owners"), owner)) { ok = false; }
      if (ok && prio && !has(r.getAttribute("data-priorities"), prio)) { ok = false; }
      var on = r.getAttribute("data-drawn-on");  // (one id, or several joined by |)
      if (ok && node && on !== node && !has(on, node)) { ok = false; }
      if (ok && text && r.getAttribute("data-node").toLowerCase() !== text &&
          r.textContent.toLowerCase().indexOf(text) < 0) { ok = false; }
      r.classList.toggle("hidden", !ok);
      if (ok) { visible++; }
    }
    var groups = table.querySelectorAll("tbody.group");
    for (var j = 0; j < groups.length; j++) {
      groups[j].classList.toggle("hidden", !groups[j].querySelector("tr.finding:not(.hidden)"));
    }
    if (shown) { shown.textContent = visible + " of " + total + " findings"; }
  }
  // The filter bar sticks to the top of the window: what takes the focus scrolls into view below
  // it, not under it (where going back through the table's links by keyboard hid them).
  function pad() {
    var sticky = form && getComputedStyle(form).position === "sticky";
    document.documentElement.style.scrollPaddingTop =
      sticky ? (form.getBoundingClientRect().height + 8) + "px" : "";
  }
  pad();
  window.addEventListener("resize", pad);
  if (form) {
    form.addEventListener("submit", function (ev) { ev.preventDefault(); });
    form.addEventListener("input", function (ev) {
      var byNode = form.querySelector('[data-filter="node"]');
      // (typing ends it)
      if (byNode && ev.target.getAttribute("data-filter") === "text") { byNode.value = ""; }
      apply();
    });
    form.addEventListener("change", apply);
    var clear = document.getElementById("r-clear");
    if (clear) {
      clear.addEventListener("click", function () {
        var fields = form.querySelectorAll("[data-filter]");
        for (var i = 0; i < fields.length; i++) { fields[i].value = ""; }
        apply();
      });
    }
  }
  var current = null;
  // (no smooth scrolling for those who asked their system for less motion)
  var motion = window.matchMedia &&
    window.matchMedia("(prefers-reduced-motion: reduce)").matches ? "auto" : "smooth";
  function highlight(id) {
    var el = document.getElementById(id);
    if (!el) { return false; }
    if (current) { current.classList.remove("og-highlight"); }
    if (el.tagName.toLowerCase() === "g") {
      el.classList.add("og-highlight");
      current = el;
    }
    el.scrollIntoView({block: "center", inline: "center", behavior: motion});
    return true;
  }
  document.addEventListener("click", function (ev) {
    // (a priority's name in the summary lists that priority's findings, and goes to them)
    var pick = ev.target.closest ? ev.target.closest("a[data-priority]") : null;
    var byPriority = form ? form.querySelector('[data-filter="priority"]') : null;
    if (pick && byPriority) {
      var fields = form.querySelectorAll("[data-filter]");
      for (var f = 0; f < fields.length; f++) { fields[f].value = ""; }
      byPriority.value = pick.getAttribute("data-priority");
      apply();
      return;
    }
    var link = ev.target.closest ? ev.target.closest("a.node-link") : null;
    if (link) {
      if (highlight(link.getAttribute("data-target"))) {
        ev.preventDefault();
        // The keyboard follows the link too: the node (or the owner's row) takes the focus.
        var to = document.getElementById(link.getAttribute("data-target"));
        if (to && to.getAttribute("tabindex") === null && to.tagName.toLowerCase() !== "g") {
          to.setAttribute("tabindex", "-1");
        }
        if (to && to.focus) { to.focus({preventScroll: true}); }
        var rows = document.querySelectorAll("tr.finding.current");
        for (var i = 0; i < rows.length; i++) { rows[i].classList.remove("current"); }
        link.closest("tr").classList.add("current");
        if (history.replaceState) {
          history.replaceState(null, "", "#" + link.getAttribute("data-target"));
        }
      }
      return;
    }
    selectNode(ev.target.closest ? ev.target.closest("g.og-node") : null);
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.key !== "Enter" && ev.key !== " ") { return; }
    var node = ev.target.closest ? ev.target.closest("g.og-node") : null;
    if (node) { ev.preventDefault(); selectNode(node); }
  });
  function selectNode(node) {
    if (node && box && box.contains(node) && form) {
      var title = node.querySelector("title");
      var input = form.querySelector('[data-filter="text"]');
      var byNode = form.querySelector('[data-filter="node"]');
      if (title && input) {
        input.value = title.textContent;
        if (byNode) { byNode.value = title.textContent; }
        apply();
        highlight(node.id);
        var first = table ? table.querySelector("tr.finding:not(.hidden)") : null;
        if (first) { first.scrollIntoView({block: "center", behavior: motion}); }
      }
    }
  }
  var fit = document.getElementById("r-fit"), actual = document.getElementById("r-actual");
  function size(fitted) {  // (each button says whether it is the size shown)
    box.classList.toggle("fit", fitted);
    fit.setAttribute("aria-pressed", String(fitted));
    actual.setAttribute("aria-pressed", String(!fitted));
  }
  if (fit && actual && box) {
    fit.addEventListener("click", function () { size(true); });
    actual.addEventListener("click", function () { size(false); });
  }
  if (location.hash.length > 1) {
    try { highlight(decodeURIComponent(location.hash.slice(1))); } catch (e) { /* not a node */ }
  }
  apply();
})();
