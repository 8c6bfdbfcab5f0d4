import { base64 } from './base64';

/**
 * Every form in which a secret can show up in an error text: as it is, URL-encoded, and inside
 * base64, standard or URL-safe, at any of the three byte alignments (the Basic-auth header is the
 * base64 of "key:", and a server may echo it inside a longer base64 blob). For base64 the part
 * that depends only on the secret is kept: the characters next to its edges also carry
 * neighbouring bytes, so they are left out.
 */
export function secretForms(secret: string): string[] {
  let forms = known.get(secret);
  if (!forms) {
    forms = formsOf(secret);
    // A few secrets per execution (the key, its auth header): kept, as every response checks them.
    if (known.size > 16) known.clear();
    known.set(secret, forms);
  }
  return forms;
}

const known = new Map<string, string[]>();

function formsOf(secret: string): string[] {
  const forms = new Set<string>([secret, encodeURIComponent(secret)]);
  for (let align = 0; align < 3; align++) {
    const encoded = base64('\0'.repeat(align) + secret).replace(/=+$/, '');
    // Characters 0..ceil(align*4/3) touch the padding bytes before; the last 3 may touch what follows.
    const core = encoded.slice(Math.ceil((align * 4) / 3), Math.max(0, encoded.length - 3));
    if (core.length >= 8) {
      forms.add(core);
      forms.add(core.replace(/\+/g, '-').replace(/\//g, '_'));
    }
  }
  return [...forms].filter((f) => f.length >= 4).sort((a, b) => b.length - a.length);
}
