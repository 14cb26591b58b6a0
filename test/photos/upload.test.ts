import { PUBLIC_PRINCIPAL } from '../../functions/auth';
import { ADMIN, DESSAU_EDITOR, OTHER_EDITOR, PARTNER, PORTRAIT_ID, photoWorld, type PhotoWorld } from './support';

const REQUEST = `mutation ($input: PortraitPhotoUploadInput!) {
  requestPortraitPhotoUpload(input: $input) { url fields { name value } expiresAt maxBytes contentType }
}`;

const valid = {
  portraitId: `Portrait:${PORTRAIT_ID}`,
  contentType: 'image/jpeg',
  contentLength: 200_000,
  altText: 'Testperson vor dem Rathaus, lachend',
  credit: 'Testfotograf Beispiel',
};

let world: PhotoWorld;
beforeAll(async () => {
  world = await photoWorld('photo-upload');
});
afterAll(() => world.stop());

describe('requestPortraitPhotoUpload', () => {
  it('issues a presigned upload to a city editor of one of the campaign cities and records alt text and credit', async () => {
    const { data, errors } = await world.runWithPhotos(REQUEST, { input: valid }, DESSAU_EDITOR);
    expect(errors).toBeUndefined();
    const upload = data.requestPortraitPhotoUpload;
    expect(upload.url).toBe('http://localhost:4999/photos/upload');
    expect(upload.contentType).toBe('image/jpeg');
    expect(upload.maxBytes).toBe(5 * 1024 * 1024);
    const fields = Object.fromEntries(upload.fields.map((f: { name: string; value: string }) => [f.name, f.value]));
    expect(fields['Content-Type']).toBe('image/jpeg');
    expect(fields.key).toMatch(new RegExp(`^incoming/${PORTRAIT_ID.replace('.', '\\.')}/[a-z2-7]{16}$`));
    const expiresIn = Date.parse(upload.expiresAt) - Date.now();
    expect(expiresIn).toBeGreaterThan(200_000);
    expect(expiresIn).toBeLessThanOrEqual(300_000);
    expect(await world.portrait()).toMatchObject({ photoAlt: valid.altText, photoCredit: valid.credit, photoUrl: null });
  });

  it('lets an admin ask too', async () => {
    const { errors } = await world.runWithPhotos(REQUEST, { input: { ...valid, contentType: 'image/webp' } }, ADMIN);
    expect(errors).toBeUndefined();
  });

  it.each([
    ['image/svg+xml', 200_000, 'contentType', 'UNSUPPORTED_TYPE'],
    ['image/gif', 200_000, 'contentType', 'UNSUPPORTED_TYPE'],
    ['text/html', 200_000, 'contentType', 'UNSUPPORTED_TYPE'],
    ['image/png', 5 * 1024 * 1024 + 1, 'contentLength', 'TOO_LARGE'],
    ['image/png', 0, 'contentLength', 'INVALID_SIZE'],
  ])('refuses %s of %d bytes with BAD_USER_INPUT and code on %s before any URL is issued', async (contentType, contentLength, field, code) => {
    const before = world.files();
    const { data, errors } = await world.runWithPhotos(REQUEST, { input: { ...valid, contentType, contentLength } }, DESSAU_EDITOR);
    expect(data).toBeNull();
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field, code }] });
    expect(world.files()).toEqual(before);
  });

  it('needs alt text and bounds it', async () => {
    const empty = await world.runWithPhotos(REQUEST, { input: { ...valid, altText: '  ' } }, DESSAU_EDITOR);
    expect(empty.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'altText', code: 'REQUIRED' }] });
    const long = await world.runWithPhotos(REQUEST, { input: { ...valid, altText: 'x'.repeat(301) } }, DESSAU_EDITOR);
    expect(long.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'altText', code: 'TOO_LONG' }] });
  });

  it('refuses the public, partners and editors of other cities', async () => {
    const codes = [];
    for (const principal of [PUBLIC_PRINCIPAL, PARTNER, OTHER_EDITOR]) {
      const { errors } = await world.runWithPhotos(REQUEST, { input: valid }, principal);
      codes.push(errors?.[0]?.extensions?.code);
    }
    expect(codes).toEqual(['UNAUTHENTICATED', 'FORBIDDEN', 'FORBIDDEN']);
  });

  it('answers NOT_FOUND for an unknown portrait and SERVICE_UNAVAILABLE without photo storage', async () => {
    const unknown = await world.runWithPhotos(REQUEST, { input: { ...valid, portraitId: 'Portrait:gluecksbringer.zzzzzzzzzzzzzzzz' } }, ADMIN);
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const city = await world.runWithPhotos(REQUEST, { input: { ...valid, portraitId: 'City:dessau-rosslau' } }, ADMIN);
    expect(city.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const off = await world.runWithPhotos(REQUEST, { input: valid }, ADMIN, false);
    expect(off.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
  });
});
