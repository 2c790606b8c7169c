"""The report's stylesheet and its one script, inlined in the page."""

_CSS = """\
:root{--text:#1f2933;--muted:#525d68;--line:#d5dbe1;--bg:#f7f9fa;--error:#b71c1c;--warning:#7a5600;--info:#3b5ba5;
--gap:#fde2e1;--unmeasured:#fff1d6;--covered:#e3f4e8;--cross:#eef0f2;--link:#1f5fa8;
--page:#ffffff;--current:#fff8c5;--outside:#f3f4f6;--peak:#f8c4c0;--on-sev:#ffffff}
/* Dark, when the reader's system asks for it (on screen: paper is printed light). Every text colour
   keeps 4.5:1 on every background it sits on; the shades keep their hues (red, amber, green) and
   the severities theirs (red, amber, blue); the diagram keeps its light panel, its fills being
   those of the printed page. */
@media screen and (prefers-color-scheme:dark){
:root{color-scheme:dark;--text:#e6edf3;--muted:#a3adb8;--line:#3a434d;--bg:#182028;--error:#ff8a80;--warning:#e8b04a;
--info:#8fb3ff;--gap:#3b1f22;--unmeasured:#35290f;--covered:#16301f;--cross:#222a32;--link:#8cc4ff;
--page:#0f1419;--current:#3d3510;--outside:#1f262d;--peak:#5a2626;--on-sev:#0f1419}
.diagram{padding:8px}
}
*{box-sizing:border-box}
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--text);background:var(--page);margin:0 auto;max-width:1280px;padding:24px 28px 48px}
h1{font-size:1.7rem;margin:0 0 4px}h2{font-size:1.3rem;margin:32px 0 10px;border-bottom:2px solid var(--line);padding-bottom:4px}
.sub{color:var(--muted);margin:0 0 10px}.muted{color:var(--muted);font-weight:normal}
code{font:0.92em ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
/* One colour for every link, followed or not (the browser's blue and purple beside the contents' blue
   read as links of two kinds). */
a:link,a:visited{color:var(--link)}
.toc a{margin-right:16px}
.cards{display:flex;flex-wrap:wrap;gap:10px;margin:8px 0}
.card{border:1px solid var(--line);border-radius:8px;padding:8px 14px;min-width:110px;background:var(--bg)}
.card .num{display:block;font-size:1.5rem;font-weight:700}
.card.sev-error .num{color:var(--error)}.card.sev-warning .num{color:var(--warning)}.card.sev-info .num{color:var(--info)}
.glance{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(340px,100%),1fr));gap:10px 24px;margin:14px 0 6px}
.glance h3{font-size:1rem;margin:0 0 6px}.glance p{margin:4px 0}.glance ol,.glance ul{margin:0;padding-left:1.3em}
.glance ul.outcomes{list-style:none;padding:0}.glance .wide{grid-column:1/-1}
table.by-priority{width:auto;min-width:min(100%,560px)}table.by-priority caption{text-align:left;font-weight:600;padding-bottom:4px}
table.by-priority td{text-align:right;min-width:5.5em;font-variant-numeric:tabular-nums}table.by-priority td.none{color:var(--muted)}
table.by-priority td.sev-error{color:var(--error);font-weight:700}table.by-priority td.sev-warning{color:var(--warning);font-weight:700}table.by-priority td.sev-info{color:var(--info);font-weight:700}
table.by-priority th[scope=col]:not(:first-child){text-align:right}.glance li{margin:3px 0}.glance .key{min-width:7.5em;text-align:center}
dl.facts{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:2px 16px;margin:12px 0}dl.facts dt{color:var(--muted)}dl.facts dd{margin:0;overflow-wrap:anywhere}
.filters{display:flex;flex-wrap:wrap;gap:10px 16px;align-items:end;background:var(--bg);border:1px solid var(--line);border-radius:8px;padding:10px 12px;margin-bottom:10px;position:sticky;top:0;z-index:2}
@media (max-width:700px),(max-height:560px){.filters{position:static}}
.filters label{display:flex;flex-direction:column;font-size:.8rem;color:var(--muted)}
.filters label{max-width:100%}.filters select,.filters input{font:inherit;font-size:.9rem;padding:3px 4px;max-width:min(280px,100%)}
@media (max-width:480px){body{padding:12px 10px 32px}}
.filters button{font:inherit;padding:4px 10px}.shown{margin-left:auto;color:var(--muted);font-size:.9rem}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;vertical-align:top;padding:6px 8px;border-bottom:1px solid var(--line)}
table.findings td.node{width:14%}table.findings td.msg{width:46%}
.group-head th{background:var(--bg);border-top:2px solid var(--line);font-weight:600}
.group-head .count{float:right;color:var(--muted)}
.ntitle{color:var(--muted);font-size:.85rem}.hint{color:var(--muted);font-size:.85rem;margin-top:2px}
.where{font-size:.8rem;color:var(--muted);white-space:nowrap}
.badge{display:inline-block;border-radius:4px;padding:0 6px;font-size:.78rem;font-weight:700;color:var(--on-sev);white-space:nowrap}
.badge.sev-error{background:var(--error)}.badge.sev-warning{background:var(--warning)}.badge.sev-info{background:var(--info)}
tr.finding.sev-error td:first-child{border-left:4px solid var(--error)}
tr.finding.sev-warning td:first-child{border-left:4px solid var(--warning)}
tr.finding.sev-info td:first-child{border-left:4px solid var(--info)}
tr.finding.current{background:var(--current)}
/* On a phone each finding is a card: its node and rule code, then its words across the screen, then
   its priority, owners and place, each named (as a table it was four times the screen's width, the
   words a few to a line and the owners and rule off its right edge). */
@media screen and (max-width:600px){
 table.findings thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
 table.findings tr.finding{display:grid;grid-template-columns:minmax(0,1fr) auto;border-bottom:1px solid var(--line);padding:4px 0}
 table.findings tr.finding.hidden{display:none}
 table.findings tr.finding td{display:block;width:auto;border:none;padding:2px 8px}
 table.findings tr.finding td:first-child{border-left:none;grid-column:1;grid-row:1}
 table.findings tr.finding td:last-child{grid-column:2;grid-row:1;text-align:right}
 table.findings tr.finding td.msg{grid-column:1/-1}
 table.findings tr.finding td:nth-child(3),table.findings tr.finding td:nth-child(4),table.findings tr.finding td.where{grid-column:1/-1;font-size:.85rem}
 table.findings tr.finding td:nth-child(3):empty,table.findings tr.finding td:nth-child(4):empty,table.findings tr.finding td.where:empty{display:none}
 table.findings tr.finding td:nth-child(3)::before{content:"Priority: ";color:var(--muted)}
 table.findings tr.finding td:nth-child(4)::before{content:"Owners: ";color:var(--muted)}
 table.findings tr.finding td.where::before{content:"Where: "}
 tr.finding.sev-error{border-left:4px solid var(--error)}tr.finding.sev-warning{border-left:4px solid var(--warning)}tr.finding.sev-info{border-left:4px solid var(--info)}
 table.findings .group-head th{display:block}
}
.hidden{display:none}
.vh{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
.scroll{overflow-x:auto;position:relative}
table.matrix td,table.matrix th{border:1px solid var(--line);text-align:center;font-size:.88rem}
table.matrix th[scope=row]{text-align:left;max-width:320px}
td.gap{background:var(--gap)}td.unmeasured{background:var(--unmeasured)}td.covered{background:var(--covered)}td.cross{background:var(--cross);color:var(--muted)}td.unserved{color:var(--muted)}
tr.total th,tr.total td{border-top:2px solid var(--text)}
.key{display:inline-block;padding:0 8px;border-radius:4px;margin:0 2px;font-size:.85rem}
.key .chip{display:inline-block;min-width:1.25em;height:1.25em;line-height:1.25em;margin:0 5px 0 -4px;text-align:center;color:#fff;font-weight:700;font-size:.8rem;border-radius:2px;vertical-align:-.15em}
.key.gap{background:var(--gap)}.key.unmeasured{background:var(--unmeasured)}.key.covered{background:var(--covered)}.key.unserved{border:1px solid var(--line)}
.key.fill{color:#1f2933}.key.over{background:var(--gap)}.key.peak{background:var(--peak)}.key.busy{background:var(--unmeasured)}
table.load td,table.load th{border:1px solid var(--line);text-align:center;font-size:.85rem;padding:4px 5px}
table.load th[scope=row]{text-align:left;min-width:220px}
/* Scrolled sideways to the later months, each row keeps its owner's name in view (the name went off
   the left edge, and a month's count was nobody's); a shadow marks the months passing under it. */
@media screen{table.load th:first-child{position:sticky;left:0;z-index:1;background:var(--page);box-shadow:1px 0 0 var(--line),3px 0 4px -2px rgba(0,0,0,.25)}}
table.load td.outside,table.load th.outside{background:var(--outside)}table.load td.peak{background:var(--peak);font-weight:700}table.load td.busy{background:var(--unmeasured)}
table.load td.total.over,table.load tr.over th{background:var(--gap)}
table.load caption{text-align:left;font-weight:600;padding:8px 0 2px}.print-only{display:none}
.warn{background:var(--unmeasured);padding:6px 10px;border-radius:6px}.ok{background:var(--covered);padding:8px 12px;border-radius:6px}
.notices{color:var(--muted)}
.tools{margin:6px 0}.tools button{font:inherit;padding:3px 10px}
.diagram{border:1px solid var(--line);border-radius:8px;overflow:auto;max-height:85vh;background:#fff}
.diagram.fit svg{width:100%;height:auto}
.diagram svg .og-node{cursor:pointer}.diagram svg .og-node:focus{outline:3px solid #1f6feb;outline-offset:2px}
.diagram svg g.og-highlight{filter:drop-shadow(0 0 6px #ffbf00) drop-shadow(0 0 12px #ffbf00)}
.diagram svg g.og-highlight a>path[fill=none],.diagram svg g.og-highlight a>polygon:not([stroke=transparent]),.diagram svg g.og-highlight a>polyline{stroke:#1f2933;stroke-width:4}
footer{margin-top:40px;color:var(--muted);font-size:.85rem;border-top:1px solid var(--line);padding-top:8px}
/* Printed on A4, which the print layout is made for (a browser set to US Letter printed a page more). */
@page{size:A4}
@media print{
 body{max-width:none;padding:0;font-size:10.5pt}
 .tools,.toc{display:none}
 .filters{position:static;border:none;padding:0}.filters label,.filters button{display:none}
 .scroll{overflow:visible}table.load td,table.load th{font-size:7pt;padding:1px 2px}table.load th[scope=row]{min-width:0}
 /* On A4 the findings' words get the width: the rule code's column goes (each group's heading names
    the rule and its severity, and the row's edge is in its colour), and the hints are smaller. */
 table.findings{font-size:9pt}table.findings th,table.findings td{padding:4px 5px}
 table.findings thead th:last-child,table.findings tr.finding td:last-child{display:none}
 table.findings td.node{width:17%}table.findings td.msg{width:52%}table.findings .hint,table.findings .ntitle{font-size:8pt}
 .screen-only{display:none}table.print-only{display:table;margin-bottom:8px}span.print-only{display:inline}
 /* The diagram is printed whole on the last page: the section takes the page (less the footer's
    lines), its heading and key at the top, and the drawing is shrunk into the rest, never enlarged
    (printed at the page's width, a large one ran over several pages, cut across its nodes). */
 #r-diagram{height:calc(100vh - 6em);display:flex;flex-direction:column;break-inside:avoid}
 #r-diagram>*{flex:none}#r-diagram>.diagram{flex:1 1 0;min-height:0;max-height:none;overflow:hidden;border:none;text-align:center}
 .diagram svg,.diagram.fit svg{width:auto;height:auto;max-width:100%;max-height:100%}
 footer{margin-top:1em;break-before:avoid;break-inside:avoid}
 section{break-inside:auto}h2{break-after:avoid}
 /* The summary is the first page, whole: the findings start a page of their own, and no part of
    the summary (nor a group's heading, from its first finding) is split across two pages. */
 .cards{display:inline-flex;gap:5px;margin:2px 0;vertical-align:top}.cards+.cards{margin-left:5px}
 .card{min-width:0;padding:2px 7px;font-size:8.5pt}.card .num{font-size:1.1rem}
 .glance .key{font-size:.9em}.glance{margin:8px 0 4px;gap:4px 18px;font-size:9pt}.glance>div,dl.facts{break-inside:avoid}.glance .wide{grid-column:auto}
 table.by-priority{min-width:0;width:100%}table.by-priority td,table.by-priority th{padding:2px 4px}table.by-priority td{min-width:0}
 dl.facts{grid-template-columns:max-content minmax(0,1fr) max-content minmax(0,1fr);font-size:9pt;margin:6px 0}
 /* Each section after the summary starts a page (the owner load began under the coverage matrix,
    its heading and key at the foot of a page, its table over the page). A table short enough for a
    page (class whole: Richmond's owner load, Thurrock's coverage matrix) is printed on one, moved
    to the next page rather than split, as is a year's table of the owner load after the first that
    fits a page (class page: Thurrock's); a longer one (a year of Southend's sixty-odd owners) is
    split between rows, its heading row repeated on each page. No heading or caption is left at the foot
    of a page, apart from what it heads. */
 #r-findings,#r-coverage,#r-owners,#r-diagram{break-before:page}tr.group-head{break-after:avoid}
 table.whole,table.page+table.page{break-inside:avoid}caption,h3{break-after:avoid}
 /* The coverage matrix's counts on a line each, smaller: its rows were four lines high, and
    Southend's eight priorities ran over a page. */
 table.matrix td,table.matrix th{font-size:8pt;padding:2px 4px}
 tr,.card{break-inside:avoid}thead{display:table-header-group}
 a,a:link,a:visited{color:inherit;text-decoration:none}
 *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
 .diagram svg g.og-highlight{filter:none}
}
"""

_SCRIPT = r"""(function () {
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
    var sev = value("severity"), rule = value("rule"), owner = value("owner"), prio = value("priority");
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
    document.documentElement.style.scrollPaddingTop = sticky ? (form.getBoundingClientRect().height + 8) + "px" : "";
  }
  pad();
  window.addEventListener("resize", pad);
  if (form) {
    form.addEventListener("submit", function (ev) { ev.preventDefault(); });
    form.addEventListener("input", function (ev) {
      var byNode = form.querySelector('[data-filter="node"]');
      if (byNode && ev.target.getAttribute("data-filter") === "text") { byNode.value = ""; }  // (typing ends it)
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
  var motion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches ? "auto" : "smooth";
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
        if (to && to.getAttribute("tabindex") === null && to.tagName.toLowerCase() !== "g") { to.setAttribute("tabindex", "-1"); }
        if (to && to.focus) { to.focus({preventScroll: true}); }
        var rows = document.querySelectorAll("tr.finding.current");
        for (var i = 0; i < rows.length; i++) { rows[i].classList.remove("current"); }
        link.closest("tr").classList.add("current");
        if (history.replaceState) { history.replaceState(null, "", "#" + link.getAttribute("data-target")); }
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
"""


def stylesheet() -> str:
    """The report's CSS."""
    return _CSS


def script() -> str:
    """The report's only script: filtering the findings table and linking findings and nodes."""
    return _SCRIPT
