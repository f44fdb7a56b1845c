// The plays list: GET /api/v1/plays with the search and filters, each row a link to the play.
'use strict';

(function () {
  const { el, api, start, fail, status, when } = window.Leeway;
  const $ = (id) => document.getElementById(id);
  const form = $('search');
  let filled = false;
  let timer = null;
  let asked = 0;

  function query() {
    const params = new URLSearchParams();
    if ($('q').value.trim()) params.set('q', $('q').value.trim());
    if ($('domain').value) params.set('domain', $('domain').value);
    if ($('status').value) params.set('status', $('status').value);
    if ($('owner').value) params.set('owner', $('owner').value);
    if ($('overdue').checked) params.set('review', 'overdue');
    return params.toString();
  }

  function fillChoices(plays) {
    const add = (select, values) => {
      [...new Set(values.filter(Boolean))].sort().forEach((v) => select.append(el('option', { value: v, text: v })));
    };
    add($('domain'), plays.map((p) => p.domain));
    add($('owner'), plays.map((p) => p.owner));
    filled = true;
  }

  async function load() {
    fail(null);
    const ticket = ++asked;
    const q = query();
    // Keep the filters in the address so Back and a reload show the same list.
    history.replaceState(null, '', q ? '?' + q : location.pathname);
    status('Loading…');
    const { body } = await api('GET', '/plays' + (q ? '?' + q : ''));
    if (ticket !== asked) return;
    if (!filled) {
      const all = q ? (await api('GET', '/plays')).body.plays : body.plays;
      fillChoices(all);
      restoreFilters();
    }
    render(body.plays);
    const n = body.plays.length;
    status(n + (n === 1 ? ' play' : ' plays') + (q ? ' found' : '') + ' · content revision ' + body.revision + '.');
  }

  function render(plays) {
    const tbody = $('plays').tBodies[0];
    tbody.replaceChildren();
    if (!plays.length) {
      tbody.append(el('tr', {}, el('td', { colspan: 8, class: 'empty', text: 'No play matches. Clear a filter or search for other words.' })));
      return;
    }
    plays.forEach((p) => {
      const drafts = el('td', { class: 'drafts' });
      (p.open_drafts || []).forEach((d, i) => {
        if (i) drafts.append(', ');
        drafts.append(el('a', { href: '/supervisor/play.html?draft=' + encodeURIComponent(d), text: 'draft ' + d }));
      });
      tbody.append(el('tr', { 'data-play-id': p.id },
        el('td', {},
          el('a', { class: 'play-link', href: '/supervisor/play.html?id=' + encodeURIComponent(p.id), text: p.title || p.id }),
          el('span', { class: 'play-id', text: p.id })),
        el('td', { text: p.domain || '' }),
        el('td', {}, el('span', { class: 'status status--' + p.status, text: (p.status || '').replace('_', ' ') })),
        el('td', { text: p.owner || '' }),
        el('td', { class: p.overdue ? 'overdue' : '' }, p.review_by || '', p.overdue ? el('span', { class: 'overdue-tag', text: ' overdue' }) : ''),
        el('td', { class: 'num', text: p.version == null ? '' : String(p.version) }),
        el('td', { class: 'num', text: String(p.examples == null ? '' : p.examples) }),
        drafts));
    });
  }

  function restoreFilters() {
    const params = new URLSearchParams(location.search);
    ['q', 'domain', 'status', 'owner'].forEach((k) => {
      if (params.get(k)) $(k).value = params.get(k);
    });
    $('overdue').checked = params.get('review') === 'overdue';
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    load().catch(fail);
  });
  form.addEventListener('change', () => load().catch(fail));
  $('q').addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => load().catch(fail), 250);
  });
  document.addEventListener('keydown', (event) => {
    const typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName);
    if (event.key === '/' && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      $('q').focus();
    }
  });

  restoreFilters();
  start(load);
  void when;
})();
