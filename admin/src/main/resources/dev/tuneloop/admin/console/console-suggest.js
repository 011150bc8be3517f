// Tuneloop review console: the pre-reviewer's suggestion on the candidate card (read-only), the pre-review control
// (estimate, confirm, progress) and a blind-review panel (disagreements with a settle form, the reviewers' kappa
// figures, the suggestions' agreement). Every text from the server is shown with textContent, never as HTML. Uses the
// token console.js keeps; touches none of its functions.
'use strict';

(function () {
  const TOKEN_KEY = 'tuneloop.admin.token';
  const REVIEWER_KEY = 'tuneloop.admin.reviewer';
  const API = '../';
  const $ = (id) => document.getElementById(id);
  let candidates = [];

  function token() { return sessionStorage.getItem(TOKEN_KEY) || ''; }

  function el(tag, cls, text) {
    const n = document.createElement(tag);
    if (cls) n.className = cls;
    if (text !== undefined && text !== null) n.textContent = String(text);
    return n;
  }

  async function api(method, path, body) {
    const headers = { 'Authorization': 'Bearer ' + token(), 'Accept': 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await fetch(API + path, {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'omit', cache: 'no-store'
    });
    let json = null;
    try { json = await res.json(); } catch (e) { json = null; }
    if (!res.ok) {
      const err = new Error(json && json.error ? json.error.message : 'HTTP ' + res.status);
      err.code = json && json.error ? json.error.code : '';
      err.status = res.status;
      throw err;
    }
    return json;
  }

  function fmt(v) { return v === null || v === undefined ? 'n/a' : Number(v).toFixed(3); }

  // ------------------------------------------------------------------ the suggestion on the card

  function cardBox() {
    let box = $('suggestion');
    if (!box) {
      box = el('aside', 'suggestion');
      box.id = 'suggestion';
      box.setAttribute('aria-label', 'pre-reviewer suggestion');
      const q = $('question');
      q.parentNode.insertBefore(box, q.nextSibling);
    }
    return box;
  }

  function current() {
    const q = $('question') ? $('question').textContent : '';
    const spans = $('meta') ? $('meta').querySelectorAll('span') : [];
    const when = spans.length > 2 ? spans[2].textContent.replace(' UTC', '').replace(' ', 'T') : '';
    const same = candidates.filter((c) => c.question === q);
    return same.find((c) => c.created_at.startsWith(when)) || same[0] || null;
  }

  function renderSuggestion() {
    if (!$('question')) return;
    const box = cardBox();
    while (box.firstChild) box.removeChild(box.firstChild);
    const c = current();
    const s = c && c.suggestion;
    box.hidden = !s;
    if (!s) return;
    box.appendChild(el('h3', null, 'Suggestion (pre-reviewer ' + s.model + ', not a decision)'));
    const p = el('p', 'suggestion-figures');
    p.appendChild(el('span', 'tag', 'category: ' + s.category));
    p.appendChild(document.createTextNode(' '));
    p.appendChild(el('span', 'tag', 'score: ' + s.quality_score));
    p.appendChild(document.createTextNode(' '));
    p.appendChild(el('span', 'hint', s.reason));
    box.appendChild(p);
    const d = el('details');
    d.appendChild(el('summary', null, 'Suggested improved answer (read-only)'));
    d.appendChild(el('div', 'text', s.improved_answer));
    box.appendChild(d);
  }

  async function loadCandidates() {
    try {
      const res = await api('GET', 'curation/candidates');
      candidates = res.candidates || [];
    } catch (e) {
      candidates = [];
    }
    renderSuggestion();
  }

  // ------------------------------------------------------------------ the blind-review panel

  function panel() {
    let p = $('blind-review');
    if (!p) {
      p = el('section', 'blind-review');
      p.id = 'blind-review';
      p.setAttribute('aria-label', 'blind double review');
      p.hidden = true;
      const side = document.querySelector('aside.side');
      (side || document.body).appendChild(p);
    }
    return p;
  }

  function decisionText(d) {
    return d.reviewer + ': ' + (d.decision === 'approve' ? 'approve, ' + d.category + ', ' + d.quality_score : 'reject (' + (d.note || '') + ')');
  }

  function settleForm(item, refresh) {
    const f = el('form', 'settle');
    const who = el('input'); who.name = 'reviewer'; who.placeholder = 'who settles'; who.value = sessionStorage.getItem(REVIEWER_KEY) || '';
    const decision = el('select'); decision.name = 'decision';
    ['approve', 'reject'].forEach((v) => { const o = el('option', null, v); o.value = v; decision.appendChild(o); });
    const category = el('input'); category.name = 'category'; category.placeholder = 'category';
    const score = el('input'); score.name = 'quality_score'; score.type = 'number'; score.min = '1'; score.max = '10'; score.placeholder = 'score';
    const first = item.decisions.find((d) => d.decision === 'approve');
    if (first) { category.value = first.category; score.value = first.quality_score; }
    const reason = el('input'); reason.name = 'reason'; reason.placeholder = 'reason (required)';
    const go = el('button', null, 'Settle'); go.type = 'submit';
    const msg = el('span', 'message');
    [who, decision, category, score, reason, go, msg].forEach((n) => f.appendChild(n));
    f.addEventListener('submit', async (e) => {
      e.preventDefault();
      const body = { reviewer: who.value.trim(), reason: reason.value.trim(), decision: decision.value };
      if (decision.value === 'approve') { body.category = category.value.trim(); body.quality_score = Number(score.value); }
      try {
        await api('POST', 'review/disagreements/' + encodeURIComponent(item.interaction_id) + '/settle', body);
        msg.textContent = 'Settled.';
        await refresh();
      } catch (err) {
        msg.textContent = err.message;
      }
    });
    return f;
  }

  async function loadPanel() {
    const p = panel();
    let open;
    try {
      open = await api('GET', 'review/disagreements');
    } catch (e) {
      p.hidden = true; // 404 not_configured: no review queue with blind double review
      return;
    }
    while (p.firstChild) p.removeChild(p.firstChild);
    p.hidden = false;
    p.appendChild(el('h2', null, 'Blind double review'));
    const figures = el('ul', 'checklist agreement');
    figures.id = 'agreement-figures';
    try {
      const report = await api('GET', 'review/agreement');
      report.pairs.forEach((x) => figures.appendChild(el('li', null,
        x.first + ' + ' + x.second + ': ' + x.items + ' items, kappa ' + fmt(x.category_kappa)
          + ', score mean |diff| ' + fmt(x.quality_mean_absolute_difference) + ', r ' + fmt(x.quality_correlation))));
      if (!report.pairs.length) figures.appendChild(el('li', 'hint', 'no candidate reviewed twice yet'));
    } catch (e) {
      figures.appendChild(el('li', 'hint', e.message));
    }
    try {
      const s = await api('GET', 'review/suggestions/agreement');
      figures.appendChild(el('li', null, 'suggestions vs decisions: ' + s.items + ' items, same label '
        + (s.category_agreement === null ? 'n/a' : Math.round(s.category_agreement * 100) + '%') + ', kappa ' + fmt(s.category_kappa)));
    } catch (e) {
      // no suggestion store configured: nothing to show
    }
    p.appendChild(figures);
    p.appendChild(el('h3', null, 'Disagreements to settle (' + open.count + ')'));
    const list = el('ol', 'disagreements');
    list.id = 'disagreements';
    open.disagreements.forEach((item) => {
      const li = el('li');
      li.dataset.id = item.interaction_id;
      li.appendChild(el('div', 'hint', item.interaction_id));
      item.decisions.forEach((d) => li.appendChild(el('div', null, decisionText(d))));
      li.appendChild(settleForm(item, loadPanel));
      list.appendChild(li);
    });
    p.appendChild(list);
  }

  // ------------------------------------------------------------------ the pre-review control

  const PRE_POLL_MS = 500;
  const pre = { estimate: null, timer: null, shown: false };

  function preSay(text, kind) {
    const m = $('pre-review-message');
    m.textContent = text;
    m.className = 'message' + (kind ? ' ' + kind : '');
  }

  function usd(v) { return v === null || v === undefined ? 'not priced' : '$' + Number(v).toFixed(4); }

  function estimateText(e) {
    return e.candidates + ' candidate' + (e.candidates === 1 ? '' : 's') + ', ' + e.cached + ' cached: '
      + e.calls + ' model call' + (e.calls === 1 ? '' : 's') + ', at most ' + e.estimated_tokens + ' tokens ('
      + e.prompt_tokens + ' prompt + ' + e.max_output_tokens + ' output), estimated cost ' + usd(e.estimated_cost_usd);
  }

  function progressText(p) {
    if (p.state === 'none') return 'No run yet.';
    const counts = p.called + ' called, ' + p.suggested + ' suggested, ' + p.cached + ' cached, ' + p.failed
      + ' failed, ' + p.unparseable + ' unparseable' + (p.auto_rejected ? ', ' + p.auto_rejected + ' auto-rejected' : '');
    return (p.state === 'running' ? 'Running: ' : 'Finished: ') + p.done + ' of ' + p.total + ' done (' + counts + ').';
  }

  async function pollRun() {
    pre.timer = null;
    let p;
    try {
      p = await api('GET', 'review/pre-review/runs/current');
    } catch (e) {
      preSay(e.message, 'error');
      return;
    }
    $('pre-review-progress').textContent = progressText(p);
    if (p.state === 'running') {
      $('pre-review-run').disabled = true;
      pre.timer = setTimeout(pollRun, PRE_POLL_MS);
    } else if (p.state === 'finished') {
      preSay(''); // the progress line says it
      $('pre-review-run').disabled = pre.estimate === null;
      loadCandidates(); // the new suggestions on the card
      refreshSoon();
    }
  }

  async function preEstimate() {
    preSay('');
    try {
      pre.estimate = await api('POST', 'review/pre-review/estimate', {});
      $('pre-review-estimate-text').textContent = estimateText(pre.estimate);
      $('pre-review-run').disabled = false;
    } catch (e) {
      preSay(e.message, 'error');
    }
  }

  async function preRun() {
    const e = pre.estimate;
    if (!e) { preSay('Estimate the cost first.', 'error'); return; }
    const budgetText = $('pre-review-budget').value.trim();
    const body = { confirm: true, max_calls: e.calls }; // never more calls than the operator confirmed
    if (budgetText) {
      const b = Number(budgetText);
      if (!(b >= 0)) { preSay('The budget must be a number of dollars, at least 0.', 'error'); return; }
      body.max_usd = b;
    }
    const q = 'Run the pre-reviewer? ' + estimateText(e) + '.' + (budgetText ? ' Budget: $' + budgetText + '.' : '');
    if (!window.confirm(q)) { preSay('Not started.'); return; }
    try {
      const p = await api('POST', 'review/pre-review/runs', body);
      preSay('Started.', 'ok');
      $('pre-review-progress').textContent = progressText(p);
      pre.estimate = null;
      $('pre-review-run').disabled = true;
      if (pre.timer) clearTimeout(pre.timer);
      pre.timer = setTimeout(pollRun, PRE_POLL_MS);
    } catch (err) {
      preSay(err.message, 'error'); // a budget refusal names the field; a run already going is a 409
    }
  }

  async function initPreReview() {
    const box = $('pre-review');
    if (!box || pre.shown || !token()) return;
    let p;
    try {
      p = await api('GET', 'review/pre-review/runs/current');
    } catch (e) {
      box.hidden = true; // 404 not_configured: no pre-reviewer on this server
      return;
    }
    pre.shown = true;
    box.hidden = false;
    $('pre-review-progress').textContent = progressText(p);
    if (p.state === 'running') pre.timer = setTimeout(pollRun, PRE_POLL_MS);
  }

  let pending = null;
  function refreshSoon() {
    if (pending || !token()) return;
    pending = setTimeout(() => { pending = null; loadPanel(); }, 300);
  }

  function init() {
    if (!$('question')) return;
    // a new card: its suggestion, and the panel again (a second blind review may have made a disagreement)
    new MutationObserver(() => { renderSuggestion(); refreshSoon(); })
      .observe($('question'), { childList: true, characterData: true, subtree: true });
    const card = $('card');
    if (card) {
      new MutationObserver(() => { if (!card.hidden && token()) { loadCandidates(); refreshSoon(); } })
        .observe(card, { attributes: true, attributeFilter: ['hidden'] });
    }
    if ($('pre-review')) {
      $('pre-review-estimate').addEventListener('click', preEstimate);
      $('pre-review-run').addEventListener('click', preRun);
      new MutationObserver(() => { if (!$('app').hidden) initPreReview(); })
        .observe($('app'), { attributes: true, attributeFilter: ['hidden'] });
    }
    if (token()) { loadCandidates(); loadPanel(); initPreReview(); }
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init); else init();
})();
