/**
 * A written notice in a list (the applicant's tracking page, the officer's case page): its title in the
 * page's language, number, issue date and whether a corrected one replaced it; then its two downloads (DOCX
 * and the printable HTML) once rendered, or a note that it is being prepared.
 */
import { downloadFile } from './api.js';
import { h, type Child } from './dom.js';
import { lang, t } from './i18n.js';

export interface ListedDocument {
  id: string;
  number: string;
  title: string;
  titleEn: string;
  issuedOn: string;
  rendered: boolean;
  supersededBy?: string;
}

export function documentHeading(d: ListedDocument): Child[] {
  return [
    h('strong', {}, lang() === 'en' ? d.titleEn : d.title),
    ' ',
    h('span', {}, d.number),
    ' · ',
    h('span', {}, t('document_issued_on', { date: d.issuedOn })),
    d.supersededBy ? h('span', { class: 'badge info' }, t('document_superseded')) : null,
  ];
}

/**
 * The two downloads of a rendered document: `base` is its route (the applicant's or the officer's), `headers`
 * what the route needs beyond the officer's token (the query code); a failure is said in `status`.
 */
export function documentDownloads(d: ListedDocument, base: string, headers: Record<string, string>, status: HTMLElement): HTMLElement {
  if (!d.rendered) return h('p', { class: 'hint' }, t('document_pending'));
  const save = (format: 'docx' | 'html'): void => {
    status.textContent = '';
    void downloadFile(`${base}?format=${format}&lang=${lang()}`, headers, `${d.number}.${format}`).then((result) => {
      if (!result.ok) status.textContent = t('document_download_failed');
    });
  };
  return h(
    'span',
    { class: 'actions' },
    h('button', { type: 'button', onclick: () => save('docx'), 'aria-label': `${t('document_docx')}：${d.number}` }, t('document_docx')),
    h('button', { type: 'button', onclick: () => save('html'), 'aria-label': `${t('document_html')}：${d.number}` }, t('document_html')),
  );
}
