import { z } from 'zod';
import { canonicalTimeZone } from './digest/calendar.js';

const optionalText = z.string().trim().optional().transform((value) => (value === '' ? undefined : value));

const ConfigSchema = z.object({
  TELEGRAM_BOT_TOKEN: optionalText.refine((token) => token === undefined || /^\d+:[\w-]{20,}$/.test(token), {
    message: 'must look like 123456789:AA... (the token @BotFather gives you)',
  }),
  TELEGRAM_API_ROOT: z.url({ message: 'must be a URL such as https://api.telegram.org' }).default('https://api.telegram.org'),
  DATABASE_PATH: z.string().trim().min(1).default('data/events.db'),
  DATA_DIR: z.string().trim().min(1).default('data'),
  TZ: z.string().trim().default('UTC').transform((name, context) => {
    const timeZone = canonicalTimeZone(name);
    if (timeZone === undefined) context.addIssue({ code: 'custom', message: 'must be an IANA time zone such as Europe/Berlin or Asia/Baku' });
    return timeZone ?? name;
  }),
  WEBHOOK_URL: optionalText.pipe(z.url({ message: 'must be the public https URL Telegram posts updates to' }).optional()),
  WEBHOOK_SECRET: optionalText.refine((secret) => secret === undefined || /^[A-Za-z0-9_-]{1,256}$/.test(secret), {
    message: 'must be 1-256 characters of A-Z, a-z, 0-9, _ and -',
  }),
  WEBHOOK_PORT: z.coerce.number().int().min(1).max(65535).default(8080),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  MAX_DOCUMENT_BYTES: z.coerce.number().int().positive().default(16_000_000),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
}).superRefine((config, context) => {
  if (config.WEBHOOK_URL && !config.WEBHOOK_SECRET) {
    context.addIssue({ code: 'custom', path: ['WEBHOOK_SECRET'], message: 'is required when WEBHOOK_URL is set' });
  }
});

export type Config = z.infer<typeof ConfigSchema>;

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Reads the configuration from an environment; every bad variable is named in one error. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const result = ConfigSchema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `  ${issue.path.join('.') || '(environment)'}: ${issue.message}`);
  throw new ConfigError(`Bad configuration (environment or .env):\n${problems.join('\n')}`);
}
