import nodemailer from 'nodemailer';
import type { Notification, Notifier } from './notification.js';

export interface EmailNotifierOptions {
  readonly name: string;
  readonly host: string;
  readonly port: number;
  /** TLS from the first byte (465); otherwise STARTTLS when offered. */
  readonly secure: boolean;
  readonly from: string;
  readonly to: readonly string[];
  readonly user?: string;
  /** Reads the SMTP password when `user` is set (a secret file, never the manifest). */
  readonly readPassword?: () => Promise<string>;
}

/** SMTP through nodemailer: one message per notification to every recipient. */
export function createEmailNotifier(options: EmailNotifierOptions): Notifier {
  return {
    name: options.name,
    type: 'email',
    async send(notification: Notification, signal: AbortSignal) {
      const password = options.user && options.readPassword ? await options.readPassword() : undefined;
      const transport = nodemailer.createTransport({
        host: options.host,
        port: options.port,
        secure: options.secure,
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 10_000,
        ...(options.user ? { auth: { user: options.user, pass: password ?? '' } } : {}),
      });
      const abort = (): void => transport.close();
      signal.addEventListener('abort', abort, { once: true });
      try {
        await transport.sendMail({
          from: options.from,
          to: [...options.to],
          subject: notification.title,
          text: `${notification.text}\n\n-- aistack monitor (${notification.stack})\n`,
        });
      } catch (error: unknown) {
        const message = error instanceof Error ? error.message : String(error);
        throw new Error(password ? message.split(password).join('***') : message);
      } finally {
        signal.removeEventListener('abort', abort);
        transport.close();
      }
    },
  };
}
