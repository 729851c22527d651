import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { can } from '../../../../src/core/policy.js';
import { api, ApiError, request } from '../../api/client';
import type { Plan } from '../../api/types';
import { useSession } from '../../session/session';
import { PageTitle } from '../../ui/page-title';
import { ActionError, ErrorState, Loading } from '../../ui/states';
import { PlanDocumentView } from './plan-document';
import { PublishButton } from './publish-button';
import { lineOffset, problemsOf, YamlProblems } from './yaml-problems';
import './plans.css';

async function loadYaml(id: string): Promise<{ yaml: string; plan: Plan }> {
  const [yaml, plan] = await Promise.all([
    request(`/api/v1/plans/${encodeURIComponent(id)}`, { accept: 'application/yaml' }).then((response) => response.text()),
    api<Plan>(`/api/v1/plans/${encodeURIComponent(id)}`),
  ]);
  return { yaml, plan };
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
  const [loadError, setLoadError] = useState<ApiError>();
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const [cursorLine, setCursorLine] = useState(1);
  const editor = useRef<HTMLTextAreaElement>(null);
  const mayWrite = can({ id: user.id, role: user.role, unitId: user.unitId }, 'plan.write');

  useEffect(() => {
    if (!from) return;
    loadYaml(from).then(
      (loaded) => {
        setYaml(loaded.yaml);
        setSource(loaded.plan);
        if (id && loaded.plan.status === 'draft') setSaved(loaded.plan);
      },
      (caught: unknown) => setLoadError(caught instanceof ApiError ? caught : new ApiError(0, 'error', String(caught))),
    );
  }, [from, id]);

  if (!mayWrite) return <ErrorState error={new ApiError(403, 'forbidden', t('editor.adminsOnly'))} />;
  if (loadError) return <ErrorState error={loadError} />;
  if (from && !source) return <Loading />;
  if (id && source?.status === 'published') return <ErrorState error={new ApiError(409, 'plan_published', t('editor.publishedIsFinal'))} />;

  const save = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const plan = saved
        ? await api<Plan>(`/api/v1/plans/${saved.id}`, { method: 'PUT', body: yaml, yaml: true })
        : await api<Plan>('/api/v1/plans', { method: 'POST', body: yaml, yaml: true });
      setSaved(plan);
      setDirty(false);
      if (!saved) navigate(`/plans/${plan.id}/edit`, { replace: true });
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(0, 'error', String(caught)));
    } finally {
      setBusy(false);
    }
  };

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
            <button type="button" className="button button-primary" disabled={busy} onClick={() => void save()}>
              {busy ? t('common.saving') : t('editor.save')}
            </button>
            {saved && !dirty ? (
              <PublishButton plan={saved} onPublished={(plan) => navigate(`/plans/${plan.id}`)} />
            ) : (
              <p className="hint">{t(saved ? 'editor.saveBeforePublish' : 'editor.notSavedYet')}</p>
            )}
          </div>
          {saved && !dirty && !error ? (
            <p className="notice notice-success" role="status">
              {t('editor.saved', { version: saved.version })}
            </p>
          ) : null}
        </div>
        <section className="editor-preview" aria-labelledby="preview-heading">
          <h2 id="preview-heading">{t('editor.preview')}</h2>
          {preview ? <PlanDocumentView document={preview} /> : <p className="muted">{t('editor.noPreview')}</p>}
        </section>
      </div>
    </>
  );
}
