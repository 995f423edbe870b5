/**
 * Form fields with real labels, hints and an error slot each (aria-describedby, aria-invalid), and the
 * mapping of the API's problem list onto them: every problem whose `path` names a field is shown beside
 * that field; the rest, and a count, in the summary at the top (focused, so a screen reader reads it).
 */
import { h, uid, focus, render, type Child } from './dom.js';
import { t } from './i18n.js';
import type { Problem } from './api.js';

export interface Field {
  /** The wrapper (label, hint, control, error). */
  row: HTMLElement;
  control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
  error: HTMLElement;
  /** The API path this field answers for, joined with '.' (`body.applicant.name`). */
  path: string;
  label: string;
}

interface FieldOptions {
  label: string;
  path: string;
  required?: boolean;
  hint?: string;
  type?: string;
  autocomplete?: string;
  inputmode?: string;
  value?: string;
  /** `select`: [value, text] pairs; `textarea`: rows. */
  options?: [string, string][];
  rows?: number;
  maxlength?: number;
}

export function field(options: FieldOptions): Field {
  const id = uid('f');
  const hintId = options.hint ? `${id}-hint` : undefined;
  const errorId = `${id}-error`;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ');
  const common = { id, name: options.path, 'aria-describedby': describedBy, required: options.required ?? false };
  let control: Field['control'];
  if (options.options) {
    control = h('select', common, ...options.options.map(([value, text]) => h('option', { value, selected: value === options.value }, text)));
  } else if (options.rows) {
    control = h('textarea', { ...common, rows: options.rows, maxlength: options.maxlength });
    if (options.value) control.value = options.value;
  } else {
    control = h('input', {
      ...common,
      type: options.type ?? 'text',
      autocomplete: options.autocomplete,
      inputmode: options.inputmode,
      maxlength: options.maxlength,
      value: options.value,
    });
  }
  const error = h('p', { id: errorId, class: 'field-error', hidden: true });
  const row = h(
    'div',
    { class: 'field' },
    h('label', { for: id }, options.label, options.required ? h('span', { class: 'req', 'aria-hidden': 'true' }, ' *') : h('span', { class: 'opt' }, `（${t('optional')}）`)),
    options.hint ? h('p', { id: hintId, class: 'hint' }, options.hint) : null,
    control,
    error,
  );
  return { row, control, error, path: options.path, label: options.label };
}

/** A radio group in a fieldset with a legend. */
export function radios(legend: string, name: string, choices: [string, string][], checked: string, onChange?: (value: string) => void): { el: HTMLFieldSetElement; value(): string } {
  const el = h(
    'fieldset',
    { class: 'radios' },
    h('legend', {}, legend),
    ...choices.map(([value, text]) => {
      const id = uid('r');
      return h(
        'div',
        { class: 'radio' },
        h('input', { type: 'radio', id, name, value, checked: value === checked, onchange: () => onChange?.(value) }),
        h('label', { for: id }, text),
      );
    }),
  );
  return {
    el,
    value: () => (el.querySelector<HTMLInputElement>('input:checked')?.value ?? checked),
  };
}

export function clearErrors(fields: Field[], summary: HTMLElement): void {
  for (const f of fields) {
    f.error.hidden = true;
    f.error.textContent = '';
    f.control.removeAttribute('aria-invalid');
  }
  summary.hidden = true;
  summary.replaceChildren();
}

/**
 * Shows a problem response: each problem beside its field (the longest field path that prefixes the
 * problem's path), the others in the summary; focuses the summary.
 */
export function showProblem(problem: Problem, fields: Field[], summary: HTMLElement): void {
  const list: Child[] = [];
  const unplaced: string[] = [];
  for (const p of problem.problems ?? []) {
    const path = p.path.join('.');
    const target = fields
      .filter((f) => !f.row.closest('[hidden]') && (path === f.path || path.startsWith(`${f.path}.`)))
      .sort((a, b) => b.path.length - a.path.length)[0];
    if (target) {
      target.error.hidden = false;
      target.error.textContent = target.error.textContent ? `${target.error.textContent}；${p.message}` : p.message;
      target.control.setAttribute('aria-invalid', 'true');
      list.push(h('li', {}, h('a', { href: `#${target.control.id}` }, `${target.label}：${p.message}`)));
    } else {
      unplaced.push(`${path}：${p.message}`);
    }
  }
  for (const text of unplaced) list.push(h('li', {}, text));
  const count = (problem.problems ?? []).length;
  render(
    summary,
    h('h2', {}, count > 0 ? t('fix_errors', { n: count }) : problem.title),
    problem.detail && count === 0 ? h('p', {}, problem.detail) : null,
    count > 0 ? h('ul', {}, list) : null,
  );
  summary.hidden = false;
  focus(summary);
}

/** A status or error banner (role=alert for errors, status otherwise). */
export function banner(kind: 'error' | 'ok', ...children: Child[]): HTMLElement {
  return h('div', { class: `banner ${kind}`, role: kind === 'error' ? 'alert' : 'status' }, ...children);
}
