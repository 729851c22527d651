import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { can } from '../../../../src/core/policy.js';
import { ApiError, client, ok } from '../../api/client';
import { queryKeys } from '../../api/queries';
import type { Plan } from '../../api/types';
import { planQuery } from '../../session/plans';
import { useSession } from '../../session/session';
import { PageTitle } from '../../ui/page-title';
import { ActionError, ErrorState, Loading } from '../../ui/states';
import { CatalogueWaiting } from './catalogue-waiting';
import { PlanDocumentView } from './plan-document';
import { PublishButton } from './publish-button';
import { lineOffset, problemsOf, YamlProblems } from './yaml-problems';
import './plans.css';

/** A plan version as the YAML the server writes it in (asked for by its Accept header, read as text). */
function planYamlQuery(id: string) {
  return {
    queryKey: queryKeys.planYaml(id),
    queryFn: ({ signal }: { signal: AbortSignal }) =>
      ok(client.GET('/api/v1/plans/{id}', { params: { path: { id } }, headers: { accept: 'application/yaml' }, parseAs: 'text', signal })),
  };
}

/** Saves YAML text as a new draft, or over a draft already saved. */
function saveYaml(yaml: string, draftId: string | undefined): Promise<Plan> {
  const asYaml = { body: yaml, bodySerializer: String, headers: { 'content-type': 'application/yaml' } };
  return draftId
    ? ok(client.PUT('/api/v1/plans/{id}', { params: { path: { id: draftId } }, ...asYaml }))
    : ok(client.POST('/api/v1/plans', asYaml));
}

/** Writing a plan as YAML: save a draft (the server checks it and names the lines), preview it, publish it. */
export function PlanEditorPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const { user } = useSession();
  const from = id ?? search.get('from');
  const [yaml, setYaml] = useState('');
  const [saved, setSaved] = useState<Plan>();
  const [source, setSource] = useState<Plan>();
  const [dirty, setDirty] = useState(false);
  const queryClient = useQueryClient();
  const [cursorLine, setCursorLine] = useState(1);
  const editor = useRef<HTMLTextAreaElement>(null);
  const mayWrite = can({ id: user.id, role: user.role, unitId: user.unitId }, 'plan.write');

  // The version the editor starts from (the draft being edited, or the one a new draft copies).
  const fromPlan = useQuery({ ...planQuery(from ?? ''), enabled: Boolean(from) });
  const fromYaml = useQuery({ ...planYamlQuery(from ?? ''), enabled: Boolean(from), staleTime: Infinity });
  const loadError = fromPlan.error ?? fromYaml.error ?? undefined;
  // Once per version started from (saving a new draft moves to its own edit page, which starts from it).
  const [startedFrom, setStartedFrom] = useState<string | null>(null);
  useEffect(() => {
    if (!fromPlan.data || fromYaml.data === undefined || startedFrom === from) return;
    setStartedFrom(from);
    setYaml(fromYaml.data);
    setSource(fromPlan.data);
    if (id && fromPlan.data.status === 'draft') setSaved(fromPlan.data);
  }, [fromPlan.data, fromYaml.data, startedFrom, from, id]);

  const saving = useMutation({
    mutationFn: () => saveYaml(yaml, saved?.id),
    onSuccess: (plan) => {
      queryClient.setQueryData(queryKeys.plan(plan.id), plan);
      queryClient.removeQueries({ queryKey: queryKeys.planYaml(plan.id) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.planList });
      setSaved(plan);
      setDirty(false);
      if (!saved) void navigate(`/plans/${plan.id}/edit`, { replace: true });
    },
  });
  const busy = saving.isPending;
  const error = saving.error ?? undefined;

  if (!mayWrite) return <ErrorState error={new ApiError(403, 'forbidden', t('editor.adminsOnly'))} />;
  if (loadError) return <ErrorState error={loadError} />;
  if (from && !source) return <Loading />;
  if (id && source?.status === 'published') return <ErrorState error={new ApiError(409, 'plan_published', t('editor.publishedIsFinal'))} />;

  const save = () => saving.mutate();

  const goTo = (line: number) => {
    const area = editor.current;
    if (!area) return;
    const start = lineOffset(yaml, line);
    const end = yaml.indexOf('\n', start);
    area.focus();
    area.setSelectionRange(start, end === -1 ? yaml.length : end);
    setCursorLine(line);
    // Put the chosen line near the top of the editor.
    const lineHeight = parseFloat(getComputedStyle(area).lineHeight) || 20;
    area.scrollTop = Math.max(0, (line - 3) * lineHeight);
  };
  const trackCursor = () => {
    const area = editor.current;
    if (area) setCursorLine(yaml.slice(0, area.selectionStart).split('\n').length);
  };
  const problems = problemsOf(error?.details);
  const preview = saved?.document ?? source?.document;
  const title = saved ? t('editor.titleVersion', { key: saved.key, version: saved.version }) : t('editor.titleNew');

  return (
    <>
      <PageTitle title={title}>{title}</PageTitle>
      <p className="lead">{t('editor.lead')}</p>
      <div className="editor-layout">
        <div className="editor-pane">
          <label htmlFor="plan-yaml" className="editor-label">
            {t('editor.yaml')}
          </label>
          <textarea
            id="plan-yaml"
            ref={editor}
            className="yaml"
            spellCheck={false}
            value={yaml}
            aria-describedby="plan-yaml-position"
            aria-invalid={problems.length > 0}
            onChange={(event) => {
              setYaml(event.target.value);
              setDirty(true);
            }}
            onSelect={trackCursor}
            onKeyUp={trackCursor}
          />
          <p className="hint" id="plan-yaml-position">
            {t('editor.cursor', { line: cursorLine })}
          </p>
          {problems.length > 0 ? <YamlProblems problems={problems} onGoTo={goTo} /> : <ActionError error={error} />}
          <div className="button-row">
            <button type="button" className="button button-primary" disabled={busy} onClick={save}>
              {busy ? t('common.saving') : t('editor.save')}
            </button>
            {saved && !dirty ? (
              <PublishButton plan={saved} onPublished={(plan) => void navigate(`/plans/${plan.id}`)} />
            ) : (
              <p className="hint">{t(saved ? 'editor.saveBeforePublish' : 'editor.notSavedYet')}</p>
            )}
          </div>
          {saved && !dirty && !error ? (
            <p className="notice notice-success" role="status">
              {t('editor.saved', { version: saved.version })}
            </p>
          ) : null}
          {saved && !dirty && !error ? <CatalogueWaiting plan={saved} /> : null}
        </div>
        <section className="editor-preview" aria-labelledby="preview-heading">
          <h2 id="preview-heading">{t('editor.preview')}</h2>
          {preview ? <PlanDocumentView document={preview} /> : <p className="muted">{t('editor.noPreview')}</p>}
        </section>
      </div>
    </>
  );
}
