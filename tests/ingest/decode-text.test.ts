import { describe, expect, it } from 'vitest';
import { UndecodableTextError, decodeDocumentBytes } from '../../src/ingest/decode-text.js';

describe('decodeDocumentBytes', () => {
  it('reads UTF-8 with and without a BOM', () => {
    expect(decodeDocumentBytes(Buffer.from('Ilham Əliyev\n')).text).toBe('Ilham Əliyev\n');
    expect(decodeDocumentBytes(Buffer.from('\uFEFFtext', 'utf8')).text).toBe('text');
  });

  it('reads UTF-16 with a BOM, both byte orders', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('01.01.25: Entry\n', 'utf16le')]);
    expect(decodeDocumentBytes(le)).toEqual({ text: '01.01.25: Entry\n', encoding: 'utf-16le' });
    const be = Buffer.from(le.subarray(2)).swap16();
    expect(decodeDocumentBytes(Buffer.concat([Buffer.from([0xfe, 0xff]), be])).encoding).toBe('utf-16be');
  });

  it('refuses Windows-1251 text, naming the line', () => {
    const cp1251 = Buffer.from([...Buffer.from('line one\nline two\n'), 0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2, 0x0a]);
    expect(() => decodeDocumentBytes(cp1251)).toThrowError(UndecodableTextError);
    try {
      decodeDocumentBytes(cp1251);
    } catch (error) {
      expect((error as UndecodableTextError).line).toBe(3);
      expect((error as Error).message).toMatch(/not valid UTF-8 \(byte 0xcf/);
    }
  });

  it('refuses binary data', () => {
    expect(() => decodeDocumentBytes(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]))).toThrowError(/binary data/);
  });
});

describe('decodeDocumentBytes: control characters', () => {
  it('drops C0 control characters but keeps tabs and line breaks', () => {
    expect(decodeDocumentBytes(Buffer.from('a\u0001b\u0004c\td\r\ne\u007f')).text).toBe('abc\td\r\ne');
  });
});
