import { hash, verify } from '@node-rs/argon2';
import { zxcvbn, zxcvbnOptions } from '@zxcvbn-ts/core';
import * as zxcvbnCommon from '@zxcvbn-ts/language-common';
import * as zxcvbnEn from '@zxcvbn-ts/language-en';

// OWASP's argon2id baseline: 19 MiB, 2 iterations, 1 lane.
const OPTIONS = { algorithm: 2 /* Argon2id */, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** Compared against when the e-mail is unknown, so a login takes the same time either way. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword('argus-timing-equaliser');
  return dummyHash;
}

// ---------------------------------------------------------------------------------------------------------
// Strength: zxcvbn-ts estimates how guessable a password is (dictionaries, names, keyboard walks, dates,
// l33t, repeats) instead of only counting characters. Score 0–4; Argus requires 3 ("safely unguessable").
// ---------------------------------------------------------------------------------------------------------

const MIN_PASSWORD_SCORE = 3;

let configured = false;
function configure() {
  if (configured) return;
  zxcvbnOptions.setOptions({
    dictionary: { ...zxcvbnCommon.dictionary, ...zxcvbnEn.dictionary },
    graphs: zxcvbnCommon.adjacencyGraphs,
    translations: zxcvbnEn.translations,
  });
  configured = true;
}

/** The user's own details, split into the words zxcvbn should treat as guessable. */
function userInputs(inputs: (string | null | undefined)[]): string[] {
  const words = new Set<string>(['argus']);
  for (const input of inputs) {
    if (!input) continue;
    const value = input.trim().toLowerCase();
    if (!value) continue;
    words.add(value);
    for (const part of value.split(/[^\p{L}\p{N}]+/u)) if (part.length >= 3) words.add(part);
  }
  return [...words];
}

/**
 * Undefined when the password is strong enough; otherwise the field message (it follows the field's label,
 * "Password …") saying why not and how to do better, from zxcvbn's warning and suggestions. `inputs` are the
 * user's e-mail address and name, which make a password weaker when it contains them.
 */
export function passwordWeakness(password: string, inputs: (string | null | undefined)[]): string | undefined {
  configure();
  const result = zxcvbn(password, userInputs(inputs));
  if (result.score >= MIN_PASSWORD_SCORE) return undefined;
  const advice = [result.feedback.warning, ...result.feedback.suggestions].filter((s): s is string => Boolean(s));
  if (!advice.length) advice.push('Add another word or two that are not about you, or use a passphrase of four or more random words.');
  return `is too easy to guess. ${advice.map((s) => (/[.!?]$/.test(s) ? s : `${s}.`)).join(' ')}`.replace(/\.$/, '');
}
