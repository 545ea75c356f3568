/**
 * Webhook delivery without a chain (src/watch/webhook.ts, deliver.ts): a receiver that fails N times then succeeds
 * gets the alert after N retries spaced by exponential backoff, signed and with its idempotency key; a receiver
 * that always fails leaves one dead-letter line (alert, URL, attempts, last error) and the watcher goes on; the
 * Slack and Telegram bodies have their documented shapes; the config file refuses unknown fields.
 */
import { expect } from "chai";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import type { Alert } from "../../src/watch/alert";
import { ALERT_SCHEMA, readableLine } from "../../src/watch/alert";
import { readWatchConfig, resolveSettings } from "../../src/watch/config";
import type { WebhookTarget } from "../../src/watch/config";
import { deliverTo } from "../../src/watch/deliver";
import { payload, postAlert, signature } from "../../src/watch/webhook";

const SECRET = "webhook-test-secret";

const alert: Alert = {
  schema: ALERT_SCHEMA,
  key: "mint:0xabc:3",
  rule: "mint",
  severity: "info",
  network: "sepolia",
  chainId: 11155111,
  line: "Minted 1,000.00 KGSC (raw 100000) into the reserve by minter 0x…",
  block: 12,
  time: "2026-05-01T10:00:00Z",
  transaction: "0xabc",
  logIndex: 3,
  contract: "SomSupplyController",
  link: "https://sepolia.etherscan.io/tx/0xabc",
  details: { minter: "0x1", amount: "100000" },
};

interface Hit {
  at: number;
  body: string;
  headers: http.IncomingHttpHeaders;
}

/** A receiver answering 500 to its first `failures` requests (Infinity: always), then 200. */
async function receiver(failures: number): Promise<{ url: string; hits: Hit[]; close: () => Promise<void> }> {
  const hits: Hit[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (d: Buffer) => (body += d.toString()));
    req.on("end", () => {
      hits.push({ at: Date.now(), body, headers: req.headers });
      res.writeHead(hits.length <= failures ? 500 : 200).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  const a = server.address();
  const port = typeof a === "object" && a ? a.port : 0;
  return { url: `http://127.0.0.1:${port}/hook`, hits, close: () => new Promise((r) => server.close(() => r())) };
}

const target = (url: string, o: Partial<WebhookTarget> = {}): WebhookTarget => ({
  url,
  format: "generic",
  secretEnv: "SOM_WATCH_WEBHOOK_SECRET",
  retries: 5,
  backoffMs: 40,
  ...o,
});

describe("watch: webhook retries, dead letter and payload formats", function () {
  this.timeout(30_000);

  it("a receiver failing 3 times then answering: delivered on the 4th attempt after 40, 80, 160 ms", async function () {
    const r = await receiver(3);
    try {
      const outcome = await postAlert(alert, target(r.url), SECRET);
      expect(outcome).to.deep.equal({ ok: true, attempts: 4 });
      expect(r.hits.length).to.equal(4);
      const gaps = r.hits.slice(1).map((h, i) => h.at - r.hits[i].at);
      [40, 80, 160].forEach((ms, i) => {
        expect(gaps[i], `gap ${i + 1} of ${JSON.stringify(gaps)}`).to.be.at.least(ms - 5);
        expect(gaps[i], `gap ${i + 1} of ${JSON.stringify(gaps)}`).to.be.below(ms * 2 + 60);
      });
      for (const h of r.hits) {
        expect(h.body).to.equal(JSON.stringify(alert));
        expect(h.headers["x-som-signature"]).to.equal(signature(SECRET, h.body));
        expect(h.headers["idempotency-key"]).to.equal(alert.key);
        expect(h.headers["content-type"]).to.equal("application/json");
      }
    } finally {
      await r.close();
    }
  });

  it("a receiver that always fails: retries+1 attempts, one dead-letter line, the watcher goes on", async function () {
    const r = await receiver(Infinity);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "som-watch-hook-"));
    try {
      const settings = resolveSettings(
        { webhooks: [{ url: r.url, retries: 2, backoffMs: 10 }], deadLetterFile: "dead.jsonl" },
        { chainId: 31337, stateDir: dir, cwd: dir, webhookUrls: [], env: { SOM_WATCH_WEBHOOK_SECRET: SECRET } },
      );
      const err: string[] = [];
      const sinks = {
        out: () => undefined,
        err: (l: string) => err.push(l),
        env: { SOM_WATCH_WEBHOOK_SECRET: SECRET },
      };
      await deliverTo(alert, r.url, settings, sinks);
      expect(r.hits.length).to.equal(3);
      const lines = fs.readFileSync(path.join(dir, "dead.jsonl"), "utf8").trim().split("\n");
      expect(lines.length).to.equal(1);
      const dead = JSON.parse(lines[0]) as { url: string; ok: boolean; attempts: number; error: string; alert: Alert };
      expect(dead).to.include({ url: r.url, ok: false, attempts: 3, error: "HTTP 500" });
      expect(dead.alert).to.deep.equal(alert);
      expect(err).to.deep.equal([`[WATCH] webhook ${r.url} failed 3 time(s) (HTTP 500): dead letter written`]);
    } finally {
      await r.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("Slack gets {text: readable line}; Telegram {chat_id, text}; both signed over the body sent", async function () {
    const r = await receiver(0);
    try {
      expect(JSON.parse(payload(alert, { format: "slack" }))).to.deep.equal({ text: readableLine(alert) });
      await postAlert(alert, target(r.url, { format: "telegram", telegramChatId: "-100123" }), SECRET);
      const body = JSON.parse(r.hits[0].body) as Record<string, unknown>;
      expect(body).to.deep.equal({ chat_id: "-100123", text: readableLine(alert), disable_web_page_preview: true });
      expect(r.hits[0].headers["x-som-signature"]).to.equal(signature(SECRET, r.hits[0].body));
      expect(readableLine(alert)).to.equal(
        `[INFO] mint: ${alert.line} (block 12, tx 0xabc) https://sepolia.etherscan.io/tx/0xabc`,
      );
    } finally {
      await r.close();
    }
  });

  it("a webhook whose secret is not in the environment: refused before the watcher starts", function () {
    expect(() =>
      resolveSettings(
        { webhooks: [{ urlEnv: "SLACK_URL", format: "slack", secretEnv: "SLACK_SECRET" }] },
        { chainId: 1, stateDir: "/tmp", cwd: "/tmp", webhookUrls: [], env: { SLACK_URL: "https://hooks.example" } },
      ),
    ).to.throw("webhook https://hooks.example: the environment variable SLACK_SECRET (its HMAC secret) is not set");
  });
});

describe("watch: the config file goes through the schema reader", function () {
  it("an unknown field is refused with the file, its line and the field", function () {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "som-watch-config-"));
    const file = path.join(dir, "watch.json");
    fs.writeFileSync(file, '{\n  "confirmations": 12,\n  "rangesize": 500\n}\n');
    try {
      expect(() => readWatchConfig(file)).to.throw(/watch\.json.*:3.*rangesize/s);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
