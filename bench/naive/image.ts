/**
 * The naive image function: what a first version of "re-encode every upload
 * with sharp" looks like, with none of the project's checks, data layer or
 * configuration. sharp stays external, as in the deployed function.
 */
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { S3Event } from 'aws-lambda';
import sharp from 'sharp';

const s3 = new S3Client({});

export const handler = async (event: S3Event): Promise<{ processed: number; refused: number }> => {
  let processed = 0;
  let refused = 0;
  for (const record of event.Records) {
    const key = decodeURIComponent(record.s3.object.key.replace(/\+/g, ' '));
    const match = /^incoming\/([^/]+)\/([^/]+)$/.exec(key);
    if (!match) {
      refused++;
      continue;
    }
    const Bucket = record.s3.bucket.name;
    const object = await s3.send(new GetObjectCommand({ Bucket, Key: key }));
    const body = await sharp(Buffer.from(await object.Body!.transformToByteArray())).rotate().resize(1600, 1600, { fit: 'inside' }).webp().toBuffer();
    await s3.send(new PutObjectCommand({ Bucket, Key: `processed/${match[1]}/${match[2]}.webp`, Body: body, ContentType: 'image/webp' }));
    await s3.send(new DeleteObjectCommand({ Bucket, Key: key }));
    processed++;
  }
  return { processed, refused };
};
