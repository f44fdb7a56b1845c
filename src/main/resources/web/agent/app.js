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
    caseBar: $('case-bar'),
    caseNumber: $('case-number'),
    caseTitle: $('case-title'),
    caseFacts: $('case-facts'),
    newCase: $('new-case'),
  };

  // The role whose "Why" shows the full trace of checks; everyone else reads the short sentences.
  const TRACE_ROLE = 'supervisor';
  // How many facts the case header shows; the facts panel lists them all.
  const KEY_FACTS = 4;
  const URGENCY = { immediate: 'Act now', same_day: 'Today' };

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
    role: null, // the signed-in role, from the server
    caseNumber: 1, // the case in hand, as the server numbers it (or this page, on an older server)
    newCaseSent: false, // a new_case frame waits for its case_started
    newCaseByConversation: false, // the server has no cases: a new case is a new conversation
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
    state.caseNumber = 1;
    state.newCaseSent = false;
    state.newCaseByConversation = false;
    setCaseHeader(1, null);
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
        if (frame.role) state.role = frame.role;
        showUser(frame.user, frame.role);
        break;
      case 'case_started':
        state.newCaseSent = false;
        startCaseView(typeof frame.case === 'number' ? frame.case : state.caseNumber + 1);
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
    if (conversation.role) state.role = conversation.role;
    if (conversation.id) {
      const previous = sessionStorage.getItem(CONVERSATION_KEY);
      if (state.newCaseByConversation) {
        // A server without cases: the new case is this new conversation; the earlier cases stay
        // on the page above the separator.
        state.newCaseByConversation = false;
        state.lastTurn = 0;
        startCaseView(state.caseNumber + 1);
      } else if (previous && previous !== conversation.id) {
        const waiting = state.outbox;
        resetConversationView();
        state.outbox = waiting;
      }
      sessionStorage.setItem(CONVERSATION_KEY, conversation.id);
    }
    setConnection('open', 'Connected');
    if (ui.user.hidden && conversation.role) showUser(null, conversation.role);
    showChat();
    // After a resume, show any turns this page has not shown yet (all of them after a reload),
    // each case under its own separator.
    const turns = Array.isArray(conversation.turns) ? conversation.turns : [];
    const cases = Array.isArray(conversation.cases) ? conversation.cases : [];
    for (const turn of turns) {
      if (turn && typeof turn.number === 'number' && turn.number > state.lastTurn) {
        if (typeof turn.case === 'number' && turn.case !== state.caseNumber) {
          startCaseView(turn.case, cases.find((c) => c && c.number === turn.case) || {});
        }
        renderUserMessage(turn.text);
        if (turn.reply) renderReply(turn.reply, { replay: true });
      }
    }
    if (typeof conversation.case === 'number' && conversation.case !== state.caseNumber) {
      startCaseView(conversation.case, cases.find((c) => c && c.number === conversation.case) || {});
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
    if (state.newCaseSent && status === 400 && /new_case/.test(problem.detail || '')) {
      // This server knows no cases: a new conversation is the next best clean slate.
      state.newCaseSent = false;
      state.newCaseByConversation = true;
      if (state.socket && state.socket.readyState === WebSocket.OPEN) {
        state.socket.send(JSON.stringify({ type: 'start' }));
      }
      return;
    }
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
    if (reply.case_started === true || (typeof reply.case === 'number' && reply.case > state.caseNumber)) {
      // The server saw a new case in this message: the separator goes above the agent's words.
      startCaseView(typeof reply.case === 'number' ? reply.case : state.caseNumber + 1, null, lastAgentBubble());
    }
    const answer = reply.answer || {};
    const answerId = reply.answer_id || answer.answer_id || '';
    const group = el('div', {
      class: 'reply reply--' + (reply.kind || 'answer'),
      'data-kind': reply.kind || 'answer',
      'data-answer-id': answerId,
      'data-turn': reply.turn,
      'data-case': state.caseNumber,
    });

    const guardrails = Array.isArray(answer.guardrails) ? answer.guardrails : [];
    if (guardrails.length) group.append(renderGuardrails(guardrails));

    const plays = Array.isArray(answer.plays) ? answer.plays : [];
    if (reply.kind === 'no_match') {
      group.append(renderNoMatch(reply, answer));
    } else if (!plays.length) {
      // With cards the message only repeats them (and their question); without, it is the answer.
      group.append(
        el('div', { class: 'bubble bubble--bot', 'data-role': 'bot' },
          el('span', { class: 'visually-hidden', text: 'Leeway: ' }),
          el('p', { class: 'bubble-text', text: reply.message || '' })));
    }

    if (plays.length) {
      const cards = el('div', { class: 'cards' });
      for (const play of plays) cards.append(renderPlay(play, answer, answerId, reply.follow_up));
      group.append(cards);
    }
    appendToTranscript(group);

    if (reply.kind === 'no_match') setCaseTitle('No play fits');
    else if (plays.length) setCaseTitle(plays[0].title || plays[0].play_id);
    if (Array.isArray(answer.facts)) renderFacts(answer.facts);
    if (!options.replay) {
      if (reply.follow_up) showFollowUp(reply.follow_up);
      else clearFollowUp();
    }
    return group;
  }

  function lastAgentBubble() {
    const bubbles = ui.transcript.querySelectorAll('.bubble--agent');
    return bubbles.length ? bubbles[bubbles.length - 1] : null;
  }

  // ---------- cases ----------

  /** A case's separator; {@code started} is when the case began, when known. */
  function caseSeparator(number, started) {
    const time = started && !Number.isNaN(started.getTime()) ? started.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) : '';
    return el('div', { class: 'case-separator', 'data-case': number },
      el('h3', { class: 'case-separator-title' }, 'Case ' + number,
        time ? el('span', { class: 'case-separator-time', text: ' · started ' + time }) : null));
  }

  /**
   * Shows that case {@code number} begins: a separator in the transcript (before {@code before},
   * or at the end), an empty facts panel and a fresh case header. The first case gets its own
   * separator once a second one starts, so every case is labelled.
   */
  function startCaseView(number, info, before) {
    // Already the case in hand (the first case needs no separator of its own until a second).
    if (number === state.caseNumber && (number === 1 || ui.transcript.querySelector('.case-separator[data-case="' + number + '"]'))) return;
    if (!ui.transcript.querySelector('.case-separator')) {
      const first = ui.transcript.querySelector('.bubble, .reply, .notice');
      if (first) ui.transcript.insertBefore(caseSeparator(state.caseNumber, null), first);
    }
    // A replayed case says when it started if the server says so; a case starting now, now.
    const started = info ? (info.started ? new Date(info.started) : null) : new Date();
    const separator = caseSeparator(number, started);
    if (before && before.parentNode === ui.transcript) ui.transcript.insertBefore(separator, before);
    else appendToTranscript(separator);
    state.caseNumber = number;
    renderFacts([]);
    clearFollowUp();
    setCaseHeader(number, info && info.title ? info.title : null);
  }

  function newCase() {
    if (ui.chat.hidden) return;
    if (!state.ready || !state.socket || state.socket.readyState !== WebSocket.OPEN) {
      setComposerStatus('Not connected: try New case again when the connection is back.');
      return;
    }
    state.newCaseSent = true;
    state.socket.send(JSON.stringify({ type: 'new_case' }));
    setComposerStatus('');
    ui.message.focus();
  }

  function setCaseHeader(number, title) {
    ui.caseNumber.textContent = 'Case ' + number;
    ui.caseBar.dataset.case = String(number);
    setCaseTitle(title);
  }

  function setCaseTitle(title) {
    ui.caseTitle.textContent = title || 'No situation yet';
    if (title) delete ui.caseTitle.dataset.empty;
    else ui.caseTitle.dataset.empty = '';
  }

  function renderCaseFacts(facts) {
    const key = facts.filter((f) => f && (!f.source || f.source.type !== 'assumed')).slice(0, KEY_FACTS);
    ui.caseFacts.replaceChildren(...key.map((fact) =>
      el('li', { class: 'case-fact', 'data-fact': fact.name },
        el('span', { class: 'case-fact-name', text: capitalise(humanise(fact.name)) + ': ' }),
        el('strong', { text: fact.display !== undefined ? fact.display : String(fact.value) }))));
  }

  // ---------- guardrails and no match ----------

  function renderGuardrails(guardrails) {
    const box = el('div', { class: 'guardrails', role: 'group', 'aria-label': 'Guardrails' });
    for (const guardrail of guardrails) {
      const urgency = URGENCY[guardrail.urgency] || capitalise(humanise(guardrail.urgency || ''));
      box.append(el('div', { class: 'guardrail', 'data-guardrail-id': guardrail.id, 'data-urgency': guardrail.urgency },
        el('p', { class: 'guardrail-now' },
          el('span', { class: 'urgent-tag', text: '⚠ ' + (urgency || 'Urgent') }), ' ',
          guardrail.do_now || ''),
        el('p', { class: 'guardrail-detail' },
          guardrail.team ? el('strong', { text: 'To ' + guardrail.team + '. ' }) : null,
          guardrail.reason || '')));
    }
    return box;
  }

  function renderNoMatch(reply, answer) {
    const noMatch = answer.no_match || {};
    const escalation = noMatch.escalation || {};
    const box = el('div', { class: 'bubble bubble--bot no-match', 'data-role': 'bot', 'data-no-match': '' },
      el('h3', { class: 'no-match-title', text: 'No play fits' }));
    // Plain words only: the older reason names confidence figures an agent can do nothing with.
    box.append(el('p', { class: 'no-match-message', text: noMatch.message || 'None of the plays fits this situation.' }));
    let next = noMatch.next_step;
    if (!next && (escalation.to || escalation.how)) {
      next = 'Escalate to ' + (escalation.to || 'the escalation team') + (escalation.how ? ': ' + escalation.how : '.');
    }
    if (next) {
      box.append(el('p', { class: 'no-match-next-step' }, el('strong', { text: 'Next step: ' }), next));
    }
    const nearest = (Array.isArray(noMatch.nearest) ? noMatch.nearest : []).slice(0, 3);
    if (nearest.length) {
      box.append(el('p', { class: 'no-match-nearest help' }, 'Closest plays, none close enough: ',
        nearest.map((near) => near.title || near.play_id).join('; ') + '.'));
    }
    return box;
  }

  // ---------- a play's card ----------

  function renderPlay(play, answer, answerId, followUp) {
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
    if (play.nearest_example) {
      head.append(el('p', { class: 'play-example', title: play.nearest_example }, 'Closest example: “' + play.nearest_example + '”'));
    }
    card.append(head);

    // Urgent steps first and always open: protective things to do before anything is asked.
    const urgentSteps = Array.isArray(play.urgent_steps) ? play.urgent_steps : [];
    if (urgentSteps.length) {
      const steps = el('ol', { class: 'urgent-steps-list' });
      for (const step of urgentSteps) steps.append(el('li', { text: step }));
      card.append(el('div', { class: 'urgent-steps', role: 'group', 'aria-label': 'Do now' },
        el('p', { class: 'urgent-steps-title' }, el('span', { class: 'urgent-tag', text: '⚠ Do now' })), steps));
    }
    if (play.reply) {
      card.append(el('p', { class: 'play-reply' }, el('span', { class: 'meta-label', text: 'Tell the customer: ' }), play.reply));
    }

    const actions = (Array.isArray(play.actions) ? play.actions : [])
      .map((action, index) => ({ action, index }))
      .sort((a, b) => rank(a.action) - rank(b.action) || a.index - b.index)
      .map((entry) => entry.action);
    // Decided actions lead (urgent ones first); what waits for an answer comes under the one
    // question; what does not apply is folded away.
    const decided = actions.filter((a) => a.urgent === true || (a.decision !== 'NEED_INFO' && a.decision !== 'NOT_APPLICABLE'));
    const waiting = actions.filter((a) => a.urgent !== true && a.decision === 'NEED_INFO');
    const notApplicable = actions.filter((a) => a.urgent !== true && a.decision === 'NOT_APPLICABLE');
    if (decided.length) {
      const list = el('ul', { class: 'actions', 'aria-label': 'Actions for ' + (play.title || play.play_id) });
      for (const action of decided) list.append(renderAction(action));
      card.append(list);
    }
    for (const group of questionGroups(play, answer, waiting, followUp)) {
      card.append(renderQuestion(group));
    }

    const guidance = (Array.isArray(play.guidance) ? play.guidance : []).filter((step) => !urgentSteps.includes(step));
    if (guidance.length) {
      const steps = el('ol', {});
      for (const step of guidance) steps.append(el('li', { text: step }));
      card.append(el('details', { class: 'play-guidance' },
        el('summary', { text: 'Guidance (' + guidance.length + ' steps)' }), steps));
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

  /**
   * The actions waiting for an answer, under the question that settles them, each question once.
   * The play's question (or the answer's, when it settles this play's actions) comes first; an
   * older server asks per action, so its actions are grouped by their question.
   */
  function questionGroups(play, answer, waiting, followUp) {
    const groups = [];
    const ids = new Set((Array.isArray(play.actions) ? play.actions : []).map((a) => a.action_id));
    let asked = play.question && play.question.text ? play.question : null;
    if (!asked && answer.question && answer.question.text) {
      const settles = Array.isArray(answer.question.settles) ? answer.question.settles : [];
      if (!settles.length || settles.some((id) => ids.has(id))) asked = answer.question;
    }
    let rest = waiting;
    if (asked) {
      const settles = Array.isArray(asked.settles) ? asked.settles : null;
      const settled = settles ? waiting.filter((a) => settles.includes(a.action_id)) : waiting.filter((a) => !a.fact || a.fact === asked.fact);
      groups.push({ text: asked.text, fact: asked.fact, actions: settled, settles: settles || [] });
      rest = waiting.filter((a) => !settled.includes(a));
      if (rest.length) groups.push({ text: null, fact: null, actions: rest, settles: [] });
      return groups;
    }
    const byQuestion = new Map();
    for (const action of rest) {
      const key = action.question || action.fact || '';
      if (!byQuestion.has(key)) byQuestion.set(key, { text: action.question || null, fact: action.fact || null, actions: [], settles: [] });
      byQuestion.get(key).actions.push(action);
    }
    const list = [...byQuestion.values()];
    // The question the conversation is waiting on goes first.
    const pendingFact = followUp && followUp.type === 'ask_fact' ? followUp.fact : null;
    list.sort((a, b) => (b.fact === pendingFact) - (a.fact === pendingFact));
    return list;
  }

  function renderQuestion(group) {
    const box = el('div', { class: 'question', 'data-fact': group.fact });
    if (group.text) {
      box.append(el('p', { class: 'question-text' },
        el('span', { class: 'question-lead', text: '? Find out: ' }), group.text));
    } else {
      box.append(el('p', { class: 'question-text question-text--later', text: 'Also waiting for an answer:' }));
    }
    if (group.actions.length) {
      const list = el('ul', { class: 'actions actions--waiting', 'aria-label': group.text ? 'The answer settles' : 'Waiting for an answer' });
      for (const action of group.actions) list.append(renderAction(action, { brief: true }));
      box.append(list);
    }
    return box;
  }

  function rank(action) {
    if (action.urgent === true) return -1;
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

  /** One action: its verdict, what it is and why. {@code brief}: the verdict and label only. */
  function renderAction(action, options = {}) {
    const info = DECISIONS[action.decision] || { label: action.decision, css: 'unknown' };
    const currency = action.currency || null;
    const urgent = action.urgent === true;
    const row = el('li', {
      class: 'action action--' + info.css + (urgent ? ' action--urgent' : ''),
      'data-action-id': action.action_id,
      'data-decision': action.decision,
      'data-urgent': urgent ? 'true' : null,
    });
    const detail = decisionDetail(action, currency);
    // Two columns: the verdict (and the urgent mark), then what to do and why.
    row.append(el('div', { class: 'action-verdict' },
      urgent ? el('span', { class: 'urgent-tag', text: '⚠ Urgent' }) : null,
      el('span', { class: 'badge badge--' + info.css, 'data-decision': action.decision, text: options.brief && action.decision === 'NEED_INFO' ? 'Waits for answer' : info.label })));
    const line = el('p', { class: 'action-decision' },
      el('strong', { class: 'action-label', text: action.label || humanise(action.action_id) }));
    if (typeof action.amount === 'number') {
      line.append(el('span', { class: 'action-amount', 'data-amount': action.amount, text: money(action.amount, currency) }));
    }
    if (typeof action.up_to === 'number') {
      line.append(el('span', { class: 'action-up-to', 'data-up-to': action.up_to, text: 'up to ' + money(action.up_to, currency) }));
    }
    if (detail && !options.brief) line.append(el('span', { class: 'decision-detail', text: detail }));
    const body = el('div', { class: 'action-body' }, line);
    if (!options.brief) {
      const meta = el('div', { class: 'action-meta' });
      if (action.reason) meta.append(el('span', { class: 'action-reason', text: action.reason }));
      if (action.policy) meta.append(el('span', { class: 'action-policy' }, el('span', { class: 'meta-label', text: 'Policy: ' }), action.policy));
      const why = renderWhy(action);
      if (why) meta.append(why);
      body.append(meta);
    }
    row.append(body);
    return row;
  }

  /** Plain sentences: the answer's own, or on an older server the checks that decided. */
  function whySentences(action) {
    if (Array.isArray(action.why) && action.why.length) return action.why;
    const checks = action.trace && Array.isArray(action.trace.checks) ? action.trace.checks : [];
    const telling = checks.filter((c) => String(c.outcome) !== 'false');
    const sentences = (telling.length ? telling : checks)
      .map((c) => c.explanation)
      .filter(Boolean)
      .map((text) => capitalise(text) + '.');
    return [...new Set(sentences)];
  }

  function renderWhy(action) {
    const sentences = whySentences(action);
    const showTrace = state.role === TRACE_ROLE && action.trace;
    if (!sentences.length && !showTrace) return null;
    const body = el('div', { class: 'why-body' });
    if (sentences.length) {
      const list = el('ul', { class: 'why-sentences' });
      for (const sentence of sentences) list.append(el('li', { text: sentence }));
      body.append(list);
    }
    if (showTrace) {
      body.append(el('details', { class: 'full-trace' }, el('summary', { text: 'Full trace' }), renderTrace(action.trace)));
    }
    return el('details', { class: 'why' }, el('summary', { text: 'Why' }), body);
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
    return body;
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
      // The question is in the answer above, once; the input's label says it waits for it.
      ui.followUp.dataset.fact = followUp.fact || '';
      ui.followUp.hidden = true;
      ui.messageLabel.textContent = 'The customer’s answer to the question above (or a new situation)';
      ui.message.placeholder = 'Type what the customer says, e.g. yes';
    } else if (followUp.type === 'confirm_new_case') {
      ui.followUpQuestion.textContent = followUp.question || 'Is this a new case?';
      const yes = el('button', { type: 'button', class: 'button button--option', 'data-answer': 'yes', text: 'Yes, a new case' });
      const no = el('button', { type: 'button', class: 'button button--option', 'data-answer': 'no', text: 'No, the same case' });
      for (const [button, words] of [[yes, 'yes'], [no, 'no']]) {
        button.addEventListener('click', () => {
          sendMessage(words);
          ui.message.focus();
        });
      }
      ui.followUpOptions.append(yes, no);
      ui.messageLabel.textContent = 'Or type your answer';
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
    renderCaseFacts(facts);
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

  ui.newCase.addEventListener('click', newCase);

  // Alt+N: a new case from anywhere on the chat, typing included (Alt+N types nothing here).
  document.addEventListener('keydown', (event) => {
    if (event.altKey && !event.ctrlKey && !event.metaKey && !event.shiftKey && event.code === 'KeyN' && !ui.chat.hidden) {
      event.preventDefault();
      newCase();
    }
  });

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
