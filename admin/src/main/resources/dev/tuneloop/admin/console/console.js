// Tuneloop review console. Every text from the server is shown with textContent, never as HTML.
'use strict';

(function () {
  const TOKEN_KEY = 'tuneloop.admin.token';
  const REVIEWER_KEY = 'tuneloop.admin.reviewer';
  const MINE_KEY = 'tuneloop.admin.mine';
  const API = '../'; // the console lives at <base>/admin/console/, the API at <base>/admin/
  const BANDS = { 10: 'exemplary', 9: 'exemplary', 8: 'good', 7: 'good', 6: 'acceptable', 5: 'acceptable' };

  const state = { token: null, reviewer: '', candidates: [], index: 0, score: null, initialAnswer: '', open: false, busy: false,
    queue: false, mine: false };
  const $ = (id) => document.getElementById(id);

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  class ApiError extends Error {
    constructor(status, code, message, problems) {
      super(message);
      this.status = status;
      this.code = code;
      this.problems = problems || [];
    }
  }

  async function api(method, path, body) {
    const headers = { 'Authorization': 'Bearer ' + state.token, 'Accept': 'application/json' };
    const init = { method: method, headers: headers, credentials: 'omit', cache: 'no-store' };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    const res = await fetch(API + path, init);
    if (res.status === 401) {
      forgetToken('The server refused the token; paste it again.');
      throw new ApiError(401, 'unauthorized', 'token refused');
    }
    let json = null;
    try { json = await res.json(); } catch (e) { json = null; }
    if (!res.ok) {
      const err = json && json.error ? json.error : { code: 'http_' + res.status, message: 'HTTP ' + res.status };
      throw new ApiError(res.status, err.code, err.message, err.problems);
    }
    return json;
  }

  function status(text) {
    $('status').textContent = text;
  }

  function message(text, kind) {
    const m = $('message');
    m.textContent = text;
    m.className = 'message' + (kind ? ' ' + kind : '');
  }

  // ---- token ----

  function showLogin(error) {
    $('app').hidden = true;
    $('tools').hidden = true;
    $('login').hidden = false;
    $('login-error').textContent = error || '';
    $('token').value = '';
    $('reviewer-name').value = state.reviewer || '';
    $('token').focus();
  }

  function forgetToken(error) {
    sessionStorage.removeItem(TOKEN_KEY);
    state.token = null;
    showLogin(error);
  }

  async function start() {
    $('login').hidden = true;
    $('app').hidden = false;
    $('tools').hidden = false;
    try {
      await loadTaxonomy();
      await detectQueue();
      await loadCandidates();
      refreshSide();
    } catch (e) {
      if (e.status !== 401) status('Could not load: ' + e.message);
    }
  }

  // ---- data ----

  async function loadTaxonomy() {
    let tax;
    try {
      tax = await api('GET', 'curation/taxonomy');
    } catch (e) {
      if (e.code === 'not_configured') { status('Curation is not configured on this server.'); return; }
      throw e;
    }
    state.open = tax.open;
    const select = $('category');
    clear(select);
    const none = el('option', null, '— pick a category —');
    none.value = '';
    select.appendChild(none);
    const list = $('category-list');
    clear(list);
    for (const c of tax.categories) {
      const o = el('option', null, c);
      o.value = c;
      select.appendChild(o);
      const d = el('option');
      d.value = c;
      list.appendChild(d);
    }
    select.hidden = tax.open;
    $('category-free').hidden = !tax.open;
  }

  async function loadCandidates() {
    let list = [];
    if (state.mine) {
      // only what this reviewer holds; without a name the server takes the logged-in user (or asks for one)
      try {
        const res = await api('GET', 'review/queue' + (state.reviewer ? '?reviewer=' + encodeURIComponent(state.reviewer) : ''));
        list = res.candidates;
        mineSay(list.length ? '' : 'You hold no claims: claim the next batch.');
      } catch (e) {
        if (e.status === 401) throw e;
        mineSay(e.message, 'error');
      }
    } else {
      list = (await api('GET', 'curation/candidates')).candidates;
    }
    state.candidates = list;
    state.index = 0;
    renderList();
    show(0);
  }

  // ---- my claims: the review queue's claims, worked on this page ----

  function mineSay(text, kind) {
    const m = $('mine-message');
    m.textContent = text;
    m.className = kind === 'error' ? 'message error' : 'hint';
  }

  async function detectQueue() {
    try {
      await api('GET', 'review/claims');
      state.queue = true;
    } catch (e) {
      if (e.status === 401) throw e;
      state.queue = false; // 404 not_configured: no review queue on this server
    }
    if (!state.queue) state.mine = false;
    $('mine-box').hidden = !state.queue;
    renderMode();
  }

  function renderMode() {
    $('mine-only').checked = state.mine;
    $('claim-next').hidden = !state.mine;
    $('list-hint').textContent = state.mine
      ? 'Your claims, oldest first. Approving or rejecting one ends its claim.'
      : 'Edited first, then newest.';
    $('empty-title').textContent = state.mine ? 'No claimed candidates left' : 'Nothing left to review';
    $('empty-text').textContent = state.mine
      ? 'Claim the next batch to go on; nobody else is offered the candidates you hold.'
      : 'Every candidate of this week\'s window has been approved or rejected.';
    if (!state.mine) mineSay('');
  }

  async function setMine(on) {
    state.mine = on && state.queue;
    sessionStorage.setItem(MINE_KEY, state.mine ? '1' : '');
    renderMode();
    if (state.mine) renew();
    try {
      await loadCandidates();
    } catch (e) {
      if (e.status !== 401) status('Could not load: ' + e.message);
    }
  }

  // extends every claim this reviewer holds: called as they work, so a batch does not expire under them
  function renew() {
    api('POST', 'review/renew', state.reviewer ? { reviewer: state.reviewer } : {}).catch(() => {});
  }

  async function claimNext() {
    const max = Math.max(1, Math.min(100, Number($('queue-max').value) || 10));
    const body = { max: max };
    if (state.reviewer) body.reviewer = state.reviewer;
    try {
      const res = await api('POST', 'review/claim', body);
      await loadCandidates();
      mineSay('Claimed ' + res.count + ' new candidate' + (res.count === 1 ? '' : 's')
        + (res.count === 0 ? ': nothing left for you.' : '.'));
    } catch (e) {
      if (e.status !== 401) mineSay(e.message, 'error');
    }
  }

  async function refreshSide() {
    try {
      const r = await api('GET', 'curation/readiness');
      const ul = $('readiness');
      clear(ul);
      $('ready').textContent = r.overall === 'pass' ? 'Ready to train'
        : (r.ready ? 'Ready to train, with warnings' : 'Not ready yet');
      $('ready').className = 'ready ' + (r.overall === 'pass' ? 'ok' : (r.ready ? 'warn' : 'no'));
      const marks = { pass: '✓', warn: '!', fail: '✗' };
      for (const item of r.items) {
        const li = el('li', item.status);
        li.appendChild(el('span', 'mark', marks[item.status] || '?'));
        const body = el('span', 'item');
        body.appendChild(el('span', 'name', item.name));
        if (item.detail) body.appendChild(el('span', 'detail', item.detail));
        li.appendChild(body);
        ul.appendChild(li);
      }
    } catch (e) {
      $('ready').textContent = e.code === 'not_configured' ? 'Checklist not configured.' : 'Checklist unavailable: ' + e.message;
      $('ready').className = 'ready';
    }
    try {
      const m = await api('GET', 'metrics');
      const body = $('metrics').tBodies[0];
      clear(body);
      for (const metric of m.metrics) {
        const tr = el('tr', metric.status === 'met' ? 'ok' : (metric.status === 'no_data' ? '' : 'no'));
        tr.appendChild(el('th', null, metric.name));
        tr.appendChild(el('td', 'value', metric.display));
        tr.appendChild(el('td', 'target', metric.target));
        body.appendChild(tr);
      }
    } catch (e) {
      const body = $('metrics').tBodies[0];
      clear(body);
      const tr = el('tr');
      tr.appendChild(el('td', 'hint', e.code === 'not_configured' ? 'Metrics not configured.' : 'Metrics unavailable.'));
      body.appendChild(tr);
    }
  }

  // ---- rendering ----

  function snippet(text, n) {
    const t = text.replace(/\s+/g, ' ').trim();
    return t.length > n ? t.slice(0, n - 1) + '…' : t;
  }

  function renderList() {
    const ol = $('candidates');
    clear(ol);
    state.candidates.forEach((c, i) => {
      const li = el('li');
      const b = el('button', 'candidate' + (i === state.index ? ' current' : ''));
      b.type = 'button';
      b.dataset.index = String(i);
      b.dataset.interactionId = c.interaction_id;
      const tags = el('span', 'tags');
      if (c.edited) tags.appendChild(el('span', 'tag edited', 'edited'));
      if (c.rating === 'up') tags.appendChild(el('span', 'tag up', 'rated up'));
      b.appendChild(tags);
      b.appendChild(el('span', 'q', snippet(c.question, 90)));
      b.addEventListener('click', () => show(i));
      li.appendChild(b);
      ol.appendChild(li);
    });
    const edited = state.candidates.filter((c) => c.edited).length;
    $('count').textContent = '(' + state.candidates.length + ')';
    status(state.candidates.length + (state.mine ? ' claimed by you' : ' to review') + ' · ' + edited + ' edited'
      + (state.reviewer ? ' · reviewing as ' + state.reviewer : ''));
  }

  function renderDiff(c) {
    const orig = $('original');
    const edit = $('edited');
    clear(orig);
    clear(edit);
    if (!c.edited) {
      orig.textContent = c.original_response;
      edit.appendChild(el('span', 'hint', 'Not edited by the user.'));
      return;
    }
    for (const op of c.diff) {
      if (op.kind === 'equal') {
        orig.appendChild(document.createTextNode(op.text));
        edit.appendChild(document.createTextNode(op.text));
      } else if (op.kind === 'delete') {
        orig.appendChild(el('del', null, op.text));
      } else if (op.kind === 'insert') {
        edit.appendChild(el('ins', null, op.text));
      }
    }
  }

  function renderContext(c) {
    const box = $('context');
    clear(box);
    if (c.system_prompt) {
      box.appendChild(el('div', 'ctx-title', 'System prompt'));
      box.appendChild(el('p', 'text small', c.system_prompt));
    }
    for (const t of c.prior_turns) {
      box.appendChild(el('div', 'ctx-title', 'Earlier ' + t.role));
      box.appendChild(el('p', 'text small', t.content));
    }
    for (const d of c.retrieved_context) {
      box.appendChild(el('div', 'ctx-title', 'Document ' + (d.source || d.id || '')));
      box.appendChild(el('p', 'text small', d.text));
    }
    if (!box.firstChild) box.appendChild(el('p', 'hint', 'No system prompt or context was recorded.'));
  }

  // the model's tool calls and the tools' results before its answer; arguments and results shown as text
  function renderSteps(c) {
    const steps = c.steps || [];
    const list = $('steps');
    clear(list);
    $('steps-box').hidden = steps.length === 0;
    $('tools-offered').textContent = (c.tools || []).length
      ? 'offered: ' + c.tools.map((t) => t.name).join(', ') : '';
    for (const s of steps) {
      if (s.role === 'assistant') {
        if (s.content) list.appendChild(el('li', 'text small', s.content));
        for (const call of s.tool_calls) {
          const li = el('li', 'text small call');
          li.dataset.callId = call.id;
          li.textContent = '→ ' + call.name + '(' + call.arguments + ') [' + call.id + ']';
          list.appendChild(li);
        }
      } else {
        const li = el('li', 'text small result');
        li.dataset.callId = s.tool_call_id || '';
        li.textContent = '← ' + (s.tool_call_id || 'result') + ': ' + s.content;
        list.appendChild(li);
      }
    }
  }

  function show(i) {
    const n = state.candidates.length;
    $('empty').hidden = n > 0;
    $('card').hidden = n === 0;
    if (n === 0) return;
    state.index = Math.max(0, Math.min(i, n - 1));
    const c = state.candidates[state.index];
    document.querySelectorAll('.candidate').forEach((b) => {
      b.classList.toggle('current', Number(b.dataset.index) === state.index);
    });
    const current = document.querySelector('.candidate.current');
    if (current) current.scrollIntoView({ block: 'nearest' });
    const meta = $('meta');
    clear(meta);
    meta.appendChild(el('span', null, (state.index + 1) + ' of ' + n));
    meta.appendChild(el('span', null, c.model_used));
    meta.appendChild(el('span', null, c.created_at.replace('T', ' ').slice(0, 16) + ' UTC'));
    if (c.rating) meta.appendChild(el('span', null, c.rating === 'up' ? 'rated up' : 'rated down'));
    if (c.edited) meta.appendChild(el('span', 'tag edited', 'edited'));
    $('question').textContent = c.question;
    renderContext(c);
    renderSteps(c);
    renderDiff(c);
    state.initialAnswer = c.edited ? c.edited_response : c.original_response;
    $('answer').value = state.initialAnswer;
    $('category').value = '';
    $('category-free').value = '';
    $('notes').value = '';
    $('reason').value = '';
    setScore(null);
    message('');
  }

  function renderScoreButtons() {
    const box = $('score');
    clear(box);
    for (let s = 1; s <= 10; s++) {
      const b = el('button', 'score-button' + (s <= 4 ? ' poor' : ''), s);
      b.type = 'button';
      b.dataset.score = String(s);
      b.setAttribute('aria-pressed', 'false');
      b.title = 'score ' + s + ' (key ' + (s === 10 ? '0' : s) + ')';
      b.addEventListener('click', () => setScore(s));
      box.appendChild(b);
    }
  }

  function setScore(s) {
    state.score = s;
    document.querySelectorAll('.score-button').forEach((b) => {
      const on = Number(b.dataset.score) === s;
      b.setAttribute('aria-pressed', on ? 'true' : 'false');
      b.classList.toggle('selected', on);
    });
    $('score-band').textContent = s === null ? '' : (BANDS[s] || 'poor: stored, never exported');
  }

  // ---- actions ----

  function category() {
    return (state.open ? $('category-free').value : $('category').value).trim();
  }

  function removeCurrent() {
    state.candidates.splice(state.index, 1);
    renderList();
    show(state.index);
  }

  async function approve() {
    if (state.busy || !state.candidates.length) return;
    const c = state.candidates[state.index];
    const cat = category();
    if (!cat) { message('Pick a category first (c).', 'error'); return; }
    if (state.score === null) { message('Set a score first (1-9, 0 = 10).', 'error'); return; }
    const answer = $('answer').value;
    if (!answer.trim()) { message('The training answer must not be empty.', 'error'); return; }
    const body = { category: cat, quality_score: state.score };
    if (answer !== state.initialAnswer) body.answer = answer;
    const notes = $('notes').value.trim();
    if (notes) body.notes = notes;
    if (state.reviewer) body.reviewer = state.reviewer;
    await act(c, 'approve', body, 'Approved as ' + cat + ', score ' + state.score + '.');
  }

  async function reject() {
    if (state.busy || !state.candidates.length) return;
    const c = state.candidates[state.index];
    const reason = $('reason').value.trim();
    if (!reason) {
      message('Type a reason, then press Enter to reject.', 'error');
      $('reason').focus();
      return;
    }
    const body = { reason: reason };
    if (state.reviewer) body.reviewer = state.reviewer;
    await act(c, 'reject', body, 'Rejected.');
  }

  async function act(c, verb, body, done) {
    state.busy = true;
    try {
      await api('POST', 'curation/candidates/' + encodeURIComponent(c.interaction_id) + '/' + verb, body);
      removeCurrent();
      message(done, 'ok');
      if (state.mine) {
        renew();
        if (!state.candidates.length) mineSay('All your claims are reviewed: claim the next batch.');
      }
      refreshSide();
    } catch (e) {
      if (e.status === 409) {
        removeCurrent();
        // the server says why: reviewed already, or claimed by someone else (named, with the claim's expiry)
        message('Skipped: ' + e.message, 'error');
      } else if (e.status !== 401) {
        const detail = e.problems && e.problems.length ? ': ' + e.problems.join('; ') : '';
        message(e.message + detail, 'error');
      }
    } finally {
      state.busy = false;
    }
  }

  async function exportJsonl() {
    const q = Number($('export-min').value);
    if (!(q >= 1 && q <= 10)) { status('min quality must be 1-10'); return; }
    const res = await fetch(API + 'export/jsonl?min_quality=' + q, {
      headers: { 'Authorization': 'Bearer ' + state.token }, credentials: 'omit', cache: 'no-store'
    });
    if (res.status === 401) { forgetToken('The server refused the token; paste it again.'); return; }
    if (!res.ok) {
      let m = 'HTTP ' + res.status;
      try { const j = await res.json(); m = j.error.message; } catch (e) { /* keep the status */ }
      status('Export failed: ' + m);
      return;
    }
    const blob = await res.blob();
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = 'training-q' + q + '.jsonl';
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10000);
    status('Exported ' + (res.headers.get('X-Tuneloop-Examples') || '?') + ' examples (min quality ' + q + ').');
  }

  // ---- keyboard ----

  function onKey(e) {
    const t = e.target;
    const typing = t && (t.tagName === 'TEXTAREA' || t.tagName === 'INPUT' || t.tagName === 'SELECT');
    if ($('app').hidden) return;
    if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') { e.preventDefault(); approve(); return; }
    if (typing) {
      if (e.key === 'Escape') { t.blur(); e.preventDefault(); }
      if (e.key === 'Enter' && t.id === 'reason') { e.preventDefault(); reject(); }
      return;
    }
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const k = e.key;
    if (k >= '1' && k <= '9') { setScore(Number(k)); e.preventDefault(); return; }
    switch (k) {
      case '0': setScore(10); break;
      case 'a': approve(); break;
      case 'r': reject(); break;
      case 'j': show(state.index + 1); break;
      case 'k': show(state.index - 1); break;
      case 'e': $('answer').focus(); break;
      case 'c': (state.open ? $('category-free') : $('category')).focus(); break;
      case 'n': $('notes').focus(); break;
      default: return;
    }
    e.preventDefault();
  }

  // ---- wiring ----

  document.addEventListener('DOMContentLoaded', () => {
    renderScoreButtons();
    $('login-form').addEventListener('submit', (e) => {
      e.preventDefault();
      const v = $('token').value.trim();
      if (!v) { $('login-error').textContent = 'The token must not be empty.'; return; }
      state.token = v;
      sessionStorage.setItem(TOKEN_KEY, v);
      state.reviewer = $('reviewer-name').value.trim();
      sessionStorage.setItem(REVIEWER_KEY, state.reviewer);
      start();
    });
    $('signout').addEventListener('click', () => forgetToken(''));
    $('mine-only').addEventListener('change', (e) => setMine(e.target.checked));
    $('claim-next').addEventListener('click', claimNext);
    document.addEventListener('tuneloop:review-shown', () => {
      // back from another tab: the claims may have changed there; the whole list is left as it was
      const want = sessionStorage.getItem(MINE_KEY) === '1';
      if (state.token && state.queue && (want || state.mine)) setMine(want);
    });
    $('approve').addEventListener('click', approve);
    $('reject').addEventListener('click', reject);
    $('export').addEventListener('click', () => { exportJsonl().catch((e) => status('Export failed: ' + e.message)); });
    document.addEventListener('keydown', onKey);
    state.token = sessionStorage.getItem(TOKEN_KEY);
    state.reviewer = sessionStorage.getItem(REVIEWER_KEY) || '';
    state.mine = sessionStorage.getItem(MINE_KEY) === '1';
    if (state.token) start(); else showLogin('');
  });
})();
