// A content file's history (a play's or the authority matrix's): revisions newest first, a diff
// between any two (coloured added and removed lines) and a rollback with a why. Shared by the play
// page and the matrix page, which both hold the same elements (#history, #revisions, #diff...).
'use strict';

window.LeewayHistory = (function () {
  const { el, api, when } = window.Leeway;
  const $ = (id) => document.getElementById(id);
  let base = null; // '/plays/<id>' or '/authority'
  let onRolledBack = () => {};
  let target = null; // the revision a rollback was asked for

  function error(message) {
    $('history-error').textContent = message || '';
    $('history-error').hidden = !message;
  }

  async function load(path, rolledBack) {
    base = path;
    onRolledBack = rolledBack || onRolledBack;
    error('');
    const { body } = await api('GET', base + '/history');
    const revisions = body.revisions || [];
    const tbody = $('revisions');
    tbody.replaceChildren();
    revisions.forEach((r, i) => {
      const rollback = el('button', { type: 'button', class: 'button button--small', 'data-revision': r.revision, text: i === 0 ? 'Current' : 'Roll back to this', disabled: i === 0 });
      rollback.setAttribute('aria-label', i === 0 ? 'Revision ' + r.revision + ' is the current one' : 'Roll back to revision ' + r.revision);
      rollback.addEventListener('click', () => askRollback(r.revision));
      tbody.append(el('tr', { 'data-revision': r.revision },
        el('td', {}, el('input', { type: 'radio', name: 'diff-from', value: r.revision, 'aria-label': 'Compare from revision ' + r.revision, checked: i === 1 || (revisions.length === 1 && i === 0) })),
        el('td', {}, el('input', { type: 'radio', name: 'diff-to', value: r.revision, 'aria-label': 'Compare to revision ' + r.revision, checked: i === 0 })),
        el('td', { class: 'num', text: String(r.revision) }),
        el('td', { text: when(r.at) }),
        el('td', { text: r.author || '' }),
        el('td', { text: [r.change, r.why].filter(Boolean).join(': ') }),
        el('td', { text: r.status || '' }),
        el('td', {}, rollback)));
    });
    $('history').hidden = false;
    $('compare').disabled = revisions.length < 2;
    return revisions;
  }

  function picked(name) {
    const input = document.querySelector('input[name="' + name + '"]:checked');
    return input ? input.value : null;
  }

  async function compare() {
    error('');
    const from = picked('diff-from');
    const to = picked('diff-to');
    if (!from || !to) {
      error('Pick a revision to compare from and one to compare to.');
      return;
    }
    try {
      const { body } = await api('GET', base + '/diff?from=' + encodeURIComponent(from) + '&to=' + encodeURIComponent(to));
      renderDiff(body);
    } catch (e) {
      error('The changes could not be shown: ' + e.message);
    }
  }

  /** The lines of the diff, unchanged runs longer than 6 lines folded to their first and last 3. */
  function renderDiff(diff) {
    const box = $('diff');
    box.replaceChildren();
    const lines = diff.lines || [];
    const added = lines.filter((l) => l.kind === 'added').length;
    const removed = lines.filter((l) => l.kind === 'removed').length;
    box.append(el('h4', { class: 'diff-title', text: 'Changes from revision ' + diff.from + ' to revision ' + diff.to }),
      el('p', { class: 'diff-legend' },
        el('span', { class: 'added', text: '+ ' + added + ' added' }), ' ',
        el('span', { class: 'removed', text: '− ' + removed + ' removed' }),
        added + removed === 0 ? ' · the two revisions are the same' : ''));
    const list = el('ol', { 'aria-label': 'Changed lines' });
    const keep = lines.map((l, i) => l.kind !== 'same' || lines.slice(Math.max(0, i - 3), i + 4).some((o) => o.kind !== 'same'));
    let folded = 0;
    const flush = () => {
      if (folded) list.append(el('li', { class: 'line--gap' }, el('span', { class: 'ln' }), el('span', { class: 'ln' }), el('span', { class: 'mark' }), el('span', { text: '… ' + folded + ' unchanged lines' })));
      folded = 0;
    };
    lines.forEach((l, i) => {
      if (!keep[i]) {
        folded++;
        return;
      }
      flush();
      const mark = l.kind === 'added' ? '+' : l.kind === 'removed' ? '−' : '';
      list.append(el('li', { class: 'line--' + l.kind, 'data-kind': l.kind },
        el('span', { class: 'ln', text: l.old_line == null ? '' : String(l.old_line) }),
        el('span', { class: 'ln', text: l.new_line == null ? '' : String(l.new_line) }),
        el('span', { class: 'mark', 'aria-label': l.kind === 'same' ? null : l.kind, text: mark }),
        el('span', { class: 'text', text: l.text })));
    });
    flush();
    box.append(el('div', { class: 'diff' }, list));
  }

  function askRollback(revision) {
    target = revision;
    $('rollback-label').textContent = 'Why roll back to revision ' + revision;
    $('rollback-form').hidden = false;
    $('rollback-why').value = '';
    $('rollback-why').focus();
  }

  async function rollback(event) {
    event.preventDefault();
    error('');
    const why = $('rollback-why').value.trim();
    if (!why) {
      error('Say why you roll back: it is kept in the history.');
      $('rollback-why').focus();
      return;
    }
    $('rollback-confirm').disabled = true;
    try {
      const { body, status } = await api('POST', base + '/rollback', { revision: Number(target), why }, { expect: [409, 422] });
      if (status !== 200 && status !== 201) {
        const problems = (body && body.problems) || [];
        error('Revision ' + target + ' was not restored: ' + ((body && body.detail) || 'it was refused') +
          (problems.length ? ' — ' + problems.map((p) => (p.field ? p.field + ': ' : '') + p.message).join('; ') : '') + ' Nothing was changed.');
        return;
      }
      $('rollback-form').hidden = true;
      await onRolledBack(body.revision, target);
      await load(base);
    } catch (e) {
      error(e.message);
    } finally {
      $('rollback-confirm').disabled = false;
    }
  }

  $('compare').addEventListener('click', compare);
  $('rollback-form').addEventListener('submit', rollback);
  $('rollback-cancel').addEventListener('click', () => {
    $('rollback-form').hidden = true;
    error('');
  });

  return { load, compare, renderDiff };
})();
