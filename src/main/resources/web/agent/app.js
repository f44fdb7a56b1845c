// Leeway agent chat page. Plain browser JavaScript, no build step, no libraries.
// Talks to the API described in /api/v1/openapi.yaml: the WebSocket /api/v1/ws for the chat
// and POST /api/v1/feedback for verdicts. Every piece of server text goes in via textContent.
'use strict';

(function () {
  const TOKEN_KEY = 'leeway.token';
  const CONVERSATION_KEY = 'leeway.conversation';
  const PING_MS = 20000;
  const BACKOFF_MS = [1000, 2000, 4000, 8000, 15000];

  const DECISIONS = {
    CAN_DO: { label: 'Can do', order: 0, css: 'can-do' },
    CAN_DO_BY_EXCEPTION: { label: 'By exception', order: 1, css: 'by-exception' },
    NEEDS_APPROVAL: { label: 'Needs approval', order: 2, css: 'needs-approval' },
    ESCALATE: { label: 'Escalate', order: 3, css: 'escalate' },
    CANNOT_DO: { label: 'Not possible', order: 4, css: 'cannot-do' },
    NEED_INFO: { label: 'Ask the customer', order: 5, css: 'need-info' },
    NOT_APPLICABLE: { label: 'Does not apply', order: 6, css: 'not-applicable' },
  };

  const $ = (id) => document.getElementById(id);
  const ui = {
    signin: $('signin'),
    signinForm: $('signin-form'),
    token: $('token'),
    signinError: $('signin-error'),
    signinButton: $('signin-button'),
    signOut: $('sign-out'),
    user: $('user'),
    connection: $('connection'),
    chat: $('chat'),
    transcript: $('transcript'),
    transcriptEmpty: $('transcript-empty'),
    followUp: $('follow-up'),
    followUpQuestion: $('follow-up-question'),
    followUpOptions: $('follow-up-options'),
    composer: $('composer'),
    message: $('message'),
    messageLabel: $('message-label'),
    send: $('send'),
    composerStatus: $('composer-status'),
    factsList: $('facts-list'),
    factsEmpty: $('facts-empty'),
  };

  const DEFAULT_PLACEHOLDER = ui.message.placeholder;

  const state = {
    token: null,
    socket: null,
    ready: false, // a conversation is open on the current socket
    signedIn: false, // the server has accepted the token at least once
    attempt: 0,
    reconnectTimer: null,
    pingTimer: null,
    outbox: [], // messages typed while the socket was down
    lastTurn: 0, // highest turn number shown
    resuming: false,
    authFailed: false,
  };

  // ---------- small DOM helpers ----------

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    if (attrs) {
      for (const [key, value] of Object.entries(attrs)) {
        if (value === undefined || value === null || value === false) continue;
        if (key === 'class') node.className = value;
        else if (key === 'text') node.textContent = value;
        else if (key.startsWith('data-') || key.startsWith('aria-') || key === 'role' ||
                 key === 'type' || key === 'id' || key === 'for' || key === 'tabindex' ||
                 key === 'name' || key === 'autocomplete' || key === 'spellcheck' || key === 'title') {
          node.setAttribute(key, value === true ? '' : String(value));
        } else {
          node[key] = value;
        }
      }
    }
    for (const child of children) {
      if (child === undefined || child === null || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function humanise(name) {
    return String(name || '').replace(/_/g, ' ');
  }

  function capitalise(text) {
    const value = String(text || '').replace(/\.$/, '');
    return value.charAt(0).toUpperCase() + value.slice(1);
  }

  function percent(confidence) {
    if (typeof confidence !== 'number' || Number.isNaN(confidence)) return '';
    return Math.round(confidence * 100) + '%';
  }

  function money(amount, currency) {
    if (typeof amount !== 'number') return String(amount);
    if (currency) {
      try {
        return new Intl.NumberFormat('en', { style: 'currency', currency }).format(amount);
      } catch (e) {
        // unknown currency code: fall through to the plain number
      }
    }
    return new Intl.NumberFormat('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(amount);
  }

  function sourceText(source) {
    if (!source || !source.type) return 'unknown';
    if (source.type === 'text') {
      const span = source.span ? '“' + source.span + '”' : 'your words';
      return source.turn ? span + ' (message ' + source.turn + ')' : span;
    }
    if (source.type === 'context') return source.field ? 'context (' + source.field + ')' : 'context';
    if (source.type === 'assumed') return 'assumed';
    return source.type;
  }

  function problemText(problem, fallback) {
    if (!problem) return fallback;
    const title = problem.title || fallback;
    return problem.detail ? title + ': ' + problem.detail : title;
  }

  // ---------- connection state ----------

  function setConnection(stateName, text) {
    ui.connection.dataset.state = stateName;
    ui.connection.textContent = text;
    ui.connection.hidden = false;
  }

  function setComposerStatus(text) {
    ui.composerStatus.textContent = text || '';
  }

  // ---------- sign in / out ----------

  function showUser(name, role) {
    if (!name && !role) {
      ui.user.hidden = true;
      ui.user.textContent = '';
      return;
    }
    ui.user.textContent = [name, role ? humanise(role) : null].filter(Boolean).join(' · ');
    ui.user.hidden = false;
  }

  function showSignin(message) {
    ui.chat.hidden = true;
    ui.signin.hidden = false;
    ui.signOut.hidden = true;
    ui.connection.hidden = true;
    ui.connection.dataset.state = 'signed-out';
    ui.signinButton.disabled = false;
    if (message) {
      ui.signinError.textContent = message;
      ui.signinError.hidden = false;
    } else {
      ui.signinError.textContent = '';
      ui.signinError.hidden = true;
    }
    ui.token.focus();
  }

  function showChat() {
    ui.signin.hidden = true;
    ui.chat.hidden = false;
    ui.signOut.hidden = false;
    ui.signinError.hidden = true;
  }

  function resetConversationView() {
    ui.transcript.replaceChildren(ui.transcriptEmpty);
    ui.transcriptEmpty.hidden = false;
    clearFollowUp();
    renderFacts([]);
    state.lastTurn = 0;
    state.outbox = [];
    setComposerStatus('');
  }

  function signIn(token) {
    state.token = token;
    state.signedIn = false;
    state.authFailed = false;
    state.attempt = 0;
    ui.signinButton.disabled = true;
    ui.signinError.hidden = true;
    setConnection('connecting', 'Checking your token…');
    ui.connection.hidden = false;
    connect();
  }

  function signOut(message) {
    stopSocket();
    sessionStorage.removeItem(TOKEN_KEY);
    sessionStorage.removeItem(CONVERSATION_KEY);
    state.token = null;
    state.signedIn = false;
    ui.token.value = '';
    showUser(null, null);
    resetConversationView();
    showSignin(message);
  }

  function stopSocket() {
    clearTimeout(state.reconnectTimer);
    state.reconnectTimer = null;
    clearInterval(state.pingTimer);
    state.pingTimer = null;
    state.ready = false;
    const socket = state.socket;
    state.socket = null;
    if (socket && socket.readyState <= WebSocket.OPEN) {
      socket.close(1000, 'signed out');
    }
  }

  // ---------- the WebSocket ----------

  function socketUrl() {
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    return scheme + '//' + location.host + '/api/v1/ws';
  }

  function connect() {
    clearTimeout(state.reconnectTimer);
    state.reconnectTimer = null;
    state.ready = false;
    if (state.signedIn) {
      setConnection('connecting', state.attempt ? 'Reconnecting…' : 'Connecting…');
    }
    let socket;
    try {
      socket = new WebSocket(socketUrl());
    } catch (e) {
      scheduleReconnect();
      return;
    }
    state.socket = socket;
    socket.addEventListener('open', () => {
      if (state.socket !== socket) return;
      socket.send(JSON.stringify({ type: 'auth', token: state.token }));
      const conversationId = sessionStorage.getItem(CONVERSATION_KEY);
      if (conversationId) {
        state.resuming = true;
        socket.send(JSON.stringify({ type: 'resume', conversation_id: conversationId }));
      } else {
        state.resuming = false;
        socket.send(JSON.stringify({ type: 'start' }));
      }
      clearInterval(state.pingTimer);
      state.pingTimer = setInterval(() => {
        if (state.socket === socket && socket.readyState === WebSocket.OPEN) {
          socket.send(JSON.stringify({ type: 'ping' }));
        }
      }, PING_MS);
    });
    socket.addEventListener('message', (event) => {
      if (state.socket !== socket) return;
      let frame;
      try {
        frame = JSON.parse(event.data);
      } catch (e) {
        return;
      }
      onFrame(frame);
    });
    socket.addEventListener('close', (event) => {
      if (state.socket !== socket) return;
      clearInterval(state.pingTimer);
      state.pingTimer = null;
      state.socket = null;
      state.ready = false;
      if (state.authFailed || !state.token) return;
      if (!state.signedIn) {
        // Never got as far as a conversation: most likely the token, or the server is down.
        signOut(event.code === 1008 || event.code === 4401
          ? 'That token was not accepted. Check it and try again.'
          : 'Could not reach Leeway to check your token. Try again in a moment.');
        return;
      }
      scheduleReconnect();
    });
  }

  function scheduleReconnect() {
    const delay = BACKOFF_MS[Math.min(state.attempt, BACKOFF_MS.length - 1)];
    state.attempt += 1;
    const until = Date.now() + delay;
    setConnection('reconnecting', 'Connection lost. Reconnecting in ' + Math.ceil(delay / 1000) + ' s…');
    clearTimeout(state.reconnectTimer);
    const tick = () => {
      const left = until - Date.now();
      if (left <= 0) {
        connect();
        return;
      }
      setConnection('reconnecting', 'Connection lost. Reconnecting in ' + Math.ceil(left / 1000) + ' s…');
      state.reconnectTimer = setTimeout(tick, Math.min(1000, left));
    };
    state.reconnectTimer = setTimeout(tick, Math.min(1000, delay));
  }

  function send(frame) {
    if (state.socket && state.ready && state.socket.readyState === WebSocket.OPEN) {
      state.socket.send(JSON.stringify(frame));
      return true;
    }
    return false;
  }

  function onFrame(frame) {
    switch (frame.type) {
      case 'ready':
        onReady(frame.conversation || {});
        break;
      case 'reply':
        if (frame.reply) onReply(frame.reply);
        break;
      case 'authenticated':
        // Not every server sends this (the contract's first reply is "ready"); show who we are.
        showUser(frame.user, frame.role);
        break;
      case 'pong':
        break;
      case 'error':
        onError(frame.problem || {});
        break;
      default:
        break;
    }
  }

  function onReady(conversation) {
    const firstTime = !state.signedIn;
    state.signedIn = true;
    state.ready = true;
    state.attempt = 0;
    state.resuming = false;
    sessionStorage.setItem(TOKEN_KEY, state.token);
    if (conversation.id) {
      const previous = sessionStorage.getItem(CONVERSATION_KEY);
      if (previous && previous !== conversation.id) {
        const waiting = state.outbox;
        resetConversationView();
        state.outbox = waiting;
      }
      sessionStorage.setItem(CONVERSATION_KEY, conversation.id);
    }
    setConnection('open', 'Connected');
    if (ui.user.hidden && conversation.role) showUser(null, conversation.role);
    showChat();
    // After a resume, show any turns this page has not shown yet (all of them after a reload).
    const turns = Array.isArray(conversation.turns) ? conversation.turns : [];
    for (const turn of turns) {
      if (turn && typeof turn.number === 'number' && turn.number > state.lastTurn) {
        renderUserMessage(turn.text);
        if (turn.reply) renderReply(turn.reply, { replay: true });
      }
    }
    if (turns.length && conversation.pending) {
      showFollowUp(conversation.pending);
    }
    if (Array.isArray(conversation.facts) && conversation.facts.length) {
      renderFacts(conversation.facts);
    }
    const queued = state.outbox.splice(0);
    for (const text of queued) send({ type: 'message', text });
    setComposerStatus(queued.length ? 'Sent the message you wrote while offline.' : '');
    if (firstTime) ui.message.focus();
  }

  function onError(problem) {
    const status = problem.status;
    if (status === 401) {
      state.authFailed = true;
      const detail = problem.detail ? ' (' + problem.detail + ')' : '';
      signOut(state.signedIn
        ? 'Your sign-in is no longer accepted' + detail + '. Sign in again.'
        : 'That token was not accepted' + detail + '. Check it and try again.');
      return;
    }
    if (state.resuming && (status === 404 || status === 410)) {
      // The conversation expired or the server forgot it: start a fresh one on this socket.
      state.resuming = false;
      sessionStorage.removeItem(CONVERSATION_KEY);
      state.lastTurn = 0;
      renderNotice('That conversation has ended on the server; starting a new one.', 'notice');
      if (state.socket && state.socket.readyState === WebSocket.OPEN) {
        state.socket.send(JSON.stringify({ type: 'start' }));
      }
      return;
    }
    renderNotice(problemText(problem, 'Something went wrong'), 'error');
    setComposerStatus('');
  }

  // ---------- sending ----------

  function sendMessage(text) {
    const trimmed = text.trim();
    if (!trimmed) {
      setComposerStatus('Type a message first.');
      ui.message.focus();
      return;
    }
    renderUserMessage(trimmed);
    clearFollowUp();
    if (send({ type: 'message', text: trimmed })) {
      setComposerStatus('Waiting for Leeway…');
    } else {
      state.outbox.push(trimmed);
      setComposerStatus('Not connected: your message will be sent when the connection is back.');
    }
  }

  // ---------- rendering the conversation ----------

  function appendToTranscript(node) {
    ui.transcriptEmpty.hidden = true;
    ui.transcript.append(node);
    return node;
  }

  function renderUserMessage(text) {
    return appendToTranscript(
      el('div', { class: 'bubble bubble--agent', 'data-role': 'agent' },
        el('span', { class: 'visually-hidden', text: 'You: ' }),
        el('p', { class: 'bubble-text', text })));
  }

  function renderNotice(text, kind) {
    return appendToTranscript(
      el('div', { class: 'notice notice--' + kind, 'data-notice': kind, role: kind === 'error' ? 'alert' : null },
        el('p', { text })));
  }

  function onReply(reply) {
    setComposerStatus('');
    const node = renderReply(reply, { replay: false });
    // Bring the agent's own message and the start of the reply into view, not the bottom of it.
    const previous = node.previousElementSibling;
    const anchor = previous && previous.dataset.role === 'agent' ? previous : node;
    const offset = anchor.getBoundingClientRect().top - ui.transcript.getBoundingClientRect().top;
    ui.transcript.scrollTop = Math.max(0, ui.transcript.scrollTop + offset - 8);
    if (reply.follow_up && reply.follow_up.type === 'ask_fact') ui.message.focus();
  }

  function renderReply(reply, options) {
    if (typeof reply.turn === 'number') state.lastTurn = Math.max(state.lastTurn, reply.turn);
    if (reply.conversation_id) sessionStorage.setItem(CONVERSATION_KEY, reply.conversation_id);
    const answer = reply.answer || {};
    const answerId = reply.answer_id || answer.answer_id || '';
    const group = el('div', {
      class: 'reply reply--' + (reply.kind || 'answer'),
      'data-kind': reply.kind || 'answer',
      'data-answer-id': answerId,
      'data-turn': reply.turn,
    });

    if (reply.kind === 'no_match') {
      group.append(renderNoMatch(reply, answer));
    } else {
      group.append(
        el('div', { class: 'bubble bubble--bot', 'data-role': 'bot' },
          el('span', { class: 'visually-hidden', text: 'Leeway: ' }),
          el('p', { class: 'bubble-text', text: reply.message || '' })));
    }

    const plays = Array.isArray(answer.plays) ? answer.plays : [];
    if (plays.length) {
      const cards = el('div', { class: 'cards' });
      for (const play of plays) cards.append(renderPlay(play, answer, answerId));
      group.append(cards);
    }
    appendToTranscript(group);

    if (Array.isArray(answer.facts)) renderFacts(answer.facts);
    if (!options.replay) {
      if (reply.follow_up) showFollowUp(reply.follow_up);
      else clearFollowUp();
    }
    return group;
  }

  function renderNoMatch(reply, answer) {
    const noMatch = answer.no_match || {};
    const escalation = noMatch.escalation || {};
    const box = el('div', { class: 'bubble bubble--bot no-match', 'data-role': 'bot', 'data-no-match': '' },
      el('h3', { class: 'no-match-title', text: 'No play fits' }));
    // The message repeats the reason and the escalation path in one paragraph; show the parts
    // when the answer has them, the message only when it does not.
    if (noMatch.reason) box.append(el('p', { class: 'no-match-reason', text: capitalise(noMatch.reason) + '.' }));
    else if (reply.message) box.append(el('p', { class: 'bubble-text', text: reply.message }));
    if (escalation.to || escalation.how) {
      box.append(el('p', { class: 'no-match-escalation' },
        el('strong', { text: 'Escalate to ' + (escalation.to || 'the escalation team') }),
        escalation.how ? ': ' + escalation.how : ''));
    }
    const nearest = Array.isArray(noMatch.nearest) ? noMatch.nearest : [];
    if (nearest.length) {
      const list = el('ul', { class: 'no-match-nearest' });
      for (const near of nearest) {
        list.append(el('li', { 'data-play-id': near.play_id },
          near.title || near.play_id,
          typeof near.confidence === 'number' ? ' — fit ' + percent(near.confidence) : ''));
      }
      box.append(el('p', { class: 'help', text: 'Closest plays, none close enough:' }), list);
    }
    return box;
  }

  function renderPlay(play, answer, answerId) {
    const titleId = 'play-' + cssId(answerId + '-' + play.play_id);
    const card = el('article', {
      class: 'play-card',
      'data-play-id': play.play_id,
      'data-play-version': play.version,
      'aria-labelledby': titleId,
    });
    const head = el('header', { class: 'play-head' },
      el('h3', { class: 'play-title', id: titleId, text: play.title || play.play_id }),
      el('span', { class: 'play-fit', 'data-confidence': play.confidence, text: 'Fit ' + percent(play.confidence) }));
    card.append(head);
    if (play.nearest_example) {
      card.append(el('p', { class: 'play-example' }, 'Closest example: “' + play.nearest_example + '”'));
    }
    if (play.reply) {
      card.append(el('p', { class: 'play-reply' }, el('span', { class: 'meta-label', text: 'Tell the customer: ' }), play.reply));
    }
    if (Array.isArray(play.guidance) && play.guidance.length) {
      const steps = el('ol', {});
      for (const step of play.guidance) steps.append(el('li', { text: step }));
      card.append(el('details', { class: 'play-guidance' },
        el('summary', { text: 'Guidance (' + play.guidance.length + ' steps)' }), steps));
    }
    const actions = (Array.isArray(play.actions) ? play.actions : [])
      .map((action, index) => ({ action, index }))
      .sort((a, b) => rank(a.action) - rank(b.action) || a.index - b.index)
      .map((entry) => entry.action);
    // Actions that do not apply here are kept apart and folded away: nothing to do or escalate.
    const open = actions.filter((a) => a.decision !== 'NOT_APPLICABLE');
    const notApplicable = actions.filter((a) => a.decision === 'NOT_APPLICABLE');
    if (open.length) {
      const list = el('ul', { class: 'actions', 'aria-label': 'Actions for ' + (play.title || play.play_id) });
      for (const action of open) list.append(renderAction(action));
      card.append(list);
    }
    if (notApplicable.length) {
      const list = el('ul', { class: 'actions' });
      for (const action of notApplicable) list.append(renderAction(action));
      card.append(el('details', { class: 'not-applicable' },
        el('summary', { text: 'Does not apply here (' + notApplicable.length + ')' }), list));
    }
    card.append(renderFeedback(play, answerId));
    return card;
  }

  function rank(action) {
    const info = DECISIONS[action.decision];
    return info ? info.order : 99;
  }

  function cssId(text) {
    return String(text).replace(/[^A-Za-z0-9_-]/g, '-');
  }

  function decisionDetail(action, currency) {
    switch (action.decision) {
      case 'CAN_DO_BY_EXCEPTION':
        return 'by a policy exception';
      case 'CANNOT_DO': {
        const offers = (Array.isArray(action.instead) ? action.instead : [])
          .map((o) => (o.say ? 'say: “' + o.say + '”' : o.label || humanise(o.action_id)));
        return offers.length ? 'offer instead: ' + offers.join('; ') : '';
      }
      case 'NEEDS_APPROVAL': {
        const who = action.approver_label || humanise(action.approver);
        const parts = [];
        if (who) parts.push('by ' + who);
        if (typeof action.can_do_now === 'number' && action.can_do_now > 0) {
          parts.push('you can do ' + money(action.can_do_now, currency) + ' now');
        }
        return parts.join(' · ');
      }
      case 'ESCALATE':
        return action.escalate_to ? 'to ' + humanise(action.escalate_to) : '';
      case 'NEED_INFO':
        return action.question || (action.fact ? 'ask about ' + humanise(action.fact) : '');
      default:
        return '';
    }
  }

  function renderAction(action) {
    const info = DECISIONS[action.decision] || { label: action.decision, css: 'unknown' };
    const currency = action.currency || null;
    const row = el('li', {
      class: 'action action--' + info.css,
      'data-action-id': action.action_id,
      'data-decision': action.decision,
    });
    const detail = decisionDetail(action, currency);
    row.append(el('p', { class: 'action-decision' },
      el('span', { class: 'badge badge--' + info.css, 'data-decision': action.decision, text: info.label }),
      detail ? el('span', { class: 'decision-detail', text: detail }) : null));
    const labelLine = el('p', { class: 'action-label' }, el('strong', { text: action.label || action.action_id }));
    if (typeof action.amount === 'number') {
      labelLine.append(' ', el('span', { class: 'action-amount', 'data-amount': action.amount, text: money(action.amount, currency) }));
    }
    if (typeof action.up_to === 'number') {
      labelLine.append(' ', el('span', { class: 'action-up-to', 'data-up-to': action.up_to, text: 'up to ' + money(action.up_to, currency) }));
    }
    row.append(labelLine);
    if (action.reason) row.append(el('p', { class: 'action-reason', text: action.reason }));
    if (action.policy) row.append(el('p', { class: 'action-policy' }, el('span', { class: 'meta-label', text: 'Policy: ' }), action.policy));
    if (action.trace) row.append(renderTrace(action.trace));
    return row;
  }

  function renderTrace(trace) {
    const body = el('div', { class: 'trace' });
    const checks = Array.isArray(trace.checks) ? trace.checks : [];
    if (checks.length) {
      const table = el('table', { class: 'trace-checks' },
        el('caption', { class: 'visually-hidden', text: 'Checks, in the order Leeway made them' }),
        el('thead', {}, el('tr', {},
          el('th', { scope: 'col', text: 'Check' }),
          el('th', { scope: 'col', text: 'Outcome' }),
          el('th', { scope: 'col', text: 'Explanation' }))));
      const rows = el('tbody', {});
      for (const check of checks) {
        const outcome = String(check.outcome);
        rows.append(el('tr', { 'data-outcome': outcome },
          el('td', {}, el('span', { class: 'check-subject', text: check.subject }),
            check.condition ? el('code', { class: 'check-condition', text: check.condition }) : null),
          el('td', { class: 'check-outcome check-outcome--' + outcome, text: outcome === 'unknown' ? 'unknown' : outcome === 'true' ? 'yes' : 'no' }),
          el('td', { text: check.explanation || '' })));
      }
      table.append(rows);
      body.append(table);
    }
    const facts = Array.isArray(trace.facts) ? trace.facts : [];
    if (facts.length) {
      const list = el('ul', { class: 'trace-facts' });
      for (const fact of facts) {
        list.append(el('li', { 'data-fact': fact.name },
          el('span', { class: 'fact-name', text: humanise(fact.name) }), ': ',
          el('span', { class: 'fact-value', text: fact.display !== undefined ? fact.display : String(fact.value) }),
          ' ', el('span', { class: 'fact-source', 'data-source': fact.source && fact.source.type, text: '— ' + sourceText(fact.source) })));
      }
      body.append(el('h4', { class: 'trace-heading', text: 'Facts used' }), list);
    }
    const footer = [];
    if (trace.play_id) footer.push(trace.play_id + (trace.play_version !== undefined ? ' v' + trace.play_version : ''));
    if (trace.role) footer.push('role ' + trace.role);
    if (trace.content_version) footer.push('content ' + trace.content_version);
    if (footer.length) body.append(el('p', { class: 'trace-meta', text: footer.join(' · ') }));
    return el('details', { class: 'why' }, el('summary', { text: 'Why' }), body);
  }

  // ---------- feedback ----------

  function renderFeedback(play, answerId) {
    const status = el('p', { class: 'feedback-status', role: 'status' });
    const group = el('div', { class: 'feedback', role: 'group', 'aria-label': 'Feedback on ' + (play.title || play.play_id) });
    const buttons = el('div', { class: 'feedback-buttons' });
    const used = el('button', { type: 'button', class: 'button button--small', 'data-verdict': 'used', text: 'Used' });
    const helpful = el('button', { type: 'button', class: 'button button--small', 'data-verdict': 'helpful', text: 'Helpful' });
    const wrong = el('button', { type: 'button', class: 'button button--small', 'data-verdict': 'wrong', 'aria-expanded': 'false', text: 'Wrong play' });
    buttons.append(used, helpful, wrong);

    const inputId = 'right-play-' + cssId(answerId + '-' + play.play_id);
    const input = el('input', { type: 'text', id: inputId, class: 'right-play-input', name: 'right_play_id', autocomplete: 'off', spellcheck: 'false' });
    input.placeholder = 'e.g. orders.wrong-item';
    const wrongForm = el('form', { class: 'wrong-play-form', 'data-play-id': play.play_id },
      el('label', { for: inputId, text: 'Which play was right? (play id)' }),
      input,
      el('button', { type: 'submit', class: 'button button--small', text: 'Send' }),
      el('button', { type: 'button', class: 'button button--small button--quiet', 'data-cancel': '', text: 'Cancel' }));
    wrongForm.hidden = true;
    wrongForm.noValidate = true;

    const submit = (verdict, rightPlayId) => {
      const body = { answer_id: answerId, play_id: play.play_id, verdict };
      if (rightPlayId) body.right_play_id = rightPlayId;
      postFeedback(body, status, [used, helpful, wrong]);
    };
    used.addEventListener('click', () => submit('used'));
    helpful.addEventListener('click', () => submit('helpful'));
    wrong.addEventListener('click', () => {
      wrongForm.hidden = !wrongForm.hidden;
      wrong.setAttribute('aria-expanded', String(!wrongForm.hidden));
      if (!wrongForm.hidden) input.focus();
    });
    wrongForm.addEventListener('submit', (event) => {
      event.preventDefault();
      const right = input.value.trim();
      submit('wrong', right || undefined);
      wrongForm.hidden = true;
      wrong.setAttribute('aria-expanded', 'false');
      wrong.focus();
    });
    wrongForm.querySelector('[data-cancel]').addEventListener('click', () => {
      wrongForm.hidden = true;
      wrong.setAttribute('aria-expanded', 'false');
      wrong.focus();
    });
    group.append(el('span', { class: 'feedback-label', text: 'Was this right?' }), buttons, wrongForm, status);
    return group;
  }

  async function postFeedback(body, status, buttons) {
    status.dataset.state = 'sending';
    status.textContent = 'Sending…';
    for (const button of buttons) button.disabled = true;
    try {
      const response = await fetch('/api/v1/feedback', {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Accept: 'application/json, application/problem+json',
          Authorization: 'Bearer ' + state.token,
        },
        body: JSON.stringify(body),
        credentials: 'omit',
        cache: 'no-store',
      });
      if (response.status === 202 || response.ok) {
        status.dataset.state = 'recorded';
        status.dataset.verdict = body.verdict;
        status.textContent = 'Thanks — recorded';
        return;
      }
      let problem = null;
      try {
        problem = await response.json();
      } catch (e) {
        problem = null;
      }
      status.dataset.state = 'error';
      if (response.status === 401) {
        status.textContent = 'Not recorded: your sign-in is no longer accepted. Sign out and sign in again.';
      } else if (response.status === 429) {
        const wait = response.headers.get('Retry-After');
        status.textContent = 'Not recorded: too many requests' + (wait ? '; try again in ' + wait + ' s.' : '.');
      } else {
        status.textContent = 'Not recorded. ' + problemText(problem, 'The server answered ' + response.status);
      }
    } catch (e) {
      status.dataset.state = 'error';
      status.textContent = 'Not recorded: could not reach the server.';
    } finally {
      for (const button of buttons) button.disabled = false;
    }
  }

  // ---------- follow-up ----------

  function clearFollowUp() {
    ui.followUp.hidden = true;
    delete ui.followUp.dataset.type;
    delete ui.followUp.dataset.fact;
    ui.followUpQuestion.textContent = '';
    ui.followUpOptions.replaceChildren();
    ui.messageLabel.textContent = 'Describe the situation';
    ui.message.placeholder = DEFAULT_PLACEHOLDER;
  }

  function showFollowUp(followUp) {
    ui.followUpOptions.replaceChildren();
    ui.followUp.dataset.type = followUp.type || '';
    if (followUp.type === 'ask_fact') {
      ui.followUp.dataset.fact = followUp.fact || '';
      ui.followUpQuestion.replaceChildren(
        el('span', { class: 'follow-up-lead', text: 'Ask the customer: ' }),
        followUp.question || humanise(followUp.fact));
      ui.messageLabel.textContent = 'The customer’s answer';
      ui.message.placeholder = 'Type what the customer says, e.g. yes';
      ui.followUp.hidden = false;
    } else if (followUp.type === 'choose_play') {
      ui.followUpQuestion.textContent = followUp.question || 'Which of these fits better?';
      for (const option of Array.isArray(followUp.options) ? followUp.options : []) {
        const button = el('button', {
          type: 'button',
          class: 'button button--option',
          'data-play-id': option.play_id,
          text: option.title || option.play_id,
        });
        button.addEventListener('click', () => {
          sendMessage(option.title || option.play_id);
          ui.message.focus(); // the option buttons go away; keep the keyboard user in the composer
        });
        ui.followUpOptions.append(button);
      }
      ui.messageLabel.textContent = 'Or describe it in your own words';
      ui.followUp.hidden = false;
    } else {
      clearFollowUp();
    }
  }

  // ---------- facts panel ----------

  function renderFacts(facts) {
    ui.factsList.replaceChildren();
    ui.factsEmpty.hidden = facts.length > 0;
    for (const fact of facts) {
      const source = fact.source || {};
      ui.factsList.append(el('li', { class: 'fact', 'data-fact': fact.name, 'data-source': source.type },
        el('span', { class: 'fact-name', text: humanise(fact.name) }),
        el('span', { class: 'fact-value', text: fact.display !== undefined ? fact.display : String(fact.value) }),
        el('span', { class: 'fact-source fact-source--' + (source.type || 'unknown'), text: sourceText(source) })));
    }
  }

  // ---------- wiring ----------

  ui.signinForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const token = ui.token.value.trim();
    if (!token) {
      showSignin('Enter your access token.');
      return;
    }
    signIn(token);
  });

  ui.signOut.addEventListener('click', () => signOut(null));

  ui.composer.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = ui.message.value;
    if (!text.trim()) {
      setComposerStatus('Type a message first.');
      return;
    }
    ui.message.value = '';
    sendMessage(text);
    ui.message.focus();
  });

  ui.message.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing && !event.altKey && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      ui.composer.requestSubmit();
    }
  });

  window.addEventListener('online', () => {
    if (state.signedIn && !state.socket) {
      state.attempt = 0;
      connect();
    }
  });

  const saved = sessionStorage.getItem(TOKEN_KEY);
  if (saved) {
    ui.token.value = '';
    showChat();
    state.token = saved;
    state.signedIn = true; // accepted before in this tab; a 401 will sign out
    setConnection('connecting', 'Connecting…');
    connect();
  } else {
    showSignin(null);
  }
})();
