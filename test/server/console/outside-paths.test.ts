import { describe, expect, it } from 'vitest';
import { parseManifest } from '../../../src/manifest/parse.js';
import { findOutsidePaths } from '../../../src/server/console/outside-paths.js';

const parse = (text: string) => parseManifest(`name: demo\ndomain: ai.example.com\n${text}`, 'aistack.yaml', []);

describe('findOutsidePaths', () => {
  it('finds TLS files and the backup directory outside the project, relative ones that climb out too', () => {
    const manifest = parse(
      'tls: { mode: files, certificate: /etc/ssl/cert.pem, key: ../keys/key.pem, chain: certs/chain.pem }\nbackup: { directory: /srv/backups }\n',
    );
    expect(findOutsidePaths(manifest, '/home/me/stack')).toEqual([
      { key: 'tls.certificate', value: '/etc/ssl/cert.pem', resolved: '/etc/ssl/cert.pem' },
      { key: 'tls.key', value: '../keys/key.pem', resolved: '/home/me/keys/key.pem' },
      { key: 'backup.directory', value: '/srv/backups', resolved: '/srv/backups' },
    ]);
  });

  it('accepts paths inside the project, absolute or relative', () => {
    const manifest = parse(
      'tls: { mode: acme, email: a@example.com, caFile: /home/me/stack/ca.pem }\nbackup: { directory: .aistack/backups }\n',
    );
    expect(findOutsidePaths(manifest, '/home/me/stack')).toEqual([]);
  });
});
