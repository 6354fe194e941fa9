import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  attachmentLimits,
  uploadChunkMediaType,
  uploadOffsetHeader,
  type UploadStatus,
} from '../../src/contract/index.js';
import { CentralHttpError } from '../http-errors.js';
import { refuseSpentToken } from '../requests/delivery-tokens.js';
import { uploadMessages } from '../requests/messages.js';
import type { CentralHandlers } from '../routes.js';
import { UploadOffsetMismatch, type UploadService } from './uploads.js';

export type UploadRoute = 'createUpload' | 'uploadStatus' | 'appendUpload';

/** The upload's offset in the headers too (tus style), so a HEAD alone tells where to resume. */
function withOffset(reply: FastifyReply, status: UploadStatus): UploadStatus {
  void reply.headers({
    [uploadOffsetHeader]: String(status.offset),
    'upload-length': String(status.size),
    'cache-control': 'no-store',
  });
  return status;
}

export function uploadHandlers(uploads: UploadService): Pick<CentralHandlers, UploadRoute> {
  return {
    async createUpload({ body, session, reply }) {
      refuseSpentToken(session);
      const { upload, created } = await uploads.create(session.account.id, body);
      // Announced before by the same account: the same upload, to resume (or already complete).
      if (!created) void reply.code(200);
      return withOffset(reply, upload);
    },

    async uploadStatus({ params, session, reply }) {
      refuseSpentToken(session);
      return withOffset(reply, await uploads.status(session.account.id, params.uploadId));
    },

    async appendUpload({ params, headers, body, session, reply }) {
      refuseSpentToken(session);
      try {
        const status = await uploads.append(session.account.id, params.uploadId, {
          offset: headers[uploadOffsetHeader],
          checksum: headers['upload-checksum'],
          bytes: body,
        });
        return withOffset(reply, status);
      } catch (error) {
        if (error instanceof UploadOffsetMismatch) {
          void reply.header(uploadOffsetHeader, String(error.offset));
        }
        throw error;
      }
    },
  };
}

/**
 * Chunks arrive as `application/offset+octet-stream`. The parser reads them as bytes and stops
 * at the chunk limit with a Spanish refusal (Fastify's own would be English and generic).
 */
export function registerChunkParser(app: FastifyInstance): void {
  app.addContentTypeParser(
    uploadChunkMediaType,
    async (request: FastifyRequest, payload: IncomingMessage): Promise<Buffer> => {
      const declared = Number(request.headers['content-length'] ?? 0);
      if (declared > attachmentLimits.maxChunkBytes) throw chunkTooLarge();
      const parts: Buffer[] = [];
      let length = 0;
      for await (const part of payload) {
        const bytes = part as Buffer;
        length += bytes.length;
        if (length > attachmentLimits.maxChunkBytes) throw chunkTooLarge();
        parts.push(bytes);
      }
      return Buffer.concat(parts, length);
    },
  );
}

function chunkTooLarge(): CentralHttpError {
  return new CentralHttpError(413, 'chunk_too_large', uploadMessages.chunkTooLarge);
}
