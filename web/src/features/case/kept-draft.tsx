import { useTranslation } from 'react-i18next';
import { client, ok } from '../../api/client';
import { Field } from '../../ui/field';
import { ActionError } from '../../ui/states';
import { useCase } from './case-context';
import { useCaseMutation } from './case-queries';
import { useDraft } from './drafts';

/**
 * A draft whose form no longer applies, because someone else changed the case meanwhile (moved it,
 * answered it): the text stays on screen, with why, and can be kept as a note or let go.
 */
export function KeptDraft({ form, label, why, onDone }: { form: string; label: string; why: string; onDone?: () => void }) {
  const { t } = useTranslation();
  const { detail } = useCase();
  const note = useCaseMutation((id, body: string) => ok(client.POST('/api/v1/cases/{id}/notes', { params: { path: { id } }, body: { body } })));
  const [text, setText, clear] = useDraft(detail.id, form);
  const done = () => {
    clear();
    onDone?.();
  };
  const keepAsNote = () => note.mutate(text, { onSuccess: done });
  if (text === '') return null;
  return (
    <div className="kept-draft notice notice-warning" role="group" aria-label={t('drafts.kept')}>
      <p>
        <strong>{t('drafts.kept')}</strong> {why}
      </p>
      <Field label={label}>{(control) => <textarea {...control} rows={3} value={text} onChange={(event) => setText(event.target.value)} />}</Field>
      <ActionError error={note.error ?? undefined} />
      <div className="button-row">
        <button type="button" className="button" disabled={note.isPending || !detail.abilities['case.note']} onClick={keepAsNote}>
          {t('drafts.keepAsNote')}
        </button>
        <button type="button" className="button button-quiet" onClick={done}>
          {t('drafts.discard')}
        </button>
      </div>
    </div>
  );
}
