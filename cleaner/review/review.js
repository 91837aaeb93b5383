/* cleaner review page: renders the edits of each document lazily, lets a reader
   accept or reject them, and exports the decisions as a plan for `cleaner --plan`.
   The data is the JSON in #cleaner-data (see cleaner/review/page.py). No network. */
(function () {
  "use strict";
  const DATA = JSON.parse(document.getElementById("cleaner-data").textContent);
  const KNOWN = ["normalize", "rejoin", "dedup", "punctuation", "typos", "convert", "layout"];
  const DEL_GLYPH = { "\n": "\u21b5", " ": "\u2423", "\t": "\u21e5", "\u00a0": "\u237d", "\u3000": "\u25a1" };
  const INS_GLYPH = { "\n": "\u00b6\n", " ": "\u2423", "\t": "\u21e5", "\u00a0": "\u237d", "\u3000": "\u25a1" };
  const WS = /[\n \t\u00a0\u3000]+/g;
  const $ = (id) => document.getElementById(id);
  const make = (tag, cls, text) => {
    const x = document.createElement(tag);
    if (cls) x.className = cls;
    if (text !== undefined) x.textContent = text;
    return x;
  };
  const view = $("doc-view"), tip = $("tip"), detail = $("detail");
  const states = DATA.documents.map(() => ({ rejected: new Set(), passOff: new Set(), ruleOff: new Set(), cur: -1 }));
  let d = null, st = null, k = 0, eff = [], rank = new Map(), rendered = [], groups = [], groupOf = [], groupDivs = [];

  const passClass = (p) => "p-" + (KNOWN.includes(p) ? p : "other");
  const ruleOf = (e) => e.rule || e.pass;
  const shown = (i) => !st.passOff.has(d.edits[i].pass) && !st.ruleOff.has(ruleOf(d.edits[i]));

  function effective() {
    const out = [];
    d.edits.forEach((e, i) => out.push(!st.rejected.has(i) && e.deps.every((x) => out[x])));
    return out;
  }

  /* ---- rendering ------------------------------------------------------------- */
  function withGlyphs(el, text, glyphs) {
    let last = 0;
    WS.lastIndex = 0;
    for (let m; (m = WS.exec(text));) {
      if (m.index > last) el.append(text.slice(last, m.index));
      el.append(make("span", "g", Array.from(m[0], (c) => glyphs[c] || c).join("")), make("span", "t", m[0]));
      last = m.index + m[0].length;
    }
    if (last < text.length) el.append(text.slice(last));
    if (!text.trim()) el.classList.add("ws");
  }

  function link(text, attr, value, title) {
    const a = make("a", "jump", text);
    a.href = "#";
    a.title = title;
    a.setAttribute(attr, value);
    return a;
  }

  function edges(frag, el, i, seen) {
    if (seen.has(i)) return;
    seen.add(i);
    const e = d.edits[i];
    el.tabIndex = 0;
    el.id = "e" + k + "-" + i;
    if (e.kind === "moved-from" && e.pair !== null) frag.append(link("\u2192 moved", "data-go", e.pair, "where this block went"));
    if (e.kind === "moved-to" && e.pair !== null) frag.append(link("\u2190 from", "data-go", e.pair, "where this block came from"));
    if (e.orig !== null && e.orig !== undefined) frag.append(link("\u2191 original", "data-anchor", i, "the paragraph this one repeats"));
  }

  function renderItem(frag, item, seen) {
    if (typeof item === "string") { frag.append(item); return; }
    const [text, ins, dele] = item;
    if (ins === -2) {
      const a = make("span", "anchor", "\u25c6");
      a.dataset.a = dele;
      a.title = "repeated by a removed passage (edit " + dele + ")";
      frag.append(a);
      return;
    }
    const i = dele >= 0 ? dele : ins, e = d.edits[i];
    const el = document.createElement(dele >= 0 ? "del" : "ins");
    el.className = "e " + passClass(e.pass) + " " + e.kind;
    el.dataset.e = i;
    if (dele >= 0 && ins >= 0) { el.classList.add("was-ins"); el.dataset.i = ins; }
    withGlyphs(el, text, dele >= 0 ? DEL_GLYPH : INS_GLYPH);
    frag.append(el);
    edges(frag, el, i, seen);
  }

  /* Chunks (about a paragraph each) are rendered a group at a time: the observer watches a
     few hundred group placeholders, not every paragraph, so scrolling stays cheap. */
  function renderGroup(g) {
    if (g === undefined || rendered[g]) return;
    const grp = groups[g], frag = document.createDocumentFragment();
    for (let c = grp.first; c <= grp.last; c++) {
      const div = make("div", "c"), seen = new Set();
      div.dataset.c = c;
      for (const item of d.chunks[c]) renderItem(div, item, seen);
      frag.append(div);
    }
    const box = groupDivs[g];
    box.append(frag);
    box.classList.remove("todo");
    box.style.minHeight = "";
    rendered[g] = true;
    observer.unobserve(box);
    paint(box);
  }

  const renderChunk = (c) => renderGroup(groupOf[c]);

  const observer = new IntersectionObserver((entries) => {
    for (const en of entries) if (en.isIntersecting) renderGroup(+en.target.dataset.g);
  }, { rootMargin: "1200px 0px" });

  function chunkSize(chunk) {
    let chars = 0, lines = 0;
    for (const item of chunk) {
      const t = typeof item === "string" ? item : item[0];
      chars += t.length;
      for (let p = t.indexOf("\n"); p >= 0; p = t.indexOf("\n", p + 1)) lines++;
    }
    return [chars, lines];
  }

  function makeGroups(perLine) {
    groups = [];
    groupOf = new Array(d.chunks.length);
    let cur = null;
    d.chunks.forEach((chunk, c) => {
      const [chars, lines] = chunkSize(chunk);
      if (!cur || cur.chars > 20000 || c - cur.first >= 40) {
        cur = { first: c, last: c, chars: 0, height: 0 };
        groups.push(cur);
      }
      cur.last = c;
      cur.chars += chars;
      cur.height += Math.max(1, Math.ceil(chars / perLine) + lines) * 28.8;
      groupOf[c] = groups.length - 1;
    });
  }

  function paint(root) {
    for (const el of root.querySelectorAll("[data-e]")) {
      const i = +el.dataset.e;
      el.classList.toggle("rej", !eff[i]);
      el.classList.toggle("off", !shown(i));
      el.classList.toggle("cur", i === st.cur);
      if (el.dataset.i !== undefined) el.classList.toggle("insrej", !eff[+el.dataset.i]);
    }
  }

  /* ---- the bar: documents, counts and filters --------------------------------- */
  function chip(label, count, cls, checked, onChange) {
    const l = make("label", "chip " + cls);
    const box = document.createElement("input");
    box.type = "checkbox";
    box.checked = checked;
    box.addEventListener("change", () => onChange(box.checked));
    l.append(box, label + " ", make("span", "count", count));
    return l;
  }

  function filters() {
    const byPass = new Map(), byRule = new Map();
    for (const e of d.edits) {
      byPass.set(e.pass, (byPass.get(e.pass) || 0) + 1);
      const r = ruleOf(e);
      if (!byRule.has(r)) byRule.set(r, { n: 0, pass: e.pass });
      byRule.get(r).n++;
    }
    const passes = $("passes"), rules = $("rules");
    passes.textContent = "";
    rules.textContent = "";
    for (const [p, n] of byPass) {
      const c = chip(p, n, "swatch " + passClass(p), !st.passOff.has(p), (on) => toggle(st.passOff, p, on));
      c.dataset.pass = p;
      passes.append(c);
    }
    if (!byPass.size) passes.append("no edits: the cleaner leaves this document as it is");
    for (const [r, v] of [...byRule].sort()) {
      const c = chip(r, v.n, "swatch " + passClass(v.pass), !st.ruleOff.has(r), (on) => toggle(st.ruleOff, r, on));
      c.dataset.rule = r;
      rules.append(c);
    }
  }

  function toggle(set, key, on) {
    if (on) set.delete(key); else set.add(key);
    paint(view);
  }

  function summary() {
    const rej = st.rejected.size, dropped = eff.filter((x, i) => !x && !st.rejected.has(i)).length;
    $("summary").textContent = d.edits.length + " edits \u00b7 " + rej + " rejected" +
      (dropped ? " \u00b7 " + dropped + " dropped (they depend on a rejected edit)" : "");
    $("plan-text").value = JSON.stringify(plan(), null, 1);
  }

  function loadDoc(n) {
    k = n; d = DATA.documents[n]; st = states[n];
    eff = effective();
    rank = new Map(d.order.map((i, r) => [i, r]));
    observer.disconnect();
    view.textContent = "";
    const perLine = Math.max(10, Math.floor((view.clientWidth || 800) / 16) - 3);
    makeGroups(perLine);
    rendered = new Array(groups.length).fill(false);
    const frag = document.createDocumentFragment();
    groupDivs = groups.map((grp, g) => {
      const div = make("div", "grp todo");
      div.dataset.g = g;
      div.style.minHeight = grp.height + "px";
      frag.append(div);
      return div;
    });
    if (!d.chunks.length) frag.append("(empty document)");
    view.append(frag);
    groupDivs.forEach((div) => observer.observe(div));
    filters();
    summary();
    showDetail(st.cur);
  }

  /* ---- details, tooltip and selection ---------------------------------------- */
  function status(i) {
    if (st.rejected.has(i)) return "rejected";
    if (eff[i]) return "accepted";
    const on = d.edits[i].deps.filter((x) => !eff[x]);
    return "dropped: it depends on edit " + on.join(", ") + ", which will not be applied";
  }

  function describe(i, box, full) {
    const e = d.edits[i];
    box.textContent = "";
    const add = (tag, cls, text) => { const x = make(tag, cls, text); box.append(x); return x; };
    add("div", "").append(make("span", "chip swatch " + passClass(e.pass), e.pass),
                          make("span", "rule", " " + (e.rule || "(" + e.pass + ": no rule id)")));
    add("div", "reason", e.reason);
    if (e.score !== null && e.score !== undefined) add("div", "score", "score " + (+e.score.toFixed(2)));
    add("div", "status", status(i));
    if (!full) return;
    add("div", "k", "edit " + i + " \u00b7 line " + e.line + " \u00b7 " + e.kind + " \u00b7 input " + e.source_start + "\u2013" + e.source_end);
    add("div", "k", "before");
    add("pre", "", e.before || "(nothing)");
    add("div", "k", "after");
    add("pre", "", e.after || "(nothing)");
  }

  function showDetail(i) {
    $("decide").hidden = i < 0;
    if (i < 0) return;
    describe(i, detail, true);
    $("reject").disabled = st.rejected.has(i);
    $("accept").disabled = !st.rejected.has(i);
  }

  function showTip(el) {
    const i = +el.dataset.e;
    describe(i, tip, false);
    tip.hidden = false;
    const r = el.getBoundingClientRect();
    const top = r.bottom + window.scrollY + 4;
    tip.style.left = Math.max(4, Math.min(r.left + window.scrollX, window.innerWidth - 430)) + "px";
    tip.style.top = top + "px";
  }

  function select(i, focus) {
    const e = d.edits[i];
    if (!e) return;
    renderChunk(e.chunk);
    st.cur = i;
    for (const el of view.querySelectorAll(".e.cur")) el.classList.remove("cur");
    for (const el of view.querySelectorAll('[data-e="' + i + '"]')) el.classList.add("cur");
    showDetail(i);
    // the first mark of the edit that the current view shows (a deletion is hidden in "output")
    const marks = [...view.querySelectorAll('[data-e="' + i + '"]')];
    const el = marks.find((m) => m.getClientRects().length > 0);
    if (focus && el) {
      if (el.tabIndex < 0) el.tabIndex = -1;
      el.focus({ preventScroll: true });
      el.scrollIntoView({ block: "center" });
      showTip(el);
    }
  }

  function step(dir) {
    const order = d.order;
    if (!order.length) return;
    let r = rank.has(st.cur) ? rank.get(st.cur) : (dir > 0 ? -1 : order.length);
    for (let n = 0; n < order.length; n++) {
      r += dir;
      if (r < 0 || r >= order.length) return;
      if (shown(order[r])) { select(order[r], true); return; }
    }
  }

  function decide(i, reject) {
    if (i < 0) return;
    const pair = d.edits[i].pair;
    for (const x of pair === null ? [i] : [i, pair]) {
      if (reject) st.rejected.add(x); else st.rejected.delete(x);
    }
    eff = effective();
    paint(view);
    summary();
    showDetail(i);
  }

  /* ---- the plan --------------------------------------------------------------- */
  function plan() {
    return {
      format: "cleaner-plan", version: 1, tool: DATA.tool,
      documents: DATA.documents.map((doc, n) => ({
        name: doc.name, sha256: doc.sha256, chars: doc.chars, passes: doc.passes, edits: doc.edits.length,
        skip: [...states[n].rejected].sort((a, b) => a - b).map((i) => {
          const e = doc.edits[i];
          return { id: i, pass: e.pass, rule: e.rule, start: e.start, end: e.end,
                   source_start: e.source_start, source_end: e.source_end };
        }),
      })),
    };
  }

  function exportPlan() {
    const text = JSON.stringify(plan(), null, 1) + "\n";
    $("plan-text").value = text;
    const url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = "plan.json";
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  /* ---- events ----------------------------------------------------------------- */
  view.addEventListener("mouseover", (ev) => { const el = ev.target.closest("[data-e]"); if (el) showTip(el); });
  view.addEventListener("mouseout", (ev) => { if (ev.target.closest("[data-e]") && !view.contains(document.activeElement)) tip.hidden = true; });
  view.addEventListener("focusin", (ev) => {
    const el = ev.target.closest("[data-e]");
    if (!el) return;
    if (+el.dataset.e !== st.cur) select(+el.dataset.e, false);
    showTip(el);
  });
  view.addEventListener("focusout", () => { tip.hidden = true; });
  view.addEventListener("click", (ev) => {
    const a = ev.target.closest("a.jump");
    if (a) {
      ev.preventDefault();
      if (a.dataset.go !== undefined) select(+a.dataset.go, true);
      else goToOriginal(+a.dataset.anchor);
      return;
    }
    const anchor = ev.target.closest(".anchor");
    if (anchor) { select(+anchor.dataset.a, true); return; }
    const el = ev.target.closest("[data-e]");
    if (el) select(+el.dataset.e, false);
  });

  function goToOriginal(i) {
    renderChunk(d.edits[i].orig_chunk);
    const a = view.querySelector('.anchor[data-a="' + i + '"]');
    if (!a) return;
    a.scrollIntoView({ block: "center" });
    const para = a.parentElement;
    para.classList.remove("flash");
    void para.offsetWidth;
    para.classList.add("flash");
  }

  document.addEventListener("keydown", (ev) => {
    if (ev.ctrlKey || ev.metaKey || ev.altKey || ev.target.closest('input[type="text"], input[type="search"], select, textarea')) return;
    const key = ev.key;
    if (key === "n" || key === "j") step(1);
    else if (key === "p" || key === "k") step(-1);
    else if (key === "r") decide(st.cur, true);
    else if (key === "a") decide(st.cur, false);
    else if (key === "Escape") tip.hidden = true;
    else return;
    ev.preventDefault();
  });
  $("next").addEventListener("click", () => step(1));
  $("prev").addEventListener("click", () => step(-1));
  $("reject").addEventListener("click", () => decide(st.cur, true));
  $("accept").addEventListener("click", () => decide(st.cur, false));
  $("export").addEventListener("click", exportPlan);
  for (const r of document.querySelectorAll('input[name="view"]')) {
    r.addEventListener("change", () => { document.body.className = "mode-" + r.value; });
  }
  const picker = $("doc");
  DATA.documents.forEach((doc, n) => {
    picker.append(new Option(doc.name + " (" + doc.edits.length + " edits)", n));
  });
  picker.hidden = DATA.documents.length < 2;
  picker.addEventListener("change", () => loadDoc(+picker.value));
  /* for scripts and benchmarks: the plan as exported, and rendering every chunk at once */
  window.cleanerReview = { plan: plan, renderAll: () => d && groups.forEach((_, g) => renderGroup(g)) };
  if (DATA.documents.length) loadDoc(0);
  else view.textContent = "(no documents)";
})();
