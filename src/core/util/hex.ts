/** Bytes as lowercase hex (digests, signatures), without Node's Buffer. */
export function hex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += (b & 0xff).toString(16).padStart(2, '0');
  return out;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard base64 (a Content-MD5 header) as lowercase hex. */
export function base64ToHex(b64: string): string {
  return hex(base64ToBytes(b64));
}

/** Standard base64 as bytes (an account key), without atob or Buffer. */
export function base64ToBytes(b64: string): Uint8Array {
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of b64.replace(/=+$/, '')) {
    value = ((value << 6) | B64.indexOf(ch)) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((value >> bits) & 0xff);
    }
  }
  return Uint8Array.from(out);
}
