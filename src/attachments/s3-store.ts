import { DeleteObjectsCommand, GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { S3Config } from '../config.js';
import type { AttachmentStore } from './storage.js';

/**
 * The sealed bytes in an S3-compatible store (REDRESS_ATTACHMENT_S3_*), one object per file under
 * its id. The bytes are sealed before they leave the server, so the store never sees a file.
 * An object is written inside the command's transaction, before it commits: a command that then
 * fails leaves an object no row names, never a row without its object.
 */
export function s3Store(config: S3Config): AttachmentStore {
  const client = new S3Client({
    region: config.region,
    forcePathStyle: config.forcePathStyle,
    ...(config.endpoint ? { endpoint: config.endpoint } : {}),
    ...(config.accessKeyId && config.secretAccessKey ? { credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey } } : {}),
  });
  const key = (id: string) => `${config.prefix}${id}`;
  return {
    kind: 's3',
    async put(_db, id, sealed) {
      await client.send(new PutObjectCommand({ Bucket: config.bucket, Key: key(id), Body: sealed, ContentType: 'application/octet-stream' }));
    },
    async get(_db, id) {
      try {
        const object = await client.send(new GetObjectCommand({ Bucket: config.bucket, Key: key(id) }));
        return object.Body ? Buffer.from(await object.Body.transformToByteArray()) : null;
      } catch (error) {
        if (error instanceof NoSuchKey) return null;
        throw error;
      }
    },
    async remove(_db, ids) {
      if (ids.length === 0) return;
      await client.send(new DeleteObjectsCommand({ Bucket: config.bucket, Delete: { Objects: ids.map((id) => ({ Key: key(id) })), Quiet: true } }));
    },
  };
}
