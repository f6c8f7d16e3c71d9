/**
 * Reading a roster file as Japanese companies save it: UTF-8 (with or without a BOM), or — when the
 * bytes are not valid UTF-8, as from Excel's "CSV" on a Japanese Windows — Shift_JIS.
 */
export function decodeRosterFile(bytes: ArrayBuffer | Uint8Array): { text: string; encoding: 'UTF-8' | 'Shift_JIS' } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'UTF-8' };
  } catch {
    return { text: new TextDecoder('shift_jis').decode(bytes), encoding: 'Shift_JIS' };
  }
}
