// One play: the published version (?id=), a draft of it (?draft=) or a new play (?new=1).
// The form covers the whole play format (docs/playbook-format.md) and maps to the JSON the API
// takes as {"play": {...}}; the raw YAML view edits the same draft. Problems from the server are
// shown beside the input their field names ("actions[1].when") and listed at the top.
'use strict';

(function () {
  const L = window.Leeway;
  const { el, api, fail } = L;
  const $ = (id) => document.getElementById(id);
  const form = $('play-form');
  // matrix.html shows the authority matrix through the same editor, as raw YAML.
  const MATRIX = location.pathname.endsWith('/matrix.html');
  const MATRIX_PATH = 'config/authority.yaml';

  const state = {
    mode: 'view', // view (published, read-only) | draft | new
    playId: null,
    draft: null,
    etag: null,
    plain: null, // the play JSON shown, for keys the form has no input for
    yaml: false, // the raw YAML view is shown
    dirty: false,
  };
  let uid = 0;

  // ---------- the form's parts ----------
  const FACT_TYPES = ['money', 'count', 'days', 'date', 'enum', 'boolean', 'text'];
  const STATUSES = [['published', 'published'], ['draft', 'draft'], ['in_review', 'in review'], ['retired', 'retired']];
  const BENDABLE = [['', 'default'], ['true', 'yes — an approver may allow it'], ['false', 'no — a firm no']];

  /** Input kinds: how a value is written into an input and read back as JSON. */
  const KINDS = {
    text: { write: (v) => (v == null ? '' : String(v)), read: (s) => (s.trim() === '' ? undefined : s.trim()) },
    area: { write: (v) => (v == null ? '' : String(v).replace(/\n$/, '')), read: (s) => (s.trim() === '' ? undefined : s.trim()) },
    number: { write: (v) => (v == null ? '' : String(v)), read: (s) => (s.trim() === '' ? undefined : (/^-?\d+(\.\d+)?$/.test(s.trim()) ? Number(s.trim()) : s.trim())) },
    amount: { write: (v) => (v == null ? '' : String(v)), read: (s) => (s.trim() === '' ? undefined : (/^\d+(\.\d+)?$/.test(s.trim()) ? Number(s.trim()) : s.trim())) },
    scalar: { write: (v) => (v == null ? '' : String(v)), read: (s) => {
      const t = s.trim();
      if (t === '') return undefined;
      if (/^-?\d+(\.\d+)?$/.test(t)) return Number(t);
      if (t === 'true' || t === 'false') return t === 'true';
      return t;
    } },
    csv: { write: (v) => (Array.isArray(v) ? v.join(', ') : v == null ? '' : String(v)), read: (s) => {
      const list = s.split(',').map((x) => x.trim()).filter(Boolean);
      return list.length ? list : undefined;
    } },
    tri: { write: (v) => (v === true ? 'true' : v === false ? 'false' : ''), read: (s) => (s === '' ? undefined : s === 'true') },
    check: { write: (v) => v === true, read: (c) => (c ? true : undefined) },
    select: { write: (v) => (v == null ? '' : String(v)), read: (s) => (s === '' ? undefined : s) },
    // instead: one alternative a line, "action: <id>" or the words to say
    instead: { write: (v) => (Array.isArray(v) ? v.map((o) => (o && o.action ? 'action: ' + o.action : o && o.say != null ? o.say : '')).join('\n') : ''), read: (s) => {
      const list = s.split('\n').map((x) => x.trim()).filter(Boolean).map((line) => {
        const m = /^action:\s*(.+)$/.exec(line);
        return m ? { action: m[1].trim() } : { say: line.replace(/^say:\s*/, '') };
      });
      return list.length ? list : undefined;
    } },
    // cues: one value a line, "gold: gold member, gold"
    cues: { write: (v) => (v && typeof v === 'object' ? Object.entries(v).map(([k, list]) => k + ': ' + (Array.isArray(list) ? list.join(', ') : list)).join('\n') : ''), read: (s) => {
      const out = {};
      s.split('\n').map((x) => x.trim()).filter(Boolean).forEach((line) => {
        const i = line.indexOf(':');
        const key = i < 0 ? line : line.slice(0, i).trim();
        out[key] = (i < 0 ? '' : line.slice(i + 1)).split(',').map((x) => x.trim()).filter(Boolean);
      });
      return Object.keys(out).length ? out : undefined;
    } },
  };

  /** One labelled input. {@code spec}: key, label, kind, options, help, wide, rows. */
  function input(spec, value) {
    const id = 'f' + (++uid);
    const kind = spec.kind || 'text';
    let control;
    if (kind === 'area' || kind === 'instead' || kind === 'cues') {
      control = el('textarea', { id, rows: spec.rows || 2, class: kind === 'cues' ? 'mono' : null });
    } else if (kind === 'select' || kind === 'tri') {
      control = el('select', { id });
      (kind === 'tri' ? BENDABLE : spec.options).forEach((o) => {
        const [v, label] = Array.isArray(o) ? o : [o, o];
        control.append(el('option', { value: v, text: label }));
      });
      if (kind === 'select' && !spec.required) control.prepend(el('option', { value: '', text: '—' }));
    } else if (kind === 'check') {
      control = el('input', { id, type: 'checkbox' });
    } else {
      control = el('input', { id, type: spec.type || 'text', autocomplete: 'off', spellcheck: spec.kind === 'text' && spec.spell ? 'true' : 'false', placeholder: spec.placeholder || null, list: spec.list || null });
    }
    control.dataset.key = spec.key;
    control.dataset.kind = kind;
    if (kind === 'check') control.checked = KINDS.check.write(value);
    else control.value = KINDS[kind].write(value);
    if (kind === 'select' && value != null && ![...control.options].some((o) => o.value === String(value))) {
      control.append(el('option', { value: String(value), text: String(value) }));
      control.value = String(value);
    }
    const label = el('label', { for: id, text: spec.label });
    if (kind === 'check') return el('div', { class: 'check' }, control, label);
    const help = spec.help ? el('p', { class: 'field-help', id: id + '-help', text: spec.help }) : '';
    if (help) control.setAttribute('aria-describedby', id + '-help');
    return el('div', { class: 'field' + (spec.wide ? ' field--full' : '') }, label, control, help);
  }

  function readInput(control) {
    const kind = KINDS[control.dataset.kind];
    return control.dataset.kind === 'check' ? kind.read(control.checked) : kind.read(control.value);
  }

  // Lists of objects: their fields; lists of text: one input a row.
  const LISTS = {
    facts: { title: 'Facts', one: 'fact', help: 'What the conditions and amounts depend on; reuse the shared names of config/facts.yaml.', fields: [
      { key: 'name', label: 'Name', placeholder: 'e.g. item_price' },
      { key: 'type', label: 'Type', kind: 'select', options: FACT_TYPES },
      { key: 'question', label: 'Question to the customer', wide: true },
      { key: 'values', label: 'Values', kind: 'csv', help: 'enum only, comma-separated' },
      { key: 'default', label: 'Default', kind: 'scalar', help: 'assumed while unknown' },
      { key: 'derive', label: 'Derive', help: 'expression' },
      { key: 'cues', label: 'Cues', kind: 'cues', help: 'a line per value, "gold: gold member, gold"' },
    ] },
    guidance: { title: 'Guidance', one: 'step', help: 'Ordered steps for the agent; urgent steps come first in the answer.', text: true, check: { key: 'urgent', label: 'Urgent' } },
    actions: { title: 'Actions', one: 'action', help: 'What the agent can offer; the kind decides which role limits apply.', fields: [
      { key: 'id', label: 'Id', placeholder: 'e.g. refund-item' },
      { key: 'kind', label: 'Kind', placeholder: 'e.g. refund', help: 'from the authority matrix', list: 'action-kinds' },
      { key: 'label', label: 'Label', wide: true },
      { key: 'amount', label: 'Amount', kind: 'amount', help: 'number, money fact or expression' },
      { key: 'applies_when', label: 'Applies when', help: 'condition; false = does not apply' },
      { key: 'when', label: 'When', help: 'the normal eligibility rule' },
      { key: 'bendable', label: 'Bendable', kind: 'tri' },
      { key: 'policy', label: 'Policy', wide: true },
      { key: 'instead', label: 'Instead', kind: 'instead', help: 'a line each: "action: <id>" or words to say' },
      { key: 'urgent', label: 'Urgent (protective, comes first)', kind: 'check' },
    ] },
    exceptions: { title: 'Exceptions', one: 'exception', help: 'When the normal rule is bent, and what that allows.', fields: [
      { key: 'id', label: 'Id' },
      { key: 'when', label: 'When' },
      { key: 'allows', label: 'Allows', kind: 'csv', help: 'action ids, comma-separated' },
      { key: 'max_amount', label: 'Max amount', kind: 'number' },
      { key: 'policy', label: 'Policy' },
      { key: 'description', label: 'Description', wide: true },
    ] },
    triggers: { title: 'Escalation triggers', one: 'trigger', help: 'When the case must go to someone else.', fields: [
      { key: 'id', label: 'Id' },
      { key: 'when', label: 'When' },
      { key: 'to', label: 'To', help: 'a role or team' },
      { key: 'actions', label: 'Only these actions', kind: 'csv', help: 'optional, comma-separated' },
      { key: 'reason', label: 'Reason', wide: true },
    ] },
  };

  function textRow(name, value) {
    const id = 'f' + (++uid);
    const spec = LISTS[name] || {};
    const text = typeof value === 'object' && value !== null ? value.step : value;
    const control = el('input', { id, type: 'text', autocomplete: 'off', value: text == null ? '' : String(text) });
    control.dataset.role = 'text';
    const row = el('li', { class: 'row--line' }, el('label', { for: id, class: 'visually-hidden row-label' }), control);
    if (spec.check) {
      const checkId = 'f' + (++uid);
      row.append(el('span', { class: 'check' },
        el('input', { id: checkId, type: 'checkbox', 'data-key': spec.check.key, checked: typeof value === 'object' && value !== null && value.urgent === true }),
        el('label', { for: checkId, text: spec.check.label })));
    }
    row._orig = typeof value === 'object' && value !== null ? value : null;
    row.append(removeButton(name, row));
    return row;
  }

  function objectRow(name, value) {
    const spec = LISTS[name];
    const row = el('li', { class: 'row' });
    row._orig = value || {};
    row.append(el('div', { class: 'row-head' }, el('span', { class: 'row-title' }), removeButton(name, row)));
    const grid = el('div', { class: 'grid-2' });
    spec.fields.forEach((f) => grid.append(input(f, (value || {})[f.key])));
    row.append(grid);
    return row;
  }

  function removeButton(name, row) {
    const button = el('button', { type: 'button', class: 'button button--small button--quiet remove', text: 'Remove' });
    button.addEventListener('click', () => {
      const list = row.parentElement;
      const next = row.nextElementSibling || row.previousElementSibling;
      row.remove();
      reindex();
      touched();
      const focus = next ? next.querySelector('input, textarea, select') : list.parentElement.querySelector('.add');
      if (focus) focus.focus();
    });
    return button;
  }

  function listSection(name, values) {
    const spec = LISTS[name] || { title: name === 'examples' ? 'Examples' : 'Tags', one: name === 'examples' ? 'example' : 'tag', text: true };
    const rows = el('ul', { class: 'rows', 'data-list': name });
    (values || []).forEach((v) => rows.append(spec.text ? textRow(name, v) : objectRow(name, v)));
    const add = el('button', { type: 'button', class: 'button button--small add', text: 'Add ' + (spec.one || 'row') });
    add.addEventListener('click', () => {
      const row = spec.text ? textRow(name, '') : objectRow(name, {});
      rows.append(row);
      reindex();
      touched();
      row.querySelector('input, textarea, select').focus();
    });
    const help = name === 'examples'
      ? 'Distinct ways agents describe the situation, in their own words: aim for 6 to 12.'
      : spec.help;
    return el('fieldset', { 'data-section': name },
      el('legend', { text: spec.title }),
      el('div', { class: 'list', 'data-field': name },
        help ? el('p', { class: 'help', text: help }) : '',
        rows,
        el('div', { class: 'list-foot' }, add)));
  }

  /** Data-field paths follow the rows' order: facts[0].name, examples[3]... */
  function reindex() {
    form.querySelectorAll('ul.rows').forEach((rows) => {
      const name = rows.dataset.list;
      const spec = LISTS[name] || { one: name === 'examples' ? 'example' : 'row' };
      [...rows.children].forEach((row, i) => {
        row.dataset.field = name + '[' + i + ']';
        const title = row.querySelector('.row-title');
        if (title) title.textContent = capital(spec.one) + ' ' + (i + 1);
        const label = row.querySelector('.row-label');
        if (label) label.textContent = capital(spec.one) + ' ' + (i + 1);
        row.querySelectorAll('[data-role="text"]').forEach((c) => { c.dataset.field = name + '[' + i + ']'; });
        row.querySelectorAll('[data-key]').forEach((c) => { c.dataset.field = name + '[' + i + '].' + c.dataset.key; });
        const remove = row.querySelector('.remove');
        remove.setAttribute('aria-label', 'Remove ' + spec.one + ' ' + (i + 1));
      });
    });
  }

  function capital(text) {
    return String(text).charAt(0).toUpperCase() + String(text).slice(1);
  }

  function scalar(spec, play) {
    const node = input(spec, play[spec.key]);
    const control = node.querySelector('[data-key]');
    control.dataset.field = spec.key;
    return node;
  }

  /** The whole form, filled from a play's JSON (its keys as in YAML). */
  function renderForm(play) {
    const p = play || {};
    state.plain = p;
    uid = 0;
    form.replaceChildren();
    form.append(
      el('fieldset', { 'data-section': 'about' }, el('legend', { text: 'The play' }),
        el('div', { class: 'grid-2' },
          scalar({ key: 'id', label: 'Id', help: 'domain.name, never changed once published', placeholder: 'e.g. orders.damaged-item' }, p),
          scalar({ key: 'title', label: 'Title', help: 'what agents see' }, p),
          scalar({ key: 'owner', label: 'Owner', help: 'the team that keeps it up to date', placeholder: 'e.g. returns-team' }, p),
          scalar({ key: 'status', label: 'Status', kind: 'select', options: STATUSES, required: true, help: 'only published plays are offered to agents' }, { status: p.status || 'draft' }),
          scalar({ key: 'version', label: 'Version', kind: 'number', type: 'number', help: 'raise it on every published change' }, p),
          scalar({ key: 'review_by', label: 'Review by', type: 'date' }, p),
          scalar({ key: 'tags', label: 'Tags', kind: 'csv', help: 'comma-separated' }, p),
          scalar({ key: 'bendable', label: 'Bendable', kind: 'tri', help: 'the default for its actions' }, p)),
        scalar({ key: 'situation', label: 'Situation', kind: 'area', rows: 3, help: 'what it covers, and what it does not' }, p),
        scalar({ key: 'reply', label: 'Reply', kind: 'area', help: 'informational plays: what to tell the customer' }, p)),
      listSection('examples', p.examples),
      listSection('facts', p.facts),
      listSection('guidance', p.guidance),
      listSection('actions', p.actions),
      listSection('exceptions', p.exceptions),
      listSection('triggers', p.triggers),
      el('fieldset', { 'data-section': 'instead' }, el('legend', { text: 'Instead (the whole play)' }),
        scalar({ key: 'instead', label: 'What to offer when an action is not possible and has no instead of its own', kind: 'instead', help: 'a line each: "action: <id>" or words to say' }, p)));
    reindex();
    form.querySelectorAll('input[type="date"]').forEach((c) => c.classList.add('date'));
  }

  const ORDER = ['id', 'title', 'situation', 'examples', 'tags', 'facts', 'guidance', 'reply', 'actions', 'exceptions', 'triggers', 'instead', 'bendable', 'owner', 'status', 'version', 'review_by'];

  /** The form as play JSON: documented keys in order, keys it has no input for kept as they were. */
  function readForm() {
    const out = {};
    const put = (target, key, value) => {
      if (value !== undefined) target[key] = value;
    };
    form.querySelectorAll('fieldset > .grid-2 > .field > [data-key], fieldset > .grid-2 > .check > [data-key], fieldset > .field > [data-key]').forEach((c) => {
      put(out, c.dataset.key, readInput(c));
    });
    form.querySelectorAll('ul.rows').forEach((rows) => {
      const name = rows.dataset.list;
      const spec = LISTS[name] || { text: true };
      const items = [...rows.children].map((row) => {
        if (spec.text) {
          const text = row.querySelector('[data-role="text"]').value.trim();
          const urgent = row.querySelector('[data-key="urgent"]');
          if (urgent && urgent.checked) return Object.assign({}, row._orig || {}, { step: text, urgent: true });
          if (row._orig && typeof row._orig === 'object') {
            const copy = Object.assign({}, row._orig, { step: text });
            delete copy.urgent;
            return Object.keys(copy).length > 1 ? copy : text;
          }
          return text;
        }
        const item = {};
        const known = new Set(spec.fields.map((f) => f.key));
        Object.entries(row._orig || {}).forEach(([k, v]) => {
          if (!known.has(k)) item[k] = v;
        });
        const values = {};
        row.querySelectorAll('[data-key]').forEach((c) => put(values, c.dataset.key, readInput(c)));
        spec.fields.forEach((f) => put(item, f.key, values[f.key]));
        return item;
      }).filter((item) => (typeof item === 'string' ? item !== '' : Object.keys(item).length > 0));
      if (items.length) out[name] = items;
    });
    const ordered = {};
    ORDER.forEach((k) => put(ordered, k, out[k]));
    Object.entries(state.plain || {}).forEach(([k, v]) => {
      if (!ORDER.includes(k) && v != null) ordered[k] = v;
    });
    return ordered;
  }

  // ---------- showing a draft or a play ----------
  function setTitle(text) {
    $('play-title').textContent = text;
    document.title = text + ' — Leeway workspace';
  }

  function setEditable(editable) {
    form.querySelectorAll('input, select, textarea, button').forEach((c) => { c.disabled = !editable; });
    $('yaml').readOnly = !editable;
  }

  function show(ids) {
    ['edit', 'save', 'submit', 'return', 'approve', 'publish', 'discard', 'retire'].forEach((id) => { $(id).hidden = !ids.includes(id); });
  }

  function trail(items) {
    $('trail').replaceChildren(...items.filter((i) => i && i[1]).map(([k, v]) => el('li', {}, k + ' ', el('strong', { text: v }))));
  }

  function notice(text) {
    $('notice').textContent = text || '';
    $('notice').hidden = !text;
  }

  function showDraft(draft, etag) {
    state.mode = 'draft';
    state.draft = draft;
    if (etag) state.etag = etag;
    state.playId = draft.play_id || (draft.play && draft.play.id) || null;
    state.dirty = false;
    const matrix = draft.path === MATRIX_PATH;
    $('mode-yaml').disabled = false;
    $('mode-form').disabled = false;
    const name = matrix ? 'the authority matrix' : (draft.play && (draft.play.title || draft.play.id)) || draft.play_id || draft.path || 'new play';
    setTitle('Draft: ' + name);
    $('play-state').replaceChildren(L.stateBadge(draft.state), ' ', draft.path ? el('code', { text: draft.path }) : '',
      draft.published ? ' · based on revision ' + draft.base_revision : ' · a new play', draft.stale ? el('strong', { class: 'stale', text: ' · the published play has changed since this draft began' }) : '');
    if (matrix) {
      setYaml(true, true);
      $('mode').hidden = true;
    } else if (draft.play) renderForm(draft.play);
    else {
      renderForm({});
      setYaml(true, true);
    }
    $('yaml').value = draft.yaml || '';
    const open = draft.state === 'draft' || draft.state === 'in_review' || draft.state === 'approved';
    setEditable(open);
    const buttons = { draft: ['save', 'submit', 'publish', 'discard'], in_review: ['save', 'return', 'approve', 'publish', 'discard'], approved: ['save', 'return', 'publish', 'discard'] }[draft.state] || [];
    show(buttons);
    $('side').hidden = !open;
    trail([
      ['Started by', draft.author ? draft.author + ' on ' + L.when(draft.created_at) : null],
      ['Last saved', L.when(draft.updated_at)],
      ['Sent for review by', draft.submitted_by],
      ['Approved by', draft.approved_by],
      ['Why', draft.why],
    ]);
    state.problems = draft.problems || [];
    state.problemsWhat = open ? 'to fix before this can be published' : 'in this draft';
    renderProblems();
    publishHelp();
    const historyOf = matrix ? '/authority' : state.playId && draft.published ? '/plays/' + encodeURIComponent(state.playId) : null;
    if (historyOf) {
      LeewayHistory.load(historyOf, rolledBack).catch(() => { $('history').hidden = true; });
    }
  }

  /** Beside the inputs in the form view; in the YAML view only the list (with line numbers). */
  function renderProblems() {
    L.showProblems(state.yaml ? $('yaml-box') : form, $('problems'), state.problems || [], state.problemsWhat);
  }

  function publishHelp() {
    const status = state.yaml ? null : (readForm().status || 'draft');
    const help = $('publish-help');
    if (state.mode === 'draft' && status && status !== 'published' && !$('publish').hidden) {
      help.textContent = 'Its status is ' + status.replace('_', ' ') + ': publishing saves it, but agents are offered it only once its status is published.';
      help.hidden = false;
    } else {
      help.hidden = true;
    }
  }

  async function showPlay(id) {
    state.mode = 'view';
    state.playId = id;
    const { body, etag } = await api('GET', '/plays/' + encodeURIComponent(id));
    state.etag = etag;
    setTitle(body.play && body.play.title ? body.play.title : id);
    $('play-state').replaceChildren(L.stateBadge('published'), ' ', el('code', { text: body.path }), ' · revision ' + body.revision + ' · read-only: edit it in a draft');
    renderForm(body.play);
    $('yaml').value = body.yaml || '';
    setEditable(false);
    show(['edit', 'retire']);
    $('side').hidden = true;
    trail([]);
    state.problems = [];
    renderProblems();
    await LeewayHistory.load('/plays/' + encodeURIComponent(id), rolledBack);
    await listOpenDrafts((d) => d.play_id === id, 'this play');
  }

  async function showMatrix() {
    state.mode = 'view';
    const { body, etag } = await api('GET', '/authority');
    state.etag = etag;
    setTitle('Authority matrix');
    $('play-state').replaceChildren(L.stateBadge('published'), ' ', el('code', { text: body.path || MATRIX_PATH }), ' · revision ' + body.revision + ' · read-only: edit it in a draft');
    setYaml(true, true);
    $('mode').hidden = true;
    $('yaml').value = body.yaml || '';
    setEditable(false);
    show(['edit']);
    $('side').hidden = true;
    trail([]);
    await LeewayHistory.load('/authority', rolledBack);
    await listOpenDrafts((d) => d.path === MATRIX_PATH || d.authority === true, 'the matrix');
  }

  async function listOpenDrafts(mine, what) {
    const drafts = (await api('GET', '/drafts')).body.drafts.filter(mine);
    const box = $('open-drafts');
    box.replaceChildren();
    if (drafts.length) {
      box.append('Open drafts of ' + what + ': ');
      drafts.forEach((d, i) => box.append(i ? ', ' : '', el('a', { href: '?draft=' + encodeURIComponent(d.id), text: 'draft ' + d.id + ' (' + (L.STATES[d.state] || d.state) + ', ' + (d.author || '') + ')' })));
    }
    box.hidden = !drafts.length;
  }

  function showNew() {
    state.mode = 'new';
    setTitle('New play');
    $('play-state').textContent = 'Nothing is kept until you save the draft.';
    const review = new Date(Date.now() + 365 * 86400000).toISOString().slice(0, 10);
    renderForm({ status: 'published', version: 1, review_by: review, examples: [''], actions: [] });
    setEditable(true);
    show(['save']);
    $('side').hidden = true;
    publishHelp();
  }

  async function rolledBack(revision, from) {
    notice('Rolled back: revision ' + from + ' is published again as revision ' + revision + '. Agents get it now.');
    if (state.mode === 'view') await (MATRIX ? showMatrix() : showPlay(state.playId));
  }

  // ---------- saving ----------
  function body() {
    const why = $('why').value.trim();
    const out = state.yaml ? { yaml: $('yaml').value } : { play: readForm() };
    if (why) out.why = why;
    return out;
  }

  /** Saves the draft (creating it for a new play); true when it was saved. */
  async function save() {
    fail(null);
    notice('');
    if (state.mode === 'new') {
      const { body: draft, etag } = await api('POST', '/drafts', body(), { expect: [422] });
      if (!draft || !draft.id) {
        state.problems = (draft && draft.problems) || [{ field: '', message: (draft && draft.detail) || 'The draft could not be made.' }];
        renderProblems();
        return false;
      }
      history.replaceState(null, '', '?draft=' + encodeURIComponent(draft.id));
      const fresh = etag ? { body: draft, etag } : await api('GET', '/drafts/' + encodeURIComponent(draft.id));
      showDraft(fresh.body, fresh.etag);
      focusResult();
      return true;
    }
    if (state.mode !== 'draft') return false;
    const sent = body();
    const { status, body: answer, etag } = await api('PUT', '/drafts/' + encodeURIComponent(state.draft.id), sent, { headers: { 'If-Match': state.etag }, expect: [412] });
    if (status === 412) {
      showStale(answer, sent);
      return false;
    }
    showDraft(answer, etag);
    focusResult();
    return true;
  }

  function focusResult() {
    if (!$('problems').hidden) $('problems').focus();
    else notice('Draft saved.');
  }

  async function saveIfChanged() {
    if (state.mode === 'new' || state.dirty) return save();
    return true;
  }

  // ---------- conflicts: both versions side by side ----------
  function conflict(title, explain, theirsTitle, theirsYaml, yoursYaml, keepMine, takeTheirs) {
    const box = $('conflict');
    const keep = el('button', { type: 'button', class: 'button button--primary', text: 'Keep mine' });
    const take = el('button', { type: 'button', class: 'button', text: 'Take theirs' });
    keep.addEventListener('click', async () => {
      box.hidden = true;
      try { await keepMine(); } catch (e) { fail(e); }
    });
    take.addEventListener('click', async () => {
      box.hidden = true;
      try { await takeTheirs(); } catch (e) { fail(e); }
    });
    box.replaceChildren(
      el('h3', { id: 'conflict-title', text: title }),
      el('p', { text: explain }),
      el('div', { class: 'conflict-columns' },
        el('div', { class: 'conflict-yours' }, el('h4', { text: 'Yours (not saved)' }), el('pre', { text: yoursYaml || '' })),
        el('div', { class: 'conflict-theirs' }, el('h4', { text: theirsTitle }), el('pre', { text: theirsYaml || '' }))),
      el('div', { class: 'conflict-actions' }, keep, take));
    box.hidden = false;
    box.focus();
  }

  function yamlOf(sent) {
    if (sent.yaml !== undefined) return sent.yaml;
    return JSON.stringify(sent.play, null, 2);
  }

  function showStale(answer, sent) {
    const theirs = answer.theirs || {};
    const yours = answer.yours && answer.yours.yaml ? answer.yours.yaml : yamlOf(sent);
    conflict('Someone else saved this draft while you were editing',
      'Nothing of yours was saved yet. Keep your version (it replaces theirs) or take theirs (your changes are dropped).',
      'Theirs: saved by ' + (theirs.author || 'another supervisor') + (theirs.updated_at ? ' at ' + L.when(theirs.updated_at) : ''),
      theirs.yaml, yours,
      async () => {
        const fresh = await api('GET', '/drafts/' + encodeURIComponent(state.draft.id));
        state.etag = fresh.etag;
        const { status, body: again, etag } = await api('PUT', '/drafts/' + encodeURIComponent(state.draft.id), { yaml: yours }, { headers: { 'If-Match': state.etag }, expect: [412] });
        if (status === 412) return showStale(again, { yaml: yours });
        showDraft(again, etag);
        notice('Your version is saved.');
      },
      async () => {
        const fresh = await api('GET', '/drafts/' + encodeURIComponent(state.draft.id));
        showDraft(fresh.body, fresh.etag);
        notice('Their version is loaded; yours was dropped.');
      });
  }

  function showPublishConflict(answer) {
    const theirs = answer.theirs || {};
    const yours = (answer.yours && answer.yours.yaml) || state.draft.yaml;
    conflict('The published play changed since this draft began',
      'Revision ' + theirs.revision + ' was published by ' + (theirs.author || 'someone') + (theirs.at ? ' at ' + L.when(theirs.at) : '') +
        '. Nothing was published. Keep yours (a new draft on top of theirs, with your text, to publish again) or take theirs (this draft is discarded).',
      'Theirs: published revision ' + theirs.revision, theirs.yaml, yours,
      async () => {
        const created = await api('POST', '/drafts', state.draft.path === MATRIX_PATH ? { authority: true } : { play_id: state.playId });
        const next = created.body;
        const fresh = await api('GET', '/drafts/' + encodeURIComponent(next.id));
        const saved = await api('PUT', '/drafts/' + encodeURIComponent(next.id), { yaml: yours, why: 'kept my version over revision ' + theirs.revision }, { headers: { 'If-Match': fresh.etag } });
        await api('POST', '/drafts/' + encodeURIComponent(state.draft.id) + '/discard', { why: 'replaced by draft ' + next.id + ' after a conflict' }, { expect: [409] });
        history.replaceState(null, '', '?draft=' + encodeURIComponent(next.id));
        showDraft(saved.body, saved.etag);
        notice('Your version is in a new draft on top of revision ' + theirs.revision + '. Publish it when ready.');
      },
      async () => {
        await api('POST', '/drafts/' + encodeURIComponent(state.draft.id) + '/discard', { why: 'took revision ' + theirs.revision + ' after a conflict' }, { expect: [409] });
        location.href = state.draft.path === MATRIX_PATH ? location.pathname : '?id=' + encodeURIComponent(state.playId);
      });
  }

  // ---------- workflow ----------
  const STEPS = {
    submit: 'Sent for review.',
    return: 'Returned to its author.',
    approve: 'Approved.',
    discard: 'Discarded.',
  };

  async function step(name) {
    fail(null);
    notice('');
    if (name !== 'discard' && !(await saveIfChanged())) return;
    const why = $('why').value.trim();
    const { status, body: answer } = await api('POST', '/drafts/' + encodeURIComponent(state.draft.id) + '/' + name, why ? { why } : {}, { expect: [409, 422] });
    if (status === 409 && answer && answer.theirs) {
      showPublishConflict(answer);
      return;
    }
    if (status === 409 || status === 422) {
      const problems = (answer && answer.problems) || [];
      if (problems.length) {
        state.problems = problems;
        state.problemsWhat = 'to fix before this can be published';
        renderProblems();
      }
      fail(new Error(((answer && answer.detail) || 'Refused.') + (problems.length ? ' See the problems listed above.' : '')));
      if (problems.length) $('problems').focus();
      return;
    }
    $('why').value = '';
    if (name === 'publish') {
      const draft = answer.draft || answer;
      const fresh = await api('GET', '/drafts/' + encodeURIComponent(draft.id));
      showDraft(fresh.body, fresh.etag);
      notice('Published as revision ' + answer.revision + '. Agents get it now.');
      $('notice').focus();
      return;
    }
    const fresh = await api('GET', '/drafts/' + encodeURIComponent(state.draft.id));
    showDraft(fresh.body, fresh.etag);
    notice(STEPS[name]);
  }

  async function edit() {
    fail(null);
    const { body: draft } = await api('POST', '/drafts', MATRIX ? { authority: true } : { play_id: state.playId });
    location.href = '?draft=' + encodeURIComponent(draft.id);
  }

  async function retire() {
    fail(null);
    const why = $('why').value.trim();
    if (!why) {
      fail(new Error('Say why the play is retired (the "Why" box): it is kept in the history.'));
      $('why').focus();
      return;
    }
    const { status, body: answer } = await api('POST', '/plays/' + encodeURIComponent(state.playId) + '/retire', { why }, { expect: [409, 422] });
    if (status !== 200 && status !== 201) {
      fail(new Error((answer && answer.detail) || 'The play was not retired.'));
      return;
    }
    $('why').value = '';
    await showPlay(state.playId);
    notice('Retired as revision ' + answer.revision + '. Agents are no longer offered it.');
  }

  // ---------- raw YAML ----------
  function setYaml(on, forced) {
    state.yaml = on;
    $('yaml-box').hidden = !on;
    form.hidden = on;
    $('mode-yaml').setAttribute('aria-pressed', String(on));
    $('mode-form').setAttribute('aria-pressed', String(!on));
    if (forced) $('mode-form').disabled = true;
  }

  async function toggleYaml(on) {
    if (on === state.yaml) return;
    fail(null);
    if (state.mode === 'view') {
      setYaml(on);
      return;
    }
    // Switching saves the draft first, so both views show the same text.
    if (state.mode === 'new' || state.dirty) {
      if (!(await save())) return;
    }
    if (!on && state.draft && !state.draft.play) {
      fail(new Error('The YAML does not read as a play yet (see the problems above); fix it here first.'));
      return;
    }
    setYaml(on);
    renderProblems();
    (on ? $('yaml') : form.querySelector('input, textarea, select')).focus();
  }

  // ---------- try ----------
  function facts(text) {
    const out = {};
    for (const line of text.split('\n').map((l) => l.trim()).filter(Boolean)) {
      const i = line.search(/[=:]/);
      if (i < 0) throw new Error('Write each fact as name = value: "' + line + '".');
      const value = KINDS.scalar.read(line.slice(i + 1));
      out[line.slice(0, i).trim()] = value === undefined ? '' : value;
    }
    return out;
  }

  async function tryIt(event) {
    if (event) event.preventDefault();
    const error = $('try-error');
    error.hidden = true;
    const text = $('try-text').value.trim();
    if (!text) {
      error.textContent = 'Type a situation as an agent would.';
      error.hidden = false;
      $('try-text').focus();
      return;
    }
    let sent;
    try {
      sent = { text, role: $('try-role').value, facts: facts($('try-facts').value) };
    } catch (e) {
      error.textContent = e.message;
      error.hidden = false;
      return;
    }
    $('try-button').disabled = true;
    $('try-differs').hidden = true;
    $('try-results').replaceChildren();
    $('try-status').textContent = 'Trying… the first try of a draft version takes a few seconds while its matcher is built.';
    try {
      if (!(await saveIfChanged())) return;
      const { status, body: answer } = await api('POST', '/drafts/' + encodeURIComponent(state.draft.id) + '/try', sent, { expect: [400, 422] });
      if (status !== 200) {
        error.textContent = 'Not tried: ' + ((answer && answer.detail) || 'refused') +
          ((answer && answer.problems) ? ' — ' + answer.problems.map((p) => (p.field ? p.field + ': ' : '') + p.message).join('; ') : '');
        error.hidden = false;
        return;
      }
      renderTry(answer);
    } catch (e) {
      error.textContent = e.message;
      error.hidden = false;
    } finally {
      $('try-button').disabled = false;
      $('try-status').textContent = '';
    }
  }

  function renderTry(answer) {
    const results = $('try-results');
    const differs = $('try-differs');
    differs.hidden = false;
    differs.dataset.differs = String(Boolean(answer.differs));
    differs.textContent = answer.published == null
      ? 'Only the draft answers: there is no published answer to compare.'
      : answer.differs ? 'The draft answers differently from the published plays.' : 'Same answer as the published plays.';
    const draft = el('div', { class: 'try-column try-draft' + (answer.differs ? ' try-column--differs' : '') }, el('h4', { text: 'With this draft' }), L.renderAnswer(answer.draft));
    results.replaceChildren(draft);
    if (answer.published) {
      results.append(el('div', { class: 'try-column try-published' }, el('h4', { text: 'Published now' }), L.renderAnswer(answer.published)));
    }
  }

  // ---------- wiring ----------
  function touched() {
    state.dirty = true;
    publishHelp();
  }

  form.addEventListener('input', touched);
  form.addEventListener('change', touched);
  form.addEventListener('submit', (event) => event.preventDefault());
  $('yaml').addEventListener('input', touched);
  const guard = (fn) => async () => {
    try { await fn(); } catch (e) { fail(e); }
  };
  $('save').addEventListener('click', guard(save));
  ['submit', 'return', 'approve', 'publish', 'discard'].forEach((name) => $(name).addEventListener('click', guard(() => step(name))));
  $('edit').addEventListener('click', guard(edit));
  $('retire').addEventListener('click', guard(retire));
  $('mode-form').addEventListener('click', guard(() => toggleYaml(false)));
  $('mode-yaml').addEventListener('click', guard(() => toggleYaml(true)));
  $('try-form').addEventListener('submit', tryIt);
  $('try-text').addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) tryIt(event);
  });
  document.addEventListener('keydown', (event) => {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
      event.preventDefault();
      if (!$('save').hidden) guard(save)();
    } else if (event.altKey && event.key.toLowerCase() === 'y') {
      event.preventDefault();
      guard(() => toggleYaml(!state.yaml))();
    }
  });
  window.addEventListener('beforeunload', (event) => {
    if (state.dirty && state.mode !== 'view') event.preventDefault();
  });

  /** The matrix's action kinds, offered as the Kind inputs' suggestions. */
  async function offerKinds() {
    if (MATRIX) return;
    try {
      const { body } = await api('GET', '/authority');
      const block = /^action_kinds:[^\n]*\n((?:[ \t]+[^\n]*\n|#[^\n]*\n|\s*\n)*)/m.exec(body.yaml || '');
      const kinds = block ? [...block[1].matchAll(/^ {2}([a-z][a-z0-9_]*):/gm)].map((m) => m[1]) : [];
      const list = el('datalist', { id: 'action-kinds' }, kinds.map((k) => el('option', { value: k })));
      document.body.append(list);
    } catch (e) {
      // suggestions only: the kind is still checked when the draft is saved
    }
  }

  L.start(async () => {
    offerKinds();
    const draft = L.param('draft');
    const id = L.param('id');
    if (draft) {
      const { body: d, etag } = await api('GET', '/drafts/' + encodeURIComponent(draft));
      showDraft(d, etag);
    } else if (MATRIX) {
      await showMatrix();
    } else if (id) {
      await showPlay(id);
    } else {
      showNew();
    }
  });
})();
