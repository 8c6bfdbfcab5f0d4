/**
 * The views' element builder, on Preact: each render describes the whole page and Preact changes
 * only what differs, so the focused input, the caret, scroll positions and open sections survive
 * every redraw. Text only ever becomes text nodes (there is no innerHTML here): everything shown
 * may have been typed by an applicant in Lever.
 */
import { cloneElement, h as preactH, type VNode } from 'preact';

export type El = VNode<Record<string, unknown>>;
type Child = El | string | number | null | undefined | false;
type Value = string | number | boolean | null | undefined | ((e: Event) => void);
/** Attributes, properties (value, checked…) and lowercase handlers (onclick); `key` keeps list items apart. */
type Attrs = Record<string, Value> & { dangerouslySetInnerHTML?: never };

export function h(tag: string, attrs: Attrs = {}, ...children: Array<Child | Child[]>): El {
  const props: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(attrs)) if (v !== null && v !== undefined) props[k] = v;
  return preactH(tag, props, ...children.flat()) as El;
}

/** An id for a label/for pair that stays the same from one render to the next. */
export function stableId(prefix: string, text: string): string {
  return `${prefix}-${text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')}`;
}

/**
 * A labelled control: every input has a visible label, for screen readers and clicks alike. An
 * error sits under its field, tied to it (aria-describedby) and marked invalid.
 */
export function field(label: string, control: El, hint?: string | null, error?: string | null): El {
  const id = (control.props.id as string | undefined) ?? stableId('f', label);
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const described = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return h(
    'div',
    { class: error ? 'form-group invalid' : 'form-group' },
    h('label', { for: id }, label),
    cloneElement(control, { id, 'aria-describedby': described, 'aria-invalid': error ? 'true' : undefined }),
    hint ? h('div', { class: 'hint', id: hintId }, hint) : null,
    error ? h('div', { class: 'error field-error', id: errorId }, error) : null,
  );
}

export function select(options: Array<[string, string]>, value: string, onChange: (v: string) => void, attrs: Attrs = {}): El {
  return h(
    'select',
    { ...attrs, value, onchange: (e: Event) => onChange((e.target as HTMLSelectElement).value) },
    ...options.map(([v, label]) => h('option', { value: v, key: v }, label)),
  );
}
