import pino, { type Logger, type LoggerOptions } from 'pino';

/**
 * Paths pino must never print. Cookies carry session tokens, the CSRF header
 * is a per-session secret, and GraphQL variables may hold passwords.
 */
export const REDACTED_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-kefu-csrf"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.passwordHash',
  '*.token',
  '*.secret',
  'variables.input.password',
];

export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    base: { service: 'kefu' },
  };
}

export function createLogger(level: string): Logger {
  return pino(loggerOptions(level));
}
