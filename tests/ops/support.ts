import { generateKeyPairSync, sign } from 'node:crypto';
import { Writable } from 'node:stream';
import { pino } from 'pino';

/** A log stream whose lines the test reads back as objects. */
export function memoryLog(): {
  stream: Writable;
  lines: () => Record<string, unknown>[];
  text: () => string;
} {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  const text = () => chunks.join('');
  const lines = () =>
    text()
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { stream, lines, text };
}

/** A pino logger into a memory log, at debug. */
export function memoryLogger() {
  const log = memoryLog();
  return { ...log, logger: pino({ level: 'debug' }, log.stream) };
}

/** An Ed25519 key pair as a Discord application has: the public key as the Developer Portal shows it. */
export function discordKeys() {
  const keys = generateKeyPairSync('ed25519');
  const publicKeyHex = keys.publicKey.export({ format: 'der', type: 'spki' }).subarray(-32).toString('hex');
  return { privateKey: keys.privateKey, publicKeyHex };
}

/** The headers Discord sends with a body it signed. */
export function discordHeaders(privateKey: ReturnType<typeof discordKeys>['privateKey'], body: string) {
  const timestamp = String(Math.floor(Date.now() / 1000));
  return {
    'content-type': 'application/json',
    'x-signature-timestamp': timestamp,
    'x-signature-ed25519': sign(null, Buffer.from(timestamp + body), privateKey).toString('hex'),
  };
}
