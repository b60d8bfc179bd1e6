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
      setConnection("offline", "Offline: reconnecting…");
      if (token) retryTimer = setTimeout(connect, 2000);
    };
  }

  function cell(text) {
    const td = document.createElement("td");
    td.textContent = text;
    return td;
  }

  function actionButton(label, action, extra) {
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = label;
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
    for (const button of document.querySelectorAll("[data-check]")) button.hidden = !check;
    if (!check) return;
    const phase = check.phase === "before" ? "before the story" : "after the story";
    $("check-question").textContent = "Question " + check.number + " of " + check.count + ", " + phase +
      (check.revealed ? " (answer shown)" : (check.open ? "" : (check.reason === "timer" ? " (time's up)" : " (closed)"))) + ": " + check.question;
    $("check-options").replaceChildren(...check.options.map((option) => {
      const row = document.createElement("tr");
      const right = option.id === check.correct;
      row.append(cell((right ? "✓ right: " : "") + option.text), cell(String(check.tally[option.id] || 0)),
                 cell(check.explain[option.id]));
      return row;
    }));
  }

  function renderDecision() {
    const decision = state.decision;
    $("decision").hidden = !decision;
    if (!decision) return;
    $("choices").replaceChildren(...decision.choices.map((choice) => {
      const row = document.createElement("tr");
      const actions = document.createElement("td");
      actions.className = "row-actions";
      actions.append(actionButton("Play this", "play", { choice: choice.id }),
                     actionButton("Preview", "preview", { choice: choice.id }));
      row.append(cell(choice.text), cell(String((state.tally || {})[choice.id] || 0)), cell(effects(choice)), actions);
      return row;
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
      const row = document.createElement("tr");
      const actions = document.createElement("td");
      actions.className = "row-actions";
      actions.append(actionButton("Remove", "kick", { player: person.player }),
                     actionButton("Ban device", "ban", { player: person.player }));
      row.append(cell(person.nickname), cell(person.connected ? "yes" : "no"), actions);
      return row;
    }));
    for (const name of SETTINGS) {
      $("set-" + name).checked = Boolean(state.settings[name]);
    }
    $("set-check-label").hidden = !state.has_check;
  }

  function render() {
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
    // the timer buttons act on the question during the knowledge check
    document.querySelector('[data-action="end_now"]').textContent = state.check ? "End question now" : "End vote now";
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

  for (const button of document.querySelectorAll("[data-action]")) {
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
  document.addEventListener("visibilitychange", () => { if (document.visibilityState === "visible") connect(); });
  window.addEventListener("online", connect);
  setInterval(renderTimer, 500);
  connect();
})();
