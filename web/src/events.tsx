import { RegistrationBody, RegistrationPatchBody } from '@scx/core';
import { useEffect, useState } from 'preact/hooks';
import { api, read } from './api.ts';
import { localErrors, serverErrors } from './forms.ts';
import { formatDate, formatTime, locale, t } from './i18n.ts';
import { navigate } from './router.ts';
import { csrf, me } from './session.ts';
import { useSignal } from './signal.ts';

type EventList = Awaited<ReturnType<typeof fetchEvents>>;
type EventDetail = Awaited<ReturnType<typeof fetchEvent>>;
type TablePlan = Awaited<ReturnType<typeof fetchPlan>>;
type Agenda = Awaited<ReturnType<typeof fetchAgenda>>;
type Suggestions = Awaited<ReturnType<typeof fetchSuggestions>>;

const fetchEvents = async () => read(await api.api.v1.events.$get({ query: {} }));
const fetchEvent = async (id: string) => read(await api.api.v1.events[':id'].$get({ param: { id } }));
const fetchPlan = async (id: string) =>
  read(await api.api.v1.events[':id']['table-plan'].$get({ param: { id } }));
const fetchAgenda = async (id: string) => read(await api.api.v1.events[':id'].agenda.$get({ param: { id } }));
const fetchDirectory = async (id: string) =>
  read(await api.api.v1.events[':id'].participants.$get({ param: { id } }));
const fetchRequests = async (id: string) =>
  read(await api.api.v1.events[':id'].requests.$get({ param: { id } }));
type Directory = Awaited<ReturnType<typeof fetchDirectory>>;
type MyRequests = Awaited<ReturnType<typeof fetchRequests>>;

const fetchSuggestions = async (id: string) =>
  read(await api.api.v1.events[':id'].suggestions.$get({ param: { id }, query: { top: '5' } }));

const STATUS: Record<string, [string, string]> = {
  draft: ['草稿', 'Draft'],
  registration_open: ['报名中', 'Registration open'],
  scheduling: ['排程中', 'Scheduling'],
  scheduled: ['日程已发布', 'Schedule published'],
  running: ['进行中', 'Running'],
  closed: ['已结束', 'Closed'],
  cancelled: ['已取消', 'Cancelled'],
};
const statusLabel = (s: string) => (STATUS[s] ?? [s, s])[locale.get() === 'en' ? 1 : 0];

/** 供需对接活动: the events anyone can see. */
export function Events() {
  useSignal(locale);
  const [data, setData] = useState<EventList | null>(null);
  const [error, setError] = useState<Error | null>(null);
  useEffect(() => {
    fetchEvents().then(setData).catch(setError);
  }, []);
  return (
    <section aria-labelledby="events-title">
      <h1 id="events-title">{t('events')}</h1>
      {error && <p class="error">{error.message}</p>}
      <ul class="cards">
        {data?.items.map((e) => (
          <li key={e.id} class="card" data-testid="event-card">
            <a
              href={`/events/${e.id}`}
              onClick={(ev) => {
                ev.preventDefault();
                navigate(`/events/${e.id}`);
              }}
            >
              <strong>{e.title}</strong>
            </a>
            <p class="meta">
              {formatDate(e.startsAt)} {formatTime(e.startsAt)} · {e.venue} · {statusLabel(e.status)}
            </p>
          </li>
        ))}
      </ul>
      {data && data.items.length === 0 && <p>{t('noEvents')}</p>}
    </section>
  );
}

/** The organizer's slot × table grid, with the scheduler and the lifecycle buttons. */
function OrganizerPanel(props: { event: EventDetail; reload: () => void }) {
  const { event } = props;
  const [plan, setPlan] = useState<TablePlan | null>(null);
  const [message, setMessage] = useState('');
  const [error, setError] = useState<Error | null>(null);
  useEffect(() => {
    fetchPlan(event.id).then(setPlan).catch(setError);
  }, [event.id, event.version]);
  const act = async (action: string) => {
    setError(null);
    try {
      await read(
        await api.api.v1.events[':id'].transitions.$post(
          { param: { id: event.id }, json: { action } as never },
          { headers: csrf() },
        ),
      );
      props.reload();
    } catch (e) {
      setError(e as Error);
    }
  };
  // Drag a meeting onto a free cell (or, by keyboard, pick it then pick the cell) to move it by hand.
  const [picked, setPicked] = useState<string | null>(null);
  const move = async (meetingId: string, slot: number, table: number) => {
    setError(null);
    setPicked(null);
    try {
      await read(
        await api.api.v1.events[':id'].meetings[':meetingId'].$patch(
          { param: { id: event.id, meetingId }, json: { slot, table } },
          { headers: csrf() },
        ),
      );
      setMessage(t('moved'));
      setPlan(await fetchPlan(event.id));
    } catch (e) {
      setError(e as Error);
    }
  };
  const schedule = async () => {
    setError(null);
    try {
      const r = await read(
        await api.api.v1.events[':id'].schedule.$post(
          { param: { id: event.id }, json: { allowMove: false } },
          { headers: csrf() },
        ),
      );
      setMessage(t('scheduled', { placed: r.stats.placed, requests: r.stats.requests }));
      setPlan(await fetchPlan(event.id));
    } catch (e) {
      setError(e as Error);
    }
  };
  const movable = event.status === 'scheduling' || event.status === 'scheduled';
  return (
    <section aria-labelledby="plan-title">
      <h2 id="plan-title">{t('tablePlan')}</h2>
      <div class="actions">
        {event.status === 'scheduling' && (
          <button type="button" onClick={schedule}>
            {t('runScheduler')}
          </button>
        )}
        {event.allowedActions
          .filter((a) => a !== 'cancel')
          .map((a) => (
            <button type="button" key={a} onClick={() => act(a)}>
              {t(`action_${a}` as 'action_publish_schedule')}
            </button>
          ))}
      </div>
      {message && <p role="status">{message}</p>}
      {error && <p class="error">{error.message}</p>}
      {plan && (
        <div class="grid-wrap">
          <table class="plan" data-testid="table-plan">
            <thead>
              <tr>
                <th scope="col">{t('time')}</th>
                {Array.from({ length: plan.tables }, (_, i) => (
                  <th scope="col" key={i}>
                    {t('tableN', { n: i + 1 })}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {plan.slots.map((s) => (
                <tr key={s.index} class={s.break ? 'break' : ''}>
                  <th scope="row">
                    {formatTime(s.startsAt)}–{formatTime(s.endsAt)}
                  </th>
                  {s.break ? (
                    <td colSpan={plan.tables}>{t('break')}</td>
                  ) : (
                    s.cells.map((c) =>
                      c.meeting ? (
                        <td
                          key={c.table}
                          data-testid="plan-meeting"
                          draggable={movable}
                          class={picked === c.meeting.id ? 'picked' : ''}
                          onDragStart={(e) => e.dataTransfer?.setData('text/plain', c.meeting?.id ?? '')}
                        >
                          {movable ? (
                            <button
                              type="button"
                              class="cell"
                              aria-pressed={picked === c.meeting.id}
                              onClick={() =>
                                setPicked(picked === c.meeting?.id ? null : (c.meeting?.id ?? null))
                              }
                            >
                              {c.meeting.a.orgName} × {c.meeting.b.orgName}
                            </button>
                          ) : (
                            `${c.meeting.a.orgName} × ${c.meeting.b.orgName}`
                          )}
                        </td>
                      ) : (
                        <td
                          key={c.table}
                          data-testid="plan-free"
                          data-slot={s.index}
                          data-table={c.table}
                          onDragOver={(e) => movable && e.preventDefault()}
                          onDrop={(e) => {
                            e.preventDefault();
                            const id = e.dataTransfer?.getData('text/plain');
                            if (id) void move(id, s.index, c.table);
                          }}
                        >
                          {movable && picked && (
                            <button
                              type="button"
                              class="cell"
                              onClick={() => void move(picked, s.index, c.table)}
                            >
                              {t('moveHere')}
                            </button>
                          )}
                        </td>
                      ),
                    )
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

const REQ_STATUS: Record<string, [string, string]> = {
  requested: ['待对方回复', 'Awaiting reply'],
  accepted: ['已接受', 'Accepted'],
  declined: ['已婉拒', 'Declined'],
  expired: ['已过期', 'Expired'],
  cancelled: ['已取消', 'Cancelled'],
  recorded: ['不约见', 'No thanks'],
};

/**
 * 报名: what the participant needs and offers, the slots it can attend and the most meetings it wants.
 * The same form edits the registration until scheduling ends.
 */
function RegistrationForm(props: { event: EventDetail; registered: boolean; onSaved: () => Promise<void> }) {
  useSignal(locale);
  const id = props.event.id;
  const meetingSlots = props.event.slots.filter((s) => !s.break);
  const [needs, setNeeds] = useState('');
  const [offers, setOffers] = useState('');
  const [slots, setSlots] = useState<number[]>(meetingSlots.map((s) => s.index));
  const [cap, setCap] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState('');
  useEffect(() => {
    if (!props.registered) return;
    void (async () => {
      const r = (await read(await api.api.v1.events[':id'].registration.$get({ param: { id } }))) as {
        needs: string;
        offers: string;
        availability: number[];
        maxMeetings: number | null;
      };
      setNeeds(r.needs);
      setOffers(r.offers);
      setSlots(r.availability);
      setCap(r.maxMeetings === null ? '' : String(r.maxMeetings));
    })().catch((err: Error) => setErrors({ '': err.message }));
  }, [id, props.registered]);
  const save = async () => {
    setMessage('');
    const n = Number(cap);
    const body = {
      needs,
      offers,
      availability: [...slots].sort((a, b) => a - b),
      maxMeetings: cap.trim() === '' ? null : Number.isFinite(n) ? n : cap,
    };
    const local = localErrors(props.registered ? RegistrationPatchBody : RegistrationBody, body);
    setErrors(local);
    if (Object.keys(local).length) return;
    try {
      if (props.registered) {
        await read(
          await api.api.v1.events[':id'].registration.$patch(
            { param: { id }, json: body as never },
            { headers: csrf() },
          ),
        );
      } else {
        await read(
          await api.api.v1.events[':id'].registrations.$post(
            { param: { id }, json: body as never },
            { headers: csrf() },
          ),
        );
      }
      setMessage(t('registrationSaved'));
      await props.onSaved();
    } catch (err) {
      setErrors({ ...serverErrors(err), '': (err as Error).message });
    }
  };
  return (
    <form class="panel" aria-labelledby="registration-title" onSubmit={(e) => e.preventDefault()}>
      <h3 id="registration-title">{props.registered ? t('myRegistration') : t('register')}</h3>
      <label class="field">
        <span>{t('needs')}</span>
        <textarea name="needs" value={needs} onInput={(e) => setNeeds(e.currentTarget.value)} />
        {errors.needs && <span class="field-error">{errors.needs}</span>}
      </label>
      <label class="field">
        <span>{t('offers')}</span>
        <textarea name="offers" value={offers} onInput={(e) => setOffers(e.currentTarget.value)} />
        {errors.offers && <span class="field-error">{errors.offers}</span>}
      </label>
      <fieldset>
        <legend>{t('availability')}</legend>
        {meetingSlots.map((s) => (
          <label key={s.index} class="check">
            <input
              type="checkbox"
              name={`slot${s.index}`}
              checked={slots.includes(s.index)}
              onChange={(e) =>
                setSlots(e.currentTarget.checked ? [...slots, s.index] : slots.filter((x) => x !== s.index))
              }
            />{' '}
            {formatTime(s.startsAt)}
          </label>
        ))}
        {(errors.availability || Object.keys(errors).find((k) => k.startsWith('availability.'))) && (
          <span class="field-error">
            {errors.availability ??
              errors[Object.keys(errors).find((k) => k.startsWith('availability.')) ?? '']}
          </span>
        )}
      </fieldset>
      <label class="field">
        <span>{t('maxMeetings')}</span>
        <input
          name="maxMeetings"
          inputMode="numeric"
          value={cap}
          placeholder={t('maxMeetingsHint')}
          aria-invalid={errors.maxMeetings ? 'true' : undefined}
          onInput={(e) => setCap(e.currentTarget.value)}
        />
        {errors.maxMeetings && <span class="field-error">{errors.maxMeetings}</span>}
      </label>
      {errors[''] && (
        <p class="error" role="alert">
          {errors['']}
        </p>
      )}
      {message && <p role="status">{message}</p>}
      <button type="button" onClick={() => void save()}>
        {props.registered ? t('saveRegistration') : t('register')}
      </button>
    </form>
  );
}

/**
 * 报名与约见: register for an event open for registration, then ask the other side for meetings
 * (must meet / meet) and answer the requests received.
 */
function Requests(props: { event: EventDetail; onChange: () => void }) {
  useSignal(locale);
  const [directory, setDirectory] = useState<Directory | null>(null);
  const [mine, setMine] = useState<MyRequests | null>(null);
  const [registered, setRegistered] = useState<boolean | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const id = props.event.id;
  const load = async () => {
    const own = await api.api.v1.events[':id'].registration.$get({ param: { id } });
    setRegistered(own.status === 200);
    setDirectory(await fetchDirectory(id));
    if (own.status === 200) setMine(await fetchRequests(id).catch(() => null));
  };
  useEffect(() => {
    load().catch(setError);
  }, [id]);
  const run = async (f: () => Promise<unknown>) => {
    setError(null);
    try {
      await f();
      await load();
      props.onChange();
    } catch (e) {
      setError(e as Error);
    }
  };

  const request = (toParticipantId: string, preference: 'must_meet' | 'meet') =>
    run(async () =>
      read(
        await api.api.v1.events[':id'].requests.$post(
          { param: { id }, json: { toParticipantId, preference } },
          { headers: csrf() },
        ),
      ),
    );
  const answer = (requestId: string, action: 'accept' | 'decline') =>
    run(async () =>
      read(
        await api.api.v1.events[':id'].requests[':requestId'][':action{accept|decline|cancel}'].$post(
          { param: { id, requestId, action } },
          { headers: csrf() },
        ),
      ),
    );
  const me = mine?.participantId;
  const asked = new Set(mine?.sent.map((r) => r.to.participantId));
  const open = props.event.status === 'registration_open';
  return (
    <section aria-labelledby="requests-title">
      <h2 id="requests-title">{t('meetingRequests')}</h2>
      {error && (
        <p class="error" role="alert">
          {error.message}
        </p>
      )}
      {registered !== null && (open || (registered && props.event.status === 'scheduling')) && (
        <RegistrationForm
          event={props.event}
          registered={registered}
          onSaved={async () => {
            await load();
            props.onChange();
          }}
        />
      )}
      {mine && (
        <>
          <p class="meta">{t('quota', { used: mine.quota.used, limit: mine.quota.limit })}</p>
          <ul>
            {mine.received.map((r) => (
              <li key={r.id} data-testid="received-request">
                {r.from.orgName}（{r.preference === 'must_meet' ? t('mustMeet') : t('meet')}）·{' '}
                {(REQ_STATUS[r.status] ?? [r.status, r.status])[locale.get() === 'en' ? 1 : 0]}
                {r.status === 'requested' && open && (
                  <>
                    {' '}
                    <button type="button" onClick={() => answer(r.id, 'accept')}>
                      {t('accept')}
                    </button>{' '}
                    <button type="button" onClick={() => answer(r.id, 'decline')}>
                      {t('decline')}
                    </button>
                  </>
                )}
              </li>
            ))}
            {mine.sent
              .filter((r) => r.status !== 'recorded')
              .map((r) => (
                <li key={r.id} data-testid="sent-request">
                  → {r.to.orgName}（{r.preference === 'must_meet' ? t('mustMeet') : t('meet')}）·{' '}
                  {(REQ_STATUS[r.status] ?? [r.status, r.status])[locale.get() === 'en' ? 1 : 0]}
                </li>
              ))}
          </ul>
        </>
      )}
      {mine && open && (
        <table class="agenda" data-testid="directory">
          <tbody>
            {directory?.items
              .filter((d) => d.participantId !== me && !asked.has(d.participantId))
              .map((d) => (
                <tr key={d.participantId}>
                  <td>{d.orgName}</td>
                  <td>{d.needs || d.offers}</td>
                  <td>
                    <button type="button" onClick={() => request(d.participantId, 'must_meet')}>
                      {t('mustMeet')}
                    </button>{' '}
                    <button type="button" onClick={() => request(d.participantId, 'meet')}>
                      {t('meet')}
                    </button>
                  </td>
                </tr>
              ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** A participant's agenda (once published, also as iCalendar) and who the matching engine suggests. */
function ParticipantPanel(props: { event: EventDetail }) {
  useSignal(locale);
  const [agenda, setAgenda] = useState<Agenda | null>(null);
  const [suggestions, setSuggestions] = useState<Suggestions | null>(null);
  useEffect(() => {
    // Not registered (yet): no agenda, not an error.
    fetchAgenda(props.event.id)
      .then(setAgenda)
      .catch(() => setAgenda(null));
    fetchSuggestions(props.event.id)
      .then(setSuggestions)
      .catch(() => setSuggestions(null));
  }, [props.event.id]);
  return (
    <>
      <Requests event={props.event} onChange={() => {}} />
      <section aria-labelledby="agenda-title">
        <h2 id="agenda-title">{t('myAgenda')}</h2>
        {agenda && !agenda.published && <p>{t('agendaNotYet')}</p>}
        {agenda?.published && (
          <>
            <table class="agenda" data-testid="agenda">
              <thead>
                <tr>
                  <th scope="col">{t('time')}</th>
                  <th scope="col">{t('table')}</th>
                  <th scope="col">{t('counterpart')}</th>
                </tr>
              </thead>
              <tbody>
                {agenda.meetings.map((m) => (
                  <tr key={m.meetingId} data-testid="agenda-meeting">
                    <td>
                      {formatTime(m.startsAt)}–{formatTime(m.endsAt)}
                    </td>
                    <td>{locale.get() === 'en' ? t('tableN', { n: m.table + 1 }) : m.tableLabel}</td>
                    <td>{m.counterpart.orgName}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p>
              <a href={`/api/v1/events/${props.event.id}/agenda.ics`} download>
                {t('downloadIcs')}
              </a>
            </p>
          </>
        )}
      </section>
      {suggestions && suggestions.suggestions.length > 0 && (
        <section aria-labelledby="suggest-title">
          <h2 id="suggest-title">{t('suggestions')}</h2>
          <ul class="matches">
            {suggestions.suggestions.map((s) => (
              <li key={s.participantId} class="card" data-testid="suggestion">
                <strong>{s.orgName}</strong> · {s.scenarioTitle}
                <ul class="reasons">
                  {s.reasons.map((r) => (
                    <li key={r.zh}>{locale.get() === 'en' ? r.en : r.zh}</li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

export function EventPage(props: { id: string }) {
  useSignal(locale);
  const who = useSignal(me);
  const [event, setEvent] = useState<EventDetail | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const reload = () => {
    fetchEvent(props.id).then(setEvent).catch(setError);
  };
  useEffect(reload, [props.id]);
  if (error) return <p class="error">{error.message}</p>;
  if (!event) return <p>{t('loading')}</p>;
  const kind = who?.acting?.orgKind;
  return (
    <article aria-labelledby="event-title">
      <h1 id="event-title">{event.title}</h1>
      <p class="meta" data-testid="event-status">
        {formatDate(event.startsAt)} {formatTime(event.startsAt)}–{formatTime(event.endsAt)} · {event.venue} ·{' '}
        {statusLabel(event.status)}
      </p>
      <p>{event.description}</p>
      {who?.platformRole === 'organizer_admin' || kind === 'organizer' ? (
        <OrganizerPanel event={event} reload={reload} />
      ) : kind === 'agency' || kind === 'firm' ? (
        <ParticipantPanel event={event} />
      ) : null}
    </article>
  );
}
