// Open drafts (GET /api/v1/drafts?state=), each linked to its editor.
'use strict';

(function () {
  const L = window.Leeway;
  const { el, api, fail, status } = L;
  const $ = (id) => document.getElementById(id);

  function href(d) {
    return d.path === 'config/authority.yaml' || d.authority
      ? '/supervisor/matrix.html?draft=' + encodeURIComponent(d.id)
      : '/supervisor/play.html?draft=' + encodeURIComponent(d.id);
  }

  async function load() {
    fail(null);
    const picked = document.querySelector('input[name="state"]:checked').value;
    const { body } = await api('GET', '/drafts' + (picked ? '?state=' + picked : ''));
    const drafts = body.drafts || [];
    const list = $('drafts');
    list.replaceChildren();
    drafts.forEach((d) => {
      const name = d.title || (d.play && d.play.title) || d.play_id || d.path || 'draft ' + d.id;
      const problems = Array.isArray(d.problems) ? d.problems.length : d.problems;
      list.append(el('li', { class: 'item', 'data-draft-id': d.id, 'data-state': d.state },
        el('div', { class: 'item-head' },
          el('h3', {}, el('a', { href: href(d), text: name })),
          L.stateBadge(d.state)),
        el('p', { class: 'item-meta' },
          d.path ? el('code', { text: d.path }) : '',
          ' · started by ' + (d.author || '?') + ' · last saved ' + L.when(d.updated_at),
          d.submitted_by ? ' · sent for review by ' + d.submitted_by : '',
          d.approved_by ? ' · approved by ' + d.approved_by : '',
          typeof problems === 'number' ? (problems ? ' · ' + problems + (problems === 1 ? ' problem' : ' problems') : ' · valid') : ''),
        d.why ? el('p', { class: 'item-meta', text: 'Why: ' + d.why }) : ''));
    });
    if (!drafts.length) list.append(el('li', { class: 'empty', text: 'No open drafts here.' }));
    status(drafts.length + (drafts.length === 1 ? ' draft.' : ' drafts.'));
  }

  $('filter').addEventListener('change', () => load().catch(fail));
  L.start(load);
})();
