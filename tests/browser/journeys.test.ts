/**
 * The people's interface in real Chromium (issue #15): a citizen applies, sees the number and the query
 * code, tracks the case; an officer signs in, finds it in the worklist and requests a correction; the
 * correction arrives; a supervisor extends the deadline; the officer replies — and after each change the
 * citizen's tracking page shows it in Chinese. An officer registers a paper application, which its applicant
 * then tracks, and sends its applicant a fee notice, refused a premature closing with the rule shown, then records
 * the payment; a supervisor reads the year's statistics and the cases behind a figure; an administrator adds
 * an agency and reads the calendar. Every page is checked with axe-core (no serious or
 * critical violation), at 360 px without sideways scrolling, and saved as a screenshot at desktop and
 * phone width into docs/screenshots/.
 *
 * The server's clock is set to a working day (10:00 Beijing) a few days ahead, so that the receipt date
 * is the submission date and the officers' actions, dated "today", are legal on any day the suite runs.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { startTestStack } from '../helpers/stack.js';
import { checkPage, launchChromium, type TestBrowser } from '../helpers/browser.js';
import type { LocalEnvironment } from '../../infra/local/stack.js';
import { loadCalendar } from '../../shared/store/calendar.js';
import { addDays, beijingDate } from '../../shared/calendar/civil-date.js';

let stack: LocalEnvironment;
let chrome: TestBrowser;
let citizen: BrowserContext;
let officer: BrowserContext;
/** The officer's tab: the session lives in sessionStorage, per tab, as in a real browser. */
let officerPage: Page;
let today: string;
const cspViolations: string[] = [];
const axeFindings: string[] = [];
const a11y: Record<string, number> = {};

async function newContext(): Promise<BrowserContext> {
  const context = await chrome.browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1280, height: 900 } });
  context.on('console', (message) => {
    if (/Content Security Policy|Refused to/.test(message.text())) cspViolations.push(message.text());
  });
  return context;
}

async function check(page: Page, name: string): Promise<void> {
  const { violations, overflow } = await checkPage(page, name);
  a11y[name] = violations.length;
  for (const v of violations) axeFindings.push(`${name}: ${v.id} (${v.impact}) ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(overflow, `${name} scrolls sideways at 360 px`).toBeLessThanOrEqual(0);
}

beforeAll(async () => {
  chrome = await launchChromium();
  stack = await startTestStack({ pages: true });
  // A working day at least one day ahead, 10:00 in Beijing, as the server's "now".
  const calendar = await loadCalendar(stack.db);
  let day = addDays(beijingDate(new Date()), 1);
  while (!calendar.kind(day).working) day = addDays(day, 1);
  today = day;
  vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
  vi.setSystemTime(new Date(`${day}T02:00:00Z`));
  citizen = await newContext();
  officer = await newContext();
}, 120_000);

afterAll(async () => {
  vi.useRealTimers();
  await chrome?.close();
  await stack?.stop();
});

/** Waits (up to the timeout) until the element's text contains `text`. */
async function contains(locator: Locator, text: string): Promise<void> {
  await expect.poll(async () => (await locator.textContent()) ?? '', { timeout: 15_000 }).toContain(text);
}

async function track(page: Page, id: string, code: string): Promise<void> {
  await page.goto(`${stack.url}/track.html`);
  await page.getByLabel('申请编号').fill(id);
  await page.getByLabel('查询码').fill(code);
  await page.getByRole('button', { name: '查询', exact: true }).click();
  await page.getByTestId('track-result').waitFor();
}

async function signInAs(page: Page, who: RegExp): Promise<void> {
  await page.goto(`${stack.url}/officer.html`);
  await page.getByRole('button', { name: who }).click();
  await page.getByRole('heading', { name: '待办案件' }).waitFor();
}

async function act(page: Page, action: string, fill: (form: Locator) => Promise<void> = async () => undefined): Promise<void> {
  await page.locator('summary', { hasText: action }).first().click();
  const form = page.locator('details[open] form');
  await fill(form);
  await form.getByRole('button', { name: action }).click();
  await page.getByRole('status').filter({ hasText: `已办理：${action}` }).waitFor();
}

describe('the people’s interface in Chromium', () => {
  let id = '';
  let code = '';
  let paperId = '';

  it('a citizen applies: errors beside their fields in Chinese, then the number and the query code once', async () => {
    const page = await citizen.newPage();
    const keys: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith('/applications')) keys.push(request.headers()['idempotency-key'] ?? '');
    });
    await page.goto(stack.url);
    await page.getByRole('heading', { name: '政府信息公开申请表' }).waitFor();
    await check(page, 'apply');

    // Nothing filled in: the API's problems appear beside their fields, and the summary is focused.
    await page.getByRole('button', { name: '提交申请' }).click();
    const summary = page.locator('.error-summary');
    await summary.waitFor();
    await expect.poll(() => page.evaluate<boolean>("document.activeElement?.classList.contains('error-summary') === true")).toBe(true);
    const nameError = page.locator('.field', { has: page.getByLabel(/^姓名/) }).locator('.field-error');
    await expect.poll(() => nameError.textContent()).toMatch(/不能为空|必填|必须/);
    expect(await page.getByLabel(/^姓名/).getAttribute('aria-invalid')).toBe('true');
    await check(page, 'apply-errors');

    // Every field of the standard form is a real label of its control.
    for (const name of ['受理机关', '证件类型', '证件号码', '工作单位', '联系电话', '通信地址', '邮政编码', '电子邮箱', '所需政府信息的名称或者内容描述', '所需政府信息的用途', '获取信息的方式', '提供方式']) {
      if (name === '受理机关') continue; // a fieldset legend; the control is "向哪个机关申请"
      expect(await page.getByLabel(new RegExp(`^${name}`)).count(), name).toBe(1);
    }
    await page.getByLabel('向哪个机关申请').selectOption('jz-zjj');
    await page.getByLabel(/^姓名/).fill('张三');
    await page.getByLabel('证件类型').selectOption('resident_id');
    await page.getByLabel('证件号码').fill('110101199003077774');
    await page.getByLabel('工作单位').fill('江州市第一中学');
    await page.getByLabel('联系电话').fill('13800000000');
    await page.getByLabel('通信地址').fill('江州市青山区湖滨路1号');
    await page.getByLabel('邮政编码').fill('330100');
    await page.getByLabel('电子邮箱').fill('zhangsan@example.cn');
    await page.getByLabel('所需政府信息的名称或者内容描述').fill('江州市2025年保障性住房分配结果');
    await page.getByLabel('所需政府信息的用途').fill('了解本人申请进度');
    await page.getByLabel('获取信息的方式').selectOption('electronic');
    await page.getByLabel('提供方式').selectOption('email');
    // A double click sends one application.
    await page.getByRole('button', { name: '提交申请' }).dblclick();
    await page.getByRole('heading', { name: '申请已提交' }).waitFor();
    id = (await page.getByTestId('application-number').textContent()) ?? '';
    code = (await page.getByTestId('query-code').textContent()) ?? '';
    expect(id).toMatch(/^[0-9A-Z]{26}$/);
    expect(code.length).toBeGreaterThan(10);
    expect(keys.length).toBeGreaterThanOrEqual(1);
    expect(new Set(keys).size, 'one Idempotency-Key for the whole submission').toBe(1);
    expect(keys[0]).toMatch(/^[\x21-\x7e]{1,255}$/);
    await contains(page.getByRole('note'), '查询码只显示这一次');
    await page.getByRole('button', { name: '复制申请编号和查询码' }).waitFor();
    await page.getByRole('button', { name: '打印回执' }).waitFor();
    await check(page, 'result');
    await page.close();
  });

  it('the citizen tracks the case by keyboard alone: status, receipt date and the deadline explained in Chinese', async () => {
    const page = await citizen.newPage();
    await page.goto(`${stack.url}/track.html`);
    // Skip link, then into the form: Tab order reaches both fields and the button.
    await page.keyboard.press('Tab');
    await expect.poll(() => page.evaluate<string | undefined>('document.activeElement?.textContent')).toBe('跳到主要内容');
    await page.getByLabel('申请编号').focus();
    await page.keyboard.type(id);
    await page.keyboard.press('Tab');
    await page.keyboard.type(code);
    await page.keyboard.press('Enter');
    const result = page.getByTestId('track-result');
    await result.waitFor();
    await contains(result, '已受理，办理中');
    await contains(result, today);
    const summary = (await page.getByTestId('deadline-summary').textContent()) ?? '';
    expect(summary).toMatch(/[\u4e00-\u9fff]/);
    expect(summary).toContain('工作日');
    await check(page, 'track');
    await page.close();
  });

  it('an officer signs in, finds it in the worklist and requests a correction; the citizen sees it', async () => {
    const page = (officerPage = await officer.newPage());
    await page.goto(`${stack.url}/officer.html`);
    await page.getByRole('heading', { name: '工作人员登录' }).waitFor();
    await check(page, 'officer-sign-in');
    await page.getByRole('button', { name: /李办事员/ }).click();
    await page.getByRole('heading', { name: '待办案件' }).waitFor();
    await page.getByRole('link', { name: id }).waitFor();
    await check(page, 'worklist');
    await page.getByRole('link', { name: id }).click();
    await page.getByRole('heading', { name: `案件 ${id}` }).waitFor();
    await check(page, 'case');
    const correctionDue = addDays(today, 15);
    await act(page, '告知补正', async (form) => {
      await form.getByLabel('需要补正的事项（每行一项）').fill('请写明所需信息的文号\n请补充联系电话');
      await form.getByLabel('补正期限').fill(correctionDue);
    });

    const view = await citizen.newPage();
    await track(view, id, code);
    await contains(view.getByTestId('track-result'), '待申请人补正');
    await contains(view.getByTestId('timeline'), '补正告知');
    await contains(view.getByTestId('timeline'), '请写明所需信息的文号');
    await check(view, 'track-correction');
    await view.close();

    await act(page, '收到补正材料');
  });

  it('a refused action shows the rule beside its form', async () => {
    const page = officerPage;
    await page.goto(`${stack.url}/officer.html#/case/${id}`);
    await page.getByRole('heading', { name: `案件 ${id}` }).waitFor();
    // An officer is not offered the extension (a supervisor approves it).
    expect(await page.locator('summary', { hasText: '延期答复' }).count()).toBe(0);
    // A second correction notice: the API refuses and the form shows why, with the rule.
    await page.locator('summary', { hasText: '告知补正' }).click();
    const form = page.locator('details[open] form');
    await form.getByLabel('需要补正的事项（每行一项）').fill('再次补正');
    await form.getByLabel('补正期限').fill(addDays(today, 20));
    await form.getByRole('button', { name: '告知补正' }).click();
    const refusal = form.locator('.error-summary');
    await contains(refusal, '不能办理');
    await contains(refusal, '依据规则');
    await check(page, 'case-refused');
  });

  it('a supervisor extends the deadline; the citizen sees the extension', async () => {
    const context = await newContext();
    const page = await context.newPage();
    await signInAs(page, /王科长/);
    await page.getByLabel('机关').selectOption('jz-zjj');
    await page.getByRole('button', { name: '筛选' }).click();
    await page.getByRole('link', { name: id }).click();
    await page.getByRole('heading', { name: `案件 ${id}` }).waitFor();
    await act(page, '延期答复', async (form) => {
      await form.getByLabel('延长工作日数').fill('20');
      await form.getByLabel('延期理由').fill('需要调取的档案数量较多');
    });
    await check(page, 'case-extended');
    await context.close();

    const view = await citizen.newPage();
    await track(view, id, code);
    await contains(view.getByTestId('track-result'), '已延长答复期限');
    await contains(view.getByTestId('timeline'), '延期答复');
    await view.close();
  });

  it('the officer replies; the citizen sees the reply', async () => {
    const page = officerPage;
    await page.goto(`${stack.url}/officer.html#/worklist`);
    await page.getByRole('heading', { name: '待办案件' }).waitFor();
    await page.goto(`${stack.url}/officer.html#/case/${id}`);
    await page.getByRole('heading', { name: `案件 ${id}` }).waitFor();
    await act(page, '作出答复', async (form) => {
      await form.getByLabel('答复结果').selectOption('disclosed');
      await form.getByLabel('送达方式').selectOption('email');
      await form.getByLabel('答复文号').fill('江建公开〔2026〕1号');
      await form.getByLabel('提供的信息及获取方式').fill('见附件《老旧小区改造项目清单》。');
    });

    // The case page lists the documents issued so far; the officer records the reply's delivery by e-mail.
    await stack.outbox.drain();
    await page.goto(`${stack.url}/officer.html#/worklist`);
    await page.goto(`${stack.url}/officer.html#/case/${id}`);
    const issued = page.getByTestId('case-documents');
    await contains(issued, '政府信息公开申请答复书');
    const replyItem = issued.locator('li', { hasText: '政府信息公开申请答复书' });
    await replyItem.locator('summary', { hasText: '登记送达' }).click();
    await replyItem.getByLabel('送达方式').selectOption('email');
    await replyItem.getByLabel('送达日期').fill(today);
    await replyItem.getByRole('button', { name: '登记送达' }).click();
    await page.getByRole('status').filter({ hasText: '已登记文书' }).waitFor();
    await contains(page.getByTestId('case-documents'), '已送达：电子邮件');
    // A mistake in the reply is corrected by a new numbered document that supersedes it.
    await replyItem.locator('summary', { hasText: '更正并重新出具' }).click();
    await replyItem.getByLabel('提供的信息及获取方式').fill('见附件《老旧小区改造项目清单（更正）》。');
    await replyItem.getByRole('button', { name: '更正并重新出具' }).click();
    await page.getByRole('status').filter({ hasText: '已重新出具文书' }).waitFor();
    await contains(page.getByTestId('case-documents'), '已被更正后的文书取代');
    await check(page, 'case-documents');

    const view = await citizen.newPage();
    await track(view, id, code);
    await contains(view.getByTestId('track-result'), '已答复');
    await contains(view.getByTestId('timeline'), '作出答复');
    // Electronic delivery: the applicant's documents (the receipt, the correction notice, the extension
    // notice, the reply) are listed once rendered, and each downloads with the query code in its header.
    await stack.outbox.drain();
    await track(view, id, code);
    const documents = view.getByTestId('documents');
    await contains(documents, '政府信息公开申请答复书');
    await contains(documents, '政府信息公开申请补正告知书');
    await check(view, 'track-documents');
    // The original reply (superseded) and its correction: the applicant downloads the correction.
    const reply = documents.locator('li', { hasText: '政府信息公开申请答复书' }).last();
    const [docx] = await Promise.all([view.waitForEvent('download'), reply.getByRole('button', { name: /下载 Word 文档/ }).click()]);
    expect(docx.suggestedFilename()).toMatch(/号\.docx$/);
    const bytes = await readFile(await docx.path());
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    const [html] = await Promise.all([view.waitForEvent('download'), reply.getByRole('button', { name: /打印版/ }).click()]);
    const printable = await readFile(await html.path(), 'utf8');
    expect(printable).toContain('政府信息公开申请答复书');
    expect(printable).toContain('张三');
    expect(printable).toContain('老旧小区改造项目清单（更正）');
    await view.close();
  });

  it('an officer registers a paper application; the applicant tracks it with the number and code handed over', async () => {
    const page = officerPage;
    await page.goto(`${stack.url}/officer.html#/register`);
    await page.getByRole('heading', { name: '登记纸质或当面提交的申请' }).waitFor();
    // Nothing filled in: the API's problems beside their fields, as on the citizen's form.
    await page.getByRole('button', { name: '登记', exact: true }).click();
    await page.locator('.error-summary').waitFor();
    expect(await page.getByLabel(/^姓名/).getAttribute('aria-invalid')).toBe('true');
    await check(page, 'register');
    // A letter: the day it arrived apart from the receipt (Art. 31(2)), shown for that channel only.
    expect(await page.getByLabel(/^平常信函到达日期/).isVisible()).toBe(false);
    await page.getByLabel('申请渠道').selectOption('mail');
    await page.getByLabel(/^平常信函到达日期/).fill(today);
    await page.getByLabel(/^迟于规定时间确认收到的理由/).waitFor();
    await page.getByLabel(/^收到申请日期/).fill(today);
    await page.getByLabel(/^姓名/).fill('李四');
    await page.getByLabel('证件类型').selectOption('resident_id');
    await page.getByLabel(/^证件号码/).fill('110101199003077774');
    await page.getByLabel('联系电话').fill('13900000000');
    await page.getByLabel('通信地址').fill('江州市青山区湖滨路2号');
    await page.getByLabel(/^所需政府信息的名称或者内容描述/).fill('江州市2025年老旧小区改造项目清单');
    await page.getByLabel('获取信息的方式').selectOption('paper');
    await page.getByLabel('提供方式').selectOption('post');
    await page.getByRole('button', { name: '登记', exact: true }).click();
    const done = page.locator('.banner', { hasText: '已登记' });
    await done.waitFor();
    const [registeredId, paperCode] = (await done.locator('code').allTextContents()).map((x) => x.trim());
    paperId = registeredId!;
    expect(paperId).toMatch(/^[0-9A-Z]{26}$/);
    expect(paperCode!.length).toBeGreaterThan(10);
    await check(page, 'registered');
    await page.getByRole('link', { name: '打开案件' }).click();
    await page.getByRole('heading', { name: `案件 ${paperId}` }).waitFor();

    const view = await citizen.newPage();
    await track(view, paperId, paperCode!);
    await contains(view.getByTestId('track-result'), '已受理，办理中');
    await contains(view.getByTestId('track-result'), today);
    await view.close();
  });

  it('the officer sends a fee notice from the console, is refused an early closing with the rule, and records the payment', async () => {
    const page = officerPage;
    await page.goto(`${stack.url}/officer.html#/case/${paperId}`);
    await page.getByRole('heading', { name: `案件 ${paperId}` }).waitFor();
    await act(page, '发出收费通知', async (form) => {
      // One method at a time: per volume asks for pages only.
      await form.getByLabel('计收方式').selectOption('per_item');
      expect(await form.getByLabel(/^本申请的件数/).isVisible()).toBe(true);
      expect(await form.getByLabel(/^页数/).isVisible()).toBe(false);
      await form.getByLabel('计收方式').selectOption('per_volume');
      expect(await form.getByLabel(/^本申请的件数/).isVisible()).toBe(false);
      await form.getByLabel(/^页数/).fill('100');
      await form.getByLabel(/^缴费方式/).fill('请于缴费期限内通过政务服务网缴纳，或到本机关政务公开窗口缴纳。');
      await check(page, 'case-fee-notice');
    });
    // 国办函〔2020〕109号 Art. 5: pages 1–30 free, 31–100 at 10 元: 700 元, awaited.
    await contains(page.getByTestId('fee'), '700.00 元（按量计收）：待缴纳');
    await contains(page.getByTestId('fee'), '缴费期限至');
    // While the fee is awaited the reply waits (policy P13): not offered.
    expect(await page.locator('summary', { hasText: '作出答复' }).count()).toBe(0);

    // Closing for non-payment before the payment period ends: refused, with the rule beside the form.
    await page.locator('summary', { hasText: '逾期未缴费，视为放弃申请' }).click();
    const closing = page.locator('details[open] form');
    await closing.getByRole('button', { name: '逾期未缴费，视为放弃申请' }).click();
    const refusal = closing.locator('.error-summary');
    await contains(refusal, '不能办理');
    await contains(refusal, '缴费期限至');
    await contains(refusal, '依据规则');
    await check(page, 'case-fee');

    await act(page, '申请人已缴费');
    await contains(page.getByTestId('fee'), '已缴纳');
    await contains(page.locator('.timeline'), '发出收费通知');
    await contains(page.locator('.timeline'), '申请人已缴费');
    // Paid: the reply is offered again.
    await page.locator('summary', { hasText: '作出答复' }).waitFor();
  });

  it("a supervisor reads this year's statistics and opens the cases behind a figure", async () => {
    const context = await newContext();
    const page = await context.newPage();
    await signInAs(page, /王科长/);
    await page.goto(`${stack.url}/officer.html#/reports`);
    await page.getByRole('heading', { name: '政府信息公开工作年度报告统计表' }).waitFor();
    await page.getByLabel('年度').fill(today.slice(0, 4));
    await page.getByRole('button', { name: '查看统计' }).click();
    await contains(page.locator('main'), '未发布（现场计算）');
    const figures = page.locator('table.report button.link');
    await figures.first().waitFor();
    await figures.first().click();
    const drill = page.getByRole('heading', { name: /对应的案件/ });
    await drill.waitFor();
    expect(await page.locator('main ul a[href^="#/case/"]').count()).toBeGreaterThan(0);
    await check(page, 'reports');
    await context.close();
  });

  it('an administrator reads the agencies and the calendar, and adds an agency', async () => {
    const context = await newContext();
    const page = await context.newPage();
    await page.goto(`${stack.url}/officer.html`);
    await page.getByRole('button', { name: /系统管理员/ }).click();
    // Signed in once the navigation shows the administrators' page (a reload before that would lose the session).
    await page.getByRole('link', { name: '机关与日历' }).click();
    await page.getByRole('heading', { name: '机关与日历' }).waitFor();
    await contains(page.locator('main table'), '江州市住房和城乡建设局');
    await page.getByLabel(/^机关代码/).fill('jz-tjj');
    await page.getByLabel(/^机关名称/).fill('江州市统计局');
    await page.getByLabel('上级机关').selectOption('jz');
    await page.getByRole('button', { name: '保存机关' }).click();
    await contains(page.locator('main'), '已保存机关 江州市统计局。');
    await contains(page.locator('main table'), 'jz-tjj');
    await page.getByLabel('年份').fill(today.slice(0, 4));
    await page.getByRole('button', { name: '查看', exact: true }).click();
    await page.getByRole('heading', { name: '法定节假日' }).waitFor();
    await check(page, 'admin');
    await context.close();
  });

  it('found no CSP violation and no serious or critical axe violation on any page', () => {
    expect(cspViolations).toEqual([]);
    expect(axeFindings).toEqual([]);
    console.log(`axe (serious + critical) per page: ${JSON.stringify(a11y)}`);
  });
});
