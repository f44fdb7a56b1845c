// Leeway supervisor's dashboard: the figures of /api/v1/insights drawn as inline SVG charts, each
// with its table and a CSV download, and the gaps queue of /api/v1/gaps/groups. No library, no
// build step; the token is kept in sessionStorage (this tab only), as the agent page does.
(function () {
  'use strict';

  const TOKEN_KEY = 'leeway.supervisor.token';
  const SVG = 'http://www.w3.org/2000/svg';
  const $ = (id) => document.getElementById(id);
  const ui = {
    signin: $('signin'), signinForm: $('signin-form'), token: $('token'), signinError: $('signin-error'),
    signinButton: $('signin-button'), dashboard: $('dashboard'), signOut: $('sign-out'), user: $('user'),
    period: $('period'), from: $('from'), to: $('to'), show: $('show'), summary: $('summary'), error: $('error'),
    contents: $('contents'), figures: $('figures'), gapsSummary: $('gaps-summary'), gapGroups: $('gap-groups'),
  };
  let token = null;

  // What each figure shows and how it is charted; the words under each title.
  const FIGURES = {
    'answers-by-outcome': {
      about: 'Every answer given, by the UTC day it was given on: a play fitted, the words were too vague to choose, or nothing fitted (a gap).',
      chart: (t) => columns(t, 'day', ['matched', 'vague', 'no_match'], (i) => 'swatch-' + [0, 1, 2][i]),
    },
    'decisions-by-kind': {
      about: 'Every action of every play offered, by its decision.',
      chart: (t) => columns(t, 'day', ['CAN_DO', 'CAN_DO_BY_EXCEPTION', 'NEEDS_APPROVAL', 'CANNOT_DO', 'ESCALATE', 'NEED_INFO', 'NOT_APPLICABLE'], (i, s) => 'kind-' + s),
    },
    autonomy: {
      about: 'Of the answers that decided at least one action, the share where the agent could take at least one on their own (can do, or by exception); the rest went to an approver or a team, or only asked or said no.',
      chart: (t) => bars(t, (r) => r.role, [['share_acted_alone', 'share acted alone']], { percent: true }),
    },
    'limits-hit': {
      about: 'Actions that needed approval or escalation because the amount was over the role\'s cap or a budget was used up, by action kind, role and check, with the amounts asked for beside the cap in force when each was decided (a cap changed since has a row of its own).',
      chart: (t) => bars(t, (r) => r.kind + ' · ' + r.role + ' · ' + r.check + (r.cap_amount != null ? ' · cap ' + r.cap_amount : r.cap_count != null ? ' · ' + r.cap_count + ' allowed' : ''), [['hits', 'hits']]),
    },
    plays: {
      about: 'For each play offered: how often, and how many of its actions needed approval, were escalated or were a firm no.',
      chart: (t) => bars(t, (r) => r.play_id, [['needs_approval', 'needs approval'], ['escalate', 'escalate'], ['cannot_do', 'cannot do']], { top: 12 }),
    },
    refusals: {
      about: 'Actions that were a firm no (cannot do: the rule was not met, no exception applied, the play does not bend), by the rule.',
      chart: (t) => bars(t, (r) => r.play_id + ' / ' + r.action_id, [['count', 'no\'s']], { top: 12 }),
    },
    'unused-plays': { about: 'Published plays that no answer in the period offered.' },
    'review-overdue': { about: 'Published plays whose review-by date has passed (today, whatever the period).' },
  };

  // ---------- sign in ----------
  function showSignin(message) {
    ui.dashboard.hidden = true;
    ui.signOut.hidden = true;
    ui.user.hidden = true;
    ui.signin.hidden = false;
    ui.signinError.hidden = !message;
    ui.signinError.textContent = message || '';
    ui.signinButton.disabled = false;
    ui.token.focus();
  }

  function signOut() {
    sessionStorage.removeItem(TOKEN_KEY);
    token = null;
    ui.token.value = '';
    showSignin('');
  }

  async function signIn(candidate) {
    token = candidate;
    ui.signinButton.disabled = true;
    const ok = await load();
    ui.signinButton.disabled = false;
    if (ok) {
      sessionStorage.setItem(TOKEN_KEY, token);
      ui.signin.hidden = true;
      ui.dashboard.hidden = false;
      ui.signOut.hidden = false;
    }
  }

  // ---------- requests ----------
  class Refused extends Error {
    constructor(status, detail) { super(detail); this.status = status; }
  }

  async function request(path, accept) {
    let response;
    try {
      response = await fetch(path, { headers: { Authorization: 'Bearer ' + token, Accept: accept || 'application/json' }, cache: 'no-store' });
    } catch (e) {
      throw new Refused(0, 'Could not reach Leeway. Try again in a moment.');
    }
    if (!response.ok) {
      let detail = response.statusText;
      try { detail = (await response.json()).detail || detail; } catch (e) { /* not JSON */ }
      throw new Refused(response.status, detail);
    }
    return response;
  }

  function query() {
    return 'from=' + encodeURIComponent(ui.from.value) + '&to=' + encodeURIComponent(ui.to.value);
  }

  async function load() {
    ui.error.hidden = true;
    ui.show.disabled = true;
    ui.summary.textContent = 'Loading…';
    try {
      const [report, gaps] = await Promise.all([
        request('/api/v1/insights?' + query()).then((r) => r.json()),
        request('/api/v1/gaps/groups?' + query()).then((r) => r.json()),
      ]);
      render(report);
      renderGaps(gaps);
      ui.summary.textContent = report.answers + ' answers from ' + report.from + ' to ' + report.to + '.';
      return true;
    } catch (e) {
      ui.summary.textContent = '';
      if (e.status === 401 || e.status === 403) {
        const words = e.status === 401 ? 'That token was not accepted.' : 'This page is for supervisors: ' + e.message + '.';
        sessionStorage.removeItem(TOKEN_KEY);
        showSignin(words + ' Check the token and try again.');
      } else if (!ui.dashboard.hidden) {
        ui.error.textContent = e.message;
        ui.error.hidden = false;
      } else {
        showSignin(e.message);
      }
      return false;
    } finally {
      ui.show.disabled = false;
    }
  }

  async function downloadCsv(figure, button) {
    button.disabled = true;
    try {
      const response = await request('/api/v1/insights/' + figure + '?' + query() + '&format=csv', 'text/csv');
      const blob = await response.blob();
      const link = document.createElement('a');
      link.href = URL.createObjectURL(blob);
      link.download = figure + '-' + ui.from.value + '-' + ui.to.value + '.csv';
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 10000);
    } catch (e) {
      ui.error.textContent = 'The CSV could not be downloaded: ' + e.message;
      ui.error.hidden = false;
    } finally {
      button.disabled = false;
    }
  }

  // ---------- rendering ----------
  function el(tag, attrs, text) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => node.setAttribute(k, v));
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function svg(tag, attrs, text) {
    const node = document.createElementNS(SVG, tag);
    Object.entries(attrs || {}).forEach(([k, v]) => node.setAttribute(k, String(v)));
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function render(report) {
    ui.figures.replaceChildren();
    ui.contents.replaceChildren();
    report.figures.forEach((table) => {
      const spec = FIGURES[table.figure] || { about: '' };
      const id = 'figure-' + table.figure;
      const section = el('section', { class: 'figure', id, 'aria-labelledby': id + '-title' });
      const head = el('div', { class: 'figure-head' });
      head.appendChild(el('h2', { id: id + '-title' }, table.title));
      const csv = el('button', { type: 'button', class: 'button button--small', 'data-figure': table.figure }, 'Download CSV');
      csv.setAttribute('aria-label', 'Download ' + table.title + ' as CSV');
      csv.addEventListener('click', () => downloadCsv(table.figure, csv));
      head.appendChild(csv);
      section.appendChild(head);
      section.appendChild(el('p', { class: 'help' }, spec.about));
      if (table.rows.length === 0) {
        section.appendChild(el('p', { class: 'empty' }, table.figure === 'review-overdue' ? 'None.' : 'Nothing in this period.'));
      } else if (spec.chart) {
        spec.chart(table).forEach((node) => section.appendChild(node));
      }
      section.appendChild(tableBox(table, !spec.chart));
      ui.figures.appendChild(section);
      const item = el('li');
      item.appendChild(el('a', { href: '#' + id }, table.title));
      ui.contents.appendChild(item);
    });
    const item = el('li');
    item.appendChild(el('a', { href: '#gaps' }, 'Gaps queue'));
    ui.contents.appendChild(item);
  }

  function tableBox(table, open) {
    const box = el('details', { class: 'table-box', 'data-figure': table.figure });
    if (open) box.open = true;
    box.appendChild(el('summary', {}, 'Table (' + table.rows.length + ' rows)'));
    const scroll = el('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': table.title + ', table' });
    const t = el('table');
    t.appendChild(el('caption', { class: 'visually-hidden' }, table.title));
    const head = el('tr');
    const numeric = table.columns.map((c) => table.rows.some((r) => typeof r[c] === 'number'));
    table.columns.forEach((c, i) => head.appendChild(el('th', { scope: 'col', class: numeric[i] ? 'num' : '' }, c)));
    const thead = el('thead');
    thead.appendChild(head);
    t.appendChild(thead);
    const body = el('tbody');
    table.rows.forEach((row) => {
      const tr = el('tr');
      table.columns.forEach((c, i) => tr.appendChild(el('td', { class: numeric[i] ? 'num' : '' }, row[c] === null ? '' : String(row[c]))));
      body.appendChild(tr);
    });
    t.appendChild(body);
    scroll.appendChild(t);
    box.appendChild(scroll);
    return box;
  }

  function legend(series, swatch) {
    const list = el('ul', { class: 'legend', 'aria-hidden': 'true' });
    series.forEach((s, i) => list.appendChild(el('li', { class: swatch(i, s) }, s)));
    return list;
  }

  // Stacked columns, one per row (a day), one colour per series.
  function columns(table, xColumn, series, swatch) {
    const width = 520;
    const height = 200;
    const left = 34;
    const bottom = 28;
    const top = 8;
    const totals = table.rows.map((r) => series.reduce((sum, s) => sum + (r[s] || 0), 0));
    const max = Math.max(1, ...totals);
    const step = (width - left - 6) / table.rows.length;
    const barWidth = Math.max(2, Math.min(28, step * 0.75));
    const scale = (v) => (v / max) * (height - top - bottom);
    const chart = svg('svg', { class: 'chart', viewBox: '0 0 ' + width + ' ' + height, role: 'img',
      'aria-label': table.title + ': ' + totals.reduce((a, b) => a + b, 0) + ' in all, at most ' + max + ' on one day. The table below lists every value.' });
    chart.appendChild(svg('line', { class: 'axis', x1: left, y1: height - bottom, x2: width, y2: height - bottom }));
    [0, max].forEach((v) => chart.appendChild(svg('text', { x: left - 4, y: height - bottom - scale(v) + 4, 'text-anchor': 'end' }, String(v))));
    const labelEvery = Math.ceil(table.rows.length / 8);
    table.rows.forEach((row, i) => {
      const x = left + i * step + (step - barWidth) / 2;
      let y = height - bottom;
      series.forEach((s, k) => {
        const h = scale(row[s] || 0);
        if (h > 0) {
          const rect = svg('rect', { x, y: y - h, width: barWidth, height: h, class: swatch(k, s) });
          rect.appendChild(svg('title', {}, row[xColumn] + ': ' + s + ' ' + row[s]));
          chart.appendChild(rect);
          y -= h;
        }
      });
      if (i % labelEvery === 0) {
        chart.appendChild(svg('text', { x: x + barWidth / 2, y: height - bottom + 14, 'text-anchor': 'middle' }, String(row[xColumn]).slice(5)));
      }
    });
    return [legend(series, swatch), chart];
  }

  // Horizontal bars, one row per table row (largest first as the API sorts them), series side by side.
  function bars(table, label, series, options) {
    const opts = options || {};
    const rows = table.rows.slice(0, opts.top || 20);
    const width = 520;
    const rowHeight = 14 * series.length + 10;
    const left = 210;
    const height = rows.length * rowHeight + 8;
    const values = rows.flatMap((r) => series.map(([c]) => Number(r[c] || 0)));
    const max = opts.percent ? 1 : Math.max(1, ...values);
    const chart = svg('svg', { class: 'chart', viewBox: '0 0 ' + width + ' ' + height, role: 'img',
      'aria-label': table.title + ' (' + rows.length + (table.rows.length > rows.length ? ' of ' + table.rows.length : '') + ' rows). The table below lists every value.' });
    rows.forEach((row, i) => {
      const y = 4 + i * rowHeight;
      const text = label(row);
      chart.appendChild(svg('text', { x: left - 6, y: y + rowHeight / 2 + 2, 'text-anchor': 'end' }, text.length > 30 ? text.slice(0, 29) + '…' : text));
      series.forEach(([column, name], k) => {
        const value = Number(row[column] || 0);
        const w = Math.max(value > 0 ? 1 : 0, (value / max) * (width - left - 60));
        if (value === 0 && series.length > 1) return;
        const rect = svg('rect', { x: left, y: y + k * 14, width: w, height: 12, class: 'swatch-' + k });
        rect.appendChild(svg('title', {}, text + ': ' + name + ' ' + (opts.percent ? Math.round(value * 100) + '%' : value)));
        chart.appendChild(rect);
        chart.appendChild(svg('text', { class: 'value', x: left + w + 4, y: y + k * 14 + 10 }, opts.percent ? Math.round(value * 100) + '%' : String(value)));
      });
    });
    const nodes = [];
    if (series.length > 1) nodes.push(legend(series.map(([, name]) => name), (i) => 'swatch-' + i));
    nodes.push(chart);
    return nodes;
  }

  function renderGaps(queue) {
    ui.gapGroups.replaceChildren();
    ui.gapsSummary.textContent = queue.items + ' items in ' + queue.groups.length + ' groups.';
    queue.groups.forEach((group) => {
      const item = el('li', { class: 'gap-group' });
      const line = el('p', { class: 'gap-head' });
      line.appendChild(el('span', { class: 'gap-count' }, group.count + (group.count === 1 ? ' time' : ' times')));
      const plays = group.plays.map((p) => p.play_id).slice(0, 3).join(', ');
      line.appendChild(el('span', { class: 'gap-meta' },
        ' · latest ' + group.latest.slice(0, 16).replace('T', ' ') +
        ' · ' + group.sources.no_match + ' not answered, ' + group.sources.marked_wrong + ' marked wrong' +
        (plays ? ' · plays named: ' + plays : '')));
      item.appendChild(line);
      const examples = el('ul', { class: 'gap-examples' });
      group.examples.forEach((e) => {
        const li = el('li', {}, '“' + e.text + '”');
        li.appendChild(el('span', { class: 'source' }, e.source === 'marked_wrong' ? 'marked wrong' : 'no play fitted'));
        examples.appendChild(li);
      });
      item.appendChild(examples);
      ui.gapGroups.appendChild(item);
    });
  }

  // ---------- start ----------
  function isoDay(date) {
    return date.toISOString().slice(0, 10);
  }

  const today = new Date();
  ui.to.value = isoDay(today);
  ui.from.value = isoDay(new Date(today.getTime() - 29 * 86400000));

  ui.signinForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const candidate = ui.token.value.trim();
    if (!candidate) {
      showSignin('Enter your access token.');
      return;
    }
    signIn(candidate);
  });
  ui.period.addEventListener('submit', (event) => {
    event.preventDefault();
    load();
  });
  ui.signOut.addEventListener('click', signOut);

  const saved = sessionStorage.getItem(TOKEN_KEY);
  if (saved) {
    signIn(saved);
  } else {
    showSignin('');
  }
})();
