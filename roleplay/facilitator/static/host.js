// The host remote: the facilitator drives the session from a phone. The host token is in the
// URL fragment (never sent in a request line) and is kept only in this tab's sessionStorage.
"use strict";
(() => {
  const $ = (id) => document.getElementById(id);
  const fromHash = decodeURIComponent(location.hash.slice(1));
  if (fromHash) {
    try { sessionStorage.setItem("roleplay.host", fromHash); } catch (e) { /* private mode */ }
    history.replaceState(null, "", location.pathname);
  }
  let token = fromHash;
  try { token = token || sessionStorage.getItem("roleplay.host") || ""; } catch (e) { /* ignore */ }
  let socket = null;
  let state = null;
  let retryTimer = null;
  let timerBase = null;
  let over = false;  // the session has ended: the final screen stays, no reconnecting
  const SETTINGS = ["locked", "late_join", "anonymous", "auto_advance", "check"];

  function setConnection(kind, text) {
    $("connection").dataset.state = kind;
    $("connection").textContent = text;
  }

  function send(message) {
    if (socket && socket.readyState === WebSocket.OPEN) { socket.send(JSON.stringify(message)); return true; }
    $("error").textContent = "Not connected: try again in a moment.";
    return false;
  }

  function command(action, extra) {
    $("error").textContent = "";
    send(Object.assign({ type: "command", action: action }, extra || {}));
  }

  function connect() {
    clearTimeout(retryTimer);
    if (over) return;
    if (!token) { $("error").textContent = "Open this page from the QR code in the facilitator window."; return; }
    if (socket && socket.readyState <= WebSocket.OPEN) return;
    setConnection("connecting", "Connecting…");
    const scheme = location.protocol === "https:" ? "wss://" : "ws://";
    const ws = new WebSocket(scheme + location.host + "/ws");
    socket = ws;
    ws.onopen = () => { setConnection("online", "Connected"); send({ type: "hello_host", token: token }); };
    ws.onmessage = (event) => {
      let message;
      try { message = JSON.parse(event.data); } catch (e) { return; }
      if (message.type === "host_state") { state = message; render(); }
      else if (message.type === "error") {
        $("error").textContent = message.message;
        if (message.code === "bad_token") token = "";
      }
    };
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      if (over) { setConnection("offline", "Session over"); return; }
      setConnection("offline", "Offline: reconnecting…");
      if (token) retryTimer = setTimeout(connect, 2000);
    };
  }

  function para(text, className) {
    const p = document.createElement("p");
    p.textContent = text;
    if (className) p.className = className;
    return p;
  }

  // One choice (or answer, or person) as a card: its text, and a count beside it.
  function card(text, count) {
    const item = document.createElement("li");
    item.className = "host-card";
    const head = document.createElement("div");
    head.className = "card-head";
    const name = document.createElement("span");
    name.className = "card-text";
    name.textContent = text;
    const number = document.createElement("span");
    number.className = "card-count";
    number.textContent = count;
    head.append(name, number);
    item.append(head);
    return item;
  }

  function actionButton(label, action, extra, accessible) {
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = label;
    if (accessible) button.setAttribute("aria-label", accessible);
    button.addEventListener("click", () => command(action, extra));
    return button;
  }

  function effects(choice) {
    const parts = Object.entries(choice.effects || {}).map(([m, d]) => m + " " + (d > 0 ? "+" : "") + d);
    return choice.technique + " (" + choice.family + ")" + (parts.length ? ": " + parts.join(", ") : "");
  }

  // The knowledge check: the question, each answer with its count, the right one marked, and
  // every explanation (the facilitator sees them before the room does).
  function renderCheck() {
    const check = state.check;
    $("check").hidden = !check;
    if (!check) return;
    const phase = check.phase === "before" ? "before the story" : "after the story";
    $("check-question").textContent = "Question " + check.number + " of " + check.count + ", " + phase +
      (check.revealed ? " (answer shown)" : (check.open ? "" : (check.reason === "timer" ? " (time's up)" : " (closed)"))) + ": " + check.question;
    $("check-options").replaceChildren(...check.options.map((option) => {
      const right = option.id === check.correct;
      const item = card((right ? "✓ right: " : "") + option.text, String(check.tally[option.id] || 0) + " answers");
      item.append(para(check.explain[option.id], "help"));
      if (right) item.classList.add("right");
      return item;
    }));
  }

  function renderDecision() {
    const decision = state.decision;
    $("decision").hidden = !decision;
    if (!decision) return;
    $("choices").replaceChildren(...decision.choices.map((choice) => {
      const votes = (state.tally || {})[choice.id] || 0;
      const item = card(choice.text, votes + (votes === 1 ? " vote" : " votes"));
      item.append(para(effects(choice), "help"));
      const actions = document.createElement("div");
      actions.className = "card-actions";
      actions.append(actionButton("Play this", "play", { choice: choice.id }, "Play: " + choice.text),
                     actionButton("Preview", "preview", { choice: choice.id }, "Preview: " + choice.text));
      item.append(actions);
      return item;
    }));
  }

  // The show of hands: one number field per choice; a choice's own button picks it (with the
  // counts typed so far, if any, so a tie can be settled without losing them).
  function handsCounts() {
    const counts = {};
    let typed = false;
    for (const input of $("hands-fields").querySelectorAll("input")) {
      const value = input.value.trim();
      if (value !== "") typed = true;
      counts[input.dataset.choice] = value === "" ? 0 : Number(value);
    }
    return typed ? counts : null;
  }

  function renderHands() {
    const choices = state.choices_here || [];
    $("hands").hidden = choices.length === 0;
    const key = choices.map((c) => c.id).join(",");
    if ($("hands-fields").dataset.key === key) return;  // keep what is being typed
    $("hands-fields").dataset.key = key;
    $("hands-fields").replaceChildren(...choices.map((choice, index) => {
      const row = document.createElement("div");
      row.className = "hands-row";
      const label = document.createElement("label");
      label.htmlFor = "hands-" + index;
      label.textContent = choice.text;
      const input = document.createElement("input");
      input.type = "number";
      input.min = "0";
      input.max = "9999";
      input.inputMode = "numeric";
      input.id = "hands-" + index;
      input.dataset.choice = choice.id;
      const pick = document.createElement("button");
      pick.type = "button";
      pick.className = "quiet";
      pick.textContent = "Pick this";
      pick.setAttribute("aria-label", "Pick: " + choice.text);
      pick.addEventListener("click", () => {
        const counts = handsCounts();
        if (counts) command("show_of_hands", { counts: counts, choice: choice.id });
        else command("play", { choice: choice.id });
      });
      row.append(label, input, pick);
      return row;
    }));
  }

  function renderPeople() {
    $("people").replaceChildren(...state.participants.map((person) => {
      const item = card(person.nickname, person.connected ? "connected" : "offline");
      const actions = document.createElement("div");
      actions.className = "card-actions";
      actions.append(actionButton("Remove", "kick", { player: person.player }, "Remove " + person.nickname),
                     actionButton("Ban device", "ban", { player: person.player }, "Ban the device of " + person.nickname));
      item.append(actions);
      return item;
    }));
    $("people-title").textContent = (state.teams ? "Teams" : "Participants") + " (" + state.participants.length + ")";
    for (const name of SETTINGS) {
      $("set-" + name).checked = Boolean(state.settings[name]);
    }
    $("set-check-label").hidden = !state.has_check;
  }

  // Only the controls that do something now; the big button says what it does.
  function renderControls() {
    const controls = state.controls;
    $("next").textContent = controls.primary.label;
    $("next").dataset.action = controls.primary.action;
    $("next").hidden = !controls.primary.action && !controls.primary.waiting;
    $("next").disabled = !controls.primary.action;
    const shown = new Set(controls.shown);
    for (const button of document.querySelectorAll("[data-control]")) button.hidden = !shown.has(button.dataset.control);
    document.querySelector('[data-control="meters"]').textContent = state.meters_revealed ? "Hide meters" : "Show meters";
  }

  function renderStatus() {
    const room = state.room_status;
    const people = state.teams ? "teams" : "people";
    const refused = room.refused ? " · " + room.refused + " turned away" : "";
    $("room-status").hidden = !room.full && !room.refused;
    $("room-status").textContent = (room.full ? "Room full (" + room.cap + (room.cap === 1 ? " place)" : " places)") : "Room open") + refused +
      (room.full ? ": raise the cap in the facilitator window to let more " + people + " in." : "");
    $("records").hidden = !state.records;
    if (state.records) $("records").textContent = recordsLine(state.records);
  }

  function recordsLine(records) {
    const text = "Learning records: " + records.sent + " sent, " + records.waiting + " waiting";
    return records.waiting && records.failing_since ? text + " (LRS unreachable since " + records.failing_since + ")" : text;
  }

  function renderOver() {
    over = true;
    $("live-view").hidden = true;
    $("over").hidden = false;
    const log = state.log_path;
    $("over-log").textContent = log;
    const quoted = /^[\w@%+=:,./-]+$/.test(log) ? log : "'" + log.replace(/'/g, "'\"'\"'") + "'";
    $("over-command").textContent = "roleplay report " + quoted + " -o report.html";
    $("over-records").textContent = state.records ? recordsLine(state.records) : "";
    setConnection("offline", "Session over");
    clearTimeout(retryTimer);
  }

  function render() {
    if (state.phase === "ended") { renderOver(); return; }
    $("title").textContent = state.title;
    $("room").textContent = state.room;
    $("phase").textContent = state.phase;
    const progress = state.progress;
    $("progress").textContent = state.check ? progress.voted + " of " + progress.eligible + " answered"
      : (state.decision ? progress.voted + " of " + progress.eligible + " voted" : state.participants.length + " in the room");
    const line = state.line;
    $("line").textContent = line ? (line.speaker ? line.speaker + ": " : "") + line.text + " (" + (line.index + 1) + "/" + line.count + ")" : "";
    $("prompt").hidden = !state.discussion_prompt;
    $("prompt").textContent = state.discussion_prompt ? "Discussion prompt: " + state.discussion_prompt : "";
    $("preview").hidden = !state.preview;
    if (state.preview) {
      const p = state.preview;
      $("preview-text").textContent = p.text + " → " + p.lines.map((l) => (l.speaker ? l.speaker + ": " : "") + l.text).join(" / ") + (p.ending ? " → ending: " + p.ending : "");
    }
    $("meters").replaceChildren(...state.meters.map((meter) => {
      const item = document.createElement("li");
      item.textContent = meter.label + ": " + meter.value + " (" + meter.min + " to " + meter.max + ")";
      return item;
    }));
    const timed = state.check || state.decision;  // a question's countdown, or the vote's
    timerBase = timed && timed.remaining !== null ? { remaining: timed.remaining, at: performance.now(), paused: timed.paused } : null;
    renderControls();
    renderStatus();
    renderCheck();
    renderDecision();
    renderHands();
    renderPeople();
    renderTimer();
  }

  function renderTimer() {
    if (state && state.check && state.check.reason === "timer" && !state.check.revealed) { $("timer").textContent = "· time's up"; return; }
    if (state && state.check && state.check.reason === "all_answered" && !state.check.revealed) { $("timer").textContent = "· everyone has answered"; return; }
    if (!timerBase) { $("timer").textContent = ""; return; }
    if (timerBase.paused) { $("timer").textContent = "· timer paused"; return; }
    const left = Math.max(0, timerBase.remaining - (performance.now() - timerBase.at) / 1000);
    $("timer").textContent = "· " + Math.ceil(left) + " s left";
  }

  for (const button of document.querySelectorAll("[data-control]")) {
    button.addEventListener("click", () => {
      const extra = button.dataset.what ? { what: button.dataset.what } : {};
      command(button.dataset.action, extra);
    });
  }
  for (const name of SETTINGS) {
    $("set-" + name).addEventListener("change", (event) => {
      command("settings", { settings: { [name]: event.target.checked } });
    });
  }
  $("hands-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const counts = handsCounts();
    if (!counts) { $("error").textContent = "Type at least one count, or pick a choice."; return; }
    const bad = Object.values(counts).some((n) => !Number.isInteger(n) || n < 0 || n > 9999);
    if (bad) { $("error").textContent = "Counts are whole numbers from 0 to 9999."; return; }
    command("show_of_hands", { counts: counts });
  });
  $("end").addEventListener("click", () => {
    if (confirm("End the session for everyone?")) command("end");
  });
  $("next").addEventListener("click", () => {
    const action = $("next").dataset.action;
    if (action === "end") { if (confirm("End the session for everyone?")) command("end"); }
    else if (action) command(action);
  });
  document.addEventListener("visibilitychange", () => { if (document.visibilityState === "visible") connect(); });
  window.addEventListener("online", connect);
  setInterval(renderTimer, 500);
  connect();
})();
