import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Loopback HTTP servers that speak the LLM providers' wire formats, so the real groq-sdk and @anthropic-ai/sdk run
 * unchanged against them (GROQ_BASE_URL / ANTHROPIC_BASE_URL, or the adapters' baseURL). Test support only.
 *
 * - Groq: OpenAI-compatible `POST /openai/v1/chat/completions`.
 * - Anthropic: `POST /v1/messages`.
 */

export interface LoopbackReply {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Answer this late (the SDK's timeout fires first when shorter). */
  delayMs?: number;
}

interface RecordedRequest {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: any;
}

export interface LlmLoopback {
  /** Base URL to give the SDK. */
  url: string;
  requests: RecordedRequest[];
  /** Sets how every following request is answered. */
  reply(fn: (req: RecordedRequest) => LoopbackReply): void;
  close(): Promise<void>;
}

async function startLoopback(route: string, label: string): Promise<LlmLoopback> {
  const requests: RecordedRequest[] = [];
  let answer: (req: RecordedRequest) => LoopbackReply = () => ({ status: 500, body: { error: { message: `no reply configured on the ${label} loopback` } } });
  const timers = new Set<NodeJS.Timeout>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const recorded: RecordedRequest = { path: req.url ?? '', headers: req.headers, body: text ? JSON.parse(text) : null };
      if (req.method !== 'POST' || recorded.path.split('?')[0] !== route) {
        res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: `${label} loopback: no route ${req.method} ${req.url}` } }));
        return;
      }
      requests.push(recorded);
      const r = answer(recorded);
      const send = () => {
        if (res.destroyed) return;
        res.writeHead(r.status ?? 200, { 'content-type': 'application/json', ...r.headers }).end(JSON.stringify(r.body ?? {}));
      };
      if (r.delayMs) {
        const t = setTimeout(() => {
          timers.delete(t);
          send();
        }, r.delayMs);
        timers.add(t);
      } else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    reply(fn) {
      answer = fn;
    },
    async close() {
      for (const t of timers) clearTimeout(t);
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

export const startGroqLoopback = () => startLoopback('/openai/v1/chat/completions', 'Groq');
export const startAnthropicLoopback = () => startLoopback('/v1/messages', 'Anthropic');

/** A Groq (OpenAI-compatible) chat completion. */
export function groqCompletion(content: string, opts: { model?: string; promptTokens?: number; completionTokens?: number; finishReason?: string; refusal?: string } = {}) {
  const usage = { prompt_tokens: opts.promptTokens ?? 812, completion_tokens: opts.completionTokens ?? 96 };
  return {
    id: 'chatcmpl-loopback-1',
    object: 'chat.completion',
    created: 1_763_000_000,
    model: opts.model ?? 'openai/gpt-oss-120b',
    choices: [{ index: 0, message: { role: 'assistant', content, ...(opts.refusal ? { refusal: opts.refusal } : {}) }, logprobs: null, finish_reason: opts.finishReason ?? 'stop' }],
    usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
    system_fingerprint: 'fp_loopback',
    x_groq: { id: 'req_loopback' },
  };
}

/** Groq's 429 body. */
export function groqRateLimited(): LoopbackReply {
  return {
    status: 429,
    headers: { 'retry-after': '0', 'x-ratelimit-remaining-requests': '0' },
    body: { error: { message: 'Rate limit reached for model `openai/gpt-oss-120b` on requests per minute (RPM): Limit 30, Used 30, Requested 1.', type: 'requests', code: 'rate_limit_exceeded' } },
  };
}

/** An Anthropic Messages API response. */
export function anthropicMessage(text: string, opts: { model?: string; inputTokens?: number; outputTokens?: number; stopReason?: string } = {}) {
  return {
    id: 'msg_loopback_1',
    type: 'message',
    role: 'assistant',
    model: opts.model ?? 'claude-haiku-4-5',
    content: text ? [{ type: 'text', text }] : [],
    stop_reason: opts.stopReason ?? 'end_turn',
    stop_sequence: null,
    usage: { input_tokens: opts.inputTokens ?? 1024, output_tokens: opts.outputTokens ?? 128 },
  };
}

/** Anthropic's 429 body. */
export function anthropicRateLimited(): LoopbackReply {
  return { status: 429, headers: { 'retry-after': '0', 'anthropic-ratelimit-requests-remaining': '0' }, body: { type: 'error', error: { type: 'rate_limit_error', message: 'Number of requests has exceeded your rate limit.' } } };
}
