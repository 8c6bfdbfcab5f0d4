import type { FlatValue } from '../flatten/flatten';
import type { CustomSource, FieldType } from './types';

/** The field path that asks for every custom field of an object as a column of its own. */
export const CUSTOM_FIELDS = '*custom';
/** Column paths of single custom fields: `*custom:<field id>`. */
export const CUSTOM_PREFIX = '*custom:';

/** A custom field as one column: stable by id, headed by its label, typed by its field type. */
export interface CustomColumn {
  id: string;
  label: string;
  type: FieldType;
}

export interface CustomValue extends CustomColumn {
  value: FlatValue;
}

type Rec = Record<string, unknown>;
/** Resolves a reference attribute (e.g. a requisition field's label); undefined when unknown. */
export type LabelOf = (id: string, attr: string) => string | undefined;

/** Column type by Lever field type (reference §6.6's table, and requisition field types). */
export function columnType(fieldType: string, id = ''): FieldType {
  // Date fields hold a calendar day (midnight UTC), not a moment.
  if (fieldType === 'date' || /_date$/.test(id)) return 'day';
  if (['score', 'currency', 'number'].includes(fieldType) || /(^|_)amount$/.test(id)) return 'number';
  if (fieldType === 'yes-no') return 'boolean';
  if (fieldType === 'multiple-select') return 'list';
  if (fieldType === 'object') return 'json';
  return 'text';
}

/** A form field's answer as a flat value, by the field's type. */
function answer(field: Rec): FlatValue {
  const v = field.value;
  if (v === null || v === undefined) return null;
  switch (field.type) {
    case 'yes-no':
      return v === 'yes' ? true : v === 'no' ? false : String(v);
    case 'multiple-select':
      return Array.isArray(v) ? v.map((x) => String(x)) : String(v);
    case 'scorecard': {
      // Each score beside its label: "Coding: 3 (good), Design: 4".
      const labels = Array.isArray(field.scores) ? (field.scores as Rec[]).map((s) => String(s.text)) : [];
      return Array.isArray(v)
        ? (v as Rec[])
            .map((s, i) => `${labels[i] ?? `Score ${i + 1}`}: ${s?.score ?? ''}${s?.comment ? ` (${String(s.comment)})` : ''}`)
            .join(', ')
        : JSON.stringify(v);
    }
    case 'file-upload':
      return typeof v === 'object' ? String((v as Rec).name ?? JSON.stringify(v)) : String(v);
    default:
      return typeof v === 'object' ? JSON.stringify(v) : (v as string | number | boolean);
  }
}

/** Every object found at a dotted path, crossing arrays (e.g. customQuestions.fields). */
function objectsAt(value: unknown, parts: string[]): Rec[] {
  if (Array.isArray(value)) return value.flatMap((v) => objectsAt(v, parts));
  if (value === null || typeof value !== 'object') return [];
  if (parts.length === 0) return [value as Rec];
  return objectsAt((value as Rec)[parts[0]], parts.slice(1));
}

/** The custom fields a record carries, with their values. */
export function customValues(record: Rec, source: CustomSource, labelOf: LabelOf): CustomValue[] {
  switch (source.kind) {
    case 'form':
      return objectsAt(record, source.path.split('.'))
        .filter((f) => f.id !== undefined && f.id !== null)
        .map((f) => ({ id: String(f.id), label: String(f.text ?? f.id), type: columnType(String(f.type ?? '')), value: answer(f) }));
    case 'offer':
      return objectsAt(record, ['fields']).map((f) => {
        const id = String(f.identifier ?? f.text);
        const v = f.value;
        return {
          id,
          label: String(f.text ?? id),
          type: columnType('', id),
          value: v === null || v === undefined ? null : typeof v === 'object' ? JSON.stringify(v) : (v as string | number),
        };
      });
    case 'map': {
      const map = record[source.path];
      if (!map || typeof map !== 'object') return [];
      return Object.entries(map as Rec).map(([id, v]) => ({
        id,
        label: labelOf(id, 'text') ?? id,
        type: columnType(labelOf(id, 'type') ?? '', id),
        value: v === null || v === undefined ? null : typeof v === 'object' ? JSON.stringify(v) : (v as string | number | boolean),
      }));
    }
  }
}
