// pgshift studio: the little the server-rendered pages need on top — editing, keyboard, zoom.
// No framework, no network beyond this studio's own origin (the page's CSP forbids anything else).
"use strict";

const csrf = document.querySelector('meta[name="csrf"]').content;
const $ = (sel, root = document) => root.querySelector(sel);
const $$ = (sel, root = document) => Array.from(root.querySelectorAll(sel));

async function api(path, body) {
  const response = await fetch(path, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
    body: JSON.stringify(body),
    credentials: "same-origin",
  });
  let data = {};
  try { data = await response.json(); } catch (e) { data = { error: await response.text() }; }
  if (!response.ok) {
    const err = new Error(data.error || response.statusText);
    err.status = response.status; err.data = data;
    throw err;
  }
  return data;
}

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "text") node.textContent = v; else if (v === true) node.setAttribute(k, ""); else if (v !== false && v != null) node.setAttribute(k, v);
  }
  for (const child of children) node.append(child);
  return node;
}

// ---------------------------------------------------------------- sidebar
const tableFilter = $("#table-filter");
if (tableFilter) {
  tableFilter.addEventListener("input", () => {
    const q = tableFilter.value.toLowerCase();
    for (const li of $$(".tables li")) li.hidden = q && !li.dataset.name.toLowerCase().includes(q);
  });
}

// ---------------------------------------------------------------- filters
for (const btn of $$(".remove-filter")) {
  btn.addEventListener("click", () => { btn.closest(".filter").remove(); $("#filters").submit(); });
}
const newFilter = $(".new-filter");
if (newFilter) {
  const [colSel, opSel] = $$("select", newFilter);
  colSel.addEventListener("change", () => {
    const ops = (colSel.selectedOptions[0].dataset.ops || "").split(",");
    for (const opt of opSel.options) opt.hidden = ops[0] !== "" && !ops.includes(opt.value);
    if (opSel.selectedOptions[0].hidden) opSel.value = ops[0];
  });
}

// ---------------------------------------------------------------- editor dialog
const dialog = $("#editor");
function openEditor({ title, fields, send, done }) {
  $("#editor-title").textContent = title;
  const box = $("#editor-fields");
  box.replaceChildren();
  const controls = [];
  for (const f of fields) {
    const area = el("textarea", { rows: f.multiline ? 8 : 1, "data-name": f.name, "aria-label": f.name });
    area.value = f.value ?? "";
    const nullBox = el("input", { type: "checkbox", class: "is-null", disabled: f.notNull });
    nullBox.checked = f.isNull;
    const defBox = el("input", { type: "checkbox", class: "use-default" });
    defBox.checked = !!f.useDefault;
    const opts = el("div", { class: "opts" }, el("label", {}, nullBox, " NULL"));
    if (f.allowDefault) opts.append(el("label", {}, defBox, " default"));
    const sync = () => { area.disabled = nullBox.checked || (f.allowDefault && defBox.checked); };
    nullBox.addEventListener("change", sync); defBox.addEventListener("change", sync); sync();
    box.append(el("div", { class: "field" }, el("label", { text: `${f.name}` }, el("div", { class: "type dim", text: f.type })),
      el("div", {}, area, opts)));
    controls.push({ f, area, nullBox, defBox });
  }
  const values = () => {
    const out = {};
    for (const c of controls) {
      if (c.f.allowDefault && c.defBox.checked) continue;
      out[c.f.name] = c.nullBox.checked ? null : c.area.value;
    }
    return out;
  };
  const sqlBox = $("#editor-sql"), errBox = $("#editor-error");
  sqlBox.hidden = true; errBox.hidden = true;
  const fail = (e) => {
    errBox.hidden = false;
    let text = e.message;
    if (e.data && e.data.current) {
      const now = Object.entries(e.data.current).filter(([k]) => k !== "__version").map(([k, v]) => `${k} = ${v === null ? "NULL" : v}`);
      text += "\nnow: " + now.join(", ");
    }
    errBox.textContent = text;
  };
  $("#editor-preview").onclick = async () => {
    errBox.hidden = true;
    try { const r = await send(values(), true); sqlBox.textContent = r.sql; sqlBox.hidden = false; } catch (e) { fail(e); }
  };
  $("#editor-apply").onclick = async () => {
    errBox.hidden = true;
    try { const r = await send(values(), false); dialog.close(); done(r); } catch (e) { fail(e); }
  };
  $("#editor-cancel").onclick = () => dialog.close();
  dialog.showModal();
  const first = $("textarea:not(:disabled)", box);
  if (first) first.focus();
}

// ---------------------------------------------------------------- grid
const grid = $("#grid");
if (grid) {
  const schema = grid.dataset.schema, table = grid.dataset.table;
  const base = `/api/t/${encodeURIComponent(schema)}/${encodeURIComponent(table)}`;
  const editable = grid.dataset.editable === "true";
  const columns = JSON.parse($("#columns").textContent);
  const colInfo = Object.fromEntries(columns.map((c) => [c.name, c]));
  const rowOf = (td) => td.closest("tr");
  const keyOf = (tr) => JSON.parse(tr.dataset.key);
  const keyQuery = (tr) => Object.entries(keyOf(tr)).map(([k, v]) => `k.${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&");

  async function fullValue(td) {
    const tr = rowOf(td);
    const r = await fetch(`${base}/cell?col=${encodeURIComponent(td.dataset.col)}&${keyQuery(tr)}`, { credentials: "same-origin" });
    const data = await r.json();
    if (!r.ok) throw new Error(data.error);
    return data.value;
  }
  function pretty(value, kind) {
    if (value !== null && kind === "json") { try { return JSON.stringify(JSON.parse(value), null, 2); } catch (e) { /* as is */ } }
    return value;
  }
  function showValue(td, value) {
    const info = colInfo[td.dataset.col];
    td.classList.toggle("null", value === null);
    td.classList.toggle("empty", value === "");
    const link = $("a.fkl", td);
    if (value === null) { td.replaceChildren(el("span", { class: "nullv", text: "NULL" })); return; }
    if (link) { link.textContent = value; td.replaceChildren(link); return; }
    const shown = value.length > 200 ? value.slice(0, 200) : value;
    td.replaceChildren(el("span", { class: "v", text: shown }));
    if (value.length > 200) td.append(el("button", { class: "expand", type: "button", text: "…" }));
    if (info.kind === "json" && td.title) td.title = "";
  }

  async function editCell(td) {
    if (!editable || !td.dataset.col) return;
    const info = colInfo[td.dataset.col];
    if (info.generated) return;
    const tr = rowOf(td);
    let value = null;
    try { value = await fullValue(td); } catch (e) { alert(e.message); return; }
    const multiline = ["json", "array"].includes(info.kind) || (value && (value.length > 60 || value.includes("\n")));
    openEditor({
      title: `${schema}.${table} · ${info.name}`,
      fields: [{ name: info.name, type: info.type, value: pretty(value, info.kind), isNull: value === null, notNull: info.notNull, multiline }],
      send: (values, preview) => api(`${base}/update`, { key: keyOf(tr), version: tr.dataset.version, column: info.name, value: values[info.name], preview }),
      done: (r) => {
        tr.dataset.version = r.version;
        fullValue(td).then((v) => { showValue(td, v); td.classList.add("flash"); setTimeout(() => td.classList.remove("flash"), 900); td.focus(); });
      },
    });
  }

  grid.addEventListener("click", async (ev) => {
    const btn = ev.target.closest("button.expand");
    if (btn) {
      const td = btn.closest("td");
      try {
        const value = await fullValue(td);
        const info = colInfo[td.dataset.col];
        openEditor({ title: `${info.name} (whole value)`, fields: [{ name: info.name, type: info.type, value: pretty(value, info.kind), isNull: value === null, notNull: true, multiline: true }],
          send: (values, preview) => api(`${base}/update`, { key: keyOf(rowOf(td)), version: rowOf(td).dataset.version, column: info.name, value: values[info.name], preview }),
          done: (r) => { rowOf(td).dataset.version = r.version; fullValue(td).then((v) => showValue(td, v)); } });
      } catch (e) { alert(e.message); }
      return;
    }
    const td = ev.target.closest("td[data-col]");
    if (td && !ev.target.closest("a")) td.focus();
  });
  grid.addEventListener("dblclick", (ev) => { const td = ev.target.closest("td[data-col]"); if (td && !ev.target.closest("a")) editCell(td); });

  const deleteBtn = $("#delete-rows");
  const picked = () => $$("tbody tr", grid).filter((tr) => $("input.pick", tr) && $("input.pick", tr).checked);
  const syncPicked = () => {
    for (const tr of $$("tbody tr", grid)) tr.classList.toggle("picked", !!($("input.pick", tr) && $("input.pick", tr).checked));
    if (deleteBtn) { const n = picked().length; deleteBtn.disabled = n === 0; deleteBtn.textContent = n ? `Delete ${n} selected` : "Delete selected"; }
  };
  grid.addEventListener("change", (ev) => { if (ev.target.matches("input.pick")) syncPicked(); });

  grid.addEventListener("keydown", (ev) => {
    const td = ev.target.closest("td[data-col]");
    if (!td) return;
    const tr = rowOf(td);
    const cells = $$("td[data-col]", tr);
    const i = cells.indexOf(td);
    let target = null;
    if (ev.key === "ArrowRight") target = cells[i + 1];
    else if (ev.key === "ArrowLeft") target = cells[i - 1];
    else if (ev.key === "ArrowDown") target = tr.nextElementSibling && $$("td[data-col]", tr.nextElementSibling)[i];
    else if (ev.key === "ArrowUp") target = tr.previousElementSibling && $$("td[data-col]", tr.previousElementSibling)[i];
    else if (ev.key === "Home") target = cells[0];
    else if (ev.key === "End") target = cells[cells.length - 1];
    else if (ev.key === "Enter" || ev.key === "F2") { ev.preventDefault(); editCell(td); return; }
    else if (ev.key === " ") { const box = $("input.pick", tr); if (box) { box.checked = !box.checked; syncPicked(); } ev.preventDefault(); return; }
    else if (ev.key === "PageDown") { const n = $("#next-page"); if (n) location.href = n.href; return; }
    else if (ev.key === "PageUp") { const p = $("#prev-page"); if (p) location.href = p.href; return; }
    if (target) { ev.preventDefault(); target.focus(); }
  });
  const firstCell = $("tbody td[data-col]", grid);
  if (firstCell) firstCell.tabIndex = 0;

  const insertBtn = $("#insert-row");
  if (insertBtn) {
    insertBtn.addEventListener("click", () => {
      openEditor({
        title: `Insert into ${schema}.${table}`,
        fields: columns.filter((c) => !c.generated).map((c) => ({
          name: c.name, type: c.type, value: "", isNull: false, notNull: c.notNull,
          allowDefault: true, useDefault: c.default !== null || !c.notNull, multiline: ["json", "array"].includes(c.kind),
        })),
        send: (values, preview) => api(`${base}/insert`, { values, preview }),
        done: () => location.reload(),
      });
    });
  }
  if (deleteBtn) {
    deleteBtn.addEventListener("click", () => {
      const rows = picked().map((tr) => ({ key: keyOf(tr), version: tr.dataset.version }));
      if (!rows.length) return;
      openEditor({
        title: `Delete ${rows.length} row${rows.length === 1 ? "" : "s"} from ${schema}.${table}`,
        fields: [],
        send: (_values, preview) => api(`${base}/delete`, { rows, preview }),
        done: () => { for (const tr of picked()) tr.remove(); syncPicked(); },
      });
      $("#editor-preview").click();
    });
  }
}

// ---------------------------------------------------------------- SQL console
const consoleForm = $("#console");
if (consoleForm) {
  const text = $("#sql-text"), out = $("#sql-result");
  const run = async (mode) => {
    out.replaceChildren(el("p", { class: "dim", text: "running…" }));
    try {
      const r = await api("/api/sql", { sql: text.value, mode, write: $("#sql-write").checked });
      out.innerHTML = r.html;
    } catch (e) {
      if (e.data && e.data.html) out.innerHTML = e.data.html; else out.replaceChildren(el("pre", { class: "error", id: "sql-error", text: e.message }));
    }
  };
  consoleForm.addEventListener("submit", (ev) => { ev.preventDefault(); run("run"); });
  $("#explain-sql").addEventListener("click", () => run("explain"));
  $("#analyze-sql").addEventListener("click", () => run("analyze"));
  text.addEventListener("keydown", (ev) => { if (ev.key === "Enter" && (ev.ctrlKey || ev.metaKey)) { ev.preventDefault(); run("run"); } });
  text.focus();
}

// ---------------------------------------------------------------- migrations
const applyBtn = $("#apply-pending");
if (applyBtn) {
  applyBtn.addEventListener("click", async () => {
    const pending = JSON.parse(applyBtn.dataset.pending);
    if (!confirm(`Apply ${pending.length} pending migration(s) to the development database?\n\n${pending.join("\n")}`)) return;
    applyBtn.disabled = true;
    try { await api("/api/migrations/apply", { expect: pending }); location.reload(); } catch (e) {
      const box = $("#apply-error"); box.hidden = false; box.textContent = e.message; applyBtn.disabled = false;
    }
  });
}

// ---------------------------------------------------------------- schema diagram: pan, zoom, find
const svg = $("#diagram-svg");
if (svg) {
  const full = { x: 0, y: 0, w: +svg.dataset.width, h: +svg.dataset.height };
  let view = { ...full };
  const box = $("#diagram");
  const apply = () => svg.setAttribute("viewBox", `${view.x} ${view.y} ${view.w} ${view.h}`);
  const fit = () => {
    const r = box.getBoundingClientRect();
    const scale = Math.max(full.w / r.width, full.h / r.height);
    view = { x: 0, y: 0, w: r.width * scale, h: r.height * scale };
    if (full.w < 3000 && full.h < 2000) view = { ...full };
    apply();
  };
  const zoom = (factor, cx = view.x + view.w / 2, cy = view.y + view.h / 2) => {
    view = { x: cx - (cx - view.x) * factor, y: cy - (cy - view.y) * factor, w: view.w * factor, h: view.h * factor };
    apply();
  };
  box.addEventListener("wheel", (ev) => {
    ev.preventDefault();
    const r = svg.getBoundingClientRect();
    const cx = view.x + ((ev.clientX - r.left) / r.width) * view.w, cy = view.y + ((ev.clientY - r.top) / r.height) * view.h;
    zoom(ev.deltaY > 0 ? 1.15 : 1 / 1.15, cx, cy);
  }, { passive: false });
  let drag = null, moved = false;
  box.addEventListener("pointerdown", (ev) => { drag = { x: ev.clientX, y: ev.clientY, view: { ...view } }; moved = false; });
  window.addEventListener("pointermove", (ev) => {
    if (!drag) return;
    const r = svg.getBoundingClientRect();
    const dx = ((ev.clientX - drag.x) / r.width) * view.w, dy = ((ev.clientY - drag.y) / r.height) * view.h;
    if (Math.abs(ev.clientX - drag.x) + Math.abs(ev.clientY - drag.y) > 4) moved = true;
    view = { ...view, x: drag.view.x - dx, y: drag.view.y - dy };
    apply();
  });
  window.addEventListener("pointerup", () => { drag = null; });
  svg.addEventListener("click", (ev) => { if (moved) { ev.preventDefault(); moved = false; } }, true);
  $("#zoom-in").addEventListener("click", () => zoom(1 / 1.3));
  $("#zoom-out").addEventListener("click", () => zoom(1.3));
  $("#zoom-fit").addEventListener("click", fit);
  document.addEventListener("keydown", (ev) => {
    if (ev.target.matches("input, textarea")) return;
    if (ev.key === "+" || ev.key === "=") zoom(1 / 1.3); else if (ev.key === "-") zoom(1.3); else if (ev.key === "0") fit();
  });
  const find = $("#diagram-find");
  find.addEventListener("keydown", (ev) => {
    if (ev.key !== "Enter") return;
    const q = find.value.toLowerCase();
    const hit = $$("g.box", svg).find((g) => g.dataset.key.toLowerCase().includes(q));
    $$("g.box.hit", svg).forEach((g) => g.classList.remove("hit"));
    if (!hit) return;
    hit.classList.add("hit");
    const m = /translate\(([-\d.]+),([-\d.]+)\)/.exec(hit.getAttribute("transform"));
    const w = Math.min(view.w, 1400), h = w * (view.h / view.w);
    view = { x: +m[1] + 110 - w / 2, y: +m[2] + 60 - h / 2, w, h };
    apply();
  });
  fit();
  document.body.dataset.diagramReady = "1";
}
