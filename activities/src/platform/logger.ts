import pino, { type Logger } from 'pino';
import { Writable } from 'node:stream';
import { insertSystemLogEntries, type Db, type NewSystemLogEntry } from '@argus/db';
import { redactTokens, scrubValue } from './scrub';

export type { Logger };

export interface LoggerHandle {
  logger: Logger;
  /** Starts copying warn and error lines into system_log (seed 004's SystemLog). */
  attachSystemLog(knex: Db, opts: { maxPerMinute: number }): SystemLogSink;
}

export interface SystemLogSink {
  flush(): Promise<void>;
  stop(): Promise<void>;
  readonly dropped: number;
}

const PINO_LEVELS: Record<number, string> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };

export function createLogger(opts: { level: string; component: string; pretty?: boolean }): LoggerHandle {
  const streams = pino.multistream([{ level: opts.level as pino.Level, stream: process.stdout }]);
  const logger = pino(
    {
      level: opts.level,
      base: { component: opts.component },
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          'password',
          'token',
          'accessToken',
          'refreshToken',
          'secret',
          '*.password',
          '*.currentPassword',
          '*.newPassword',
          '*.token',
          '*.accessToken',
          '*.refreshToken',
          '*.secret',
          '*.apiKey',
        ],
        censor: '[redacted]',
      },
      // No token in a message either (a mail body, a URL with ?token=…): every Argus token format, JWTs, keys.
      hooks: {
        logMethod(args, method) {
          for (let i = 0; i < args.length; i++) if (typeof args[i] === 'string') (args as unknown[])[i] = redactTokens(args[i] as string);
          return method.apply(this, args);
        },
      },
    },
    streams,
  );

  return {
    logger,
    attachSystemLog(knex, { maxPerMinute }) {
      let buffer: NewSystemLogEntry[] = [];
      let windowStart = Date.now();
      let inWindow = 0;
      let dropped = 0;
      let flushing: Promise<void> = Promise.resolve();

      const writeBatch = async () => {
        const rows = buffer;
        buffer = [];
        if (!rows.length) return;
        try {
          await insertSystemLogEntries(knex, rows);
        } catch {
          // The database being down is itself logged to stdout; never recurse into the sink.
          dropped += rows.length;
        }
      };
      const flush = () => (flushing = flushing.then(writeBatch));
      const timer = setInterval(() => void flush(), 500);
      timer.unref();

      streams.add({
        level: 'warn',
        stream: new Writable({
          write(chunk, _enc, done) {
            const now = Date.now();
            if (now - windowStart > 60_000) {
              windowStart = now;
              inWindow = 0;
            }
            // A volume cap keeps an error storm from flooding Postgres; the overflow still reaches stdout.
            if (++inWindow > maxPerMinute) {
              dropped++;
              return done();
            }
            try {
              const line = JSON.parse(chunk.toString()) as Record<string, unknown>;
              const { level, msg, component, err, time: _time, pid: _pid, hostname: _host, ...context } = line;
              const error = err as { stack?: string; message?: string } | undefined;
              buffer.push({
                level: PINO_LEVELS[level as number] ?? String(level),
                message: String(msg ?? error?.message ?? ''),
                component: String(component ?? opts.component),
                context: JSON.stringify(scrubValue(context)),
                stackTrace: error?.stack ?? null,
              });
              if (buffer.length >= 100) void flush();
            } catch {
              dropped++;
            }
            done();
          },
        }),
      });

      return {
        flush: () => flush(),
        async stop() {
          clearInterval(timer);
          await flush();
        },
        get dropped() {
          return dropped;
        },
      };
    },
  };
}
