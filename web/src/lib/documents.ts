/**
 * A written notice in a list (the applicant's tracking page, the officer's case page): its title in the
 * page's language, number, issue date and whether a corrected one replaced it; then its two downloads (DOCX
 * and the printable HTML) once rendered, or a note that it is being prepared.
 */
import { h, type Child } from './dom.js';
import { lang, t } from './i18n.js';

export interface ListedDocument {
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

export function documentDownloads(d: ListedDocument, save: (format: 'docx' | 'html') => void): HTMLElement {
  if (!d.rendered) return h('p', { class: 'hint' }, t('document_pending'));
  return h(
    'span',
    { class: 'actions' },
    h('button', { type: 'button', onclick: () => save('docx'), 'aria-label': `${t('document_docx')}：${d.number}` }, t('document_docx')),
    h('button', { type: 'button', onclick: () => save('html'), 'aria-label': `${t('document_html')}：${d.number}` }, t('document_html')),
  );
}
