/**
 * Deterministic fake data for the detector's tests: a seeded PRNG (mulberry32) and helpers that
 * build random-looking tokens at test time, so no secret-shaped literal is checked in.
 */

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const LOWER = 'abcdefghijklmnopqrstuvwxyz';
export const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
export const DIGITS = '0123456789';
export const ALNUM = LOWER + UPPER + DIGITS;
export const HEX = '0123456789abcdef';
export const BASE64 = ALNUM + '+/';
export const BASE64URL = ALNUM + '-_';

const WORDS = [
  'apple', 'river', 'stone', 'cloud', 'maple', 'tiger', 'ocean', 'piano', 'lemon', 'forest', 'rocket', 'silver', 'garden',
  'window', 'planet', 'castle', 'dragon', 'marble', 'pencil', 'shadow', 'thunder', 'violet', 'harbor', 'canyon', 'meadow',
  'falcon', 'copper', 'winter', 'summer', 'orchid', 'quartz', 'saddle', 'lantern', 'velvet', 'horizon', 'crimson', 'battery',
  'staple', 'horse', 'correct', 'purple', 'monkey', 'banana', 'island', 'bridge', 'candle', 'mirror', 'needle', 'puzzle',
];

export class Fake {
  private readonly next: () => number;

  constructor(seed: number) {
    this.next = mulberry32(seed);
  }

  float(): number {
    return this.next();
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)]!;
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  chars(alphabet: string, length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet[this.int(0, alphabet.length - 1)];
    return out;
  }

  /**
   * Random characters with at least one of each class the alphabet offers (digit, lower, upper):
   * long real tokens always have them, and short fakes would otherwise sometimes not.
   */
  mixed(length: number, alphabet: string = ALNUM): string {
    const needs = [/\d/, /[a-z]/, /[A-Z]/].filter((re) => re.test(alphabet));
    for (;;) {
      const s = this.chars(alphabet, length);
      if (needs.every((re) => re.test(s))) return s;
    }
  }

  alnum(length: number): string {
    return this.mixed(length);
  }

  hex(length: number): string {
    for (;;) {
      const s = this.chars(HEX, length);
      if (/\d/.test(s) && /[a-f]/.test(s)) return s;
    }
  }

  lowerAlnum(length: number): string {
    for (;;) {
      const s = this.chars(LOWER + DIGITS, length);
      if (/\d/.test(s) && /[a-z]/.test(s)) return s;
    }
  }

  upperAlnum(length: number): string {
    for (;;) {
      const s = this.chars(UPPER + DIGITS, length);
      if (/\d/.test(s) && /[A-Z]/.test(s)) return s;
    }
  }

  bytes(count: number): Buffer {
    const out = Buffer.alloc(count);
    for (let i = 0; i < count; i++) out[i] = this.int(0, 255);
    return out;
  }

  base64(byteCount: number): string {
    for (;;) {
      const s = this.bytes(byteCount).toString('base64');
      if (/\d/.test(s) && /[a-z]/.test(s) && /[A-Z]/.test(s)) return s;
    }
  }

  base64url(byteCount: number): string {
    for (;;) {
      const s = this.bytes(byteCount).toString('base64url');
      if (/\d/.test(s) && /[a-z]/.test(s) && /[A-Z]/.test(s)) return s;
    }
  }

  guid(): string {
    return `${this.chars(HEX, 8)}-${this.chars(HEX, 4)}-4${this.chars(HEX, 3)}-${this.pick(['8', '9', 'a', 'b'])}${this.chars(HEX, 3)}-${this.chars(HEX, 12)}`;
  }

  word(): string {
    return this.pick(WORDS);
  }

  words(count: number, separator: string): string {
    return Array.from({ length: count }, () => this.word()).join(separator);
  }

  /** A password a person might choose: a word, digits and a symbol, in some order. */
  humanPassword(): string {
    const word = this.word();
    const cap = this.chance(0.6) ? word[0]!.toUpperCase() + word.slice(1) : word;
    const digits = String(this.int(1, 9999));
    const symbol = this.pick(['!', '@', '#', '$', '%', '&', '*', '?', '']);
    return this.pick([`${cap}${digits}${symbol}`, `${digits}${cap}${symbol}`, `${cap}${symbol}${digits}`, `${cap}_${this.word()}${digits}`]);
  }

  /** A generated password with symbols, as password managers produce. */
  strongPassword(length: number): string {
    for (;;) {
      const s = this.chars(ALNUM + '!@#%^&*()-_=+[]{}<>?', length);
      if (/\d/.test(s) && /[a-z]/.test(s) && /[A-Z]/.test(s) && /[^A-Za-z0-9]/.test(s)) return s;
    }
  }

  /** A base64url JSON segment, as in a JWT. */
  jsonSegment(value: object): string {
    return Buffer.from(JSON.stringify(value)).toString('base64url');
  }

  jwt(payload: object): string {
    return `${this.jsonSegment({ alg: 'HS256', typ: 'JWT' })}.${this.jsonSegment(payload)}.${this.base64url(32)}`;
  }

  /** A PEM private key body with real-looking base64 lines. */
  pem(label: string, lines = 12): string {
    const body = Array.from({ length: lines }, () => this.base64(48)).join('\n');
    return `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----`;
  }
}

/** camelCase and lower-case variants of an UPPER_SNAKE key, as people write them. */
export function keyVariants(key: string): string[] {
  const words = key.toLowerCase().split('_');
  const camel = words[0]! + words.slice(1).map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
  return [key, camel, key.toLowerCase(), words.join('-'), words.join('.')];
}
