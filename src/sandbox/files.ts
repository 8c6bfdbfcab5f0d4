import { HttpError } from './routes';
import type { KeyPolicy, Rec, SandboxData } from './types';

/**
 * GET /opportunities/:id/resumes/:resumeId/download: the file itself, as Lever serves it (binary,
 * with its content type; 422 while Lever has not processed it, reference §5). The bytes are made
 * from the resume's id, as long as its `file.size` says, so every download of it is the same.
 */
export function resumeDownload(
  data: SandboxData,
  key: KeyPolicy,
  oppId: string,
  resumeId: string,
): { bytes: Uint8Array; contentType: string; name: string } {
  const opp = data.opportunities.get(oppId);
  if (!opp || (opp.confidentiality === 'confidential' && !key.confidential))
    throw new HttpError(404, 'ResourceNotFound', `opportunities ${oppId} was not found`);
  const resume = (data.children.resumes.get(oppId) ?? []).find((r) => r.id === resumeId);
  if (!resume) throw new HttpError(404, 'ResourceNotFound', `resumes ${resumeId} was not found`);
  const file = resume.file as Rec;
  if (file.status === 'processing') throw new HttpError(422, 'UnprocessableEntity', 'The file is still being processed');
  const ext = String(file.ext ?? '').replace(/^\./, '');
  return {
    bytes: fileBytes(resumeId, Number(file.size ?? 0), ext),
    contentType: ext === 'pdf' ? 'application/pdf' : 'application/octet-stream',
    name: String(file.name),
  };
}

function fileBytes(seed: string, size: number, ext: string): Uint8Array {
  const head = Buffer.from(`${ext === 'pdf' ? '%PDF-1.4\n' : ''}% Lever sandbox resume ${seed}\n`, 'latin1');
  const out = new Uint8Array(Math.max(size, head.length));
  out.set(head);
  // Bytes of every value, high ones included, so a download that is read as text is caught.
  let x = [...seed].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7);
  for (let i = head.length; i < out.length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}
