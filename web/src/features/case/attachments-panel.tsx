import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { client, ok } from '../../api/client';
import { queryKeys } from '../../api/queries';
import type { Attachment, AttachmentList } from '../../api/types';
import { useFormat } from '../../session/formatters';
import { fileSize, typeName } from '../../ui/file-size';
import { ErrorState, Loading } from '../../ui/states';
import { checkChosenFiles, type FileProblem } from '../attachments/file-check';
import { FilePicker } from '../attachments/file-picker';
import { uploadToCase } from '../attachments/upload';
import { useCase } from './case-context';

/** The case's files and the limits, refreshed with the case (the live stream invalidates the case's keys). */
export function caseAttachmentsQuery(id: string) {
  return queryOptions({
    queryKey: queryKeys.caseAttachments(id),
    queryFn: ({ signal }): Promise<AttachmentList> => ok(client.GET('/api/v1/cases/{id}/attachments', { params: { path: { id } }, signal })),
  });
}

const downloadHref = (caseId: string, file: Attachment) => `/api/v1/cases/${encodeURIComponent(caseId)}/attachments/${encodeURIComponent(file.id)}`;

/** Attaching files: several at once, checked as chosen, internal (kept from the petitioner) when asked. */
function UploadForm({ list }: { list: AttachmentList }) {
  const { t } = useTranslation();
  const { detail, acted } = useCase();
  const queryClient = useQueryClient();
  const [files, setFiles] = useState<File[]>([]);
  const [problems, setProblems] = useState<FileProblem[]>([]);
  const [internal, setInternal] = useState(false);
  // One key per choice of files: a resend of the same choice attaches it once.
  const [key, setKey] = useState(() => crypto.randomUUID());
  const [formKey, setFormKey] = useState(0);
  const [added, setAdded] = useState<Attachment[]>([]);
  const limits = { maxBytes: list.maxBytes, room: Math.max(0, list.perCase - list.items.length) };
  const upload = useMutation({
    mutationFn: () => uploadToCase(detail.id, files, internal, key),
    onSuccess: async (items) => {
      acted();
      setAdded(items);
      setFiles([]);
      setInternal(false);
      setKey(crypto.randomUUID());
      setFormKey((n) => n + 1);
      await queryClient.invalidateQueries({ queryKey: queryKeys.case(detail.id) });
    },
  });
  const choose = (chosen: File[]) => {
    setFiles(chosen);
    setProblems([]);
    setAdded([]);
    upload.reset();
    setKey(crypto.randomUUID());
    void checkChosenFiles(chosen, limits).then(setProblems);
  };
  const submit = async () => {
    const found = await checkChosenFiles(files, limits);
    setProblems(found);
    if (files.length === 0) setProblems([{ name: '', problem: { code: 'required' } }]);
    if (found.length > 0 || files.length === 0) return;
    upload.mutate();
  };
  return (
    <form
      className="inline-form attachment-upload"
      key={formKey}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <FilePicker
        label={t('attachments.choose')}
        hint={t('attachments.limits', { size: fileSize(list.maxBytes), perCase: list.perCase, room: limits.room })}
        files={files}
        onChoose={choose}
        problems={problems}
        failure={upload.error ?? undefined}
        disabled={upload.isPending}
        required
      />
      <label className="check">
        <input type="checkbox" name="internal" checked={internal} onChange={(event) => setInternal(event.currentTarget.checked)} />
        {t('attachments.internalChoice')}
      </label>
      <p className="form-actions">
        <button type="submit" className="button button-primary" disabled={upload.isPending}>
          {upload.isPending ? t('common.saving') : t('attachments.upload')}
        </button>
      </p>
      {added.length > 0 ? (
        <p className="notice notice-success" role="status">
          {t('attachments.added', { count: added.length, names: added.map((file) => file.name ?? '').join(t('problems.separator')) })}
        </p>
      ) : null}
    </form>
  );
}

/**
 * The files on a case (a scanned letter, photos, documents): each with its kind, size, who added it
 * and when, and whether the petitioner sees it; opened by who sees the case's personal data (each
 * download is audited), added by who may attach.
 */
export function AttachmentsPanel() {
  const { t } = useTranslation();
  const format = useFormat();
  const { detail } = useCase();
  const read = useQuery(caseAttachmentsQuery(detail.id));
  const list = read.data;
  return (
    <section className="card attachments" aria-labelledby="attachments-heading">
      <h2 id="attachments-heading">{t('attachments.title')}</h2>
      {read.error && !list ? <ErrorState error={read.error} retry={() => void read.refetch()} /> : null}
      {!list ? (
        read.error ? null : <Loading />
      ) : (
        <>
          {list.items.length === 0 ? (
            <p className="muted">{t('attachments.none')}</p>
          ) : (
            <div className="attachment-table">
              <table className="data-table compact attachment-list">
                <thead>
                  <tr>
                    <th scope="col">{t('attachments.name')}</th>
                    <th scope="col">{t('attachments.type')}</th>
                    <th scope="col">{t('attachments.size')}</th>
                    <th scope="col">{t('attachments.by')}</th>
                    <th scope="col">{t('attachments.at')}</th>
                    <th scope="col">{t('attachments.shown')}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.items.map((file) => (
                    <tr key={file.id} data-attachment-id={file.id}>
                      <td>
                        {file.name === null ? (
                          <span className="muted">{t('attachments.nameWithheld')}</span>
                        ) : list.mayDownload ? (
                          <a href={downloadHref(detail.id, file)} download={file.name}>
                            {file.name}
                          </a>
                        ) : (
                          file.name
                        )}
                      </td>
                      <td>{typeName(file.type)}</td>
                      <td>{fileSize(file.size)}</td>
                      <td>{file.uploadedBy.via === 'petitioner' ? t('attachments.byPetitioner') : (file.uploadedBy.userName ?? t('case.bySystem'))}</td>
                      <td>
                        <time dateTime={file.createdAt}>{format.dateTime(file.createdAt)}</time>
                      </td>
                      <td>{file.internal ? <span className="badge">{t('attachments.internal')}</span> : t('attachments.visible')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {list.mayDownload && list.items.length > 0 ? <p className="hint">{t('attachments.downloadAudited')}</p> : null}
          {list.mayUpload ? <UploadForm list={list} /> : null}
        </>
      )}
    </section>
  );
}
