// The page at serve's /: a profile in, the ranked cards and every rule's explanation out, through the same API
// any client uses. Profile text is data: every node is built with createElement and textContent, never from markup.
'use strict';

(() => {
  const KEY_STORAGE = 'retake-advice-api-key';
  const POLL_MS = 2000;
  const INDICATORS = {
    critical: 'Do this first',
    warning: 'Important',
    info: 'Good to know',
  };
  const READINESS = {
    ready: 'Ready to sit the exam',
    'not-ready': 'Not ready yet',
    unknown: 'Not known yet',
  };
  const OUTCOMES = {
    fired: 'Fired',
    'not-fired': 'Not fired',
    suppressed: 'Suppressed',
    disabled: 'Switched off',
    'not-reached': 'Not reached',
    failed: 'Failed',
  };

  const $ = (id) => document.getElementById(id);
  let advisedText = null; // the profile whose advice is on the page: advised again when the rules change
  let lastSha = null;
  let pollTimer = 0;
  let generation = 0; // answers to an older Advise are dropped

  // ---- DOM helpers: text only, never markup ----

  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (name === 'class') node.className = value;
      else if (name === 'text') node.textContent = value;
      else node.setAttribute(name, value === true ? '' : String(value));
    }
    for (const child of children) {
      if (child !== null && child !== undefined) node.append(child);
    }
    return node;
  }

  function show(id, visible) {
    $(id).hidden = !visible;
  }

  // ---- Markdown, a small safe subset: paragraphs, "- " lists, **strong**, *em*, `code`, [text](https://…),
  // backslash escapes (the library escapes profile text with them). Anything else is text. ----

  function markdown(text) {
    const fragment = document.createDocumentFragment();
    for (const block of String(text).split(/\n[ \t]*\n/)) {
      const lines = block.split('\n').filter((line) => line.trim() !== '');
      if (lines.length === 0) continue;
      if (lines.every((line) => /^\s*[-*+] /.test(line))) {
        fragment.append(el('ul', null, ...lines.map((line) => el('li', null, ...inline(line.replace(/^\s*[-*+] /, ''))))));
      } else {
        const paragraph = el('p');
        lines.forEach((line, i) => {
          if (i > 0) paragraph.append(el('br'));
          paragraph.append(...inline(line));
        });
        fragment.append(paragraph);
      }
    }
    return fragment;
  }

  function closing(text, marker, from) {
    for (let i = from; i < text.length; i++) {
      if (text[i] === '\\') { i++; continue; }
      if (text.startsWith(marker, i)) return i;
    }
    return -1;
  }

  function inline(text) {
    const nodes = [];
    let plain = '';
    const flush = () => {
      if (plain) nodes.push(document.createTextNode(plain));
      plain = '';
    };
    for (let i = 0; i < text.length;) {
      const c = text[i];
      if (c === '\\' && i + 1 < text.length && /[!-/:-@[-`{-~]/.test(text[i + 1])) {
        plain += text[i + 1];
        i += 2;
        continue;
      }
      if (c === '`') {
        const end = text.indexOf('`', i + 1);
        if (end > i) {
          flush();
          nodes.push(el('code', { text: text.slice(i + 1, end) }));
          i = end + 1;
          continue;
        }
      }
      if (c === '*' && text[i + 1] === '*') {
        const end = closing(text, '**', i + 2);
        if (end > i + 2) {
          flush();
          nodes.push(el('strong', null, ...inline(text.slice(i + 2, end))));
          i = end + 2;
          continue;
        }
      }
      if (c === '*') {
        const end = closing(text, '*', i + 1);
        if (end > i + 1) {
          flush();
          nodes.push(el('em', null, ...inline(text.slice(i + 1, end))));
          i = end + 1;
          continue;
        }
      }
      if (c === '[') {
        const link = /^\[([^\]\\]*)\]\((https?:\/\/[^\s()<>]+)\)/.exec(text.slice(i));
        if (link) {
          flush();
          nodes.push(el('a', { href: link[2], rel: 'noopener noreferrer' }, ...inline(link[1])));
          i += link[0].length;
          continue;
        }
      }
      plain += c;
      i++;
    }
    flush();
    return nodes;
  }

  // ---- The API ----

  function apiKey() {
    try {
      return sessionStorage.getItem(KEY_STORAGE) || '';
    } catch {
      return '';
    }
  }

  async function call(method, path, body) {
    const headers = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const key = apiKey();
    if (key) headers['X-Api-Key'] = key;
    const response = await fetch(path, { method, headers, body, cache: 'no-store' });
    let json = null;
    try {
      json = await response.json();
    } catch {
      json = null;
    }
    return { ok: response.ok, status: response.status, json, retryAfter: Number(response.headers.get('Retry-After')) || 0 };
  }

  // ---- Problems ----

  function clearProblems() {
    $('profile-errors').replaceChildren();
    show('profile-errors', false);
    $('status').replaceChildren();
    show('status', false);
  }

  function showStatus(...content) {
    $('status').replaceChildren(...content);
    show('status', true);
  }

  function needKey() {
    $('key-panel').open = true;
    $('key-status').textContent = apiKey()
      ? 'The server did not accept this key. Check it and enter it again.'
      : 'This server asks for an API key. Enter it here.';
    showStatus(el('p', { text: apiKey()
      ? 'The server did not accept the API key. Check the key under “API key” and try again.'
      : 'This server asks for an API key before it gives advice. Enter it under “API key”, then choose Advise again.' }));
  }

  function showProfileErrors(problem) {
    const box = $('profile-errors');
    const errors = problem && problem.errors ? Object.entries(problem.errors) : [];
    const list = el('ul', null, ...errors.flatMap(([path, messages]) =>
      (Array.isArray(messages) ? messages : [messages]).map((message) =>
        el('li', { 'data-path': path }, el('code', { text: path }), ': ' + message))));
    box.replaceChildren(
      el('p', null, el('strong', { text: 'The profile needs a fix before it can be advised.' }), ' ' + (errors.length ? 'Each problem names where it is (a JSON path):' : (problem && problem.detail) || '')),
      errors.length ? list : '');
    show('profile-errors', true);
  }

  // Shows why a call did not answer; true when it did.
  function handled(result) {
    if (result.ok) return true;
    const problem = result.json || {};
    switch (result.status) {
      case 400:
        showProfileErrors(problem);
        break;
      case 413:
        showProfileErrors({ detail: problem.detail || 'The profile is too large.' });
        break;
      case 401:
        needKey();
        break;
      case 429:
        showStatus(el('p', { text: 'The server is busy with this client’s requests. Wait a moment, then choose Advise again.' }));
        break;
      case 500:
        showStatus(el('p', null, el('strong', { text: problem.title || 'A rule failed.' }), ' ' + (problem.detail || '')));
        break;
      default:
        showStatus(el('p', { text: `The server answered ${result.status}${problem.title ? ': ' + problem.title : ''}.` }));
    }
    return false;
  }

  // ---- Advice ----

  function weeksText(weeks) {
    if (!weeks) return 'No estimate for this profile.';
    return weeks.min === weeks.max ? `About ${weeks.min} weeks` : `${weeks.min}–${weeks.max} weeks`;
  }

  function actionText(action) {
    const words = String(action.kind).replace(/-/g, ' ');
    let text = words.charAt(0).toUpperCase() + words.slice(1);
    if (action.target) text += ': ' + action.target;
    if (action.minutes) text += ` (about ${action.minutes} minutes)`;
    return text;
  }

  function card(recommendation, rank) {
    const indicator = INDICATORS[recommendation.indicator] ? recommendation.indicator : 'info';
    const item = el('li', { class: `card ${indicator}`, 'data-id': recommendation.id, 'data-target': recommendation.target });
    item.append(el('div', { class: 'card-head' },
      el('span', { class: 'rank', text: `${rank}.` }),
      el('span', { class: `badge ${indicator}`, text: INDICATORS[indicator] })));
    item.append(el('h3', { class: 'summary', text: recommendation.summary }));
    if (recommendation.detail) item.append(el('div', { class: 'detail' }, markdown(recommendation.detail)));
    if (recommendation.because && recommendation.because.length) {
      item.append(el('h4', { text: 'Why this came up' }), el('ul', { class: 'because' }, ...recommendation.because.map((reason) => el('li', { text: reason }))));
    }
    if (recommendation.actions && recommendation.actions.length) {
      item.append(el('h4', { text: 'What to do' }), el('ul', { class: 'actions' }, ...recommendation.actions.map((action) => el('li', { text: actionText(action) }))));
    }
    const source = recommendation.source || {};
    const from = el('p', { class: 'source' }, 'From: ');
    from.append(source.url && /^https?:\/\//i.test(source.url)
      ? el('a', { href: source.url, rel: 'noopener noreferrer', text: source.label || source.url })
      : (source.label || 'the rule set'));
    from.append(' · ', el('code', { class: 'rule-id', text: recommendation.id + (recommendation.target ? ` (${recommendation.target})` : '') + ` · ${recommendation.indicator}` }));
    item.append(from);
    return item;
  }

  function renderReport(report) {
    const readiness = report.readiness || { status: 'unknown', because: [] };
    const status = READINESS[readiness.status] ? readiness.status : 'unknown';
    const summary = el('div', { class: 'summary-line' },
      el('div', { class: 'readiness' },
        el('h3', { text: 'Readiness' }),
        el('p', null, el('span', { class: `badge ${status}`, text: READINESS[status] })),
        readiness.because && readiness.because.length ? el('ul', null, ...readiness.because.map((reason) => el('li', { text: reason }))) : null),
      el('div', { class: 'weeks' },
        el('h3', { text: 'Estimated study' }),
        el('p', { text: weeksText(report.estimatedStudyWeeks) })));
    const recommendations = report.recommendations || [];
    const intro = el('p', { class: 'note', text: `Advice for ${report.asOf}: ${recommendations.length} ${recommendations.length === 1 ? 'card' : 'cards'}, most urgent first.` });
    const cards = recommendations.length
      ? el('ol', { class: 'cards', id: 'cards' }, ...recommendations.map((r, i) => card(r, i + 1)))
      : el('p', { text: 'No card for this profile.' });
    $('advice').replaceChildren(intro, summary, cards);
    $('advice').dataset.sha = report.ruleSet ? report.ruleSet.sha256 : '';
  }

  // ---- Explanation ----

  function rule(explained) {
    const outcome = OUTCOMES[explained.outcome] ? explained.outcome : 'not-fired';
    const item = el('li', { class: 'rule', 'data-rule-id': explained.id, 'data-outcome': outcome });
    item.append(el('div', { class: 'rule-head' },
      el('span', { class: `outcome ${outcome}`, text: OUTCOMES[outcome] }),
      el('h3', null, el('code', { text: explained.id })),
      el('span', { class: 'file', text: explained.file }),
      explained.indicator ? el('span', { class: 'file', text: `indicator: ${explained.indicator}` }) : null,
      explained.readiness ? el('span', { class: 'file', text: `readiness: ${explained.readiness}` }) : null));
    if (explained.suppressedBy) item.append(el('p', { text: `Suppressed by ${explained.suppressedBy}.` }));
    item.append(el('pre', null, el('code', { text: 'when: ' + explained.expression })));
    if (explained.values && explained.values.length) {
      item.append(el('dl', { class: 'values' }, ...explained.values.flatMap((value) => [el('dt', { text: value.name }), el('dd', { text: value.value })])));
    }
    if (explained.escalation) {
      item.append(el('p', { text: `Raised a level when: ${explained.escalation} → ${explained.escalated ? 'yes' : 'no'}` }));
    }
    if (explained.items) {
      const matched = explained.items.filter((i) => i.matched).length;
      const kept = explained.items.filter((i) => i.kept).length;
      item.append(el('p', { text: `Items: ${kept} kept of ${matched} matching, ${explained.items.length} in all.` }));
      item.append(el('ul', null, ...explained.items.map((i) =>
        el('li', { text: `${i.target}: ${i.kept ? 'kept' : i.matched ? 'matched, cut by the limit' : 'no match'}${i.matched ? `, score ${Math.round(i.score * 100) / 100}` : ''}` }))));
    }
    if (explained.error) item.append(el('p', { class: 'problem', text: 'Error: ' + explained.error }));
    return item;
  }

  function filterRules() {
    const wanted = $('rule-filter').value;
    for (const item of document.querySelectorAll('#rules > li')) {
      const outcome = item.dataset.outcome;
      item.hidden = !(wanted === 'all' || outcome === wanted || (wanted === 'other' && outcome !== 'fired' && outcome !== 'not-fired'));
    }
  }

  function renderExplanation(explanation) {
    const rules = explanation.rules || [];
    const fired = rules.filter((r) => r.outcome === 'fired').length;
    $('explain').replaceChildren(
      el('p', { class: 'note', text: `${rules.length} rules, ${fired} fired.${explanation.studyWeeksSuppressedBy ? ` The weeks estimate was suppressed by ${explanation.studyWeeksSuppressedBy}.` : ''}` }),
      el('ol', { class: 'rules', id: 'rules' }, ...rules.map(rule)));
    filterRules();
  }

  // ---- Rule set ----

  function renderRuleSet(status) {
    $('ruleset-name').textContent = status.name;
    $('ruleset-version').textContent = status.version;
    $('ruleset-sha').textContent = status.sha256;
    $('ruleset-error-text').textContent = status.lastReloadError || '';
    show('ruleset-error', Boolean(status.lastReloadError));
  }

  function schedulePoll(ms) {
    clearTimeout(pollTimer);
    pollTimer = setTimeout(pollRuleSet, ms);
  }

  async function pollRuleSet() {
    if (document.hidden) {
      schedulePoll(POLL_MS);
      return;
    }
    let result;
    try {
      result = await call('GET', 'v1/ruleset');
    } catch {
      $('ruleset-updated').textContent = 'The server cannot be reached right now; trying again.';
      schedulePoll(POLL_MS * 2);
      return;
    }
    if (result.status === 401) {
      $('ruleset-updated').textContent = 'The rule set is shown once an API key is entered.';
      return; // polling starts again when a key is saved
    }
    if (result.status === 429) {
      schedulePoll(Math.max(result.retryAfter * 1000, POLL_MS * 5));
      return;
    }
    if (result.ok && result.json) {
      renderRuleSet(result.json);
      const changed = lastSha !== null && result.json.sha256 !== lastSha;
      lastSha = result.json.sha256;
      if (changed) {
        $('ruleset-updated').textContent = `The rules changed at ${new Date().toLocaleTimeString()}${advisedText !== null ? '; the advice below is from the new rules.' : '.'}`;
        if (advisedText !== null) await advise(advisedText);
      } else if ($('ruleset-updated').textContent.startsWith('The server cannot')) {
        $('ruleset-updated').textContent = '';
      }
    }
    schedulePoll(POLL_MS);
  }

  // ---- Advise ----

  async function advise(text) {
    const mine = ++generation;
    clearProblems();
    $('advice').setAttribute('aria-busy', 'true');
    try {
      const [advice, explain] = await Promise.all([call('POST', 'v1/advice', text), call('POST', 'v1/explain', text)]);
      if (mine !== generation) return;
      if (handled(advice)) {
        advisedText = text;
        renderReport(advice.json);
        if (explain.ok) renderExplanation(explain.json);
      } else {
        advisedText = null;
        $('advice').replaceChildren(el('p', { class: 'placeholder', text: 'No advice yet: see the message above.' }));
        $('explain').replaceChildren(el('p', { class: 'placeholder', text: 'The rules appear here after Advise.' }));
      }
    } catch {
      if (mine === generation) showStatus(el('p', { text: 'The server could not be reached. Is retake-advice serve still running?' }));
    } finally {
      if (mine === generation) $('advice').setAttribute('aria-busy', 'false');
    }
  }

  // ---- Links: ?sample=NAME and #profile=BASE64URL ----

  function toBase64Url(text) {
    const bytes = new TextEncoder().encode(text);
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  function fromBase64Url(encoded) {
    let base64 = encoded.replace(/-/g, '+').replace(/_/g, '/');
    while (base64.length % 4) base64 += '=';
    const binary = atob(base64);
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
  }

  function pretty(text) {
    try {
      return JSON.stringify(JSON.parse(text), null, 2);
    } catch {
      return text;
    }
  }

  function compact(text) {
    try {
      return JSON.stringify(JSON.parse(text));
    } catch {
      return text;
    }
  }

  async function loadSample(name) {
    let result;
    try {
      const response = await fetch('samples/' + encodeURIComponent(name), { headers: { Accept: 'application/json' } });
      result = { ok: response.ok, text: await response.text() };
    } catch {
      result = { ok: false };
    }
    if (!result.ok) {
      showStatus(el('p', { text: `There is no sample named “${name}”. Choose one from the list.` }));
      return false;
    }
    $('profile').value = result.text;
    if ([...$('sample').options].some((o) => o.value === name)) $('sample').value = name;
    return true;
  }

  async function openFromAddress() {
    const fromHash = new URLSearchParams(location.hash.slice(1)).get('profile');
    if (fromHash) {
      try {
        $('profile').value = pretty(fromBase64Url(fromHash));
      } catch {
        showStatus(el('p', { text: 'The link’s profile could not be read: it may have been cut short when it was copied.' }));
        return;
      }
      $('sample').value = '';
      await advise($('profile').value);
      return;
    }
    const sample = new URLSearchParams(location.search).get('sample');
    if (sample && await loadSample(sample)) await advise($('profile').value);
  }

  async function copyLink() {
    const link = `${location.origin}${location.pathname}#profile=${toBase64Url(compact($('profile').value))}`;
    try {
      await navigator.clipboard.writeText(link);
      $('link-status').textContent = 'Link copied. It holds the whole profile, so share it only with people who may see it.';
      show('link-fallback', false);
    } catch {
      $('link-text').value = link;
      show('link-fallback', true);
      $('link-text').focus();
      $('link-text').select();
      $('link-status').textContent = 'Copy the link below (it holds the whole profile).';
    }
  }

  async function loadSampleList() {
    try {
      const response = await fetch('samples', { headers: { Accept: 'application/json' } });
      const names = response.ok ? await response.json() : [];
      $('sample').append(...names.map((name) => el('option', { value: name, text: name })));
    } catch {
      // The editor still works without the list.
    }
  }

  // ---- Start ----

  async function start() {
    $('api-key').value = apiKey();
    $('profile-form').addEventListener('submit', (event) => {
      event.preventDefault();
      advise($('profile').value);
    });
    $('sample').addEventListener('change', async () => {
      const name = $('sample').value;
      if (!name) return;
      history.replaceState(null, '', `?sample=${encodeURIComponent(name)}`);
      if (await loadSample(name)) await advise($('profile').value);
    });
    $('copy-link').addEventListener('click', copyLink);
    $('rule-filter').addEventListener('change', filterRules);
    $('key-form').addEventListener('submit', (event) => {
      event.preventDefault();
      const key = $('api-key').value.trim();
      try {
        if (key) sessionStorage.setItem(KEY_STORAGE, key);
        else sessionStorage.removeItem(KEY_STORAGE);
      } catch {
        // Storage refused (a private window's settings): the key is not kept.
      }
      $('key-status').textContent = key ? 'The key is kept for this tab only.' : 'No key is set.';
      schedulePoll(0);
      if ($('profile').value.trim()) advise($('profile').value);
    });
    $('forget-key').addEventListener('click', () => {
      try {
        sessionStorage.removeItem(KEY_STORAGE);
      } catch {
        // Nothing was kept.
      }
      $('api-key').value = '';
      $('key-status').textContent = 'The key is forgotten.';
    });
    window.addEventListener('hashchange', () => {
      if (new URLSearchParams(location.hash.slice(1)).has('profile')) openFromAddress();
    });

    await loadSampleList();
    await openFromAddress();
    schedulePoll(0);
  }

  start();
})();
