import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { expectStatus, type ApiWorld } from '../../../../test/api.js';
import { databaseKinds } from '../../../../test/databases.js';
import { buildPublicWorld, roomyLimits, submit, type Submitted } from '../../../../test/public.js';
import { expectError, get, letter, openCaseId, withoutWrites } from '../../../../test/requests.js';
import { executable, multipart, photoWithLocation, scannedPdf, type FilePart } from '../../../../test/uploads.js';
import { createToken } from '../../../commands/users.js';
import { defaultAttachmentSettings } from '../../../attachments/storage.js';
import { purgePersonalData } from '../../../jobs/purge.js';

interface Attachment {
  id: string;
  name: string | null;
  type: string;
  size: number;
  internal: boolean;
  uploadedBy: { via: string; userId: string | null; userName: string | null };
}
interface List {
  items: Attachment[];
  mayUpload: boolean;
  mayDownload: boolean;
}
interface PublicFile {
  id: string;
  name: string;
  type: string;
  fromPetitioner: boolean;
}

const pdf: FilePart = { name: '来信扫描.pdf', type: 'application/pdf', bytes: scannedPdf() };

/**
 * Attachments (issue 12, item 6): staff and petitioners attach PDF, JPEG, PNG and WebP files; the
 * type is read from the content, images lose their metadata, the bytes are sealed, every staff
 * download is audited, and the petitioner never sees a file the office marked internal.
 */
describe.each(databaseKinds)('attachments on %s', (kind) => {
  let world: ApiWorld;
  let caseId = '';
  beforeAll(async () => {
    world = await buildPublicWorld(kind);
    caseId = await openCaseId(world, letter());
  });
  afterAll(() => world.dispose());

  const url = (path = '') => `/api/v1/cases/${caseId}/attachments${path}`;
  const upload = (who: Parameters<ApiWorld['as']>[0], files: FilePart[], fields: Record<string, string> = {}, headers: Record<string, string> = {}) => {
    const body = multipart(files, fields);
    return world.as(who, { method: 'POST', url: url(), headers: { ...body.headers, ...headers }, payload: body.payload });
  };
  const stored = async () => ({
    attachments: Number((await world.ctx.db.selectFrom('attachments').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n),
    blobs: Number((await world.ctx.db.selectFrom('attachment_blobs').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n),
  });

  it('takes a scanned letter and a photo, strips the photo of its location, seals both and audits each download', async () => {
    const photo = await photoWithLocation();
    const added = expectStatus<{ items: Attachment[] }>(await upload('coordinator', [pdf, { name: 'site.jpg', type: 'image/jpeg', bytes: photo }]), 201);
    expect(added.items.map((item) => [item.name, item.type, item.internal, item.uploadedBy.via])).toEqual([
      ['来信扫描.pdf', 'application/pdf', false, 'staff'],
      ['site.jpg', 'image/jpeg', false, 'staff'],
    ]);
    expect(added.items[0]?.uploadedBy.userName).toBe(world.users.coordinator.name);

    const list = expectStatus<List>(await get(world, 'coordinator', url()), 200);
    expect(list).toMatchObject({ mayUpload: true, mayDownload: true });
    expect(list.items.map((item) => item.name)).toEqual(['来信扫描.pdf', 'site.jpg']);

    const photoId = added.items[1]?.id ?? '';
    const download = await get(world, 'coordinator', url(`/${photoId}`));
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('image/jpeg');
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(download.headers['content-disposition']).toBe(`attachment; filename="site.jpg"; filename*=UTF-8''site.jpg`);
    const metadata = await sharp(download.rawPayload).metadata();
    expect(metadata.exif).toBeUndefined();
    expect([metadata.width, metadata.height]).toEqual([8, 6]);
    expect(download.rawPayload.includes(Buffer.from('PhoneMaker'))).toBe(false);

    const letterDownload = await get(world, 'coordinator', url(`/${added.items[0]?.id ?? ''}`));
    expect(letterDownload.rawPayload.equals(pdf.bytes)).toBe(true);
    expect(letterDownload.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('来信扫描.pdf')}`);

    // Sealed at rest: neither the bytes nor the name can be read from the database.
    const rows = await world.ctx.db.selectFrom('attachment_blobs').select('sealed').execute();
    expect(rows.every((row) => !Buffer.from(row.sealed).includes(Buffer.from('%PDF')))).toBe(true);
    const names = await world.ctx.db.selectFrom('attachments').select('name_sealed').execute();
    expect(names.every((row) => !row.name_sealed.includes('site'))).toBe(true);

    const audits = await world.ctx.db.selectFrom('audit_entries').select(['action', 'actor_id', 'detail']).where('action', '=', 'case.attachment.download').execute();
    expect(audits).toHaveLength(2);
    expect(audits[0]?.actor_id).toBe(world.users.coordinator.id);
    const events = await world.ctx.db.selectFrom('events').select('type').where('case_id', '=', caseId).where('type', '=', 'attachment.added').execute();
    expect(events).toHaveLength(1);
  });

  it('refuses a file that is not what it claims, or too large, or too many, naming the field and writing nothing', async () => {
    const refusedWith = async (response: Promise<Awaited<ReturnType<typeof upload>>>, code: string) => {
      const before = await stored();
      const error = expectError(await withoutWrites(world, () => response), 400, 'validation_failed', 'file');
      expect(error.details).toMatchObject({ problems: [{ field: 'file', code }] });
      expect(await stored()).toEqual(before);
    };
    await refusedWith(upload('coordinator', [pdf, { name: 'letter.pdf', type: 'application/pdf', bytes: executable() }]), 'file_type');
    await refusedWith(upload('coordinator', [{ name: 'photo.pdf', type: 'application/pdf', bytes: await photoWithLocation('png') }]), 'type_mismatch');
    await refusedWith(upload('coordinator', [{ name: 'notes.txt', type: 'text/plain', bytes: Buffer.from('plain words') }]), 'file_type');
    await refusedWith(upload('coordinator', []), 'required');

    // The operator's limits: a small app over the same database.
    const limited = await buildApp({ ctx: { ...world.ctx, attachments: { ...defaultAttachmentSettings, maxBytes: 300, perCase: 3 } }, webRoot: null, public: roomyLimits });
    try {
      const { token } = await createToken(world.ctx, { email: world.users.coordinator.email, name: 'limits', days: 3650 });
      const send = (files: FilePart[]) => {
        const body = multipart(files);
        return limited.inject({ method: 'POST', url: url(), headers: { ...body.headers, authorization: `Bearer ${token}` }, payload: body.payload });
      };
      const big = { name: 'big.pdf', type: 'application/pdf', bytes: Buffer.concat([scannedPdf(), Buffer.alloc(400, 0x20)]) };
      await refusedWith(send([big]), 'file_too_large');
      // The case holds 2 files already; 2 more would be 4 of 3.
      const small = { name: 'p.pdf', type: 'application/pdf', bytes: scannedPdf('p') };
      await refusedWith(send([small, small]), 'too_many');
      await refusedWith(send([small, small, small, small]), 'too_many');
    } finally {
      await limited.close();
    }
  });

  it('answers a retry with the same key as the first time, and never stores the files twice', async () => {
    const headers = { 'idempotency-key': 'scan-retry-1' };
    const first = expectStatus<{ items: Attachment[] }>(await upload('coordinator', [pdf], {}, headers), 201);
    const before = await stored();
    const again = await upload('coordinator', [pdf], {}, headers);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(expectStatus<{ items: Attachment[] }>(again, 201).items).toEqual(first.items);
    expect(await stored()).toEqual(before);
    const other = await upload('coordinator', [{ ...pdf, bytes: scannedPdf('another letter') }], {}, headers);
    expectError(other, 422, 'idempotency_key_reused', 'Idempotency-Key');
  });

  it('lets only who may: 401 without a session, 403 for a role that cannot attach or cannot see the files', async () => {
    expectError(await upload('anonymous', [pdf]), 401, 'unauthenticated');
    expectError(await withoutWrites(world, () => upload('auditor', [pdf])), 403, 'forbidden');
    expectError(await upload('otherOfficer', [pdf]), 403, 'forbidden');
    // A leader sees that there are files, not their names or content.
    const seen = expectStatus<List>(await get(world, 'leader', url()), 200);
    expect(seen.mayDownload).toBe(false);
    expect(seen.items.every((item) => item.name === null)).toBe(true);
    expectError(await get(world, 'leader', url(`/${seen.items[0]?.id ?? ''}`)), 403, 'forbidden');
    expectError(await get(world, 'coordinator', url('/no-such-file')), 404, 'not_found');
  });

  describe('the petitioner', () => {
    let receipt: Submitted;
    let petitionCase = '';
    beforeAll(async () => {
      receipt = await submit(world);
      const row = await world.ctx.db.selectFrom('cases').select('id').where('reference', '=', receipt.reference).executeTakeFirstOrThrow();
      petitionCase = row.id;
    });
    const publicUrl = (path = '') => `/public/v1/petitions/${receipt.reference}/attachments${path}`;
    const code = () => ({ 'x-access-code': receipt.accessCode });

    it('sends a photo, sees it and the office’s shared files, never an internal one', async () => {
      const body = multipart([{ name: 'damage.png', type: 'image/png', bytes: await photoWithLocation('png') }]);
      const sent = expectStatus<{ items: PublicFile[] }>(
        await world.as('anonymous', { method: 'POST', url: publicUrl(), headers: { ...body.headers, ...code() }, payload: body.payload }),
        201,
      );
      expect(sent.items.map((item) => [item.name, item.type, item.fromPetitioner])).toEqual([['damage.png', 'image/png', true]]);

      const staff = (internal: boolean) => {
        const files = multipart([{ name: internal ? 'internal-memo.pdf' : 'site-survey.pdf', type: 'application/pdf', bytes: scannedPdf(String(internal)) }], internal ? { internal: 'true' } : {});
        return world.as('coordinator', { method: 'POST', url: `/api/v1/cases/${petitionCase}/attachments`, headers: files.headers, payload: files.payload });
      };
      const memo = expectStatus<{ items: Attachment[] }>(await staff(true), 201).items[0];
      expect(memo?.internal).toBe(true);
      expectStatus(await staff(false), 201);

      const listed = expectStatus<{ items: PublicFile[] }>(await world.as('anonymous', { method: 'GET', url: publicUrl(), headers: code() }), 200);
      expect(listed.items.map((item) => [item.name, item.fromPetitioner])).toEqual([
        ['damage.png', true],
        ['site-survey.pdf', false],
      ]);
      const own = await world.as('anonymous', { method: 'GET', url: publicUrl(`/${listed.items[0]?.id ?? ''}`), headers: code() });
      expect(own.statusCode).toBe(200);
      expect(own.headers['content-type']).toBe('image/png');
      expect((await sharp(own.rawPayload).metadata()).exif).toBeUndefined();
      expectError(await world.as('anonymous', { method: 'GET', url: publicUrl(`/${memo?.id ?? ''}`), headers: code() }), 404, 'not_found');
      expectError(await world.as('anonymous', { method: 'GET', url: publicUrl(), headers: { 'x-access-code': 'AAAA-BBBB-CCCC-DDDD-EEEE' } }), 404, 'not_found');
    });

    it('is refused a program sent as a PDF, naming the field', async () => {
      const body = multipart([{ name: 'letter.pdf', type: 'application/pdf', bytes: executable() }]);
      const before = await stored();
      const error = expectError(await world.as('anonymous', { method: 'POST', url: publicUrl(), headers: { ...body.headers, ...code() }, payload: body.payload }), 400, 'validation_failed', 'file');
      expect(error.details).toMatchObject({ problems: [{ field: 'file', code: 'file_type' }] });
      expect(await stored()).toEqual(before);
    });

    it('loses its files with the rest of its personal data when the retention time is over', async () => {
      await world.ctx.db.updateTable('cases').set({ stage: 'closed', stage_changed_at: '2020-01-01T00:00:00.000Z' }).where('id', '=', petitionCase).execute();
      const held = await world.ctx.db.selectFrom('attachments').select('id').where('case_id', '=', petitionCase).execute();
      expect(held).toHaveLength(3);
      await purgePersonalData(world.ctx, 730);
      expect(await world.ctx.db.selectFrom('attachments').select('id').where('case_id', '=', petitionCase).execute()).toEqual([]);
      expect(await world.ctx.db.selectFrom('attachment_blobs').select('attachment_id').where('attachment_id', 'in', held.map((row) => row.id)).execute()).toEqual([]);
      const purged = await world.ctx.db.selectFrom('events').select('data').where('case_id', '=', petitionCase).where('type', '=', 'personal_data.purged').executeTakeFirstOrThrow();
      expect(JSON.parse(purged.data)).toMatchObject({ attachments: 3 });
    });
  });
});
