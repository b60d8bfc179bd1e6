// Load compiled ink JSON and play it at random: node ink_play.js STORY.json PLAY_SECONDS SEED
// Prints the epoch time at which the story was loaded, then decisions per second of play
// (wall clock, and per CPU second of this process).
"use strict";
const fs = require("fs");
const { Story } = require("inkjs");

const epoch = () => (performance.timeOrigin + performance.now()) / 1000;
const story = new Story(fs.readFileSync(process.argv[2], "utf8"));
const loaded = epoch();
const heapMb = process.memoryUsage().rss / 1048576;
const playSeconds = Number(process.argv[3] || "0");
let seed = Number(process.argv[4] || "1");
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
let decisions = 0;
let endings = 0;
const cpu = process.cpuUsage();
const begin = performance.now();
while (playSeconds > 0 && performance.now() - begin < playSeconds * 1000) {
  while (story.canContinue) story.Continue();
  const choices = story.currentChoices;
  if (choices.length === 0) {
    endings += 1;
    story.ResetState();
    continue;
  }
  story.ChooseChoiceIndex(Math.floor(random() * choices.length));
  decisions += 1;
}
const played = (performance.now() - begin) / 1000;
const used = process.cpuUsage(cpu);
const cpuSeconds = (used.user + used.system) / 1e6;
console.log(JSON.stringify({
  loaded,
  rss_after_load_mb: heapMb,
  decisions,
  endings,
  decisions_per_s: played > 0 ? decisions / played : 0,
  decisions_per_cpu_s: cpuSeconds > 0 ? decisions / cpuSeconds : 0,
}));
