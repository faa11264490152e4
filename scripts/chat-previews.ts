// Draws each chat platform's message for the README: renders a sample update
// and a confirmation per platform, posts them to the test receivers (which
// check them as the platform would), and screenshots the receivers' /preview
// in headless Chromium, one PNG per platform in docs/chat/.
//
//   node scripts/chat-previews.ts
import { mkdirSync } from "node:fs";
import { chatConfirmationBody, chatKinds, chatUpdateBody } from "../src/render/chat/index.ts";
import { startChatReceivers } from "../tests/support/chat-receivers.ts";
import { sampleUpdate } from "../tests/support/chat-samples.ts";
import { launchChromium } from "../tests/support/servers.ts";

const out = new URL("../docs/chat/", import.meta.url);
mkdirSync(out, { recursive: true });

const update = sampleUpdate();
const confirmation = {
  pageName: update.pageName,
  pageUrl: update.pageUrl,
  confirmUrl: `${update.pageUrl}/subscribe/chat/confirm?token=3f9c2a`,
  components: ["API", "Dashboard"],
};

const receivers = await startChatReceivers();
const browser = await launchChromium();
try {
  for (const kind of chatKinds) {
    for (const body of [chatUpdateBody(kind, update), chatConfirmationBody(kind, confirmation)]) {
      const res = await fetch(`${receivers.url}/${kind}/preview`, { method: "POST", body: JSON.stringify(body) });
      if (res.status >= 300) throw new Error(`${kind} refused the sample: ${res.status} ${await res.text()}`);
    }
  }
  const page = await browser.newPage({ viewport: { width: 640, height: 900 }, deviceScaleFactor: 1 });
  for (const kind of chatKinds) {
    await page.goto(`${receivers.url}/preview?kind=${kind}`);
    const file = new URL(`${kind}.png`, out);
    await page.locator(`#kind-${kind}`).screenshot({ path: file.pathname });
    console.log(`wrote docs/chat/${kind}.png`);
  }
} finally {
  await browser.close();
  await receivers.close();
}
