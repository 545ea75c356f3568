/**
 * Webhook delivery: the body of each payload format, the HMAC signature (`X-Som-Signature: sha256=<hex HMAC-SHA256
 * of the body>`, secret from the environment), the idempotency key (`Idempotency-Key`), retries with exponential
 * backoff, and a dead-letter file (one JSON object per line) for deliveries that keep failing.
 */
import { createHmac } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Alert } from "./alert";
import { readableLine } from "./alert";
import type { WebhookTarget } from "./config";

/** `sha256=<hex>`: the HMAC-SHA256 of `body` under `secret`. */
export function signature(secret: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

/** The body a target of `format` receives. */
export function payload(a: Alert, t: Pick<WebhookTarget, "format" | "telegramChatId">): string {
  if (t.format === "slack") return JSON.stringify({ text: readableLine(a) });
  if (t.format === "telegram") {
    return JSON.stringify({ chat_id: t.telegramChatId, text: readableLine(a), disable_web_page_preview: true });
  }
  return JSON.stringify(a);
}

export interface PostOutcome {
  ok: boolean;
  attempts: number;
  error?: string;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** POSTs `a` to `t`, retrying `t.retries` times with backoff `t.backoffMs`·2^n; each attempt under `timeoutMs`. */
export async function postAlert(a: Alert, t: WebhookTarget, secret: string, timeoutMs = 10_000): Promise<PostOutcome> {
  const body = payload(a, t);
  const headers = {
    "content-type": "application/json",
    "x-som-signature": signature(secret, body),
    "idempotency-key": a.key,
  };
  let error = "";
  for (let attempt = 1; attempt <= t.retries + 1; attempt++) {
    try {
      const res = await fetch(t.url, { method: "POST", headers, body, signal: AbortSignal.timeout(timeoutMs) });
      await res.arrayBuffer().catch(() => undefined);
      if (res.ok) return { ok: true, attempts: attempt };
      error = `HTTP ${res.status}`;
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
    if (attempt <= t.retries) await sleep(t.backoffMs * 2 ** (attempt - 1));
  }
  return { ok: false, attempts: t.retries + 1, error };
}

/** Appends a failed delivery to the dead-letter file. */
export function deadLetter(file: string, a: Alert, t: WebhookTarget, outcome: PostOutcome): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const entry = { at: new Date().toISOString(), url: t.url, format: t.format, ...outcome, alert: a };
  fs.appendFileSync(file, `${JSON.stringify(entry)}\n`);
}
