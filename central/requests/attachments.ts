import type {
  Requirement,
  RequestAttachments,
  RequestFieldValues,
} from '../../src/contract/index.js';
import { pageRange, pagesProblem, type PageRange } from '../../src/domain/request-fields.js';
import type { CentralDb } from '../db/index.js';
import type { RequestAttachmentTable } from '../db/schema.js';
import { CentralHttpError } from '../http-errors.js';
import { requestMessages } from './messages.js';

export type AttachmentRow = Omit<RequestAttachmentTable, 'request_id' | 'round'>;

/**
 * The files given for a request's requirements: each a complete upload of the same account
 * (a PDF checked by its magic bytes and hash when it arrived), the pages of a requirement's files
 * together as many as the kiosk's own rule asks for these values (`pageRange` of src/domain: the
 * catalogue's range, or two sides per family member), and no requirement the type does not have.
 * `rangeOf` may tighten the range (an answer brings at least one page). Refusals are 422 naming
 * `attachments.<requirement>`, in the words the kiosk's review uses.
 */
export async function checkAttachments(
  db: CentralDb,
  accountId: string,
  requirements: readonly Requirement[],
  given: RequestAttachments,
  values: RequestFieldValues,
  rangeOf: (range: PageRange) => PageRange = (range) => range,
): Promise<AttachmentRow[]> {
  for (const requirementId of Object.keys(given)) {
    if (!requirements.some((requirement) => requirement.id === requirementId)) {
      throw refusal(
        'unknown_requirement',
        requirementId,
        requestMessages.unknownRequirement(requirementId),
      );
    }
  }
  const hashes = [...new Set(Object.values(given).flat())];
  const uploads =
    hashes.length === 0
      ? []
      : await db
          .selectFrom('uploads')
          .select(['sha256', 'size', 'pages'])
          .where('account_id', '=', accountId)
          .where('sha256', 'in', hashes)
          .where('completed_at', 'is not', null)
          .execute();
  const complete = new Map(uploads.map((upload) => [upload.sha256, upload]));

  const rows: AttachmentRow[] = [];
  for (const requirement of requirements) {
    const files = given[requirement.id] ?? [];
    const range = rangeOf(pageRange(requirement, values));
    if (files.length === 0) {
      if (range.min > 0) {
        throw refusal(
          'attachment_missing',
          requirement.id,
          requestMessages.attachmentMissing(requirement.title),
        );
      }
      continue;
    }
    if (new Set(files).size !== files.length) {
      throw refusal(
        'attachment_repeated',
        requirement.id,
        requestMessages.attachmentRepeated(requirement.title),
      );
    }
    let pages = 0;
    files.forEach((sha256, position) => {
      const upload = complete.get(sha256);
      if (!upload || upload.pages === null) {
        throw refusal(
          'upload_incomplete',
          requirement.id,
          requestMessages.uploadIncomplete(requirement.title),
        );
      }
      pages += upload.pages;
      rows.push({
        requirement_id: requirement.id,
        position,
        sha256,
        size: upload.size,
        pages: upload.pages,
      });
    });
    const problem = pagesProblem(requirement, range, pages);
    if (problem) throw refusal('attachment_pages', requirement.id, problem);
  }
  return rows;
}

function refusal(code: string, requirementId: string, message: string): CentralHttpError {
  return new CentralHttpError(422, code, message, { field: `attachments.${requirementId}` });
}
