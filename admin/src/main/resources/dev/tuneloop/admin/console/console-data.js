// Tuneloop review console: training data in and out (export presets, sidecars, tables, golden-example import).
// Every text from the server is shown with textContent, never as HTML. Uses the token console.js keeps.
'use strict';

(function () {
  const TOKEN_KEY = 'tuneloop.admin.token';
  const REVIEWER_KEY = 'tuneloop.admin.reviewer';
  const API = '../';
  const $ = (id) => document.getElementById(id);

  function token() { return sessionStorage.getItem(TOKEN_KEY) || ''; }

  function say(text) { $('data-status').textContent = text; }

  async function errorOf(res) {
    try { const j = await res.json(); return j.error ? j.error.message : 'HTTP ' + res.status; } catch (e) { return 'HTTP ' + res.status; }
  }

  function save(blob, name) {
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10000);
  }

  function fileName(res, fallback) {
    const m = /filename="([^"]+)"/.exec(res.headers.get('Content-Disposition') || '');
    return m ? m[1] : fallback;
  }

  async function download(path, fallback, done) {
    const res = await fetch(API + path, { headers: { 'Authorization': 'Bearer ' + token() }, credentials: 'omit', cache: 'no-store' });
    if (!res.ok) { say('Download failed: ' + await errorOf(res)); return; }
    save(await res.blob(), fileName(res, fallback));
    say(done(res));
  }

  function preset() { return $('data-preset').value; }
  function minQuality() { return Number($('data-min').value); }

  async function exportPreset() {
    const q = minQuality();
    if (!(q >= 1 && q <= 10)) { say('min quality must be 1-10'); return; }
    await download('export/jsonl?min_quality=' + q + '&format=' + encodeURIComponent(preset()), 'training.jsonl', (res) => {
      let m = 'Exported ' + (res.headers.get('X-Tuneloop-Examples') || '?') + ' lines as ' + (res.headers.get('X-Tuneloop-Format') || preset());
      const good = res.headers.get('X-Tuneloop-Desirable');
      if (good !== null) m += ' (' + good + ' desirable, ' + res.headers.get('X-Tuneloop-Undesirable') + ' undesirable)';
      return m + '; ' + (res.headers.get('X-Tuneloop-Validation-Errors') || '0') + ' validation errors.';
    });
  }

  async function sidecar(kind) {
    const q = minQuality();
    await download('export/sidecar?min_quality=' + q + '&format=' + encodeURIComponent(preset()) + '&kind=' + kind,
      kind, () => 'Downloaded the ' + kind + ' file for ' + preset() + '.');
  }

  async function table(format) {
    await download('export/examples?format=' + format, 'examples.' + format, () => 'Downloaded the examples as ' + format.toUpperCase() + '.');
  }

  function showReport(report, status) {
    const out = $('import-report');
    out.textContent = '';
    const head = document.createElement('p');
    head.textContent = report.committed
      ? 'Imported ' + report.imported.length + ' of ' + report.rows + ' rows from ' + report.source + ' (' + report.held_out + ' held out).'
      : 'Nothing imported (HTTP ' + status + '): ' + report.invalid_rows + ' of ' + report.rows + ' rows have problems.';
    out.appendChild(head);
    if (report.problems.length > 0) {
      const table = document.createElement('table');
      table.className = 'metrics';
      const body = document.createElement('tbody');
      for (const p of report.problems) {
        const tr = document.createElement('tr');
        for (const cell of ['line ' + p.line, p.field, p.rule, p.message]) {
          const td = document.createElement('td');
          td.textContent = cell;
          tr.appendChild(td);
        }
        body.appendChild(tr);
      }
      table.appendChild(body);
      out.appendChild(table);
    }
  }

  async function importFile(event) {
    event.preventDefault();
    const file = $('import-file').files[0];
    if (!file) { say('Choose a file to import.'); return; }
    const format = $('import-format').value;
    const params = new URLSearchParams({ format: format, source: file.name });
    if ($('import-skip').checked) params.set('skip_invalid', 'true');
    if ($('import-category').value.trim()) params.set('default_category', $('import-category').value.trim());
    if ($('import-quality').value) params.set('default_quality', $('import-quality').value);
    const reviewer = sessionStorage.getItem(REVIEWER_KEY);
    if (reviewer) params.set('imported_by', reviewer);
    const type = format === 'csv' ? 'text/csv' : 'application/x-ndjson';
    const res = await fetch(API + 'import?' + params.toString(), {
      method: 'POST', body: await file.text(), credentials: 'omit', cache: 'no-store',
      headers: { 'Authorization': 'Bearer ' + token(), 'Content-Type': type, 'Accept': 'application/json' }
    });
    if (res.status === 200 || res.status === 422) {
      showReport(await res.json(), res.status);
      say(res.status === 200 ? 'Import stored.' : 'Import refused: nothing stored.');
    } else {
      say('Import failed: ' + await errorOf(res));
    }
  }

  function init() {
    if (!$('data')) return;
    $('data-export').addEventListener('click', () => { exportPreset().catch((e) => say('Export failed: ' + e.message)); });
    $('data-card').addEventListener('click', () => { sidecar('dataset-card').catch((e) => say(e.message)); });
    $('data-axolotl').addEventListener('click', () => { sidecar('axolotl').catch((e) => say(e.message)); });
    $('data-llamafactory').addEventListener('click', () => { sidecar('llama-factory').catch((e) => say(e.message)); });
    $('data-csv').addEventListener('click', () => { table('csv').catch((e) => say(e.message)); });
    $('data-json').addEventListener('click', () => { table('json').catch((e) => say(e.message)); });
    $('import-form').addEventListener('submit', (e) => { importFile(e).catch((err) => say('Import failed: ' + err.message)); });
  }

  document.addEventListener('DOMContentLoaded', init);
}());
