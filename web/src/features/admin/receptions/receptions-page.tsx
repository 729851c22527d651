import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Static } from 'typebox';
import { CreateReceptionDayBody, type ReceptionDay } from '../../../../../src/contract/leaders.js';
import { client, ok } from '../../../api/client';
import { queryKeys } from '../../../api/queries';
import { FormFailure } from '../../../forms/form-failure';
import { useSchemaForm } from '../../../forms/use-schema-form';
import { useFormat } from '../../../session/formatters';
import { Field } from '../../../ui/field';
import { PageTitle } from '../../../ui/page-title';
import { ResourceTable } from '../../../ui/resource-table';
import { ActionError } from '../../../ui/states';
import { usersQuery } from '../users/users-query';
import { localTimeToIso } from '../../../forms/local-time';

type Day = Static<typeof ReceptionDay>;

const daysQuery = (cancelled: boolean) =>
  queryOptions({
    queryKey: queryKeys.receptionDays(cancelled),
    queryFn: ({ signal }): Promise<{ items: Day[] }> => ok(client.GET('/api/v1/reception-days', { params: { query: cancelled ? { cancelled: true } : {} }, signal })),
  });

type Values = { leaderId: string; title: string; titleEn: string; startsAt: string; endsAt: string; place: string; capacity: string };
const empty: Values = { leaderId: '', title: '', titleEn: '', startsAt: '', endsAt: '', place: '', capacity: '10' };
const toBody = (values: Values): Static<typeof CreateReceptionDayBody> => ({
  leaderId: values.leaderId,
  title: values.title,
  ...(values.titleEn.trim() ? { titleEn: values.titleEn } : {}),
  startsAt: localTimeToIso(values.startsAt),
  endsAt: localTimeToIso(values.endsAt),
  place: values.place,
  // Not a whole number: NaN, so the schema says so beside the field.
  capacity: /^\d+$/.test(values.capacity.trim()) ? Number(values.capacity) : Number.NaN,
});

/**
 * Leader reception days (领导接访日): the office publishes which leader receives petitioners, when,
 * where and for how many cases, and cancels a day (its bookings with it). The schedule is public.
 */
export function ReceptionDaysPage() {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const language = i18n.language.startsWith('zh') ? 'zh' : 'en';
  const queryClient = useQueryClient();
  const [showCancelled, setShowCancelled] = useState(false);
  const days = useQuery(daysQuery(showCancelled));
  const users = useQuery(usersQuery);
  const leaders = (users.data?.items ?? []).filter((user) => user.role === 'leader' && user.active);
  const reload = () => queryClient.invalidateQueries({ queryKey: ['reception-days'] });
  const create = useMutation({
    mutationFn: (body: Static<typeof CreateReceptionDayBody>) => ok(client.POST('/api/v1/reception-days', { body })),
    onSuccess: reload,
  });
  const { form, failure, onSubmit } = useSchemaForm({
    schema: CreateReceptionDayBody,
    defaultValues: empty,
    toBody,
    send: async (body) => {
      await create.mutateAsync(body);
      form.reset(empty);
    },
  });
  const cancel = useMutation({
    mutationFn: (day: Day) => ok(client.POST('/api/v1/reception-days/{id}/cancel', { params: { path: { id: day.id } } })),
    onSettled: reload,
  });
  const busy = form.formState.isSubmitting;
  const errors = form.formState.errors;
  return (
    <>
      <PageTitle title={t('receptions.title')}>{t('receptions.title')}</PageTitle>
      <p className="muted">{t('receptions.hint')}</p>
      <form className="admin-form" onSubmit={(event) => void onSubmit(event)} noValidate aria-label={t('receptions.add')}>
        <Field label={t('receptions.leader')} error={errors.leaderId} required>
          {(control) => (
            <select {...control} {...form.register('leaderId')}>
              <option value="">{t('receptions.chooseLeader')}</option>
              {leaders.map((user) => (
                <option key={user.id} value={user.id}>
                  {user.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('receptions.leaderTitle')} error={errors.title} required>
          {(control) => <input {...control} lang="zh" autoComplete="off" {...form.register('title')} />}
        </Field>
        <Field label={t('receptions.leaderTitleEn')} error={errors.titleEn}>
          {(control) => <input {...control} lang="en" autoComplete="off" {...form.register('titleEn')} />}
        </Field>
        <Field label={t('receptions.startsAt')} error={errors.startsAt} required>
          {(control) => <input {...control} type="datetime-local" {...form.register('startsAt')} />}
        </Field>
        <Field label={t('receptions.endsAt')} error={errors.endsAt} required>
          {(control) => <input {...control} type="datetime-local" {...form.register('endsAt')} />}
        </Field>
        <Field label={t('receptions.place')} error={errors.place} required>
          {(control) => <input {...control} autoComplete="off" {...form.register('place')} />}
        </Field>
        <Field label={t('receptions.capacity')} error={errors.capacity} required className="field-short">
          {(control) => <input {...control} type="number" min={1} max={200} {...form.register('capacity')} />}
        </Field>
        <FormFailure failure={failure} problems={errors.root} />
        <p className="form-actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? t('common.saving') : t('receptions.save')}
          </button>
        </p>
      </form>
      <p className="filter filter-check">
        <input id="receptions-cancelled" type="checkbox" checked={showCancelled} onChange={(event) => setShowCancelled(event.target.checked)} />
        <label htmlFor="receptions-cancelled">{t('receptions.showCancelled')}</label>
      </p>
      <ActionError error={cancel.error ?? undefined} />
      <ResourceTable
        query={days}
        empty={t('receptions.none')}
        columns={[t('receptions.startsAt'), t('receptions.leader'), t('receptions.place'), t('receptions.capacity'), t('adminUsers.actions')]}
        row={(day) => (
          <tr key={day.id} className={day.cancelledAt ? 'row-inactive' : undefined}>
            <td data-label={t('receptions.startsAt')}>
              <time dateTime={day.startsAt}>{format.dateTime(day.startsAt)}</time> – <time dateTime={day.endsAt}>{format.dateTime(day.endsAt)}</time>
            </td>
            <td data-label={t('receptions.leader')}>{`${day.title[language]} ${day.leaderName}`}</td>
            <td data-label={t('receptions.place')}>{day.place}</td>
            <td data-label={t('receptions.capacity')}>{t('receptions.booked', { booked: day.booked, capacity: day.capacity })}</td>
            <td data-label={t('adminUsers.actions')} className="row-actions">
              {day.cancelledAt ? (
                t('receptions.cancelled')
              ) : (
                <button type="button" className="button button-quiet" disabled={cancel.isPending} onClick={() => cancel.mutate(day)}>
                  {t('receptions.cancel')}
                </button>
              )}
            </td>
          </tr>
        )}
      />
    </>
  );
}
