// Leeway supervisors' workspace: what every workspace page shares. Sign-in (the token is kept in
// sessionStorage, this tab only, under the same key as the dashboard), requests to /api/v1 with
// problems read from application/problem+json, a DOM helper that only ever sets text, and the
// mapping of a problem's field ("actions[1].limit") to the input that holds it.
// Plain browser JavaScript, no build step, no library; loaded before each page's own script.
'use strict';

window.Leeway = (function () {
  const TOKEN_KEY = 'leeway.supervisor.token';
  const $ = (id) => document.getElementById(id);
  let token = sessionStorage.getItem(TOKEN_KEY);
  let started = null;

  // ---------- DOM ----------
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (key === 'class') node.className = value;
      else if (key === 'text') node.textContent = value;
      else if (key === 'value') node.value = value;
      else if (key === 'checked' || key === 'disabled' || key === 'hidden' || key === 'open') node[key] = Boolean(value);
      else node.setAttribute(key, value === true ? '' : String(value));
    }
    for (const child of children.flat()) {
      if (child === undefined || child === null || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function param(name) {
    return new URLSearchParams(location.search).get(name);
  }

  function when(iso) {
    if (!iso) return '';
    return String(iso).slice(0, 16).replace('T', ' ') + (String(iso).endsWith('Z') ? ' UTC' : '');
  }

  function humanise(name) {
    return String(name || '').replace(/_/g, ' ');
  }

  const STATES = {
    draft: 'Draft',
    in_review: 'In review',
    approved: 'Approved',
    published: 'Published',
    discarded: 'Discarded',
  };

  function stateBadge(state) {
    return el('span', { class: 'state state--' + String(state).replace(/_/g, '-'), 'data-state': state, text: STATES[state] || humanise(state) });
  }

  // ---------- requests ----------
  class Refused extends Error {
    constructor(status, problem) {
      super((problem && (problem.detail || problem.title)) || 'The request was refused (' + status + ').');
      this.status = status;
      this.problem = problem || {};
    }
  }

  /**
   * One request to the API. Resolves to {status, body, etag} for any 2xx; rejects with Refused
   * for anything else (its problem JSON attached), after sending the page back to sign-in on 401
   * and 403 (a token that is not a supervisor's). {@code expect} lists other statuses the caller
   * handles itself (412, 409, 422): those resolve too.
   */
  async function api(method, path, body, options) {
    const opts = options || {};
    const headers = { Authorization: 'Bearer ' + token, Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    Object.assign(headers, opts.headers || {});
    let response;
    try {
      response = await fetch('/api/v1' + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store' });
    } catch (e) {
      throw new Refused(0, { detail: 'Could not reach Leeway. Try again in a moment.' });
    }
    let json = null;
    const type = response.headers.get('content-type') || '';
    if (response.status !== 204 && type.includes('json')) {
      try { json = await response.json(); } catch (e) { json = null; }
    }
    const result = { status: response.status, body: json, etag: response.headers.get('ETag') };
    if (response.ok || (opts.expect || []).includes(response.status)) return result;
    if (response.status === 401 || (response.status === 403 && !opts.keep403)) {
      const words = response.status === 401
        ? 'That token was not accepted.'
        : 'The workspace is for supervisors: ' + ((json && json.detail) || 'this token may not use it') + '.';
      signOut(words + ' Check the token and try again.');
    }
    throw new Refused(response.status, json || { detail: response.statusText });
  }

  // ---------- sign in ----------
  function showSignin(message) {
    $('workspace').hidden = true;
    $('sign-out').hidden = true;
    $('signin').hidden = false;
    const error = $('signin-error');
    error.hidden = !message;
    error.textContent = message || '';
    $('token').focus();
  }

  function signOut(message) {
    sessionStorage.removeItem(TOKEN_KEY);
    token = null;
    $('token').value = '';
    showSignin(message || '');
  }

  function showWorkspace() {
    $('signin').hidden = true;
    $('workspace').hidden = false;
    $('sign-out').hidden = false;
  }

  /** Shows the page once a token is known; {@code ready} loads what the page shows. */
  function start(ready) {
    started = ready;
    $('signin-form').addEventListener('submit', async (event) => {
      event.preventDefault();
      const candidate = $('token').value.trim();
      if (!candidate) {
        showSignin('Enter your access token.');
        return;
      }
      token = candidate;
      sessionStorage.setItem(TOKEN_KEY, token);
      showWorkspace();
      try {
        await started();
      } catch (e) {
        if (e.status !== 401 && e.status !== 403) fail(e);
      }
    });
    $('sign-out').addEventListener('click', () => signOut(''));
    if (token) {
      showWorkspace();
      Promise.resolve().then(started).catch((e) => {
        if (e.status !== 401 && e.status !== 403) fail(e);
      });
    } else {
      showSignin('');
    }
  }

  /** A plain message at the top of the page (role=alert), or hides it. */
  function fail(error) {
    const box = $('page-error');
    if (!box) return;
    if (!error) {
      box.hidden = true;
      box.textContent = '';
      return;
    }
    box.textContent = error.message || String(error);
    box.hidden = false;
  }

  function status(text) {
    const box = $('page-status');
    if (box) box.textContent = text || '';
  }

  // ---------- problems beside their fields ----------

  /** "actions[1].limit" → ["actions[1].limit", "actions[1]", "actions"]. */
  function fieldAncestors(field) {
    const out = [];
    let f = String(field || '');
    while (f) {
      out.push(f);
      const cut = Math.max(f.lastIndexOf('.'), f.lastIndexOf('['));
      f = cut > 0 ? f.slice(0, cut) : '';
    }
    return out;
  }

  /** The element in {@code root} that carries the field (or its nearest ancestor field). */
  function fieldElement(root, field) {
    for (const candidate of fieldAncestors(field)) {
      const key = '[data-field="' + CSS.escape(candidate) + '"]';
      // The input itself before a row or list that carries the same path.
      const found = root.querySelector('input' + key + ', select' + key + ', textarea' + key) || root.querySelector(key);
      if (found) return found;
    }
    return null;
  }

  /**
   * Shows each problem beside its input (map by {@code problems[].field}) and all of them in the
   * summary box at the top, each with a link to its field. Returns how many were placed.
   */
  function showProblems(root, summary, problems, what) {
    document.querySelectorAll('.field-problem').forEach((n) => n.remove());
    document.querySelectorAll('[aria-invalid]').forEach((n) => {
      n.removeAttribute('aria-invalid');
      const described = (n.getAttribute('aria-describedby') || '').split(' ').filter((id) => !id.startsWith('problem-'));
      if (described.length) n.setAttribute('aria-describedby', described.join(' '));
      else n.removeAttribute('aria-describedby');
    });
    summary.replaceChildren();
    const list = Array.isArray(problems) ? problems : [];
    summary.hidden = list.length === 0;
    if (!list.length) return 0;
    let placed = 0;
    const items = el('ul', { class: 'problem-list' });
    list.forEach((problem, i) => {
      const where = [problem.field, problem.line ? 'line ' + problem.line : ''].filter(Boolean).join(', ');
      const target = problem.field ? fieldElement(root, problem.field) : null;
      const id = 'problem-' + i;
      const item = el('li', { 'data-problem-field': problem.field || '' });
      if (target) {
        placed++;
        const message = el('p', { class: 'field-problem', id, 'data-for': problem.field, text: (problem.field !== target.getAttribute('data-field') ? problem.field + ': ' : '') + problem.message });
        const input = target.matches('input, select, textarea') ? target : null;
        if (input) {
          input.setAttribute('aria-invalid', 'true');
          input.setAttribute('aria-describedby', ((input.getAttribute('aria-describedby') || '') + ' ' + id).trim());
          const holder = input.closest('.field, .check') || input.parentElement;
          holder.append(message);
        } else {
          target.prepend(message);
        }
        const link = el('a', { href: '#', text: where || 'the play' });
        link.addEventListener('click', (event) => {
          event.preventDefault();
          const focusable = input || target.querySelector('input, select, textarea, button') || target;
          focusable.scrollIntoView({ block: 'center' });
          focusable.focus();
        });
        item.append(link, ': ' + problem.message);
      } else {
        item.append(where ? el('strong', { text: where + ': ' }) : '', problem.message);
      }
      items.append(item);
    });
    const count = list.length === 1 ? '1 problem' : list.length + ' problems';
    summary.append(
      el('h3', { class: 'problem-title', text: count + ' ' + (what || 'to fix before this can be published') }),
      el('p', { class: 'help', text: placed === list.length ? 'Each is also shown beside its field; follow a link to go there.' : placed ? placed + ' of them are also shown beside their fields; follow a link to go there.' : '' }),
      items);
    return placed;
  }

  // ---------- answers (the agent page's look, in brief) ----------
  const DECISIONS = {
    CAN_DO: { label: 'Can do', css: 'can-do' },
    CAN_DO_BY_EXCEPTION: { label: 'By exception', css: 'by-exception' },
    NEEDS_APPROVAL: { label: 'Needs approval', css: 'needs-approval' },
    ESCALATE: { label: 'Escalate', css: 'escalate' },
    CANNOT_DO: { label: 'Not possible', css: 'cannot-do' },
    NEED_INFO: { label: 'Ask the customer', css: 'need-info' },
    NOT_APPLICABLE: { label: 'Does not apply', css: 'not-applicable' },
  };

  function amount(value) {
    return typeof value === 'number'
      ? new Intl.NumberFormat('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value)
      : '';
  }

  function actionDetail(a) {
    switch (a.decision) {
      case 'NEEDS_APPROVAL': return 'by ' + (a.approver_label || humanise(a.approver)) + (typeof a.can_do_now === 'number' && a.can_do_now > 0 ? ' · can do ' + amount(a.can_do_now) + ' now' : '');
      case 'ESCALATE': return a.escalate_to ? 'to ' + a.escalate_to : '';
      case 'NEED_INFO': return a.question || '';
      case 'CAN_DO_BY_EXCEPTION': return a.exception ? 'exception ' + a.exception : '';
      default: return '';
    }
  }

  /** One /suggest answer as a compact list of plays and their actions' verdicts. */
  function renderAnswer(answer) {
    const box = el('div', { class: 'answer', 'data-outcome': answer.outcome });
    (answer.guardrails || []).forEach((g) => box.append(el('p', { class: 'answer-guardrail', text: '⚠ ' + (g.team || '') + ': ' + (g.do_now || g.reason || '') })));
    if (answer.no_match) {
      box.append(el('p', { class: 'answer-none', text: 'No play fits. ' + (answer.no_match.message || '') }));
    }
    if (answer.vague) {
      box.append(el('p', { class: 'answer-none', text: 'Too vague to choose: ' + ((answer.vague.likeliest || []).map((c) => c.title || c.play_id).join('; ')) }));
    }
    (answer.plays || []).forEach((play) => {
      const card = el('section', { class: 'answer-play', 'data-play-id': play.play_id },
        el('h4', { class: 'answer-play-title' }, play.title || play.play_id,
          el('span', { class: 'answer-fit', text: ' v' + play.version + ' · fit ' + Math.round((play.confidence || 0) * 100) + '%' })));
      (play.urgent_steps || []).forEach((step) => card.append(el('p', { class: 'answer-urgent', text: '⚠ Do now: ' + step })));
      if (play.reply) card.append(el('p', { class: 'answer-reply', text: 'Tell the customer: ' + play.reply }));
      const list = el('ul', { class: 'answer-actions' });
      (play.actions || []).forEach((a) => {
        const info = DECISIONS[a.decision] || { label: a.decision, css: 'unknown' };
        list.append(el('li', { class: 'answer-action', 'data-action-id': a.action_id, 'data-decision': a.decision },
          el('span', { class: 'badge badge--' + info.css, text: info.label }), ' ',
          el('strong', { text: a.label || a.action_id }),
          typeof a.amount === 'number' ? el('span', { class: 'answer-amount', text: ' ' + amount(a.amount) }) : '',
          actionDetail(a) ? el('span', { class: 'answer-detail', text: ' — ' + actionDetail(a) }) : '',
          a.reason ? el('span', { class: 'answer-reason', text: a.reason }) : ''));
      });
      card.append(list);
      if (play.question && play.question.text) card.append(el('p', { class: 'answer-question', text: '? Ask the customer: ' + play.question.text }));
      box.append(card);
    });
    return box;
  }

  return { el, api, start, fail, status, param, when, humanise, stateBadge, STATES, showProblems, fieldElement, renderAnswer, Refused };
})();
