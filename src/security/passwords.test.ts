import { describe, expect, it } from 'vitest';
import { hashPassword, unknownAccountHash, verifyPassword } from './passwords.js';

describe('password hashes', () => {
  // Made by a server before hashes named their cost (scrypt at Node's default N = 2^14).
  const serverHash = 'scrypt$BwcHBwcHBwcHBwcHBwcHBw$jqNYMZJ6k8yP9UrEwEFdAphyQW3NDqRG8javhwKNA-0';

  it('verifies a hash a server made, and refuses the wrong password', async () => {
    expect(await verifyPassword('correct horse battery', serverHash)).toBe(true);
    expect(await verifyPassword('correct horse batterY', serverHash)).toBe(false);
  });

  it('verifies a hash with the cost it names, and refuses one whose cost was changed or is out of range', async () => {
    const hash = await hashPassword('correct horse battery');
    expect(hash).toMatch(/^scrypt\$[\w-]{22}\$[\w-]{43}\$1024$/);
    expect(await verifyPassword('correct horse battery', hash)).toBe(true);
    expect(await verifyPassword('correct horse battery', hash.replace(/\$1024$/, '$2048'))).toBe(false);
    expect(await verifyPassword('correct horse battery', `${serverHash}$1024`)).toBe(false);
    expect(await verifyPassword('correct horse battery', `${serverHash}$7`)).toBe(false);
    expect(await verifyPassword('correct horse battery', 'bcrypt$x$y')).toBe(false);
  });

  it('matches no password for an unknown account', async () => {
    expect(await verifyPassword('', unknownAccountHash())).toBe(false);
    expect(await verifyPassword('AAAAAAAAAAAAAAAAAAAAAA', unknownAccountHash())).toBe(false);
  });
});
