/**
 * The officers' console, the parts every page uses: what the console holds (session, agencies), the page
 * frame with its navigation, the problem banner, and small helpers. The pages are in officer.ts and beside
 * this file.
 */
import { useBearer, type Agency, type Problem } from '../lib/api.js';
import { signOut, type AuthConfig, type Session } from '../lib/auth.js';
import { h } from '../lib/dom.js';
import { banner } from '../lib/form.js';
import { label, t } from '../lib/i18n.js';
import { frame } from '../lib/layout.js';
import { ROLE } from '../lib/messages.js';

/** What the console holds while it runs: the sign-in configuration, the session, the agencies seen. */
export const state: { config: AuthConfig | undefined; session: Session | undefined; agencies: Agency[] | undefined } = {
  config: undefined,
  session: undefined,
  agencies: undefined,
};
useBearer(() => state.session?.token);

let router: () => Promise<void> = () => Promise.resolve();
/** The console's router (officer.ts), which the shell calls after sign-out and on a language change. */
export function setRouter(route: () => Promise<void>): void {
  router = route;
}
const route = (): Promise<void> => router();

export const pairs = (table: Record<string, { zh: string; en: string }>): [string, string][] => Object.keys(table).map((k) => [k, label(table, k)]);

/** Today in Beijing, YYYY-MM-DD. */
export function today(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

export function agencyName(id: string): string {
  return state.agencies?.find((a) => a.id === id)?.name ?? id;
}

export function page(current: string): HTMLElement {
  const nav = state.session
    ? [
        { href: '#/worklist', key: 'nav_worklist' as const, current: current === 'worklist' },
        { href: '#/register', key: 'nav_register' as const, current: current === 'register' },
        { href: '#/reports', key: 'nav_reports' as const, current: current === 'reports' },
        ...(state.session.roles.includes('admin') ? [{ href: '#/admin', key: 'nav_admin' as const, current: current === 'admin' }] : []),
      ]
    : [];
  const who = state.session
    ? h(
        'span',
        { class: 'who' },
        t('signed_in_as', { name: state.session.name, role: state.session.roles.map((r) => label(ROLE, r)).join('、') }),
        ' ',
        h('button', { type: 'button', class: 'link', onclick: () => { signOut(state.config); state.session = undefined; location.hash = '#/'; void route(); } }, t('sign_out')),
      )
    : null;
  return frame('officer_title', nav, () => void route(), who);
}

/** A problem from the API as a banner: 401 → back to sign-in. */
export function failure(problem: Problem | null, status: number): HTMLElement {
  if (status === 401) {
    signOut(undefined);
    state.session = undefined;
    return banner('error', t('session_expired'), ' ', h('a', { href: '#/' }, t('sign_in')));
  }
  if (problem === null) return banner('error', t('network_error'));
  return banner('error', problem.detail ?? problem.title);
}

// ---- sign-in --------------------------------------------------------------------------------------
