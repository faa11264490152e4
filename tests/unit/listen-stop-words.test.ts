import { describe, expect, it } from "vitest";
import { reportedState, saysItWorks, saysStop } from "../../src/domain/listen/stop-words.ts";

describe("saysStop", () => {
  it.each([
    "STOP",
    "stop",
    "Stop.",
    "STOP!!!",
    "please stop",
    "stop please",
    "ok stop",
    "just stop it already",
    "STOP STOP STOP",
    "@acme stop",
    "@acme STOP 🙄",
    "stop it, bot",
    "Stop. I don't want bot replies",
    "stop replying",
    "Stop replying to me!",
    "STOP SPAMMING ME",
    "stop tweeting at me",
    "Stop sending me these",
    "stop the bot",
    "please stop the auto-replies",
    "I asked you to stop replying",
    "unsubscribe",
    "Unsubscribe me",
    "leave me alone",
    "Leave me ALONE @acme",
    "no more replies please",
    "no more automated replies",
    "opt out",
    "OPT-OUT",
    "don't reply to me",
    "Do not reply.",
    "dont @ me",
    "stop — i'm talking to a person, not you",
  ])("hears a request in %j", (text) => {
    expect(saysStop(text)).toBe(true);
  });

  it.each([
    "non-stop errors all morning",
    "nonstop",
    "the page can't stop loading",
    "can't stop loading",
    "the spinner won't stop",
    "it won't stop spinning",
    "it stopped working",
    "why did it stop working",
    "the app keeps stopping",
    "bus stop",
    "one-stop shop",
    "Stop the outage please",
    "unstoppable",
    "stopgap fix?",
    "can't stop replying to this thread lol",
    "non-stop replies from everyone",
    "please fix it",
    "acme is down again",
    "",
  ])("hears no request in %j", (text) => {
    expect(saysStop(text)).toBe(false);
  });
});

describe("saysItWorks", () => {
  it.each([
    "it's back",
    "Its back!",
    "It’s back",
    "ok it's back up",
    "back up for me",
    "back online",
    "site is back",
    "Everything's back to normal",
    "working again, thanks",
    "works now 👍",
    "loads fine now",
    "nvm it works now",
    "never mind, it's working again",
    "fixed now",
    "you fixed it, thanks",
    "all good now",
    "all good",
    "It was down for an hour but it's back now",
    "@acme false alarm, sorry",
    "up and running again",
  ])("hears that it works in %j", (text) => {
    expect(saysItWorks(text)).toBe(true);
  });

  it.each([
    "still not working",
    "not back",
    "isn't back up",
    "it's not back yet",
    "not working again",
    "not fixed now",
    "not all good",
    "is it back?",
    "it's back up?",
    "is it working again",
    "when will it be back up",
    "hope it's fixed soon",
    "it'll be fixed soon I hope",
    "works now? nope",
    "it was back for a minute but it's down again",
    "Login works now but payments fail",
    "partially back",
    "back up your files",
    "I'm back",
    "still down",
    "what is up with your app",
    "can't log in",
    "thanks",
    "",
  ])("hears no recovery in %j", (text) => {
    expect(saysItWorks(text)).toBe(false);
  });
});

describe("reportedState", () => {
  it.each<[string, "works" | "broken" | null]>([
    ["acme is down", "broken"],
    ["still not working", "broken"],
    ["it's back", "works"],
    ["down for an hour, but it's back now", "works"],
    ["it's back but login fails", "broken"],
    ["is it back?", null],
    ["thanks for the update", null],
  ])("reads %j as %s", (text, state) => {
    expect(reportedState(text)).toBe(state);
  });
});
