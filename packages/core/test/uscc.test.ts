import fc from 'fast-check';
import { expect, test } from 'vitest';
import { checkUscc, completeUscc, isValidUscc, USCC_ALPHABET, usccCheckCharacter } from '../src/uscc.ts';

const alphabetChar = fc.constantFrom(...USCC_ALPHABET.split(''));
const body17 = fc
  .tuple(
    fc.array(alphabetChar, { minLength: 2, maxLength: 2 }),
    fc.stringMatching(/^[0-9]{6}$/),
    fc.array(alphabetChar, { minLength: 9, maxLength: 9 }),
  )
  .map(([head, division, tail]) => head.join('') + division + tail.join(''));

test('published examples of real USCCs pass', () => {
  // Examples printed on public business licences / the GB 32100-2015 standard text.
  for (const code of ['91350100M000100Y43', '91110108551385082Q']) {
    expect(checkUscc(code)).toEqual({ ok: true, value: code });
  }
});

test('a completed body is always valid, and lowercase input is accepted', () => {
  fc.assert(
    fc.property(body17, (b) => {
      const code = completeUscc(b);
      expect(isValidUscc(code)).toBe(true);
      expect(isValidUscc(code.toLowerCase())).toBe(true);
    }),
  );
});

test('any single-character substitution is detected', () => {
  fc.assert(
    fc.property(body17, fc.nat(16), alphabetChar, (b, pos, ch) => {
      fc.pre(b[pos] !== ch);
      const code = completeUscc(b);
      const tampered = code.slice(0, pos) + ch + code.slice(pos + 1);
      expect(isValidUscc(tampered)).toBe(false);
    }),
  );
});

test('problems are named: length, character, division, check', () => {
  expect(checkUscc('123')).toEqual({ ok: false, problem: 'length' });
  expect(checkUscc('91350100M000100YI3')).toEqual({ ok: false, problem: 'character' });
  expect(checkUscc(`91AB0100M000100Y4${usccCheckCharacter('91AB0100M000100Y4')}`)).toEqual({
    ok: false,
    problem: 'division',
  });
  expect(checkUscc('91350100M000100Y44')).toEqual({ ok: false, problem: 'check' });
});
