import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Static } from 'typebox';
import type { CaseLeaders, ReceptionDay } from '../../../../src/contract/leaders.js';
import { client, ok, type ApiError } from '../../api/client';
import { queryKeys } from '../../api/queries';
import { useFormat } from '../../session/formatters';
import { ActionError, ErrorState } from '../../ui/states';
import { useCase } from './case-context';

type LeadersState = Static<typeof CaseLeaders>;
type Day = Static<typeof ReceptionDay>;

/** The case's leaders panel (GET /api/v1/cases/:id/leaders), under the case's key so a live change fetches it again. */
export function caseLeadersQuery(caseId: string) {
  return queryOptions({
    queryKey: queryKeys.caseLeaders(caseId),
    queryFn: ({ signal }): Promise<LeadersState> => ok(client.GET('/api/v1/cases/{id}/leaders', { params: { path: { id: caseId } }, signal })),
  });
}

/** A day as one line: when, the leader and their office, where. */
function DayLine({ day }: { day: Day }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const language = i18n.language.startsWith('zh') ? 'zh' : 'en';
  return (
    <>
      <time dateTime={day.startsAt}>{format.dateTime(day.startsAt)}</time> – <time dateTime={day.endsAt}>{format.dateTime(day.endsAt)}</time> ·{' '}
      {t('leaders.receivedBy', { title: day.title[language], name: day.leaderName })} · {day.place}
    </>
  );
}

/**
 * Leaders in person (Art. 18): the leader who has the case in personal charge (包案), taken and
 * released by a leader; the case's bookings onto leader reception days (领导接访日), made and
 * cancelled by the office. What the reader may do comes with the panel (`may`).
 */
export function LeadersPanel() {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const language = i18n.language.startsWith('zh') ? 'zh' : 'en';
  const { detail, acted } = useCase();
  const queryClient = useQueryClient();
  const read = useQuery(caseLeadersQuery(detail.id));
  const [dayId, setDayId] = useState('');
  const action = useMutation<LeadersState, ApiError, () => Promise<LeadersState>>({
    mutationFn: (send: () => Promise<LeadersState>) => send(),
    onSuccess: async (state) => {
      acted();
      queryClient.setQueryData(queryKeys.caseLeaders(detail.id), state);
      setDayId('');
      await queryClient.invalidateQueries({ queryKey: queryKeys.caseEvents(detail.id) });
    },
  });
  const id = detail.id;
  const path = { params: { path: { id } } };
  if (read.error) {
    return (
      <section className="card" aria-labelledby="leaders-heading">
        <h2 id="leaders-heading">{t('leaders.title')}</h2>
        <ErrorState error={read.error} retry={() => void read.refetch()} />
      </section>
    );
  }
  const state = read.data;
  if (!state) return null;
  const { personalCharge, bookings, bookableDays, may } = state;
  if (!personalCharge && bookings.length === 0 && !may.book && !may.takeCharge) return null;
  const active = bookings.filter((item) => item.cancelledAt === null);
  const busy = action.isPending;
  return (
    <section className="card leaders-panel" aria-labelledby="leaders-heading">
      <h2 id="leaders-heading">{t('leaders.title')}</h2>
      <h3>{t('leaders.personalCharge')}</h3>
      <p id="personal-charge">{personalCharge ? t('leaders.inChargeOf', { name: personalCharge.leaderName }) : <span className="muted">{t('leaders.noCharge')}</span>}</p>
      {may.takeCharge || may.releaseCharge ? (
        <div className="button-row">
          {may.takeCharge ? (
            <button type="button" className="button" disabled={busy} onClick={() => action.mutate(() => ok(client.POST('/api/v1/cases/{id}/personal-charge', path)))}>
              {t('leaders.takeCharge')}
            </button>
          ) : null}
          {may.releaseCharge ? (
            <button type="button" className="button button-quiet" disabled={busy} onClick={() => action.mutate(() => ok(client.POST('/api/v1/cases/{id}/personal-charge/release', path)))}>
              {t('leaders.releaseCharge')}
            </button>
          ) : null}
        </div>
      ) : null}
      <h3>{t('leaders.receptionDays')}</h3>
      {bookings.length === 0 ? <p className="muted">{t('leaders.noBookings')}</p> : null}
      {bookings.length > 0 ? (
        <ul className="bookings">
          {bookings.map((booking) => (
            <li key={booking.id} data-cancelled={booking.cancelledAt ? 'true' : 'false'}>
              <DayLine day={booking.day} /> · {t(`leaders.via.${booking.via}`)}
              {booking.cancelledAt ? <span className="muted"> · {t('leaders.cancelled')}</span> : null}
              {may.book && booking.cancelledAt === null ? (
                <>
                  {' '}
                  <button
                    type="button"
                    className="button button-quiet"
                    disabled={busy}
                    onClick={() => action.mutate(() => ok(client.POST('/api/v1/cases/{id}/reception-bookings/{bookingId}/cancel', { params: { path: { id, bookingId: booking.id } } })))}
                  >
                    {t('leaders.cancelBooking')}
                  </button>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {may.book && active.length === 0 ? (
        bookableDays.length === 0 ? (
          <p className="muted small">{t('leaders.noDays')}</p>
        ) : (
          <form
            className="inline-form"
            aria-label={t('leaders.book')}
            onSubmit={(event) => {
              event.preventDefault();
              if (dayId) action.mutate(() => ok(client.POST('/api/v1/cases/{id}/reception-bookings', { ...path, body: { dayId } })));
            }}
          >
            <label htmlFor="reception-day">{t('leaders.day')}</label>
            <select id="reception-day" value={dayId} onChange={(event) => setDayId(event.target.value)} required>
              <option value="">{t('leaders.chooseDay')}</option>
              {bookableDays.map((day) => (
                <option key={day.id} value={day.id}>
                  {`${format.dateTime(day.startsAt)} · ${day.title[language]} ${day.leaderName} · ${day.place} · ${t('leaders.placesLeft', { count: day.placesLeft })}`}
                </option>
              ))}
            </select>
            <button type="submit" className="button button-primary" disabled={busy || dayId === ''}>
              {t('leaders.book')}
            </button>
          </form>
        )
      ) : null}
      <ActionError error={action.error ?? undefined} />
    </section>
  );
}
