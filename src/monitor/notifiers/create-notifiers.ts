import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { NotifierSettings } from '../../manifest/schema.js';
import { createEmailNotifier } from './email-notifier.js';
import type { Notifier } from './notification.js';
import { createNtfyNotifier } from './ntfy-notifier.js';
import { createSlackNotifier } from './slack-notifier.js';
import { createWebhookNotifier } from './webhook-notifier.js';

/** The SMTP password of email notifier `<name>` lives in the secret file `notifier-<name>-password`. */
export function notifierPasswordSecret(name: string): string {
  return `notifier-${name.toLowerCase().replace(/[^a-z0-9-]+/g, '-')}-password`;
}

/** Notifiers from `monitor.notifiers` in aistack.yaml. */
export function createNotifiers(
  settings: readonly NotifierSettings[] | undefined,
  options: { readonly secretsDirectory: string },
): Notifier[] {
  return (settings ?? []).map((setting) => {
    switch (setting.type) {
      case 'webhook':
        return createWebhookNotifier(setting.name, setting.url);
      case 'slack':
        return createSlackNotifier(setting.name, setting.url);
      case 'ntfy':
        return createNtfyNotifier(setting.name, setting.url, setting.topic);
      case 'email':
        return createEmailNotifier({
          name: setting.name,
          host: setting.host,
          port: setting.port,
          secure: setting.secure ?? setting.port === 465,
          from: setting.from,
          to: setting.to,
          ...(setting.user === undefined ? {} : { user: setting.user }),
          readPassword: async () =>
            (await readFile(path.join(options.secretsDirectory, notifierPasswordSecret(setting.name)), 'utf8')).trim(),
        });
    }
  });
}
