import type { TFunction } from 'i18next';
import { useRef } from 'react';
import { problemsOf, type Problem } from '../../../../src/contract/problems.js';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../api/client';
import { problemText } from '../../forms/problem-text';
import { errorText } from '../../ui/server-text';
import { Field } from '../../ui/field';
import { acceptAttribute, type FileProblem } from './file-check';
import { fileSize, typeName } from '../../ui/file-size';

/** A file's problem in words; too many files is said as a case's limit. */
export function fileProblemText(t: TFunction, problem: Pick<Problem, 'code' | 'params'>): string {
  return problem.code === 'too_many' ? t('attachments.tooMany', { limit: problem.params?.limit ?? '' }) : problemText(t, problem);
}

/** The server's refusal of an upload in words: a problem of the files as a file's problem, anything else as the app says it. */
export function uploadFailureText(t: TFunction, failure: { code: string; message: string; field?: string | undefined; details?: unknown }): string {
  const [problem] = failure.code === 'validation_failed' ? problemsOf(failure.details) : [];
  return problem?.field === 'file' ? fileProblemText(t, problem) : errorText(t, failure);
}

/** The problems of the chosen files (and the server's refusal of them), one sentence each, naming the file. */
export function useFileProblemText(problems: readonly FileProblem[], failure: ApiError | undefined): string | undefined {
  const { t } = useTranslation();
  const said = problems.map(({ name, problem }) => (name ? t('attachments.fileProblem', { name, problem: fileProblemText(t, problem) }) : fileProblemText(t, problem)));
  if (failure) said.push(uploadFailureText(t, failure));
  return said.length > 0 ? said.join(' ') : undefined;
}

/**
 * A file field that takes several files (a scanned letter of many pages, photos), listing what is
 * chosen with its kind and size; `onChoose` hears the whole new choice.
 */
export function FilePicker(props: {
  label: string;
  hint: string;
  files: readonly File[];
  onChoose: (files: File[]) => void;
  problems: readonly FileProblem[];
  failure?: ApiError | undefined;
  disabled?: boolean;
  /** Marked required where the form is for the files alone (the case page's), optional beside a registration. */
  required?: boolean;
}) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const error = useFileProblemText(props.problems, props.failure);
  return (
    <Field label={props.label} hint={props.hint} error={error} required={props.required ?? false}>
      {(control) => (
        <div className="file-picker">
          <input
            {...control}
            ref={input}
            type="file"
            name="file"
            multiple
            accept={acceptAttribute}
            disabled={props.disabled}
            onChange={(event) => props.onChoose(Array.from(event.currentTarget.files ?? []))}
          />
          {props.files.length > 0 ? (
            <ul className="plain-list chosen-files" aria-label={t('attachments.chosen')}>
              {props.files.map((file, index) => (
                <li key={`${file.name}-${index}`}>
                  {file.name} <span className="muted">· {file.type ? typeName(file.type) : t('attachments.unknownType')} · {fileSize(file.size)}</span>
                </li>
              ))}
            </ul>
          ) : null}
          {props.files.length > 0 ? (
            <button
              type="button"
              className="button button-quiet"
              onClick={() => {
                if (input.current) input.current.value = '';
                props.onChoose([]);
              }}
            >
              {t('attachments.clear')}
            </button>
          ) : null}
        </div>
      )}
    </Field>
  );
}
