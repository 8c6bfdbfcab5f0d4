/**
 * A tiny element builder. Text only ever goes in through text nodes, never innerHTML: everything
 * shown here may have been typed by an applicant in Lever.
 */
type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | null | undefined | ((e: Event) => void)>;

export function h(tag: string, attrs: Attrs = {}, ...children: Array<Child | Child[]>): HTMLElement {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (typeof v === 'function') el.addEventListener(k.replace(/^on/, ''), v as EventListener);
    else if (k === 'value') (el as HTMLInputElement).value = String(v);
    else if (k === 'checked') (el as HTMLInputElement).checked = !!v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
  return el;
}

let seq = 0;
/** A unique id for label/for pairs. */
export function uid(prefix: string): string {
  return `${prefix}-${++seq}`;
}

/** A labelled control: every input has a visible label, for screen readers and clicks alike. */
export function field(label: string, control: HTMLElement, hint?: string | null, error?: string | null): HTMLElement {
  const id = control.id || uid('f');
  control.id = id;
  const hintId = hint ? `${id}-hint` : undefined;
  if (hintId) control.setAttribute('aria-describedby', hintId);
  if (error) control.setAttribute('aria-invalid', 'true');
  return h(
    'div',
    { class: 'form-group' },
    h('label', { for: id }, label),
    control,
    hint ? h('div', { class: 'hint', id: hintId }, hint) : null,
    error ? h('div', { class: 'error', role: 'alert' }, error) : null,
  );
}

export function select(
  options: Array<[string, string]>,
  value: string,
  onChange: (v: string) => void,
  attrs: Attrs = {},
): HTMLSelectElement {
  const el = h(
    'select',
    { ...attrs, onchange: (e: Event) => onChange((e.target as HTMLSelectElement).value) },
    ...options.map(([v, label]) => h('option', { value: v }, label)),
  ) as HTMLSelectElement;
  el.value = value;
  return el;
}
