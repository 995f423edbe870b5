/** The frame every page shares: skip link, header with the site's name, navigation and language switch. */
import { h, render, type Child } from './dom.js';
import { lang, setLang, t, type UiKey } from './i18n.js';

export interface NavItem {
  href: string;
  key: UiKey;
  current?: boolean;
}

export function frame(title: UiKey, nav: NavItem[], onLangChange: () => void, extra: Child = null): HTMLElement {
  const main = h('main', { id: 'main', tabindex: '-1' });
  const header = h(
    'header',
    { class: 'site' },
    h('div', { class: 'brand' }, h('span', { class: 'emblem', 'aria-hidden': 'true' }, '公'), h('span', {}, t(title))),
    h(
      'nav',
      { 'aria-label': t(title) },
      h('ul', {}, ...nav.map((item) => h('li', {}, h('a', { href: item.href, 'aria-current': item.current ? 'page' : null }, t(item.key))))),
    ),
    h(
      'div',
      { class: 'tools' },
      extra,
      h(
        'button',
        {
          type: 'button',
          class: 'link',
          lang: lang() === 'zh' ? 'en' : 'zh-CN',
          'aria-label': t('switch_lang_label'),
          onclick: () => {
            setLang(lang() === 'zh' ? 'en' : 'zh');
            onLangChange();
          },
        },
        t('switch_lang'),
      ),
    ),
  );
  document.documentElement.lang = lang() === 'zh' ? 'zh-CN' : 'en';
  document.title = t(title);
  render(document.body, h('a', { class: 'skip', href: '#main' }, t('skip')), header, main);
  return main;
}
