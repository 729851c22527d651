import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { expectStatus, type ApiWorld } from '../../../test/api.js';
import { databaseKinds } from '../../../test/databases.js';
import { buildPublicWorld, cookiesOf, form, roomyLimits } from '../../../test/public.js';
import { executable, formWithFiles, multipart, photoWithLocation, scannedPdf, type FilePart } from '../../../test/uploads.js';
import { defaultAttachmentSettings } from '../../attachments/storage.js';

const between = (body: string, id: string) => new RegExp(`id="${id}">([^<]+)<`).exec(body)?.[1] ?? '';

function petitionFields(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    lang: 'zh',
    kind: 'individual',
    category: 'wage-arrears',
    title: '工地拖欠三个月工资',
    description: '东街学校工地的承包商自八月起没有发工资。',
    website: '',
    ...overrides,
  };
}

/** The files the status page lists: each row's file id and the words in it. */
function listedFiles(body: string): { id: string; text: string }[] {
  return [...body.matchAll(/<tr data-file-id="([^"]+)">([\s\S]*?)<\/tr>/g)].map((match) => ({ id: match[1] ?? '', text: (match[2] ?? '').replace(/<[^>]+>/g, ' ') }));
}

/**
 * The portal's files (issue 12, item 6): a petitioner with the reference and access code sends
 * files with the petition and from the status page, sees those they sent and those the office
 * shared (never an internal one), and downloads them; a refused file is said in their language.
 */
describe.each(databaseKinds)('files on the petition portal on %s', (kind) => {
  let world: ApiWorld;
  beforeAll(async () => {
    world = await buildPublicWorld(kind);
  });
  afterAll(() => world.dispose());

  const page = (url: string, cookies: Record<string, string> = {}) => world.app.inject({ method: 'GET', url, cookies });
  const postFiles = (url: string, body: { headers: Record<string, string>; payload: Buffer }, cookies: Record<string, string> = {}) =>
    world.app.inject({ method: 'POST', url, headers: body.headers, payload: body.payload, cookies });
  const counts = async () => ({
    cases: Number((await world.ctx.db.selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n),
    files: Number((await world.ctx.db.selectFrom('attachments').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n),
  });
  /** Files a petition with files, reads the receipt and looks the petition up as a browser does; returns the cookie and case. */
  const fileWithPhotos = async (files: FilePart[], lang: 'zh' | 'en' = 'zh', overrides: Record<string, string> = {}) => {
    const posted = await postFiles(`/petition/new?lang=${lang}`, formWithFiles(petitionFields({ lang, ...overrides }), files));
    expect(posted.statusCode, posted.body.slice(0, 500)).toBe(303);
    const receipt = await page(String(posted.headers.location));
    const reference = between(receipt.body, 'reference');
    const accessCode = between(receipt.body, 'access-code');
    const looked = await world.app.inject({ method: 'POST', url: `/petition/status?lang=${lang}`, ...form({ reference, accessCode, lang }) });
    expect(looked.statusCode).toBe(303);
    const cookies = cookiesOf(looked);
    const caseRow = await world.ctx.db.selectFrom('cases').select('id').where('reference', '=', reference).executeTakeFirstOrThrow();
    return { reference, accessCode, cookies, caseId: caseRow.id, statusUrl: String(looked.headers.location) };
  };
  const staffAttach = (caseId: string, name: string, internal: boolean) => {
    const body = multipart([{ name, type: 'application/pdf', bytes: scannedPdf(name) }], internal ? { internal: 'true' } : {});
    return world.as('coordinator', { method: 'POST', url: `/api/v1/cases/${caseId}/attachments`, headers: body.headers, payload: body.payload });
  };

  it('files a petition with a photo, lists it on the status page with the office’s shared file but not its internal one, and downloads it without its location', async () => {
    const before = await counts();
    const photo = await photoWithLocation();
    // The longest description the form takes, in Chinese (15,000 bytes), comes through a file-carrying form whole.
    const description = '东'.repeat(5000);
    const petition = await fileWithPhotos([{ name: '工地照片.jpg', type: 'image/jpeg', bytes: photo }], 'zh', { description });
    expect(await counts()).toEqual({ cases: before.cases + 1, files: before.files + 1 });
    expect(expectStatus<{ description: string }>(await world.as('coordinator', { method: 'GET', url: `/api/v1/cases/${petition.caseId}` }), 200).description).toBe(description);
    const events = await world.ctx.db.selectFrom('events').select(['type', 'data']).where('case_id', '=', petition.caseId).orderBy('id').execute();
    expect(events.map((event) => event.type)).toEqual(['case.opened', 'attachment.added']);
    expect(JSON.parse(events[1]?.data ?? '{}')).toMatchObject({ by: 'the petitioner', internal: false });

    expectStatus(await staffAttach(petition.caseId, '现场核查.pdf', false), 201);
    expectStatus(await staffAttach(petition.caseId, '内部研判.pdf', true), 201);

    const status = await page(petition.statusUrl, petition.cookies);
    expect(status.statusCode).toBe(200);
    const files = listedFiles(status.body);
    expect(files.map((file) => file.text.replace(/\s+/g, ' ').trim().split(' ').slice(0, 1)[0])).toEqual(['工地照片.jpg', '现场核查.pdf']);
    expect(files[0]?.text).toContain('您提交的');
    expect(files[1]?.text).toContain('信访局提供的');
    expect(status.body).not.toContain('内部研判');
    expect(status.body).toContain('enctype="multipart/form-data"');

    const download = await page(`/petition/files/${files[0]?.id ?? ''}`, petition.cookies);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('image/jpeg');
    expect(download.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('工地照片.jpg')}`);
    expect(download.headers['cache-control']).toBe('private, no-store');
    expect((await sharp(download.rawPayload).metadata()).exif).toBeUndefined();
    expect(download.rawPayload.includes(Buffer.from('PhoneMaker'))).toBe(false);

    const internalId = (await world.ctx.db.selectFrom('attachments').select('id').where('case_id', '=', petition.caseId).where('internal', '=', 1).executeTakeFirstOrThrow()).id;
    const hidden = await page(`/petition/files/${internalId}?lang=en`, petition.cookies);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.headers['content-type']).toBe('text/html; charset=utf-8');
    // Without the petition held in this browser, the lookup form says what to do.
    const noCookie = await page(`/petition/files/${files[0]?.id ?? ''}?lang=en`);
    expect(noCookie.body).toContain('Follow a petition');
    expect(noCookie.headers['content-type']).toBe('text/html; charset=utf-8');
  });

  it('sends a file from the status page once, however often the form is resent', async () => {
    const petition = await fileWithPhotos([], 'en');
    const first = await page(petition.statusUrl, petition.cookies);
    expect(first.body).toContain('No files yet.');
    const token = /name="once" value="([^"]+)"/.exec(first.body)?.[1] ?? '';
    expect(token).not.toBe('');
    const body = formWithFiles({ lang: 'en', once: token }, [{ name: 'receipt.png', type: 'image/png', bytes: await photoWithLocation('png') }]);
    const before = await counts();
    const [sent, resent] = await Promise.all([postFiles('/petition/files?lang=en', body, petition.cookies), postFiles('/petition/files?lang=en', body, petition.cookies)]);
    expect(sent.statusCode, sent.body.slice(0, 300)).toBe(303);
    expect(resent.statusCode).toBe(303);
    expect(String(sent.headers.location)).toBe('/petition/progress?lang=en&done=files');
    expect((await counts()).files).toBe(before.files + 1);
    const shown = await page(String(sent.headers.location), petition.cookies);
    expect(shown.body).toContain('id="files-added"');
    expect(listedFiles(shown.body).map((file) => file.text)).toEqual([expect.stringContaining('receipt.png')]);
    expect(listedFiles(shown.body)[0]?.text).toContain('Sent by you');
    // Without the petition held, nothing is stored and the lookup form answers.
    const stranger = await postFiles('/petition/files?lang=en', formWithFiles({ lang: 'en' }, [{ name: 'x.pdf', type: 'application/pdf', bytes: scannedPdf() }]));
    expect(stranger.statusCode).toBe(400);
    expect(stranger.body).toContain('Follow a petition');
    expect((await counts()).files).toBe(before.files + 1);
  });

  it('refuses a program sent as a PDF in the reader’s language, from the status page and with the petition, storing nothing', async () => {
    const petition = await fileWithPhotos([]);
    const before = await counts();
    const program = { name: 'letter.pdf', type: 'application/pdf', bytes: executable() };
    const refused = await postFiles('/petition/files?lang=zh', formWithFiles({ lang: 'zh' }, [program]), petition.cookies);
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('id="problem"');
    expect(refused.body).toContain('此文件不是 PDF、JPEG、PNG 或 WebP 格式');
    const renamed = await postFiles('/petition/files?lang=en', formWithFiles({ lang: 'en' }, [{ name: 'photo.pdf', type: 'application/pdf', bytes: await photoWithLocation('png') }]), petition.cookies);
    expect(renamed.statusCode).toBe(400);
    expect(renamed.body).toContain('This file&#39;s name says application/pdf but its content is image/png; it was not taken.');
    const none = await postFiles('/petition/files?lang=en', formWithFiles({ lang: 'en' }, []), petition.cookies);
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('Please choose a file to send.');
    expect(await counts()).toEqual(before);

    // With the petition: the form comes back filled in, the file's problem beside its field, and nothing is filed.
    const form = await postFiles('/petition/new?lang=en', formWithFiles(petitionFields({ lang: 'en', title: 'Unpaid wages' }), [program]));
    expect(form.statusCode).toBe(400);
    expect(form.body).toContain('id="file-error">This file is not a PDF, JPEG, PNG or WebP');
    expect(form.body).toContain('value="Unpaid wages"');
    expect(form.body).toContain('please choose them again');
    expect(await counts()).toEqual(before);
  });

  it("holds to the operator's limits: a file too large and too many files are said with the limit, nothing stored", async () => {
    const limited = await buildApp({ ctx: { ...world.ctx, attachments: { ...defaultAttachmentSettings, maxBytes: 2048, perCase: 2 } }, webRoot: null, public: roomyLimits });
    try {
      const send = (url: string, body: { headers: Record<string, string>; payload: Buffer }, cookies: Record<string, string> = {}) =>
        limited.inject({ method: 'POST', url, headers: body.headers, payload: body.payload, cookies });
      const before = await counts();
      const big = { name: 'big.pdf', type: 'application/pdf', bytes: Buffer.concat([scannedPdf(), Buffer.alloc(4096, 0x20)]) };
      const tooLarge = await send('/petition/new?lang=en', formWithFiles(petitionFields({ lang: 'en' }), [big]));
      expect(tooLarge.statusCode).toBe(400);
      expect(tooLarge.body).toContain('This file is larger than 2 KB, the most one file may be.');
      expect(tooLarge.body).toContain('each file at most 2 KB, at most 2 files');
      const small = (n: number) => ({ name: `p${n}.pdf`, type: 'application/pdf', bytes: scannedPdf(`p${n}`) });
      const tooMany = await send('/petition/new?lang=zh', formWithFiles(petitionFields(), [small(1), small(2), small(3)]));
      expect(tooMany.statusCode).toBe(400);
      expect(tooMany.body).toContain('每件最多 2 个附件');
      expect(await counts()).toEqual(before);

      const filed = await send('/petition/new?lang=en', formWithFiles(petitionFields({ lang: 'en' }), [small(1)]));
      expect(filed.statusCode).toBe(303);
      const receipt = await limited.inject({ method: 'GET', url: String(filed.headers.location) });
      const looked = await limited.inject({
        method: 'POST',
        url: '/petition/status?lang=en',
        ...form({ reference: between(receipt.body, 'reference'), accessCode: between(receipt.body, 'access-code'), lang: 'en' }),
      });
      const cookies = cookiesOf(looked);
      const full = await send('/petition/files?lang=en', formWithFiles({ lang: 'en' }, [small(2), small(3)]), cookies);
      expect(full.statusCode).toBe(400);
      expect(full.body).toContain('A petition holds at most 2 files; please choose fewer.');
      expect((await send('/petition/files?lang=en', formWithFiles({ lang: 'en' }, [small(2)]), cookies)).statusCode).toBe(303);
      const status = await limited.inject({ method: 'GET', url: '/petition/progress?lang=en', cookies });
      expect(listedFiles(status.body)).toHaveLength(2);
      // A full petition offers no form to send more.
      expect(status.body).not.toContain('enctype="multipart/form-data"');
    } finally {
      await limited.close();
    }
  });
});
