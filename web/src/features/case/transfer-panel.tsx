import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TransferReplyBody, TransferReportBody } from '../../../../src/contract/routing.js';
import { transferReplies, type TransferReply } from '../../../../src/core/transfers.js';
import { openStages } from '../../../../src/core/types.js';
import { client, ok } from '../../api/client';
import type { Transfer } from '../../api/types';
import { FormFailure } from '../../forms/form-failure';
import { SubmitOrCancel } from '../../forms/submit-or-cancel';
import { useFormat } from '../../session/formatters';
import { usePlan } from '../../session/plans';
import { useSession } from '../../session/session';
import { Field } from '../../ui/field';
import { ErrorState } from '../../ui/states';
import { Clock } from './assignments';
import { useCase } from './case-context';
import { useCaseForm } from './case-form';
import { transfersQuery, useRefreshRouting } from './routing-queries';
import { TransferForm } from './transfer-form';

const emptyReply: { reply: TransferReply; note: string } = { reply: 'accepted', note: '' };

/** The receiving body's written reply to the petitioner (Art. 23), recorded by its unit or by the office for it. */
function ReplyForm({ transfer, onDone }: { transfer: Transfer; onDone: () => void }) {
  const { t } = useTranslation();
  const { form, failure, onSubmit, busy } = useCaseForm({
    schema: TransferReplyBody,
    empty: emptyReply,
    toBody: (values) => ({ reply: values.reply, ...(values.note.trim() ? { note: values.note } : {}) }),
    send: (id, body) => ok(client.POST('/api/v1/cases/{id}/transfers/{transferId}/reply', { params: { path: { id, transferId: transfer.id } }, body })),
    onDone,
  });
  const errors = form.formState.errors;
  return (
    <form className="inline-form" onSubmit={(event) => void onSubmit(event)} noValidate aria-label={t('transfers.recordReply')}>
      <Field label={t('transfers.reply')} required error={errors.reply}>
        {(control) => (
          <select {...control} {...form.register('reply')}>
            {transferReplies.map((reply) => (
              <option key={reply} value={reply}>
                {t(`transfers.replies.${reply}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('transfers.replyNote')} error={errors.note}>
        {(control) => <textarea {...control} rows={2} {...form.register('note')} />}
      </Field>
      <FormFailure failure={failure} problems={errors.root} />
      <SubmitOrCancel label={t('transfers.saveReply')} busy={busy} onCancel={onDone} />
    </form>
  );
}

/** An assigned body's result report (办结报告), which stops its clock. */
function ReportForm({ transfer, onDone }: { transfer: Transfer; onDone: () => void }) {
  const { t } = useTranslation();
  const { form, failure, onSubmit, busy } = useCaseForm({
    schema: TransferReportBody,
    empty: { report: '' },
    toBody: (values) => ({ report: values.report }),
    send: (id, body) => ok(client.POST('/api/v1/cases/{id}/transfers/{transferId}/report', { params: { path: { id, transferId: transfer.id } }, body })),
    onDone,
  });
  return (
    <form className="inline-form" onSubmit={(event) => void onSubmit(event)} noValidate aria-label={t('transfers.recordReport')}>
      <Field label={t('transfers.report')} required error={form.formState.errors.report}>
        {(control) => <textarea {...control} rows={3} {...form.register('report')} />}
      </Field>
      <FormFailure failure={failure} problems={form.formState.errors.root} />
      <SubmitOrCancel label={t('transfers.saveReport')} busy={busy} onCancel={onDone} />
    </form>
  );
}

/** One transfer or assignment: the body, the reason, its clocks, the reply and report, the letter. */
function TransferRecord({ transfer }: { transfer: Transfer }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { detail } = useCase();
  const { user } = useSession();
  const refresh = useRefreshRouting(detail.id);
  const [open, setOpen] = useState<'reply' | 'report' | null>(null);
  const body = transfer.unitId ? format.unit(transfer.unitId, transfer.bodyName ?? '') : (transfer.bodyName ?? '');
  // The office records for any body; a unit of the tree records its own reply and report.
  const mayRecord = detail.abilities['case.assign'] || (transfer.unitId !== null && user.unitId === transfer.unitId);
  const done = () => {
    refresh();
    setOpen(null);
  };
  const letter = (lang: 'zh' | 'en') => `/api/v1/cases/${encodeURIComponent(detail.id)}/transfers/${encodeURIComponent(transfer.id)}/letter.pdf?lang=${lang}`;
  return (
    <article className="record transfer" data-transfer-kind={transfer.kind}>
      <h3>
        <span className="badge">{t(`transfers.kinds.${transfer.kind}`)}</span> {body} · <time dateTime={transfer.createdAt}>{format.dateTime(transfer.createdAt)}</time>
      </h3>
      <p className="record-body">{transfer.reason}</p>
      <dl className="clocks">
        <Clock label={t('transfers.replyClock')} deadline={transfer.replyClock} />
        {transfer.resultClock ? <Clock label={t('transfers.resultClock')} deadline={transfer.resultClock} /> : null}
      </dl>
      {transfer.reply ? (
        <p className="small">
          {t(transfer.reply === 'accepted' ? 'transfers.accepted' : 'transfers.declined', { when: format.dateTime(transfer.repliedAt ?? '') })}
          {transfer.replyNote ? ` ${transfer.replyNote}` : ''}
        </p>
      ) : null}
      {transfer.report ? (
        <>
          <p className="small">{t('transfers.reportedAt', { when: format.dateTime(transfer.reportedAt ?? '') })}</p>
          <p className="record-body">{transfer.report}</p>
        </>
      ) : null}
      <p className="actions">
        {(['zh', 'en'] as const).map((lang) => (
          <a key={lang} className="button button-quiet" href={letter(lang)} download>
            {t(lang === 'zh' ? 'transfers.letterZh' : 'transfers.letterEn')}
          </a>
        ))}
      </p>
      {mayRecord && open === null ? (
        <div className="button-row">
          {transfer.reply === null ? (
            <button type="button" className="button" onClick={() => setOpen('reply')}>
              {t('transfers.recordReply')}
            </button>
          ) : null}
          {transfer.resultClock && transfer.report === null ? (
            <button type="button" className="button" onClick={() => setOpen('report')}>
              {t('transfers.recordReport')}
            </button>
          ) : null}
        </div>
      ) : null}
      {open === 'reply' ? <ReplyForm transfer={transfer} onDone={done} /> : null}
      {open === 'report' ? <ReportForm transfer={transfer} onDone={done} /> : null}
    </article>
  );
}

/**
 * Transfers (转送) and assignments (交办) of the case to other bodies (Art. 22): each with the
 * receiving body's own clock to tell the petitioner whether it accepts (Art. 23), and an
 * assignment's result report clock; the office makes a new one here.
 */
export function TransferPanel() {
  const { t } = useTranslation();
  const { detail } = useCase();
  const plan = usePlan(detail.planId);
  const read = useQuery(transfersQuery(detail.id));
  const refresh = useRefreshRouting(detail.id);
  const [open, setOpen] = useState(false);
  const transfers = read.data ?? [];
  const mayTransfer = detail.abilities['case.assign'] && openStages.includes(detail.stage);
  if (transfers.length === 0 && !mayTransfer) return null;
  return (
    <section className="card" aria-labelledby="transfers-heading">
      <h2 id="transfers-heading">{t('transfers.title')}</h2>
      <p className="muted small">{t('transfers.hint', { days: plan?.document.deadlines.transferReplyDays ?? 15 })}</p>
      {read.error ? <ErrorState error={read.error} retry={() => void read.refetch()} /> : null}
      {read.data && transfers.length === 0 ? <p className="muted">{t('transfers.none')}</p> : null}
      {transfers.map((transfer) => (
        <TransferRecord key={transfer.id} transfer={transfer} />
      ))}
      {mayTransfer && open ? (
        <TransferForm
          onDone={() => {
            refresh();
            setOpen(false);
          }}
        />
      ) : null}
      {mayTransfer && !open ? (
        <div className="button-row">
          <button type="button" className="button" onClick={() => setOpen(true)}>
            {t('transfers.open')}
          </button>
        </div>
      ) : null}
    </section>
  );
}
