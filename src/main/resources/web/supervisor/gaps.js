// The gaps queue (GET /api/v1/gaps/groups) with "Draft a play" and "Add to play…" per group, and
// the proposed examples (GET /api/v1/proposals) with accept and dismiss. Each action makes a draft
// (POST /api/v1/drafts) and links to it.
'use strict';

(function () {
  const L = window.Leeway;
  const { el, api, fail, status } = L;
  const $ = (id) => document.getElementById(id);
  let plays = [];

  function isoDay(date) {
    return date.toISOString().slice(0, 10);
  }

  function said(box, text, ok, link) {
    box.dataset.state = ok ? 'done' : 'error';
    box.replaceChildren(text, link ? el('a', { href: link, text: 'Open the draft' }) : '');
  }

  async function makeDraft(body, box) {
    const { status: code, body: draft } = await api('POST', '/drafts', body, { expect: [400, 404, 409, 422] });
    if (code !== 201 && code !== 200) {
      said(box, 'Not drafted: ' + ((draft && draft.detail) || 'refused') + '. ', false);
      return null;
    }
    return draft;
  }

  function playPicker(id) {
    return el('input', { id, type: 'text', list: 'play-ids', autocomplete: 'off', placeholder: 'play id, e.g. cards.gift-card-problem' });
  }

  function renderGroup(group, n) {
    const item = el('li', { class: 'item gap', 'data-group': n });
    const plural = group.count === 1 ? ' time' : ' times';
    item.append(el('div', { class: 'item-head' },
      el('h4', { text: group.count + plural + ': “' + (group.examples[0] ? group.examples[0].text : '') + '”' })),
      el('p', { class: 'item-meta', text: 'latest ' + L.when(group.latest) + ' · ' + (group.sources.no_match || 0) + ' not answered, ' + (group.sources.marked_wrong || 0) + ' marked wrong' +
        (group.plays.length ? ' · plays named: ' + group.plays.map((p) => p.play_id).slice(0, 3).join(', ') : '') }));
    const picks = el('ul', { class: 'rows', 'aria-label': 'Phrasings of group ' + (n + 1) });
    group.examples.forEach((e, i) => {
      const id = 'g' + n + '-e' + i;
      picks.append(el('li', { class: 'check' },
        el('input', { id, type: 'checkbox', checked: true, value: e.text }),
        el('label', { for: id, text: '“' + e.text + '” ' }),
        el('span', { class: 'source', text: e.source === 'marked_wrong' ? 'marked wrong' + (e.play_id ? ' (' + e.play_id + ')' : '') : 'no play fitted' })));
    });
    item.append(picks);
    const chosen = () => [...picks.querySelectorAll('input:checked')].map((c) => c.value);
    const out = el('p', { class: 'item-status', role: 'status' });
    const titleId = 'g' + n + '-title';
    const title = el('input', { id: titleId, type: 'text', autocomplete: 'off', value: '' });
    const draft = el('button', { type: 'button', class: 'button button--primary', text: 'Draft a play' });
    const playId = 'g' + n + '-play';
    const picker = playPicker(playId);
    const suggested = group.plays.find((p) => plays.some((q) => q.id === p.play_id));
    if (suggested) picker.value = suggested.play_id;
    const add = el('button', { type: 'button', class: 'button', text: 'Add to play' });
    draft.addEventListener('click', async () => {
      const examples = chosen();
      if (!examples.length) return said(out, 'Tick at least one phrasing. ', false);
      if (!title.value.trim()) {
        said(out, 'Give the new play a title. ', false);
        title.focus();
        return;
      }
      draft.disabled = true;
      try {
        const made = await makeDraft({ examples, title: title.value.trim() }, out);
        if (made) said(out, 'Drafted a new play with ' + examples.length + (examples.length === 1 ? ' example' : ' examples') + '. ', true, '/supervisor/play.html?draft=' + encodeURIComponent(made.id));
      } catch (e) {
        said(out, e.message, false);
      } finally {
        draft.disabled = false;
      }
    });
    add.addEventListener('click', async () => {
      const examples = chosen();
      const target = picker.value.trim();
      if (!examples.length) return said(out, 'Tick at least one phrasing. ', false);
      if (!plays.some((p) => p.id === target)) {
        said(out, target ? 'There is no play "' + target + '". ' : 'Pick the play to add them to. ', false);
        picker.focus();
        return;
      }
      add.disabled = true;
      try {
        const made = await makeDraft({ play_id: target, add_examples: examples }, out);
        if (made) said(out, 'Drafted ' + target + ' with the phrasings added to its examples. ', true, '/supervisor/play.html?draft=' + encodeURIComponent(made.id));
      } catch (e) {
        said(out, e.message, false);
      } finally {
        add.disabled = false;
      }
    });
    item.append(el('div', { class: 'item-actions' },
      el('div', { class: 'field' }, el('label', { for: titleId, text: 'New play\'s title' }), title), draft,
      el('div', { class: 'field' }, el('label', { for: playId, text: 'Or add them to play' }), picker), add), out);
    return item;
  }

  async function loadGroups() {
    const days = Number($('days').value);
    const to = new Date();
    const from = new Date(to.getTime() - (days - 1) * 86400000);
    const { body } = await api('GET', '/gaps/groups?from=' + isoDay(from) + '&to=' + isoDay(to));
    const list = $('groups');
    list.replaceChildren(...body.groups.map(renderGroup));
    if (!body.groups.length) list.append(el('li', { class: 'empty', text: 'Nothing unanswered in this period.' }));
    status(body.items + (body.items === 1 ? ' question' : ' questions') + ' in ' + body.groups.length + (body.groups.length === 1 ? ' group.' : ' groups.'));
  }

  const SOURCES = { used: 'an action was used', helpful: 'marked helpful', corrected: 'named as the right play' };

  function renderProposal(p, i) {
    const item = el('li', { class: 'item proposal', 'data-play-id': p.play_id });
    const out = el('p', { class: 'item-status', role: 'status' });
    const accept = el('button', { type: 'button', class: 'button button--primary', text: 'Accept' });
    accept.setAttribute('aria-label', 'Accept “' + p.text + '” as an example of ' + p.play_id);
    const dismiss = el('button', { type: 'button', class: 'button button--quiet', text: 'Dismiss' });
    dismiss.setAttribute('aria-label', 'Dismiss “' + p.text + '”');
    accept.addEventListener('click', async () => {
      accept.disabled = true;
      try {
        const made = await makeDraft({ play_id: p.play_id, add_examples: [p.text] }, out);
        if (made) said(out, 'Drafted ' + p.play_id + ' with this example. ', true, '/supervisor/play.html?draft=' + encodeURIComponent(made.id));
        else accept.disabled = false;
      } catch (e) {
        said(out, e.message, false);
        accept.disabled = false;
      }
    });
    dismiss.addEventListener('click', async () => {
      dismiss.disabled = true;
      try {
        await api('POST', '/proposals/dismiss', { play_id: p.play_id, text: p.text });
        item.remove();
      } catch (e) {
        said(out, 'Not dismissed: ' + e.message, false);
        dismiss.disabled = false;
      }
    });
    item.append(
      el('div', { class: 'item-head' }, el('h4', { text: '“' + p.text + '”' })),
      el('p', { class: 'item-meta' }, 'for ', el('a', { href: '/supervisor/play.html?id=' + encodeURIComponent(p.play_id), text: p.play_id }),
        ' · ' + (SOURCES[p.source] || p.source) + ' · ' + p.count + (p.count === 1 ? ' time' : ' times') + ' · latest ' + L.when(p.latest)),
      el('div', { class: 'item-actions' }, accept, dismiss), out);
    void i;
    return item;
  }

  async function loadProposals() {
    const box = $('proposals');
    try {
      const { body } = await api('GET', '/proposals');
      const list = body.proposals || [];
      box.replaceChildren(...list.map(renderProposal));
      $('proposals-status').textContent = list.length ? list.length + (list.length === 1 ? ' proposal.' : ' proposals.') : 'No proposals: every confirmed phrasing is already an example.';
    } catch (e) {
      $('proposals-status').textContent = e.status === 404 ? 'This server does not propose examples yet.' : 'Proposals could not be read: ' + e.message;
    }
  }

  async function load() {
    fail(null);
    plays = (await api('GET', '/plays')).body.plays;
    $('play-ids').replaceChildren(...plays.map((p) => el('option', { value: p.id, text: p.title })));
    await Promise.all([loadGroups(), loadProposals()]);
  }

  $('days').addEventListener('change', () => loadGroups().catch(fail));
  L.start(load);
})();
