// Tuneloop console: the rest of the loop (queue, launch, jobs, evaluation, deployment) beside the review page.
// Every text from the server is shown with textContent, never as HTML. Reports are shown in a sandboxed frame that
// runs no script, from a single-use link (a frame cannot send the bearer token).
'use strict';

(function () {
  const TOKEN_KEY = 'tuneloop.admin.token';
  const REVIEWER_KEY = 'tuneloop.admin.reviewer';
  const API = '../';
  const PAGES = ['review', 'queue', 'launch', 'jobs', 'evaluation', 'deployment'];
  const JOB_POLL_MS = 1000;

  const $ = (id) => document.getElementById(id);
  const loop = { page: 'review', pollTimer: null, choices: null };

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  function row(cells, cls) {
    const tr = el('tr', cls);
    for (const c of cells) {
      const td = el('td');
      if (c instanceof Node) td.appendChild(c); else td.textContent = c === null || c === undefined ? '—' : String(c);
      tr.appendChild(td);
    }
    return tr;
  }

  function pct(v) {
    return v === null || v === undefined || Number.isNaN(v) ? '—' : (v * 100).toFixed(1) + '%';
  }

  async function api(method, path, body) {
    const token = sessionStorage.getItem(TOKEN_KEY);
    const headers = { 'Authorization': 'Bearer ' + token, 'Accept': 'application/json' };
    const init = { method: method, headers: headers, credentials: 'omit', cache: 'no-store' };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    const res = await fetch(API + path, init);
    if (res.status === 401) {
      // the review page's login asks for the token again
      sessionStorage.removeItem(TOKEN_KEY);
      location.reload();
      throw new Error('token refused');
    }
    let json = null;
    try { json = await res.json(); } catch (e) { json = null; }
    if (!res.ok) {
      const err = json && json.error ? json.error : { code: 'http_' + res.status, message: 'HTTP ' + res.status };
      const e = new Error(err.message);
      e.code = err.code;
      e.status = res.status;
      throw e;
    }
    return json;
  }

  function say(id, text, kind) {
    const m = $(id);
    m.textContent = text;
    m.className = 'message' + (kind ? ' ' + kind : '');
  }

  function failed(id, e) {
    say(id, e.code === 'not_configured' ? 'Not configured on this server: ' + e.message : 'Failed: ' + e.message,
      'error');
  }

  // ---- tabs ----

  function show(page) {
    loop.page = page;
    for (const p of PAGES) {
      const tab = $('tab-' + p);
      tab.setAttribute('aria-selected', String(p === page));
      tab.classList.toggle('current', p === page);
      if (p !== 'review') $('loop-' + p).hidden = p !== page;
    }
    $('app').hidden = page !== 'review';
    if (loop.pollTimer) { clearTimeout(loop.pollTimer); loop.pollTimer = null; }
    const load = { queue: loadQueue, launch: loadLaunch, jobs: loadJobs, evaluation: loadEvaluation,
      deployment: loadDeployment }[page];
    if (load) load();
    // the review page (console.js) reloads its list when it shows only the reviewer's claims
    if (page === 'review') document.dispatchEvent(new CustomEvent('tuneloop:review-shown'));
  }

  function syncTabs() {
    const out = !$('login').hidden;
    $('loop-tabs').hidden = out;
    if (out) {
      for (const p of PAGES) if (p !== 'review') $('loop-' + p).hidden = true;
      loop.page = 'review';
    }
  }

  // ---- queue (claims) ----

  function reviewer() {
    return (sessionStorage.getItem(REVIEWER_KEY) || '').trim();
  }

  async function loadQueue() {
    const who = reviewer();
    $('queue-who').textContent = who ? 'You are ' + who + '.' : 'Give your name at login to claim candidates.';
    $('queue-claim').disabled = !who;
    try {
      if (who) renderMine(await api('GET', 'review/queue?reviewer=' + encodeURIComponent(who)));
      renderTeam(await api('GET', 'review/claims'));
      say('queue-message', '');
    } catch (e) { failed('queue-message', e); }
  }

  function renderMine(res) {
    const list = $('queue-mine');
    clear(list);
    $('queue-count').textContent = '(' + res.count + ')';
    for (const c of res.candidates) {
      const li = el('li', 'claimed');
      li.dataset.interactionId = c.interaction_id;
      li.appendChild(el('span', 'q', c.question.length > 120 ? c.question.slice(0, 120) + '…' : c.question));
      li.appendChild(el('span', 'hint', 'until ' + (c.claim_expires_at || '—')));
      const give = el('button', 'quiet', 'Give back');
      give.type = 'button';
      give.addEventListener('click', () => release(c.interaction_id));
      li.appendChild(give);
      list.appendChild(li);
    }
  }

  function renderTeam(res) {
    const body = $('queue-team').tBodies[0];
    clear(body);
    for (const [name, n] of Object.entries(res.per_reviewer)) body.appendChild(row([name, n]));
    if (!body.rows.length) body.appendChild(row(['nobody holds a claim', '']));
  }

  async function claim() {
    const max = Number($('queue-max').value) || 10;
    try {
      const res = await api('POST', 'review/claim', { reviewer: reviewer(), max: max });
      say('queue-message', 'Claimed ' + res.count + ' new candidate' + (res.count === 1 ? '' : 's') + '.', 'ok');
      await loadQueue();
      say('queue-message', 'Claimed ' + res.count + ' new candidate' + (res.count === 1 ? '' : 's') + '.', 'ok');
    } catch (e) { failed('queue-message', e); }
  }

  async function release(id) {
    try {
      await api('POST', 'review/claims/' + encodeURIComponent(id) + '/release', { reviewer: reviewer() });
      await loadQueue();
    } catch (e) { failed('queue-message', e); }
  }

  // ---- readiness and launch ----

  async function loadLaunch() {
    try {
      const r = await api('GET', 'curation/readiness');
      $('launch-ready').textContent = r.ready ? (r.overall === 'warn' ? 'Ready, with warnings' : 'Ready') : 'Not ready';
      $('launch-ready').className = 'ready ' + (r.ready ? (r.overall === 'warn' ? 'warn' : 'ok') : 'no');
      const list = $('launch-checks');
      clear(list);
      for (const i of r.items) {
        const li = el('li', i.status);
        li.appendChild(el('span', 'mark', i.status === 'pass' ? '✓' : i.status === 'fail' ? '✗' : '!'));
        const item = el('span', 'item');
        item.appendChild(el('span', null, i.name));
        item.appendChild(el('span', 'detail', i.detail));
        li.appendChild(item);
        list.appendChild(li);
      }
    } catch (e) {
      $('launch-ready').textContent = e.code === 'not_configured' ? 'Readiness checklist not configured' : e.message;
    }
    try {
      const c = await api('GET', 'fine-tune/choices');
      loop.choices = c;
      fill($('launch-provider'), c.providers.map((p) => p.name));
      const dl = $('launch-models');
      clear(dl);
      for (const m of c.base_models) { const o = el('option'); o.value = m; dl.appendChild(o); }
      if (!$('launch-base').value && c.base_models.length) $('launch-base').value = c.base_models[0];
      fill($('launch-preset'), c.presets.map((p) => p.name));
      $('launch-min').value = $('launch-min').value || c.hyperparameters.min_quality_score.default;
      $('launch-estimate').disabled = !c.estimates;
      say('launch-message', '');
    } catch (e) { failed('launch-message', e); }
  }

  function fill(select, values) {
    const keep = select.value;
    clear(select);
    for (const v of values) { const o = el('option', null, v); o.value = v; select.appendChild(o); }
    if (values.includes(keep)) select.value = keep;
  }

  function choice() {
    const body = {
      provider: $('launch-provider').value,
      base_model: $('launch-base').value.trim(),
      preset: $('launch-preset').value,
      min_quality_score: Number($('launch-min').value)
    };
    const num = (id, name) => { const v = $(id).value.trim(); if (v !== '') body[name] = Number(v); };
    num('launch-epochs', 'n_epochs');
    return body;
  }

  function launchBody() {
    const body = choice();
    const num = (id, name) => { const v = $(id).value.trim(); if (v !== '') body[name] = Number(v); };
    num('launch-batch', 'batch_size');
    num('launch-lr', 'learning_rate_multiplier');
    const suffix = $('launch-suffix').value.trim();
    if (suffix) body.suffix = suffix;
    const notes = $('launch-notes').value.trim();
    if (notes) body.notes = notes;
    return body;
  }

  async function estimate() {
    try {
      const e = await api('POST', 'fine-tune/estimate', choice());
      const t = $('launch-estimate-table').tBodies[0];
      clear(t);
      t.appendChild(row(['Examples', e.examples]));
      t.appendChild(row(['Tokens per epoch', e.tokens_per_epoch]));
      t.appendChild(row(['Epochs', e.epochs + (e.auto_epochs ? ' (auto)' : '')]));
      t.appendChild(row(['Training tokens', e.estimated_training_tokens]));
      t.appendChild(row(['Estimated cost',
        e.estimated_cost_usd === null ? 'no price for ' + e.base_model : '$' + Number(e.estimated_cost_usd).toFixed(2)]));
      t.appendChild(row(['Estimated time', e.estimated_minutes.min + '–' + e.estimated_minutes.max + ' min']));
      if (e.readiness) t.appendChild(row(['Readiness', e.readiness]));
      $('launch-estimate-table').hidden = false;
      loop.lastEstimate = e;
      say('launch-message', '');
    } catch (e) { failed('launch-message', e); }
  }

  async function launch() {
    const body = launchBody();
    const est = loop.lastEstimate;
    const cost = est && est.base_model === body.base_model && est.estimated_cost_usd !== null
      ? ' Estimated cost: $' + Number(est.estimated_cost_usd).toFixed(2) + '.' : '';
    if (!window.confirm('Launch a fine-tuning job on ' + body.provider + ' with base model ' + body.base_model +
        ' (' + body.preset + ')?' + cost + ' The provider bills for it.')) {
      say('launch-message', 'Not launched.');
      return;
    }
    body.confirm = true;
    try {
      const job = await api('POST', 'fine-tune/launch', body);
      say('launch-message', 'Launched job ' + job.id + ' as ' + job.model_version + ' on ' + job.provider + '.', 'ok');
    } catch (e) { failed('launch-message', e); }
  }

  // ---- jobs ----

  async function loadJobs() {
    try {
      const res = await api('GET', 'fine-tune/jobs');
      let running = false;
      for (const j of res.jobs) {
        if (!j.terminal) {
          running = true;
          // ask the provider: the answer is saved and, once succeeded, the model recorded in the registry
          try { Object.assign(j, await api('GET', 'fine-tune/' + encodeURIComponent(j.id) + '/status')); } catch (e) { /* shown stale */ }
        }
      }
      renderJobs(res.jobs);
      await renderVersions();
      say('jobs-message', res.jobs.length ? '' : 'No jobs yet.');
      if (running && loop.page === 'jobs') loop.pollTimer = setTimeout(loadJobs, JOB_POLL_MS);
    } catch (e) { failed('jobs-message', e); }
  }

  function renderJobs(jobs) {
    const body = $('jobs-table').tBodies[0];
    clear(body);
    for (const j of jobs) {
      const events = el('button', 'quiet', 'Events');
      events.type = 'button';
      events.addEventListener('click', () => showEvents(j.id));
      const tr = row([j.id, j.model_version, j.provider, j.base_model, j.status, j.trained_tokens,
        j.fine_tuned_model, j.created_at, events], 'job ' + j.status);
      tr.dataset.jobId = j.id;
      body.appendChild(tr);
    }
  }

  async function showEvents(id) {
    try {
      const res = await api('GET', 'fine-tune/' + encodeURIComponent(id) + '/events');
      const list = $('jobs-events');
      clear(list);
      $('jobs-events-title').textContent = 'Events of ' + id;
      for (const e of res.events) list.appendChild(el('li', e.level, e.created_at + ' ' + e.level + ': ' + e.message));
      if (!res.events.length) list.appendChild(el('li', null, 'No events.'));
    } catch (e) { failed('jobs-message', e); }
  }

  async function renderVersions() {
    const body = $('jobs-versions').tBodies[0];
    clear(body);
    const res = await api('GET', 'fine-tune/models');
    for (const v of res.versions) {
      const tr = row([v.version, v.date, v.examples, v.base_model, v.fine_tuned_model, v.job_id,
        v.evaluation ? (v.evaluation.promote ? 'promote' : 'keep base') : '—', v.deployed_at]);
      tr.dataset.version = v.version;
      body.appendChild(tr);
    }
  }

  // ---- evaluation ----

  async function loadEvaluation() {
    try {
      const res = await api('GET', 'evaluation/reports');
      const body = $('eval-table').tBodies[0];
      clear(body);
      for (const r of res.reports) {
        const open = el('button', null, 'Show report');
        open.type = 'button';
        open.addEventListener('click', () => showReport(r.version));
        const tr = row([r.version, r.candidate_model, r.base_mean_score.toFixed(3), r.candidate_mean_score.toFixed(3),
          pct(r.candidate_accuracy), r.promote ? 'promote' : 'keep base', r.evaluated_at, open]);
        tr.dataset.version = r.version;
        body.appendChild(tr);
      }
      say('eval-message', res.reports.length ? '' : 'No evaluated versions yet.');
    } catch (e) { failed('eval-message', e); }
  }

  async function showReport(version) {
    try {
      const link = await api('POST', 'evaluation/reports/' + encodeURIComponent(version) + '/link');
      const frame = $('eval-frame');
      // no allow-scripts, no allow-same-origin: the report is a picture, never a program
      frame.setAttribute('sandbox', '');
      frame.src = API + link.url;
      frame.hidden = false;
      $('eval-title').textContent = 'Report of ' + version;
    } catch (e) { failed('eval-message', e); }
  }

  // ---- deployment ----

  async function loadDeployment() {
    try {
      renderPlan(await api('GET', 'deployment'));
      say('deploy-message', '');
    } catch (e) { failed('deploy-message', e); return; }
    try {
      renderArms(await api('GET', 'deployment/arms'));
    } catch (e) {
      $('deploy-verdict').textContent = e.code === 'not_configured' ? 'Per-arm metrics are not configured.' : e.message;
    }
  }

  function renderPlan(p) {
    loop.plan = p;
    const body = $('deploy-arms').tBodies[0];
    clear(body);
    for (const a of p.arms) body.appendChild(row([a.name, a.model, a.percent.toFixed(2) + '%']));
    $('deploy-kill').textContent = p.kill_switch_on
      ? 'Kill switch ON: every request goes to ' + p.kill_switch_model
      : 'Kill switch off';
    $('deploy-kill').className = 'ready ' + (p.kill_switch_on ? 'no' : 'ok');
    $('deploy-kill-on').hidden = p.kill_switch_on;
    $('deploy-kill-off').hidden = !p.kill_switch_on;
    $('deploy-first').textContent = p.first_arm;
    $('deploy-share').value = String(p.arms[0].percent);
  }

  function renderArms(res) {
    const body = $('deploy-metrics').tBodies[0];
    clear(body);
    for (const a of res.arms) {
      body.appendChild(row([a.arm, a.interactions, pct(a.feedback_coverage), pct(a.thumbs_up_rate),
        pct(a.thumbs_down_rate), pct(a.follow_up_rate), a.latency_p95_ms + ' ms']));
    }
    const g = res.guardrail;
    const v = $('deploy-verdict');
    v.textContent = 'Guardrail (against ' + g.base_arm + '): ' + g.verdict.replace('_', ' ') +
      (g.reason ? ' — ' + g.reason : '');
    v.className = 'ready ' + (g.verdict === 'rollback' ? 'no' : g.verdict === 'ok' ? 'ok' : 'warn');
    const checks = $('deploy-checks');
    clear(checks);
    for (const c of g.checks || []) checks.appendChild(el('li', c.verdict, c.reason));
  }

  async function ramp() {
    const percent = Number($('deploy-share').value);
    if (!(percent >= 0 && percent <= 100)) { say('deploy-message', 'The share must be 0 to 100 %.', 'error'); return; }
    const bp = Math.round(percent * 100);
    if (!window.confirm('Send ' + (bp / 100) + '% of users to ' + loop.plan.first_arm + '? Users move at once.')) {
      say('deploy-message', 'Not changed.');
      return;
    }
    try {
      renderPlan(await api('POST', 'deployment/ramp', { confirm: true, basis_points: bp, arm: loop.plan.first_arm }));
      say('deploy-message', loop.plan.first_arm + ' now gets ' + (bp / 100) + '%.', 'ok');
    } catch (e) { failed('deploy-message', e); }
  }

  async function kill(on) {
    const q = on ? 'Turn the kill switch ON? Every user goes to the base model at once.'
      : 'Turn the kill switch off? Users go back to their arms.';
    if (!window.confirm(q)) { say('deploy-message', 'Not changed.'); return; }
    try {
      renderPlan(await api('POST', 'deployment/kill-switch', { confirm: true, on: on }));
      say('deploy-message', on ? 'Kill switch on.' : 'Kill switch off.', 'ok');
    } catch (e) { failed('deploy-message', e); }
  }

  // ---- wiring ----

  document.addEventListener('DOMContentLoaded', () => {
    for (const p of PAGES) $('tab-' + p).addEventListener('click', () => show(p));
    $('queue-claim').addEventListener('click', claim);
    $('queue-refresh').addEventListener('click', loadQueue);
    $('queue-review').addEventListener('click', () => {
      sessionStorage.setItem('tuneloop.admin.mine', '1');
      show('review');
    });
    $('launch-estimate').addEventListener('click', estimate);
    $('launch-go').addEventListener('click', launch);
    $('jobs-refresh').addEventListener('click', loadJobs);
    $('deploy-ramp').addEventListener('click', ramp);
    $('deploy-kill-on').addEventListener('click', () => kill(true));
    $('deploy-kill-off').addEventListener('click', () => kill(false));
    $('deploy-refresh').addEventListener('click', loadDeployment);
    new MutationObserver(syncTabs).observe($('login'), { attributes: true, attributeFilter: ['hidden'] });
    syncTabs();
  });
})();
