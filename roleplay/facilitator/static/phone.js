// The phone page: join a room, answer the knowledge check, vote at each decision, survive sleep
// and lost networks.
// Plain JavaScript, no framework. Text from the server is only ever set with textContent.
"use strict";
(() => {
  const $ = (id) => document.getElementById(id);
  const store = {
    get(key) { try { return localStorage.getItem(key); } catch (e) { return null; } },
    set(key, value) { try { localStorage.setItem(key, value); } catch (e) { /* private mode */ } },
    del(key) { try { localStorage.removeItem(key); } catch (e) { /* private mode */ } },
  };
  const cleanCode = (text) => (text || "").toUpperCase().replace(/[^A-Z]/g, "").slice(0, 4);
  const params = new URLSearchParams(location.search);
  let room = cleanCode(params.get("room") || store.get("roleplay.room"));
  let socket = null;
  let joining = null;          // {nickname} while a join is being sent
  let state = null;            // the last snapshot
  let myVote = null;           // the vote the server acknowledged
  let pending = null;          // {decision, choice} not yet acknowledged
  let myAnswer = null;         // the knowledge-check answer the server acknowledged
  let pendingAnswer = null;    // {phase, question, option} not yet acknowledged
  let shownQuestion = null;
  let retryDelay = 1000;
  let retryTimer = null;
  let hiddenAt = 0;
  let timerBase = null;        // {remaining, at, paused}
  let lastAnnounced = "";
  let lastNews = "";           // the last phase change announced
  let shownDecision = null;

  // Team mode: one phone per table, so the page speaks to the table. Known from the QR link
  // (&teams=1) before joining, and from every snapshot afterwards.
  const WORDING = {
    false: { name: "Your name in the room", you: "You are", vote: "Which would you choose?",
             help: "Tap a choice to vote. You can change your vote until voting closes.",
             check: "Tap an answer. You can change it until answers close." },
    true: { name: "Your table's name", you: "Your table:", vote: "Which would your table choose?",
            help: "Agree at your table, then tap a choice. You can change your table's vote until voting closes.",
            check: "Agree at your table, then tap an answer. You can change it until answers close." },
  };
  let teams = null;
  function applyTeams(on) {
    if (teams === on) return;
    teams = on;
    const words = WORDING[on];
    $("nickname-label").textContent = words.name;
    $("you-label").textContent = words.you;
    $("vote-title").textContent = words.vote;
    $("vote-help").textContent = words.help;
    $("check-help").textContent = words.check;
  }

  const tokenKey = () => "roleplay.token." + room;
  const pendingKey = () => "roleplay.pending." + room;
  const answerKey = () => "roleplay.answer." + room;

  function deviceId() {
    let id = store.get("roleplay.device");
    if (!id) {
      const bytes = new Uint8Array(16);
      crypto.getRandomValues(bytes);
      id = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
      store.set("roleplay.device", id);
    }
    return id;
  }

  function announce(text) {
    if (text === lastAnnounced) return;
    lastAnnounced = text;
    $("live").textContent = text;
  }

  function setConnection(kind) {
    const label = { online: "Connected", offline: "Offline: reconnecting…", connecting: "Connecting…" };
    $("connection").dataset.state = kind;
    $("connection").textContent = label[kind];
  }

  function send(message) {
    if (socket && socket.readyState === WebSocket.OPEN) {
      socket.send(JSON.stringify(message));
      return true;
    }
    return false;
  }

  function connect() {
    clearTimeout(retryTimer);
    if (state && state.phase === "ended") return;  // the final screen stays
    if (socket && socket.readyState <= WebSocket.OPEN) return;
    const token = room ? store.get(tokenKey()) : null;
    if (!token && !joining) { showJoin(""); return; }
    setConnection("connecting");
    const scheme = location.protocol === "https:" ? "wss://" : "ws://";
    const ws = new WebSocket(scheme + location.host + "/ws");
    socket = ws;
    ws.onopen = () => {
      retryDelay = 1000;
      setConnection("online");
      if (token) send({ type: "rejoin", room: room, token: token });
      else send({ type: "join", room: room, nickname: joining.nickname, device: deviceId() });
    };
    ws.onmessage = (event) => {
      let message;
      try { message = JSON.parse(event.data); } catch (e) { return; }
      receive(message);
    };
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      if (state && state.phase === "ended") return;  // the host has closed: nothing to rejoin
      setConnection("offline");
      if (store.get(tokenKey())) {
        retryTimer = setTimeout(connect, retryDelay);
        retryDelay = Math.min(retryDelay * 2, 10000);
      }
    };
  }

  // After sleep, an app switch or a network change the old socket may be dead without knowing
  // it: open a fresh one (the server sends a full snapshot on every connect).
  function reconnectNow(force) {
    if (force && socket && store.get(tokenKey())) {
      const old = socket;
      socket = null;
      old.close();
    }
    retryDelay = 1000;
    connect();
  }

  function forget(message) {
    store.del(tokenKey());
    store.del(pendingKey());
    store.del(answerKey());
    pending = null;
    pendingAnswer = null;
    myVote = null;
    myAnswer = null;
    state = null;
    showJoin(message);
  }

  function receive(message) {
    switch (message.type) {
      case "welcome":
        store.set(tokenKey(), message.token);
        store.set("roleplay.room", room);
        joining = null;
        $("you-name").textContent = message.nickname;
        showRoom();
        break;
      case "snapshot":
        onSnapshot(message);
        break;
      case "progress":
        if (state) { state.progress = message; renderProgress(); }
        break;
      case "vote_ack":
        myVote = message.choice;
        pending = null;
        store.del(pendingKey());
        if (state) {
          state.my_vote = myVote;
          state.progress = { decision: message.decision, voted: message.voted, eligible: message.eligible };
          renderProgress();
        }
        renderChoices();
        announce("Vote recorded: " + choiceText(myVote) + ". " + progressText());
        break;
      case "answer_ack":
        myAnswer = message.option;
        pendingAnswer = null;
        store.del(answerKey());
        if (state) {
          state.my_answer = myAnswer;
          state.progress = { decision: null, check: { phase: message.phase, question: message.question },
                             voted: message.answered, eligible: message.eligible };
          renderProgress();
        }
        renderCheck();
        announce("Answer recorded: " + optionText(myAnswer) + ". " + progressText());
        break;
      case "removed":
        forget(message.reason === "banned"
          ? "The facilitator removed this device from the room."
          : "The facilitator removed you from the room. You can join again.");
        break;
      case "left":
        forget("You left the room.");
        break;
      case "error":
        onError(message);
        break;
      default:
        break;
    }
  }

  function onError(message) {
    if (message.code === "unknown_token") { forget(message.message); return; }
    if (joining || !store.get(tokenKey())) {
      joining = null;
      showJoin(message.message);
      if (socket) socket.close();
      return;
    }
    if (message.code === "vote_closed") { pending = null; store.del(pendingKey()); renderChoices(); }
    if (message.code === "check_closed") { pendingAnswer = null; store.del(answerKey()); renderCheck(); }
    announce(message.message);
  }

  function onSnapshot(snapshot) {
    state = snapshot;
    applyTeams(Boolean(snapshot.teams));
    myVote = snapshot.my_vote;
    if (snapshot.you) $("you-name").textContent = snapshot.you.nickname;
    const decision = snapshot.decision;
    if (!pending) {
      try { pending = JSON.parse(store.get(pendingKey()) || "null"); } catch (e) { pending = null; }
    }
    if (pending && decision && decision.open && decision.number === pending.decision) {
      if (pending.choice !== myVote) send({ type: "vote", decision: pending.decision, choice: pending.choice });
      else { pending = null; store.del(pendingKey()); }
    } else if (pending) {
      pending = null;
      store.del(pendingKey());
    }
    resendAnswer(snapshot.check);
    const timed = snapshot.check || decision;  // a question's countdown is shown as a vote's
    timerBase = timed && timed.remaining !== null
      ? { remaining: timed.remaining, at: performance.now(), paused: timed.paused }
      : null;
    showRoom();
    render();
    if (snapshot.phase === "ended") endSession();
  }

  // The session is over: nothing to reconnect to or leave; the phone forgets the room.
  function endSession() {
    clearTimeout(retryTimer);
    store.del(tokenKey());
    store.del(pendingKey());
    store.del(answerKey());
    $("connection").hidden = true;
    $("leave").hidden = true;
  }

  // An answer given while offline (or not yet acknowledged) goes out again if its question is
  // still open; otherwise it is dropped.
  function resendAnswer(check) {
    myAnswer = state.my_answer;
    if (!pendingAnswer) {
      try { pendingAnswer = JSON.parse(store.get(answerKey()) || "null"); } catch (e) { pendingAnswer = null; }
    }
    if (!pendingAnswer) return;
    const same = check && check.open && check.phase === pendingAnswer.phase && check.number === pendingAnswer.question;
    if (same && pendingAnswer.option !== myAnswer) {
      send({ type: "answer", phase: pendingAnswer.phase, question: pendingAnswer.question, option: pendingAnswer.option });
    } else {
      pendingAnswer = null;
      store.del(answerKey());
    }
  }

  function optionText(id) {
    const check = state && state.check;
    const found = check && check.options.find((o) => o.id === id);
    return found ? found.text : "";
  }

  // A choice's text: from the open decision, or once it is played from the played snapshot
  // (the decision is gone from the snapshot by then).
  function choiceText(id) {
    const choices = (state && state.decision && state.decision.choices)
      || (state && state.played && state.played.choices) || [];
    const found = choices.find((c) => c.id === id);
    return found ? found.text : "";
  }

  const STATUS = {
    lobby: ["You're in", "The session will start soon. Watch the big screen."],
    check: ["Knowledge check", ""],
    story: ["Watch the big screen", "The story is playing. Voting opens at the next decision."],
    vote: ["Vote now", ""],
    closed: ["Voting has closed", "Waiting for the facilitator."],
    ending: ["The story has ended", ""],
    ended: ["The session is over", "Thank you for taking part. The facilitator has the session's report."],
  };
  // Without a big screen (a headless host) the facilitator tells the story: no screen to watch.
  const NO_SCREEN = {
    lobby: ["You're in", "The session will start soon."],
    story: ["The facilitator is playing the story", "Listen in. Voting opens at the next decision."],
  };

  function statusWords(state) {
    const words = !state.big_screen && NO_SCREEN[state.phase];
    return words || STATUS[state.phase] || STATUS.story;
  }

  // What a screen reader hears when the phase changes (the tally's ticks are not announced).
  function phaseNews(state) {
    const decision = state.decision;
    if (state.phase === "vote" && decision) return "Vote now. " + situationText(decision.situation);
    if (state.phase === "closed" && state.tally) return "The votes are revealed. " + myVoteText();
    if (state.phase === "closed") return "Voting has closed. " + myVoteText();
    if (state.played && state.phase === "story") return state.played.words;
    if (state.phase === "check" && state.check && state.check.open) return "Question " + state.check.number + ": " + state.check.question;
    if (state.phase === "ending" || state.phase === "ended") return statusWords(state).join(". ");
    return "";
  }

  function situationText(line) {
    if (!line) return "";
    return (line.speaker ? line.speaker + ": " : "") + line.text;
  }

  function myVoteText() {
    const mine = state && state.my_vote;
    return mine ? "You voted: " + choiceText(mine) : "You didn't vote this time.";
  }

  function render() {
    if (!state) return;
    const [title, text] = statusWords(state);
    $("status-title").textContent = title;
    let detail = text;
    if (state.check && state.check.reason === "timer" && !state.check.revealed) {
      $("status-title").textContent = "Time's up";
      detail = "Answers are closed. Waiting for the facilitator to show the right answer.";
      announce("Time's up. " + detail);
    } else if (state.check && state.check.reason === "all_answered" && !state.check.revealed) {
      $("status-title").textContent = "Everyone has answered";
      detail = "Waiting for the facilitator to show the right answer.";
      announce("Everyone has answered. " + detail);
    }
    if (state.played && state.phase === "story") detail = state.played.words;
    if (state.phase === "ending" && state.ending) detail = state.ending.title;
    if (state.phase === "ending" && state.check_summary) detail += summaryText(state.check_summary);
    $("status-text").textContent = detail;
    const line = state.decision ? state.decision.situation : state.line;
    $("situation").hidden = !line;
    $("situation-speaker").textContent = line && line.speaker ? line.speaker + ":" : "";
    $("situation-text").textContent = line ? line.text : "";
    const news = phaseNews(state);
    if (news && news !== lastNews) { lastNews = news; announce(news); }
    $("discussion-area").hidden = !state.discussion;
    $("discussion").textContent = state.discussion || "";
    renderChoices();
    renderCheck();
    renderTally();
    renderProgress();
    renderTimer();
  }

  // One answer as a list item: a button with its text (set as text, never as markup) and a
  // mark saying "Your vote", "Right answer" and the like.
  function choiceItem(id, words, onClick) {
    const item = document.createElement("li");
    const button = document.createElement("button");
    button.type = "button";
    button.className = "choice";
    button.dataset.id = id;
    const text = document.createElement("span");
    text.textContent = words;
    const mark = document.createElement("span");
    mark.className = "mark";
    button.append(text, mark);
    button.addEventListener("click", onClick);
    item.append(button);
    return item;
  }

  function renderChoices() {
    const decision = state && state.decision;
    $("vote-area").hidden = !decision;
    if (!decision) { shownDecision = null; return; }
    const list = $("choices");
    const key = decision.number + ":" + decision.choices.map((c) => c.id).join(",");
    if (shownDecision !== key) {
      shownDecision = key;
      list.replaceChildren(...decision.choices.map(
        (choice) => choiceItem(choice.id, choice.text, () => vote(choice.id))));
    }
    $("vote-help").textContent = decision.open ? WORDING[Boolean(teams)].help
      : "Voting has closed. " + myVoteText();
    const selected = pending ? pending.choice : myVote;
    for (const button of list.querySelectorAll("button.choice")) {
      const chosen = button.dataset.id === selected;
      button.setAttribute("aria-pressed", chosen ? "true" : "false");
      button.disabled = !decision.open;
      button.querySelector(".mark").textContent = !chosen ? ""
        : (pending ? "Sending your vote…" : "Your vote");
    }
  }

  function summaryText(summary) {
    const parts = [];
    if (summary.before !== null) parts.push(summary.before + "% before the story");
    if (summary.after !== null) parts.push(summary.after + "% after it");
    return parts.length ? " · Knowledge check, right answers: " + parts.join(", ") + "." : "";
  }

  const PHASE_WORDS = { before: "Before the story", after: "After the story" };

  // The knowledge check: the question, one button per answer; once revealed, the split on each
  // answer, the right one marked, and why (the right answer's explanation, and this
  // participant's own if it was another).
  function renderCheck() {
    const check = state && state.check;
    $("check-area").hidden = !check;
    if (!check) { shownQuestion = null; return; }
    $("check-label").textContent = PHASE_WORDS[check.phase] + " · question " + check.number + " of " + check.count;
    $("check-question").textContent = check.question;
    $("check-help").hidden = !check.open;
    const list = $("options");
    const key = check.phase + ":" + check.number;
    if (shownQuestion !== key) {
      shownQuestion = key;
      list.replaceChildren(...check.options.map((option, index) => {
        const item = choiceItem(option.id, (index + 1) + ". " + option.text, () => answer(option.id));
        const bar = document.createElement("progress");
        bar.setAttribute("aria-hidden", "true");
        bar.hidden = true;
        item.querySelector("button").append(bar);
        return item;
      }));
    }
    const selected = pendingAnswer ? pendingAnswer.option : myAnswer;
    const total = check.tally ? Object.values(check.tally).reduce((a, b) => a + b, 0) : 0;
    for (const button of list.querySelectorAll("button.choice")) {
      const id = button.dataset.id;
      const chosen = id === selected;
      button.setAttribute("aria-pressed", chosen ? "true" : "false");
      button.disabled = !check.open;
      const marks = [];
      if (check.revealed && id === check.correct) marks.push("✓ Right answer");
      if (chosen) marks.push(pendingAnswer ? "Sending your answer…" : "Your answer");
      if (check.revealed) {
        const count = check.tally[id] || 0;
        marks.push(count + " of " + total + (total === 1 ? " answer" : " answers"));
      }
      button.querySelector(".mark").textContent = marks.join(" · ");
      button.classList.toggle("right", Boolean(check.revealed && id === check.correct));
      // once revealed, a wrong answer of this participant's no longer looks picked-and-right
      button.classList.toggle("wrong", Boolean(check.revealed && chosen && id !== check.correct));
      const bar = button.querySelector("progress");
      bar.hidden = !check.revealed;
      bar.max = Math.max(total, 1);
      bar.value = check.revealed ? (check.tally[id] || 0) : 0;
    }
    renderVerdict(check);
  }

  function renderVerdict(check) {
    $("check-result").hidden = !check.revealed;
    if (!check.revealed) return;
    const right = myAnswer === check.correct;
    const verdict = myAnswer === null ? "You did not answer" : (right ? "Right!" : "Not this time");
    $("check-verdict").textContent = verdict;
    $("check-right").textContent = optionText(check.correct);
    $("check-why").textContent = check.explain[check.correct];
    const other = myAnswer !== null && !right;
    $("check-mine").hidden = !other;
    const mine = optionText(myAnswer).replace(/[.!?]$/, "");
    $("check-mine").textContent = other ? "Your answer, “" + mine + "”: " + check.explain[myAnswer] : "";
    announce(verdict + ". The right answer: " + optionText(check.correct));
  }

  function answer(option) {
    const check = state && state.check;
    if (!check || !check.open) return;
    pendingAnswer = { phase: check.phase, question: check.number, option: option };
    store.set(answerKey(), JSON.stringify(pendingAnswer));
    renderCheck();
    if (!send({ type: "answer", phase: check.phase, question: check.number, option: option })) {
      announce("You are offline. Your answer will be sent when you reconnect.");
      connect();
    }
  }

  function renderTally() {
    const tally = state && state.tally;
    $("tally-area").hidden = !tally;
    if (!tally) return;
    const total = Object.values(tally).reduce((a, b) => a + b, 0);
    $("tally").replaceChildren(...Object.entries(tally).map(([id, count]) => {
      const item = document.createElement("li");
      const label = document.createElement("span");
      const yours = state.my_vote === id ? " (your vote)" : "";
      label.textContent = choiceText(id) + " · " + count + (count === 1 ? " vote" : " votes") + yours;
      const bar = document.createElement("progress");
      bar.max = Math.max(total, 1);
      bar.value = count;
      bar.setAttribute("aria-hidden", "true");
      item.append(label, bar);
      return item;
    }));
  }

  // "N of M voted" is shown, not announced at every tick: a screen reader hears it with the
  // acknowledgement of its own vote or answer.
  function progressText() {
    const progress = state && state.progress;
    if (!progress || !(state.check || state.decision)) return "";
    return progress.voted + " of " + progress.eligible + (state.check ? " answered" : " voted");
  }

  function renderProgress() {
    $("progress").textContent = progressText();
  }

  // The countdown of the vote or of the knowledge-check question; "Time's up" once a
  // question's time has run out (the server closes it then).
  function renderTimer() {
    const timer = $("timer");
    const check = state && state.check;
    const timed = check || (state && state.decision);
    if (check && check.reason === "timer" && !check.revealed) {
      timer.hidden = true;  // the heading says "Time's up"
      return;
    }
    if (!timerBase || !timed || !timed.open) { timer.hidden = true; return; }
    timer.hidden = false;
    if (timerBase.paused) { timer.textContent = "Timer paused"; return; }
    const left = Math.max(0, timerBase.remaining - (performance.now() - timerBase.at) / 1000);
    timer.textContent = check && left <= 0 ? "Time's up" : Math.ceil(left) + " s left";
  }

  function vote(choice) {
    const decision = state && state.decision;
    if (!decision || !decision.open) return;
    pending = { decision: decision.number, choice: choice };
    store.set(pendingKey(), JSON.stringify(pending));
    renderChoices();
    if (!send({ type: "vote", decision: decision.number, choice: choice })) {
      announce("You are offline. Your vote will be sent when you reconnect.");
      connect();
    }
  }

  function showJoin(message) {
    $("join-view").hidden = false;
    $("room-view").hidden = true;
    $("room").value = room;
    $("join-error").textContent = message || "";
    document.title = "Join the session";
  }

  function showRoom() {
    if (!$("room-view").hidden) return;
    $("join-view").hidden = true;
    $("room-view").hidden = false;
    document.title = "Room " + room;
    $("main").focus();
  }

  $("join-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const code = cleanCode($("room").value);
    if (code.length !== 4) { $("join-error").textContent = "Enter the four-letter room code."; $("room").focus(); return; }
    room = code;
    joining = { nickname: $("nickname").value.trim().slice(0, 24) };
    $("join-error").textContent = "";
    if (socket) { socket.close(); socket = null; }
    connect();
  });
  $("leave").addEventListener("click", () => {
    if (!send({ type: "leave" })) forget("You left the room.");
  });
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") { hiddenAt = Date.now(); return; }
    const away = hiddenAt ? Date.now() - hiddenAt : 0;
    hiddenAt = 0;
    reconnectNow(away > 5000);
  });
  window.addEventListener("pageshow", (event) => reconnectNow(event.persisted));
  window.addEventListener("online", () => reconnectNow(true));
  window.addEventListener("offline", () => setConnection("offline"));
  setInterval(renderTimer, 250);
  $("room").value = room;
  applyTeams(params.get("teams") === "1");
  connect();
})();
