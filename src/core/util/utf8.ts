/**
 * Bytes a string takes in UTF-8, which is how Apps Script measures property values (9 KB each).
 * String length counts UTF-16 units: "é" is 1 unit but 2 bytes, "😀" 2 units but 4 bytes.
 * (No TextEncoder in Apps Script, so this counts by hand.)
 */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}
