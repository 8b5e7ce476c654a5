/** Why a document's bytes could not be read as text. `line` is 1-based where it applies. */
export class UndecodableTextError extends Error {
  override readonly name = 'UndecodableTextError';
  constructor(message: string, readonly line?: number) {
    super(message);
  }
}

export interface DecodedText {
  readonly text: string;
  readonly encoding: 'utf-8' | 'utf-16le' | 'utf-16be';
}

const lineOfByte = (bytes: Uint8Array, offset: number): number => {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 0x0a) line++;
  return line;
};

/**
 * Reads a document's bytes as text: UTF-8 (with or without a BOM), or UTF-16 with a BOM. Anything
 * else (binary data, another 8-bit code page) is refused with the line where it goes wrong, since
 * guessing a code page would store garbled text.
 */
// C0 control characters other than tab and line breaks carry nothing in a news text (and U+0001–U+0004
// are the snippet markers downstream).
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

export function decodeDocumentBytes(bytes: Uint8Array): DecodedText {
  const decoded = decodeBytes(bytes);
  return { ...decoded, text: decoded.text.replace(CONTROL_CHARACTERS, '') };
}

function decodeBytes(bytes: Uint8Array): DecodedText {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    throw new UndecodableTextError(`binary data (a NUL byte at byte ${nul}), not a text document`, lineOfByte(bytes, nul));
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return { text, encoding: 'utf-8' };
  } catch {
    const offset = firstInvalidUtf8Byte(bytes);
    throw new UndecodableTextError(
      `not valid UTF-8 (byte 0x${(bytes[offset] ?? 0).toString(16).padStart(2, '0')} at offset ${offset}); ` +
        'save it as UTF-8 (e.g. iconv -f WINDOWS-1251 -t UTF-8) and drop it in again',
      lineOfByte(bytes, offset),
    );
  }
}

function firstInvalidUtf8Byte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    const length = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (length === 0) return i;
    for (let k = 1; k < length; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    i += length;
  }
  return i;
}
