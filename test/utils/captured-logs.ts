import type { LoggerService } from '@nestjs/common';

/** Every line the app logs, with its level and context (`app.useLogger(logs)`). */
export class CapturedLogs implements LoggerService {
  readonly lines: { level: string; context?: string; message: string }[] = [];
  private add(level: string, message: unknown, rest: unknown[]) {
    // Nest passes the context last.
    const context = rest.filter((value) => typeof value === 'string').at(-1) as string | undefined;
    this.lines.push({ level, context, message: String(message) });
  }
  log = (message: unknown, ...rest: unknown[]) => this.add('log', message, rest);
  error = (message: unknown, ...rest: unknown[]) => this.add('error', message, rest);
  warn = (message: unknown, ...rest: unknown[]) => this.add('warn', message, rest);
  debug = (message: unknown, ...rest: unknown[]) => this.add('debug', message, rest);
  verbose = (message: unknown, ...rest: unknown[]) => this.add('verbose', message, rest);
  of(context: string) {
    return this.lines.filter((line) => line.context === context);
  }
}
