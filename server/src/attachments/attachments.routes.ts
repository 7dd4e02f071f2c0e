import multipart from '@fastify/multipart';
import { create as contentDisposition } from 'content-disposition';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { KefuError, type ErrorCode } from '../graphql/errors.ts';
import type { Services } from '../services.ts';
import { UploadRefused } from './attachments.service.ts';
import { servedContentType } from './content-policy.ts';
import { FileMissingError } from './file-storage.ts';

/** Multipart framing (boundaries, part headers) on top of the file itself. */
const MULTIPART_OVERHEAD = 64 * 1024;
const STATUS: Partial<Record<ErrorCode, number>> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, BAD_USER_INPUT: 400 };

/**
 * Upload (POST /attachments, multipart field `file`) and download
 * (GET /attachments/:id). Both are API routes: the session cookie gives the
 * viewer and the CSRF header is checked on the upload (request-auth.ts).
 * Multipart parsing is registered in this scope only, so no other route
 * accepts multipart bodies.
 */
export async function registerAttachmentRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const maxBytes = services.attachments.maxBytes;
  await app.register(async (scope) => {
    await scope.register(multipart, {
      throwFileSizeLimit: false,
      limits: { fileSize: maxBytes, files: 1, fields: 5, fieldSize: 1024, parts: 6, headerPairs: 50 },
    });

    scope.post('/attachments', async (request, reply) => {
      const auth = request.kefu;
      if (!auth?.viewer) return sendError(reply, new KefuError('UNAUTHENTICATED', 'Sign in first.'));
      const declared = Number(request.headers['content-length'] ?? 0);
      if (declared > maxBytes + MULTIPART_OVERHEAD) return sendError(reply, new UploadRefused(413, `is larger than ${maxBytes} bytes`));
      if (!request.isMultipart()) return sendError(reply, new UploadRefused(415, 'send the file as multipart/form-data'));
      const file = await request.file();
      if (!file) return sendError(reply, new UploadRefused(400, 'is required'));
      try {
        const attachment = await services.attachments.upload(auth.em, auth.viewer, { filename: file.filename, stream: file.file });
        return reply.code(201).send({ attachment });
      } catch (error) {
        if (error instanceof KefuError) {
          // Stop reading a refused body instead of draining the rest of it.
          file.file.resume();
          return sendError(reply.header('connection', 'close'), error);
        }
        throw error;
      }
    });

    scope.get<{ Params: { id: string } }>('/attachments/:id', async (request, reply) => {
      const auth = request.kefu!;
      try {
        // Signed out is allowed here: public help-center articles show their images to anyone.
        const { attachment, stream } = await services.attachments.openForViewer(auth.em, auth.viewer, request.params.id);
        return reply
          .header('content-type', servedContentType(attachment.contentType))
          .header('content-length', String(attachment.size))
          .header('content-disposition', contentDisposition(attachment.filename))
          // The stored type was sniffed at upload; the browser must not guess another.
          .header('x-content-type-options', 'nosniff')
          // Even opened directly, the file is a sandboxed document that can run nothing.
          .header('content-security-policy', "default-src 'none'; img-src 'self'; media-src 'self'; sandbox")
          .header('cross-origin-resource-policy', 'same-origin')
          .header('cache-control', 'private, no-cache')
          .send(stream);
      } catch (error) {
        if (error instanceof KefuError) return sendError(reply, error);
        if (error instanceof FileMissingError) {
          request.log.error({ err: error, attachmentId: request.params.id }, 'attachment bytes missing from storage');
          return sendError(reply, new KefuError('NOT_FOUND', 'Attachment not found.'));
        }
        throw error;
      }
    });
  });
}

function sendError(reply: FastifyReply, error: KefuError) {
  const status = error instanceof UploadRefused ? error.httpStatus : (STATUS[error.code] ?? 400);
  return reply
    .code(status)
    .header('cache-control', 'no-store')
    .send({ errors: [{ message: error.message, extensions: error.extensions }] });
}
