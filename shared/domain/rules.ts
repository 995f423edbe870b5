/**
 * The rules catalogue: every rule the lifecycle enforces (docs/domain.md §5 "Illegal actions are refused
 * with the reason"), as data. Each entry: the rule id (stable, in the 422 answer as `rule`), the article
 * it rests on (`citation`), and its message in Simplified Chinese (`zh`, the default) and English (`en`).
 *
 * Messages are templates: `{name}` is replaced by the parameter of that name (a date, a status, a number:
 * never personal data). The entries have the shape `{ zh, en }` of the one i18n message catalogue, so
 * it can take them as they are; `ruleMessages(id, params)` gives both texts filled in.
 */
import { IllegalActionError } from './errors.js';

export interface LocalizedText {
  zh: string;
  en: string;
}

export interface RuleEntry extends LocalizedText {
  /** The legal source (article) or the project's document section the rule rests on. */
  citation: string;
}

/** Shared citations (one spelling each). */
export const CITE = {
  art29: '《政府信息公开条例》(国务院令第711号)第二十九条 / 2019 Regulation (State Council Decree No. 711) Art. 29',
  art30: '《政府信息公开条例》(国务院令第711号)第三十条 / 2019 Regulation Art. 30',
  art31: '《政府信息公开条例》(国务院令第711号)第三十一条 / 2019 Regulation Art. 31',
  art31_3: '《政府信息公开条例》第三十一条第(三)项;最高人民法院指导案例26号 / 2019 Regulation Art. 31(3); Supreme People’s Court Guiding Case No. 26',
  art32: '《政府信息公开条例》第三十二条 / 2019 Regulation Art. 32',
  art33: '《政府信息公开条例》第三十三条 / 2019 Regulation Art. 33',
  art34: '《政府信息公开条例》第三十四条 / 2019 Regulation Art. 34',
  art32_34: '《政府信息公开条例》第三十二条、第三十四条 / 2019 Regulation Art. 32, 34',
  art35: '《政府信息公开条例》第三十五条 / 2019 Regulation Art. 35',
  art42: '《政府信息公开条例》第四十二条;国办函〔2020〕109号 / 2019 Regulation Art. 42; 国办函〔2020〕109号',
  fee3: '《政府信息公开信息处理费管理办法》(国办函〔2020〕109号)第三条 / Measures on Information Processing Fees (国办函〔2020〕109号) Art. 3',
  fee4: '《政府信息公开信息处理费管理办法》(国办函〔2020〕109号)第四条 / Measures on Information Processing Fees Art. 4',
  feeNotice: '《政府信息公开条例》第四十二条;国办函〔2020〕109号(缴费期限:收到收费通知次日起20个工作日) / 2019 Regulation Art. 42; 国办函〔2020〕109号',
  feeP13: 'docs/domain.md "Policies" P13(收费通知至缴费期间不计算在答复期限内 / the time from the fee notice to payment is not counted)',
  art51: '《政府信息公开条例》第五十一条(2008年条例第三十三条);法释〔2011〕17号第一条 / 2019 Regulation Art. 51 (2008 Art. 33); 法释〔2011〕17号 Art. 1',
  art45: '《行政诉讼法》第四十五条 / Administrative Litigation Law Art. 45',
  reg2008: '《政府信息公开条例》(国务院令第492号)第二十一条、第二十四条 / 2008 Regulation (Decree No. 492) Art. 21, 24',
  events: 'docs/domain.md §5(事件只追加、不修改 / events are append-only, never edited)',
  pipl47: '《个人信息保护法》第四十七条 / Personal Information Protection Law Art. 47',
  litigation34: '《行政诉讼法》第三十四条(被告对作出的行政行为负有举证责任) / Administrative Litigation Law Art. 34 (the defendant agency bears the burden of proof)',
  documents: 'docs/domain.md §9(文书一经出具不再修改 / a document once issued is never changed)',
  outcomes: 'docs/domain.md §6',
} as const;

/**
 * The catalogue. Keep ids stable: clients and the i18n catalogue key on them.
 */
export const RULES = {
  // ---- effective dates ----
  'action.date_invalid': {
    citation: CITE.events,
    zh: '生效日期 {date} 不是 YYYY-MM-DD 格式的日期。',
    en: 'The effective date {date} is not a date YYYY-MM-DD.',
  },
  'action.date_in_future': {
    citation: CITE.events,
    zh: '生效日期 {date} 晚于今天({today},北京时间):办理事项只记录已经发生的事,不能在将来生效。',
    en: 'The effective date {date} is after today ({today}, Beijing time): an action records what has happened and cannot take effect in the future.',
  },
  'action.date_before_last_action': {
    citation: CITE.events,
    zh: '生效日期 {date} 早于本案上一个办理事项({last}):办理记录只能按日期顺序追加,不能修改。',
    en: "The effective date {date} is before the case's last action ({last}): the history is append-only, in date order (events are never edited).",
  },
  'action.before_receipt_date': {
    citation: CITE.art31,
    zh: '生效日期 {date} 早于收到申请之日 {receivedDate}({art}):申请收到之前不会发生任何办理事项。',
    en: 'The effective date {date} is before the receipt date {receivedDate} (收到申请之日, {art}): nothing happens to an application before it is received.',
  },
  // ---- receipt ----
  'receipt.already_received': {
    citation: CITE.art31,
    zh: '已确认收到申请:收到申请之日为 {receivedDate}({art}),此后不再变更。',
    en: 'Receipt was already confirmed: the application was received on {receivedDate} (收到申请之日, {art}), and the receipt date is not changed afterwards.',
  },
  'receipt.date_invalid': {
    citation: CITE.art31,
    zh: 'receivedDate 必须是 YYYY-MM-DD 格式的日期。',
    en: 'receivedDate must be a date YYYY-MM-DD.',
  },
  'receipt.before_submission': {
    citation: CITE.art31_3,
    zh: '收到日期 {receivedDate} 早于提交日期({submittedOn},北京时间):网络申请以双方确认之日为收到申请之日({art}(三))。',
    en: 'The receipt date {receivedDate} is before the submission ({submittedOn}, Beijing time): an online application is received when both sides confirm it ({art}(3)).',
  },
  'receipt.in_future': {
    citation: CITE.art31,
    zh: '收到日期 {receivedDate} 在将来:最晚为 {latest},即今天或今天之后的第一个工作日(在休息日确认的,收到日期为下一个工作日;{art})。',
    en: 'The receipt date {receivedDate} is in the future: it can be at most {latest}, the first working day on or after today (a confirmation made on a day off dates the receipt to the next working day; {art}).',
  },
  'receipt.before_regulation': {
    citation: '《政府信息公开条例》(国务院令第492号)第三十八条 / 2008 Regulation Art. 38',
    zh: '收到日期 {receivedDate} 早于 {effective}(2008年条例施行之日,国务院令第492号第三十八条):不适用任何政府信息公开制度。',
    en: 'Receipt date {receivedDate} is before {effective}, when the 2008 Regulation (国务院令第492号, Art. 38) took effect: no disclosure regime applies.',
  },
  'case.not_received': {
    citation: CITE.art31_3,
    zh: '申请尚未收到(网络申请以双方确认之日为收到申请之日,{art}(三)):请先确认收到,再办理 {action}。',
    en: 'The application has not been received yet (online: received only when both sides confirm it, {art}(3)): confirm receipt before {action}.',
  },
  'case.already_closed': {
    citation: 'docs/domain.md §5',
    zh: '本案已办结({status},{closedDate}):一件申请只有一个办结事项(答复、撤回或视为放弃),办结后只记录复议、诉讼和举报投诉。',
    en: 'The case is already closed ({status} on {closedDate}): a case has exactly one closing action (reply, withdrawal or abandonment), after which only appeals and complaints are recorded.',
  },
  // ---- correction (补正) ----
  'correction.not_in_2008_regime': {
    citation: CITE.reg2008,
    zh: '补正告知仅见于2019年条例(国务院令第711号第三十条)。本案于 {receivedDate} 收到,早于2019-05-15,适用2008年条例(国务院令第492号):申请内容不明确的,以“告知作出更改补充”答复(答复类型 correction_requested,第二十一条第(四)项),本案即办结。',
    en: 'A correction notice (补正告知) exists only under the 2019 Regulation (国务院令第711号, Art. 30). This case was received on {receivedDate}, before 2019-05-15, under the 2008 Regulation (国务院令第492号): an unclear application is answered with the reply 告知作出更改补充 (outcome correction_requested, Art. 21(4)), which ends the case.',
  },
  'correction.only_once': {
    citation: CITE.art30,
    zh: '补正告知只能一次性告知({citation});本案已于 {requestedOn} 告知补正。',
    en: 'A correction notice is given one time only (一次性告知, {citation}); one was given on {requestedOn}.',
  },
  'correction.during_consultation': {
    citation: CITE.art30,
    zh: '征求意见尚未结束:请先结束征求意见,再告知补正。补正告知针对申请本身,应在收到申请之日起7个工作日内作出(第三十条)。',
    en: 'A consultation is open: end it before asking for a correction. The correction notice concerns the application itself and is due within 7 working days of receipt (2019 Regulation Art. 30).',
  },
  'correction.items_required': {
    citation: CITE.art30,
    zh: '补正告知应当说明需要补正的事项({citation})。',
    en: 'The notice must list what to correct (说明需要补正的事项, {citation}).',
  },
  'correction.due_date': {
    citation: CITE.art30,
    zh: '补正期限必须是告知日({date})之后的日期:补正告知应当载明合理的补正期限({citation})。',
    en: 'The correction due date must be a date after the notice ({date}): the notice states a reasonable period to correct (合理的补正期限, {citation}).',
  },
  'correction.none_pending': {
    citation: CITE.art30,
    zh: '没有待补正的申请:{action} 需要一份尚未补正的补正告知(第三十条)。',
    en: 'No correction is awaited: {action} needs a pending correction notice (补正告知, 2019 Regulation Art. 30).',
  },
  'correction.not_yet_due': {
    citation: CITE.art30,
    zh: '补正期限至 {correctionDueDate}:申请人无正当理由逾期不补正的,才视为放弃申请(第三十条)。',
    en: 'The correction is due by {correctionDueDate}: only an applicant who has not corrected by then, without good reason, is deemed to have abandoned the application (逾期不补正的，视为放弃申请, 2019 Regulation Art. 30).',
  },
  // ---- consultation (征求意见) ----
  'consultation.already_open': {
    citation: CITE.art32_34,
    zh: '已有一项征求意见正在进行(自 {start}):请先结束它,再开始另一项。',
    en: 'A consultation is already open (since {start}): end it before starting another.',
  },
  'consultation.awaiting_correction': {
    citation: CITE.art30,
    zh: '正在等待补正:申请补正完整后再征求意见(补正期间停止计时,补正后的申请收到之日起重新计算,第三十条)。',
    en: 'A correction is awaited: the application is consulted on once it is complete (the clock is stopped until the corrected application arrives, 2019 Regulation Art. 30).',
  },
  'consultation.party_invalid': {
    citation: CITE.art32_34,
    zh: '征求意见对象为第三方(third_party)或其他机关(other_agency)。',
    en: 'The party consulted is a third party (third_party) or another agency (other_agency).',
  },
  'consultation.other_agency_2008': {
    citation: CITE.reg2008,
    zh: '2008年条例(国务院令第492号)只规定征求第三方意见的时间不计算在期限内(第二十四条第三款);征求其他机关意见不停止计时(2019年条例第三十四条新增)。',
    en: 'Under the 2008 Regulation (国务院令第492号) only the time consulting a third party is not counted (Art. 24 ¶3); consulting another agency does not stop the clock (the 2019 Regulation Art. 34 added it).',
  },
  'consultation.name_required': {
    citation: CITE.art32_34,
    zh: '请写明征求意见对象。',
    en: 'Name the party consulted (征求意见对象).',
  },
  'consultation.none_open': {
    citation: CITE.art32_34,
    zh: '没有正在进行的征求意见。',
    en: 'No consultation is open.',
  },
  'consultation.result_invalid': {
    citation: CITE.art32_34,
    zh: '征求意见的结果为同意(agreed)、不同意(objected)或逾期未答复(no_reply)(第三十二条、第三十四条)。',
    en: 'The result of a consultation is agreed, objected or no_reply (2019 Regulation Art. 32, 34).',
  },
  // ---- extension (延期) ----
  'extension.supervisor_only': {
    citation: CITE.art33,
    zh: '延长答复期限须经政府信息公开工作机构负责人同意({citation}):只有负责人(supervisor)可以批准。',
    en: 'An extension needs the approval of the head of the disclosure office (政府信息公开工作机构负责人同意, {citation}): only a supervisor can grant it.',
  },
  'extension.only_once': {
    citation: CITE.art33,
    zh: '答复期限已于 {approvedOn} 延长过:只能延长一次({citation})。',
    en: 'The reply period was already extended on {approvedOn}: it can be extended once ({citation}).',
  },
  'extension.no_running_clock': {
    citation: CITE.art30,
    zh: '正在等待补正:没有正在计算的答复期限可以延长(补正后的申请收到之日起重新计算,第三十条)。',
    en: 'A correction is awaited: no reply period is running to extend (it restarts from zero when the corrected application arrives, 2019 Regulation Art. 30).',
  },
  'extension.days_range': {
    citation: CITE.art33,
    zh: '延长期限为1至 {max} 个工作日({citation})。',
    en: 'An extension is 1 to {max} working days ({citation}).',
  },
  'extension.after_deadline': {
    citation: CITE.art33,
    zh: '答复期限为 {dueDate}:延期须在期限届满之日或之前批准({citation})。',
    en: 'The reply deadline was {dueDate}: an extension must be approved on or before it (需要延长答复期限的, {citation}).',
  },
  'extension.reason_required': {
    citation: CITE.art33,
    zh: '请写明延期理由:延期应告知申请人({citation})。',
    en: 'State the reason: the applicant is told of the extension (告知申请人, {citation}).',
  },
  // ---- reply (答复) ----
  'reply.awaiting_correction': {
    citation: CITE.art30,
    zh: '正在等待补正:收到补正后的申请再答复;补正期限届满仍未补正的,以 close_no_correction 办结(第三十条)。',
    en: 'A correction is awaited: the reply follows the corrected application, or the case is closed with close_no_correction once the correction is overdue (2019 Regulation Art. 30).',
  },
  'reply.consultation_open': {
    citation: CITE.art32_34,
    zh: '征求意见尚未结束:请先结束并记录结果;答复应考虑被征求意见方的意见(第三十二条、第三十四条;2008年条例第二十三条)。',
    en: 'A consultation is open: end it and record its result first; the reply takes the consulted party’s view into account (2019 Regulation Art. 32, 34; 2008 Regulation Art. 23).',
  },
  'reply.unknown_outcome': {
    citation: CITE.outcomes,
    zh: '{outcome} 不是答复类型代码。',
    en: '{outcome} is not an outcome code.',
  },
  'reply.outcome_not_in_regime': {
    citation: CITE.outcomes,
    zh: '答复类型 {outcome}({label},{basis})在本案适用的 {regulation} 下不存在(收到日期 {receivedDate})。',
    en: 'The outcome {outcome} ({label}, {basis}) does not exist under the {regulation} that governs this case (received {receivedDate}).',
  },
  'reply.use_close_no_correction': {
    citation: CITE.art30,
    zh: '逾期不补正(第三十条)以 close_no_correction 办结,且须在补正期限之后。',
    en: 'No correction in time (逾期不补正, 2019 Regulation Art. 30) closes the case with the action close_no_correction, after the correction due date.',
  },
  'reply.still_unclear_needs_correction': {
    citation: CITE.art30,
    zh: 'unavailable.still_unclear 指“补正后申请内容仍不明确”(第三十条):须先有补正告知并收到补正后的申请。',
    en: 'unavailable.still_unclear means "still unclear after correction" (补正后申请内容仍不明确, 2019 Regulation Art. 30): it needs a correction notice and the corrected application.',
  },
  // ---- appeals and complaints ----
  'lawsuit.after_reconsideration_required': {
    citation: CITE.art45,
    zh: '请说明该诉讼是否经过行政复议(afterReconsideration)。',
    en: 'Say whether the lawsuit follows an administrative reconsideration (afterReconsideration).',
  },
  'lawsuit.reconsideration_not_decided': {
    citation: CITE.art45,
    zh: '复议后起诉须有本案的行政复议,且复议机关已作出决定,或自提出复议已超过 {days} 日仍未决定(复议期限届满,《行政诉讼法》第四十五条;《行政复议法》第六十二条);否则请记录为直接起诉。',
    en: 'A lawsuit after reconsideration (复议后起诉) needs a reconsideration on this case that was decided, or has been pending more than {days} days since it was filed (its period expired: 行政诉讼法 Art. 45; 行政复议法 Art. 62); otherwise record it as filed directly.',
  },
  'reconsideration.none_pending': {
    citation: CITE.art51,
    zh: '本案没有未决的行政复议:请先记录复议申请({citation})。',
    en: 'No reconsideration is pending on this case: record its filing first ({citation}).',
  },
  'lawsuit.none_pending': {
    citation: CITE.art51,
    zh: '本案没有未决的行政诉讼:请先记录起诉({citation})。',
    en: 'No lawsuit is pending on this case: record its filing first ({citation}).',
  },
  'complaint.none_pending': {
    citation: CITE.art51,
    zh: '本案没有未决的举报投诉:请先记录举报投诉({citation})。',
    en: 'No complaint is pending on this case: record its filing first ({citation}).',
  },
  'reconsideration.result_invalid': {
    citation: CITE.art51,
    zh: '行政复议的结果为维持(upheld)、纠正(corrected)或其他(other)。',
    en: 'The result of a reconsideration is upheld (维持), corrected (纠正) or other.',
  },
  'lawsuit.result_invalid': {
    citation: CITE.art51,
    zh: '行政诉讼的结果为维持(upheld)、纠正(corrected)或其他(other)。',
    en: 'The result of a lawsuit is upheld (维持), corrected (纠正) or other.',
  },
  'complaint.result_invalid': {
    citation: CITE.art51,
    zh: '举报投诉的结果为维持(upheld)、纠正(corrected)或其他(other)。',
    en: 'The result of a complaint is upheld (维持), corrected (纠正) or other.',
  },
  'receipt.confirmation_too_late': {
    citation: CITE.art31_3,
    zh: '收到日期 {receivedDate} 比网络提交({submittedOn})之后的第一个工作日晚 {gap} 个工作日,超过允许的 {max} 个工作日:指导案例26号认为,系统确认提交成功之日即为收到申请之日,机关内部流程不是延期的理由。超过 {max} 个工作日确认须说明理由(lateReason),并将被标记。',
    en: 'The receipt date {receivedDate} is {gap} working days after the first working day on or after the online submission ({submittedOn}), more than the {max} allowed: under Guiding Case No. 26 the day the system confirms the submission is the day of receipt, and internal handling is no reason for delay. A later confirmation needs a stated reason (lateReason) and is flagged.',
  },
  'correction.after_reply_deadline': {
    citation: CITE.art30,
    zh: '答复期限已于 {dueDate} 届满:第三十条要求在收到申请之日起7个工作日内(本案至 {noticeDeadline})一次性告知补正;答复期限届满后的补正告知不能使已经逾期的申请重新计时。请直接答复(逾期事实保留)。',
    en: 'The reply deadline passed on {dueDate}: Art. 30 requires the correction notice within 7 working days of receipt (here by {noticeDeadline}); a notice after the reply deadline cannot restart the clock of an application already overdue. Reply to it instead (the overdue fact stays).',
  },
  'consultation.letter_received_invalid': {
    citation: CITE.art32_34,
    zh: '征求意见函的收到日期 {letterReceivedOn} 必须是日期,不早于发函日 {date},且不晚于今天。',
    en: 'The day the consultation letter was received ({letterReceivedOn}) must be a date, not before the letter was sent ({date}) and not after today.',
  },
  'extension.other_agency': {
    citation: CITE.art33,
    zh: '延长答复期限须经本机关(本案为 {caseAgency})政府信息公开工作机构负责人同意({citation}):{approverAgency} 的负责人不能批准其他机关的延期。',
    en: 'An extension needs the approval of the head of the disclosure office of the case’s own agency ({caseAgency}; {citation}): a supervisor of {approverAgency} cannot approve another agency’s extension.',
  },
  'extension.notice_date': {
    citation: CITE.art33,
    zh: '延期告知申请人的日期 {noticeDate} 必须是日期,不早于批准日 {date},不晚于答复期限 {dueDate},也不晚于今天。',
    en: 'The date the applicant was told of the extension ({noticeDate}) must be a date, not before the approval ({date}), not after the reply deadline ({dueDate}) and not after today.',
  },
  'appeal.date_invalid': {
    citation: CITE.art51,
    zh: '{kind} 的日期 {date} 必须不早于收到申请之日({receivedDate})且不晚于今天。复议、诉讼和举报投诉的日期与本案其他事项的日期相互独立。',
    en: 'The date {date} of a {kind} must be on or after the receipt date ({receivedDate}) and not after today. Appeals and complaints have dates independent of the case’s other actions.',
  },
  'appeal.decision_before_filing': {
    citation: CITE.art51,
    zh: '{kind} 的决定日期 {date} 早于其提出日期 {filedDate}。',
    en: 'The decision date {date} of the {kind} is before its filing ({filedDate}).',
  },
  'receipt.plain_letter_confirmed_late': {
    citation: '《政府信息公开条例》第三十一条第(二)项 / 2019 Regulation Art. 31(2)',
    zh: '平常信函 {arrivedOn} 到达、{receivedDate} 确认:晚于到达当日确认须说明理由(lateReason),并被标记。',
    en: 'The plain letter arrived on {arrivedOn}, confirmed on {receivedDate}: a confirmation after the day of arrival needs a reason (lateReason) and is flagged.',
  },
  // ---- Art. 32: disclosure in the public interest ----
  'public_interest.supervisor_only': { citation: CITE.art32, zh: '须由本机关({caseAgency})负责人决定。', en: 'Decided by a supervisor of the case’s agency ({caseAgency}).' },
  'public_interest.no_objection': { citation: CITE.art32, zh: '须在第三方不同意公开(objected)之后、答复之前。', en: 'Only after a third party objected (objected), before the reply.' },
  'public_interest.already_decided': { citation: CITE.art32, zh: '已于 {decidedOn} 决定。', en: 'Already decided on {decidedOn}.' },
  'public_interest.content_required': { citation: CITE.art32, zh: '请写明公开的内容和理由(书面告知第三方)。', en: 'State the information and the reason (told to the third party in writing).' },
  'public_interest.notice_date': { citation: CITE.art32, zh: '告知日期 {thirdPartyNotifiedOn} 须在 {date} 至今天之间。', en: 'The notice date {thirdPartyNotifiedOn} must be from {date} to today.' },
  'reply.public_interest_decided': { citation: CITE.art32, zh: '已于 {decidedOn} 因公共利益决定公开:答复不能是 {outcome}。', en: 'Disclosure in the public interest was decided on {decidedOn}: the reply cannot be {outcome}.' },
  // ---- Art. 35 ----
  'art35.already_asked': { citation: CITE.art35, zh: '已于 {requestedOn} 要求说明理由。', en: 'Reasons were asked on {requestedOn}.' },
  'art35.case_not_ready': { citation: CITE.art35, zh: '当前状态({status})不能办理。', en: 'Not possible in status {status}.' },
  'art35.question_required': { citation: CITE.art35, zh: '请写明需说明的事项。', en: 'State the question.' },
  'art35.reasons_due_date': { citation: CITE.art35, zh: '说明期限须晚于 {date}。', en: 'The reasons are due after {date}.' },
  'art35.supervisor_only': { citation: CITE.art35, zh: '须由本机关({caseAgency})负责人决定。', en: 'Decided by a supervisor of the case’s agency ({caseAgency}).' },
  'art35.reasons_not_asked': { citation: CITE.art35, zh: '须先要求申请人说明理由。', en: 'Ask the applicant for reasons first.' },
  'art35.period_already_set': { citation: CITE.art35, zh: '已于 {decidedOn} 确定。', en: 'Already set on {decidedOn}.' },
  'art35.after_deadline': { citation: CITE.art35, zh: '答复期限已于 {dueDate} 届满。', en: 'The deadline passed on {dueDate}.' },
  'art35.until_after_deadline': { citation: CITE.art35, zh: '延迟答复日期须晚于 {dueDate}。', en: 'The later date must be after {dueDate}.' },
  'art35.reason_required': { citation: CITE.art35, zh: '请写明理由。', en: 'State the reason.' },
  'art35.notice_date': { citation: CITE.art35, zh: '告知日期 {noticeDate} 须在 {date} 至 {dueDate} 之间且不晚于今天。', en: 'The notice date {noticeDate} must be from {date} to {dueDate}, not after today.' },
  // ---- fees (信息处理费) ----
  'fee.not_in_2008_regime': { citation: CITE.art42, zh: '2008年条例下不收取信息处理费(收到日期 {receivedDate})。', en: 'No fee under the 2008 Regulation (received {receivedDate}).' },
  'fee.before_measures': { citation: CITE.feeNotice, zh: '{date} 早于国办函〔2020〕109号({issued})。', en: '{date} is before 国办函〔2020〕109号 ({issued}).' },
  'fee.only_once': { citation: CITE.fee3, zh: '已于 {noticeDate} 发出收费通知;每件申请只计收一次({citation})。', en: 'A fee notice was given on {noticeDate}; an application is charged once ({citation}).' },
  'fee.case_not_ready': { citation: CITE.feeNotice, zh: '当前状态({status})不能发出收费通知。', en: 'No fee notice in status {status}.' },
  'fee.after_reply_deadline': { citation: CITE.feeNotice, zh: '收费通知须在处理期限内发出;期限已于 {dueDate} 届满。', en: 'The fee notice is due within the handling period, which ended on {dueDate}.' },
  'fee.method_invalid': { citation: CITE.fee3, zh: '按件(per_item, items)或按量(per_volume, pages)二选一,不得同时计算({citation})。', en: 'Per item (items) or per volume (pages), never both ({citation}).' },
  'fee.nothing_due': { citation: CITE.fee4, zh: '按{method}计算为0元(此前 {priorUnits} 件,本件 {units}):不收费。', en: 'By {method} the amount is 0 (earlier {priorUnits}, here {units}): nothing to charge.' },
  'fee.how_to_pay_required': { citation: CITE.feeNotice, zh: '请写明缴纳方式。', en: 'State how to pay (howToPay).' },
  'fee.notice_received_invalid': { citation: CITE.feeNotice, zh: '收到通知日期 {noticeReceivedOn} 须在 {date} 至今天之间。', en: 'The notice’s receipt {noticeReceivedOn} must be from {date} to today.' },
  'fee.prior_items_unknown': { citation: CITE.fee4, zh: '无法取得申请人当月此前的申请件数。', en: 'The applicant’s earlier applications this month could not be read.' },
  'fee.none_pending': { citation: CITE.feeNotice, zh: '没有待缴纳的信息处理费({action})。', en: 'No fee is awaiting payment ({action}).' },
  'fee.payment_period_over': { citation: CITE.feeNotice, zh: '缴费期限已于 {paymentDueDate} 届满,视为放弃申请:请以 close_fee_unpaid 办结。', en: 'Payment was due by {paymentDueDate}: deemed abandoned; close with close_fee_unpaid.' },
  'fee.payment_not_yet_due': { citation: CITE.feeNotice, zh: '缴费期限至 {paymentDueDate}。', en: 'Payment is due by {paymentDueDate}.' },
  'fee.waiver_reason_required': { citation: CITE.art42, zh: '请写明减免理由。', en: 'State why the fee is waived.' },
  'fee.pending_blocks': { citation: CITE.feeP13, zh: '信息处理费待缴纳(至 {paymentDueDate}):暂不能 {action}。', en: 'A fee is awaited (until {paymentDueDate}): {action} waits.' },
  'reply.use_close_fee_unpaid': { citation: CITE.feeNotice, zh: '已发出收费通知:未缴费的以 close_fee_unpaid 办结。', en: 'A fee notice is on record: an unpaid fee closes with close_fee_unpaid.' },
  // ---- personal data ----
  'erasure.case_open': {
    citation: CITE.pipl47,
    zh: '案件仍在办理中(状态 {status}):请先答复或记录申请人撤回,再删除其个人信息({citation})。',
    en: "The case is still being handled (status {status}): reply or record the withdrawal first, then erase the applicant's personal data ({citation}).",
  },
  'erasure.appeal_pending': {
    citation: CITE.litigation34,
    zh: '本案的行政复议、行政诉讼或举报投诉尚未结束,机关须以案卷举证,暂不能删除申请人个人信息({citation})。',
    en: "An administrative reconsideration, lawsuit or complaint on this case is still pending: the agency must answer it from the case file, so the applicant's personal data cannot be erased yet ({citation}).",
  },
  // ---- written notices (docs/domain.md §9) ----
  'delivery.already_recorded': {
    citation: CITE.documents,
    zh: '该文书已于 {deliveredOn} 送达({method}):每份文书只记录一次送达。',
    en: 'This document was recorded as delivered on {deliveredOn} ({method}); a delivery is recorded once.',
  },
  'document.superseded': {
    citation: CITE.documents,
    zh: '该文书已由 {supersededBy} 更正替代:请更正较新的文书。',
    en: 'This document was already replaced by {supersededBy}; correct the newer one.',
  },
} as const satisfies Record<string, RuleEntry>;

export type RuleId = keyof typeof RULES;

export type RuleParams = Readonly<Record<string, string | number>>;

function fill(template: string, params: RuleParams): string {
  return template.replaceAll(/\{([a-zA-Z]+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

export function isRuleId(value: string): value is RuleId {
  return Object.hasOwn(RULES, value);
}

/** Both texts of a rule, filled in with its parameters. */
export function ruleMessages(rule: RuleId, params: RuleParams = {}): LocalizedText {
  const entry: RuleEntry = RULES[rule];
  return { zh: fill(entry.zh, params), en: fill(entry.en, params) };
}

/**
 * Refuses an action: throws IllegalActionError with the rule id, its English message (the `detail`),
 * both localized messages and the citation (the 422 answer carries all three).
 */
export function refuse(rule: RuleId, params: RuleParams = {}): never {
  const messages = ruleMessages(rule, params);
  throw new IllegalActionError(rule, messages.en, { messages, citation: RULES[rule].citation });
}
