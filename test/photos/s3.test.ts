/**
 * No S3 runs on this machine: the S3 storage is checked by the requests it
 * sends. An SDK middleware records each command's input and answers it
 * without a network call; the assertions are on the request shapes.
 */
import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { S3Client } from '@aws-sdk/client-s3';
import { S3PhotoStorage } from '../../functions/photos/s3';

type Sent = { command: string; input: any };
const credentials = { accessKeyId: 'AKIDTEST', secretAccessKey: 'test-secret' };
const PORTRAIT = 'gluecksbringer.abcdefghijklmnop';

function recording<T extends { middlewareStack: { add(middleware: any, options: any): void } }>(client: T, sent: Sent[], answer: (command: string, input: any) => unknown): T {
  client.middlewareStack.add(
    // At `initialize`, before serialisation and signing: recorded and answered, never sent.
    (_next: unknown, context: { commandName?: string }) => async (args: any) => {
      const command = String(context.commandName);
      sent.push({ command, input: args.input });
      return { output: answer(command, args.input), response: {} } as never;
    },
    { step: 'initialize', name: 'recordRequests' },
  );
  return client;
}

function storageWith(answer: (command: string, input: any) => unknown) {
  const sent: Sent[] = [];
  const s3 = recording(new S3Client({ region: 'eu-central-1', credentials }), sent, answer);
  const cloudfront = recording(new CloudFrontClient({ region: 'us-east-1', credentials }), sent, answer);
  const storage = new S3PhotoStorage({ bucket: 'photo-bucket', distributionId: 'E123TEST', publicBaseUrl: 'https://d111.cloudfront.net/', s3, cloudfront });
  return { storage, sent };
}

describe('S3PhotoStorage', () => {
  it('presigns a POST whose policy fixes the key, the content type and the size range', async () => {
    const { storage } = storageWith(() => ({}));
    const upload = await storage.presignUpload({ key: `incoming/${PORTRAIT}/aaaaaaaaaaaaaaaa`, contentType: 'image/png', maxBytes: 5_242_880, expiresInSeconds: 300 });
    expect(upload.url).toMatch(/^https:\/\/photo-bucket\.s3\.eu-central-1\.amazonaws\.com\/?$/);
    expect(upload.fields).toMatchObject({ key: `incoming/${PORTRAIT}/aaaaaaaaaaaaaaaa`, 'Content-Type': 'image/png', bucket: 'photo-bucket' });
    const policy = JSON.parse(Buffer.from(upload.fields.Policy!, 'base64').toString('utf8'));
    expect(policy.conditions).toEqual(
      expect.arrayContaining([
        ['content-length-range', 1, 5_242_880],
        ['eq', '$Content-Type', 'image/png'],
        { key: `incoming/${PORTRAIT}/aaaaaaaaaaaaaaaa` },
        { bucket: 'photo-bucket' },
      ]),
    );
    const lifetime = Date.parse(policy.expiration) - Date.now();
    expect(lifetime).toBeGreaterThan(290_000);
    expect(lifetime).toBeLessThanOrEqual(300_000);
  });

  it('erases every version and delete marker of both prefixes, across pages, then invalidates the portrait path', async () => {
    const pages: Record<string, any[]> = {
      [`incoming/${PORTRAIT}/`]: [{ Versions: [{ Key: `incoming/${PORTRAIT}/aaaaaaaaaaaaaaaa`, VersionId: 'in-v1' }], IsTruncated: false }],
      [`processed/${PORTRAIT}/`]: [
        {
          Versions: [
            { Key: `processed/${PORTRAIT}/bbbbbbbbbbbbbbbb.webp`, VersionId: 'p-v2' },
            { Key: `processed/${PORTRAIT}/bbbbbbbbbbbbbbbb.webp`, VersionId: 'p-v1' },
          ],
          DeleteMarkers: [{ Key: `processed/${PORTRAIT}/cccccccccccccccc.webp`, VersionId: 'p-dm1' }],
          IsTruncated: true,
          NextKeyMarker: `processed/${PORTRAIT}/cccccccccccccccc.webp`,
          NextVersionIdMarker: 'p-dm1',
        },
        { Versions: [{ Key: `processed/${PORTRAIT}/cccccccccccccccc.webp`, VersionId: 'p-v0' }], IsTruncated: false },
      ],
    };
    const { storage, sent } = storageWith((command, input) => {
      if (command === 'ListObjectVersionsCommand') return pages[input.Prefix]!.shift();
      if (command === 'DeleteObjectsCommand') return { Deleted: input.Delete.Objects };
      return { Invalidation: { Id: 'I1' } };
    });

    await storage.erasePortrait(PORTRAIT);

    expect(sent.map((s) => s.command)).toEqual([
      'ListObjectVersionsCommand',
      'DeleteObjectsCommand',
      'ListObjectVersionsCommand',
      'ListObjectVersionsCommand',
      'DeleteObjectsCommand',
      'CreateInvalidationCommand',
    ]);
    expect(sent[3]!.input).toMatchObject({ Bucket: 'photo-bucket', Prefix: `processed/${PORTRAIT}/`, KeyMarker: `processed/${PORTRAIT}/cccccccccccccccc.webp`, VersionIdMarker: 'p-dm1' });
    expect(sent[1]!.input.Delete.Objects).toEqual([{ Key: `incoming/${PORTRAIT}/aaaaaaaaaaaaaaaa`, VersionId: 'in-v1' }]);
    expect(sent[4]!.input.Delete.Objects).toEqual([
      { Key: `processed/${PORTRAIT}/bbbbbbbbbbbbbbbb.webp`, VersionId: 'p-v2' },
      { Key: `processed/${PORTRAIT}/bbbbbbbbbbbbbbbb.webp`, VersionId: 'p-v1' },
      { Key: `processed/${PORTRAIT}/cccccccccccccccc.webp`, VersionId: 'p-dm1' },
      { Key: `processed/${PORTRAIT}/cccccccccccccccc.webp`, VersionId: 'p-v0' },
    ]);
    expect(sent[5]!.input).toMatchObject({ DistributionId: 'E123TEST', InvalidationBatch: { Paths: { Quantity: 1, Items: [`/${PORTRAIT}/*`] } } });
  });

  it('fails when S3 keeps any version, and does not report the photos gone', async () => {
    const { storage, sent } = storageWith((command, input) => {
      if (command === 'ListObjectVersionsCommand') return { Versions: [{ Key: `${input.Prefix}dddddddddddddddd`, VersionId: 'v1' }], IsTruncated: false };
      if (command === 'DeleteObjectsCommand') return { Errors: [{ Key: input.Delete.Objects[0].Key, VersionId: 'v1', Code: 'AccessDenied' }] };
      return {};
    });
    await expect(storage.erasePortrait(PORTRAIT)).rejects.toThrow(/kept 1 of 1/);
    expect(sent.map((s) => s.command)).not.toContain('CreateInvalidationCommand');
  });

  it('deletes an incoming upload with every version of exactly that key', async () => {
    const key = `incoming/${PORTRAIT}/aaaaaaaaaaaaaaaa`;
    const { storage, sent } = storageWith((command) =>
      command === 'ListObjectVersionsCommand'
        ? { Versions: [{ Key: key, VersionId: 'v1' }, { Key: `${key}x`, VersionId: 'other' }], IsTruncated: false }
        : { Deleted: [] },
    );
    await storage.deleteIncoming(key);
    expect(sent[1]!.input.Delete.Objects).toEqual([{ Key: key, VersionId: 'v1' }]);
  });

  it('refuses a portrait id that is not one', async () => {
    const { storage, sent } = storageWith(() => ({}));
    await expect(storage.erasePortrait('../everything')).rejects.toThrow();
    await expect(storage.erasePortrait('')).rejects.toThrow();
    expect(sent).toEqual([]);
  });
});
