/**
 * The one catalogue of the API's human-facing texts, each in Simplified Chinese (`zh`, the default) and
 * English (`en`). Machine fields (codes, rule ids, enum values, paths) never go through it.
 *
 * Templates: `{name}` is a parameter. The English text of an entry is the text the code produces, so a
 * message made in English anywhere (a zod check, a service's ValidationError, a problem's detail) is
 * translated at the edge by matching it against the English templates (`translate`), and a message that
 * is already a catalogue key is rendered directly (`message`). Entries are tried in order: put a more
 * specific template before a more general one. tests/unit/i18n checks every entry has both languages
 * and that every message a request can produce has its Chinese.
 */
import type { Locale } from './locale.js';

export interface LocalizedText {
  zh: string;
  en: string;
}

export const MESSAGES = {
  // ---- problem titles (RFC 9457 `title`) ----
  'title.invalid_request': { en: 'Invalid request', zh: '请求内容有误' },
  'title.action_not_allowed': { en: 'Action not allowed', zh: '不能办理该事项' },
  'title.idempotency_key_reused': { en: 'Idempotency-Key reused', zh: '幂等键已用于其他请求' },
  'title.report_identities': { en: 'Report breaks its identities', zh: '统计表不符合勾稽关系' },
  'title.not_found': { en: 'Not found', zh: '未找到' },
  'title.version_conflict': { en: 'Version conflict', zh: '版本冲突' },
  'title.too_many_requests': { en: 'Too many requests', zh: '请求过于频繁' },
  'title.forbidden': { en: 'Forbidden', zh: '无权访问' },
  'title.unauthorized': { en: 'Unauthorized', zh: '未登录或登录已失效' },
  'title.payload_too_large': { en: 'Payload too large', zh: '请求内容过大' },
  'title.unsupported_media_type': { en: 'Unsupported media type', zh: '不支持的内容类型' },
  'title.bad_request': { en: 'Bad request', zh: '请求格式错误' },
  'title.service_unavailable': { en: 'Service unavailable', zh: '服务暂时不可用' },
  'title.internal_error': { en: 'Internal error', zh: '系统内部错误' },
  'title.method_not_allowed': { en: 'Method not allowed', zh: '不支持该请求方法' },
  'title.request_header_fields_too_large': { en: 'Request header fields too large', zh: '请求头过大' },
  'title.request_timeout': { en: 'Request timeout', zh: '请求超时' },
  'title.unknown_user': { en: 'Unknown user', zh: '未知用户' },

  // ---- problem details ----
  'detail.invalid_request': { en: 'The request is not valid.', zh: '请求内容有误，请按所列问题逐项更正。' },
  'detail.idempotency_key_reused': { en: 'This Idempotency-Key was already used with a different request body.', zh: '该幂等键（Idempotency-Key）已用于内容不同的另一请求。' },
  'detail.no_application': { en: 'No application matches this number and query code.', zh: '没有与该申请编号和查询码相符的申请。' },
  'detail.no_case': { en: 'No case with this id.', zh: '没有该编号的案件。' },
  'detail.no_agency': { en: 'No agency with this id.', zh: '没有该代码的机关。' },
  'detail.not_found': { en: 'Not found.', zh: '未找到。' },
  'detail.forbidden': { en: 'Forbidden.', zh: '无权访问。' },
  'detail.origin_only': { en: 'This API is reached through its public address only.', zh: '请通过本系统的公开网址访问。' },
  'detail.version_conflict': { en: 'The case has changed: its current version is {version}.', zh: '案件已被更新，当前版本为 {version}，请重新读取后再办理。' },
  'detail.too_many_attempts': { en: 'Too many attempts. Try again in {seconds} seconds.', zh: '尝试次数过多，请在 {seconds} 秒后再试。' },
  'detail.bearer_required': { en: 'A valid Bearer token is required.', zh: '需要有效的登录令牌（Bearer token）。' },
  'detail.route_roles': { en: 'This route needs one of the roles: {roles}.', zh: '此功能需要以下角色之一：{roles}。' },
  'detail.body_too_large': { en: 'The request body may be at most {bytes} bytes.', zh: '请求内容最多 {bytes} 字节。' },
  'detail.body_json': { en: 'The request body must be application/json.', zh: '请求内容必须是 application/json。' },
  'detail.body_utf8_charset': { en: 'The request body must be encoded in UTF-8.', zh: '请求内容必须使用 UTF-8 编码。' },
  'detail.body_not_utf8': { en: 'The request body is not valid UTF-8.', zh: '请求内容不是有效的 UTF-8 文本。' },
  'detail.body_not_json': { en: 'The request body is not valid JSON.', zh: '请求内容不是有效的 JSON。' },
  'detail.unavailable': { en: 'The service is temporarily unavailable. Please retry.', zh: '服务暂时不可用，请稍后重试。' },
  'detail.unavailable_retry': {
    en: 'The service is temporarily unavailable. Retrying after Retry-After seconds is safe: a request that was stored after all is not stored twice.',
    zh: '服务暂时不可用。按 Retry-After 所示秒数后重试是安全的：已经保存的请求不会重复保存。',
  },
  'detail.internal': { en: 'Something went wrong on our side. The request id identifies it in our logs.', zh: '系统出现内部错误。请求编号可用于在日志中查找原因。' },
  'detail.internal_local': { en: 'Something went wrong on our side.', zh: '系统出现内部错误。' },
  'detail.method_not_allowed': { en: '{method} is not allowed here; allowed: {allowed}.', zh: '此处不支持 {method} 请求；支持：{allowed}。' },
  'detail.no_route': { en: 'No route for {method} {path}.', zh: '没有 {method} {path} 这一接口。' },
  'detail.header_too_large': { en: 'The request line and headers may be at most 16 KiB.', zh: '请求行和请求头合计最多 16 KiB。' },
  'detail.request_timeout': { en: 'The request did not arrive in time.', zh: '请求未能按时到达。' },
  'detail.bad_http': {
    en: 'The request is not valid HTTP (for instance a path with raw non-ASCII bytes: percent-encode them).',
    zh: '请求不是有效的 HTTP（例如路径中含有未经百分号编码的非 ASCII 字节）。',
  },
  'detail.unknown_user': { en: 'Choose one of the users that /auth/config.json lists.', zh: '请选择 /auth/config.json 列出的用户之一。' },
  'detail.calendar_not_loaded': { en: 'The {year} calendar is not loaded.', zh: '{year} 年的工作日日历尚未载入。' },

  // ---- validation messages (each problem's `message`) ----
  'v.unknown_field': { en: 'is not a known field', zh: '不是可接受的字段' },
  'v.required_json': { en: 'is required (a JSON object)', zh: '必填（JSON 对象）' },
  'v.required': { en: 'is required ({expected})', zh: '必填' },
  'v.one_of': { en: 'must be one of: {values}', zh: '必须是以下之一：{values}' },
  'v.no_form': { en: 'does not match any allowed form', zh: '不符合任何一种允许的格式' },
  'v.min_chars': { en: 'must be at least {n} characters', zh: '至少 {n} 个字符' },
  'v.max_chars': { en: 'must be at most {n} characters', zh: '最多 {n} 个字符' },
  'v.at_least': { en: 'must be at least {n}', zh: '不能小于 {n}' },
  'v.at_most': { en: 'must be at most {n}', zh: '不能大于 {n}' },
  'v.valid_format': { en: 'must be a valid {format}', zh: '格式不正确（应为 {format}）' },
  'v.not_valid': { en: 'is not valid', zh: '无效' },
  'v.not_empty': { en: 'must not be empty', zh: '不能为空' },
  'v.well_formed': { en: 'must be well-formed Unicode text', zh: '必须是有效的 Unicode 文本' },
  'v.no_control': { en: 'must not contain control characters', zh: '不能含有控制字符' },
  'v.single_line': { en: 'must be a single line', zh: '不能换行' },
  'v.agency_id': { en: 'must be 1–64 lowercase letters, digits or inner hyphens', zh: '必须是 1–64 个小写字母、数字或中间的连字符' },
  'v.date': { en: 'must be a date YYYY-MM-DD', zh: '必须是 YYYY-MM-DD 格式的日期' },
  'v.real_date': { en: 'must be a real calendar date', zh: '必须是真实存在的日期' },
  'v.phone': { en: 'must be a telephone number (digits, spaces, + ( ) -)', zh: '必须是电话号码（数字、空格及 + ( ) -）' },
  'v.email': { en: 'must be an e-mail address', zh: '必须是电子邮箱地址' },
  'v.postal_code': { en: 'must be a postal code of six digits', zh: '邮政编码必须是 6 位数字' },
  'v.contact': { en: 'at least one contact is required: phone, email or address', zh: '联系电话、电子邮箱、通信地址至少填写一项' },
  'v.org_type_required': { en: 'is required for a legal person or other organisation', zh: '法人或者其他组织必须填写' },
  'v.org_type_only': { en: 'applies only to a legal person or other organisation', zh: '仅适用于法人或者其他组织' },
  'v.datetime': { en: 'must be a date-time with a zone and at most 9 decimals of a second', zh: '必须是带时区的日期时间，秒的小数最多 9 位' },
  'v.application_number': { en: 'must be an application number', zh: '必须是申请编号' },
  'v.document_id': { en: 'must be a document id', zh: '必须是文书编号' },
  'v.not_before_issue': { en: 'must not be before the document was issued ({issuedOn})', zh: '不能早于文书作出之日（{issuedOn}）' },
  'v.tracking_required': { en: 'is required for delivery by post', zh: '邮寄送达时必须填写' },
  'v.pattern_year': { en: 'must contain {year}', zh: '必须包含 {year}' },
  'v.idempotency_key': { en: 'must be 1–255 visible ASCII characters', zh: '必须是 1–255 个可见 ASCII 字符' },
  'v.too_long': { en: 'is too long', zh: '过长' },
  'v.items_min': { en: 'must list at least one item to correct', zh: '至少列出一项需要补正的内容' },
  'v.items_max': { en: 'must list at most 50 items', zh: '最多列出 50 项' },
  'v.whole_number': { en: 'must be a whole number from {min} to {max}', zh: '必须是 {min} 到 {max} 之间的整数' },
  'v.year': { en: 'must be a year YYYY', zh: '必须是四位数的年份' },
  'v.region': { en: 'must be a region code: 1–32 letters, digits, _ or -', zh: '必须是地区代码：1–32 个字母、数字、_ 或 -' },
  'v.days_max': { en: 'must list at most 366 days', zh: '最多列出 366 天' },
  'v.cell_id': { en: 'must be a report cell id <template>.<row>.<column>, e.g. cn-2021.new.total', zh: '必须是统计表单元格编号 <模板>.<行>.<列>，例如 cn-2021.new.total' },
  'v.known_agency': { en: 'is not a known agency', zh: '不是已登记的机关' },
  'v.list_cursor': { en: 'is not a cursor this list gave out', zh: '不是本列表给出的翻页游标' },
  'v.drill_cursor': { en: 'is not a cursor this drill-down gave out', zh: '不是本次钻取给出的翻页游标' },
  'v.parent_null': { en: 'may be null only for your own agency (the root of your tree)', zh: '只有本机关（所管理机关树的根）可以没有上级机关' },
  'v.detach_own_agency': { en: 'cannot detach your agency from its parent tree', zh: '不能把本机关从上级机关树中移出' },
  'v.move_own_agency': { en: 'cannot move your own agency', zh: '不能移动本机关' },
  'v.not_after_receipt': { en: 'must not be after the receipt date', zh: '不能晚于收到申请日期' },
  'v.plain_letter_mail_only': { en: 'applies only to an application by mail (a plain letter)', zh: '仅适用于以邮寄方式（平常信函）提交的申请' },
  'v.cycle': { en: 'would make a cycle: {parent} lies under {id}', zh: '会形成循环：{parent} 位于 {id} 之下' },
  'v.not_after_today': { en: 'must not be after today ({today}, Beijing time)', zh: '不能晚于今天（{today}，北京时间）' },
  'v.bidi': { en: 'must not contain bidirectional control or zero-width characters', zh: '不能含有双向控制字符或零宽字符' },
  'v.root_not_null': { en: 'cannot be null: {id} belongs to the tree of {root}', zh: '不能为空：{id} 属于 {root} 的机关树' },
  'v.no_online': { en: 'does not accept applications online: apply in person or by mail', zh: '该机关不受理网上申请，请当面或者通过信函提出申请' },
  'v.resident_id': { en: 'must be an 18-character citizen identity number (17 digits and a digit or X)', zh: '必须是 18 位公民身份号码（17 位数字加一位数字或 X）' },
  'v.birth_date': { en: 'must hold a real date of birth (characters 7–14, YYYYMMDD)', zh: '第 7–14 位必须是真实的出生日期（YYYYMMDD）' },
  'v.check_gb11643': { en: 'has a wrong check character (GB 11643)', zh: '校验码不正确（GB 11643）' },
  'v.credit_code': { en: 'must be an 18-character unified social credit code (digits and capital letters other than I, O, Z, S, V)', zh: '必须是 18 位统一社会信用代码（数字及除 I、O、Z、S、V 以外的大写字母）' },
  'v.check_gb32100': { en: 'has a wrong check character (GB 32100)', zh: '校验码不正确（GB 32100）' },
  'v.passport': { en: 'must be a passport number: 5–20 letters and digits', zh: '必须是护照号码：5–20 位字母和数字' },
  'v.permit': { en: 'must be a permit number: 8–20 letters and digits', zh: '必须是通行证号码：8–20 位字母和数字' },
  'v.licence': { en: 'must be a 15-digit registration number or an 18-character credit code', zh: '必须是 15 位注册号或 18 位统一社会信用代码' },
  'v.not_after_to': { en: 'must not be after `to`', zh: '不能晚于结束日期（to）' },
  'v.must_be': { en: 'must be {expected}', zh: '类型不正确（应为 {expected}）' },

  // ---- the public timeline ----
  'timeline.submit': { en: 'Application submitted', zh: '提交申请' },
  'timeline.register': { en: 'Application registered', zh: '登记申请' },
  'timeline.confirm_receipt': { en: 'Receipt confirmed', zh: '确认收到申请' },
  'timeline.request_correction': { en: 'Correction requested', zh: '补正告知' },
  'timeline.receive_correction': { en: 'Corrected application received', zh: '收到补正申请' },
  'timeline.start_consultation': { en: 'Consultation started; the time is not counted', zh: '征求意见（期间不计算在答复期限内）' },
  'timeline.end_consultation': { en: 'Consultation ended', zh: '征求意见结束' },
  'timeline.consultation_lapsed': {
    en: 'The consulted party’s 15 working days ran out; the reply period runs again',
    zh: '征求意见期限届满,恢复计算答复期限',
  },
  'timeline.extend': { en: 'Reply deadline extended', zh: '延期答复' },
  'timeline.reply': { en: 'Replied', zh: '作出答复' },
  'timeline.withdraw': { en: 'Withdrawn by the applicant', zh: '申请人撤回申请' },
  'timeline.close_no_correction': { en: 'No correction in time: the application is regarded as abandoned', zh: '逾期未补正，视为放弃申请' },
  'timeline.request_reasons': { en: 'Asked to explain the reasons for the applications (Art. 35)', zh: '要求申请人说明理由（第三十五条）' },
  'timeline.reasonable_period': { en: 'A reasonable later reply date set (Art. 35)', zh: '确定延迟答复的合理期限（第三十五条）' },
  'timeline.fee_notice': { en: 'Fee notice: the information processing fee to pay', zh: '收费通知（信息处理费）' },
  'timeline.fee_paid': { en: 'Fee paid; the reply period runs again', zh: '已缴纳信息处理费，恢复计算答复期限' },
  'timeline.fee_waived': { en: 'Fee waived; the reply period runs again', zh: '信息处理费减免，恢复计算答复期限' },
  'timeline.close_fee_unpaid': { en: 'Fee not paid in time: the application is regarded as abandoned', zh: '逾期未缴纳信息处理费，视为放弃申请' },
  'timeline.record_delivery': { en: 'A written notice was delivered to you', zh: '文书已送达' },
  'timeline.file_reconsideration': { en: 'Administrative reconsideration filed', zh: '申请行政复议' },
  'timeline.decide_reconsideration': { en: 'Reconsideration decided', zh: '行政复议决定' },
  'timeline.file_lawsuit': { en: 'Administrative lawsuit filed', zh: '提起行政诉讼' },
  'timeline.decide_lawsuit': { en: 'Lawsuit decided', zh: '行政诉讼裁判' },
  'timeline.file_complaint': { en: 'Complaint filed', zh: '举报投诉' },
  'timeline.decide_complaint': { en: 'Complaint decided', zh: '举报投诉处理' },

  // ---- the deadline explained (shared/i18n/explanation.ts assembles them) ----
  'deadline.due': { en: 'Due {due}: {period} after {start}{notCounted} ({law}).', zh: '答复期限为 {due}：自{start}起{period}{notCounted}（{law}）。' },
  'deadline.paused': {
    en: 'Paused since {since} (consultation): {left} of {total} working days left, counted from {start}{notCounted} ({law}).',
    zh: '自 {since} 起暂停计时（征求意见期间不计算在答复期限内）：自{start}起共 {total} 个工作日，还剩 {left} 个工作日{notCounted}（{law}）。',
  },
  'deadline.awaiting_correction': {
    en: 'Clock stopped: a correction (补正) is awaited; {total} working days will run from the day the corrected application arrives ({law}).',
    zh: '计时中止：等待申请人补正；自收到补正申请之日起重新计算 {total} 个工作日（{law}）。',
  },
  'deadline.period': { en: '{days} working days', zh: '{days} 个工作日' },
  'deadline.period_extended': { en: '{days} + {extension} (extension) working days', zh: '{days} 个工作日，另延长 {extension} 个工作日' },
  'deadline.start_receipt': { en: 'receipt on {date}', zh: ' {date} 收到申请之日' },
  'deadline.start_restart': { en: 'the arrival of the corrected application on {date} (the clock restarted from zero)', zh: ' {date} 收到补正申请之日（重新计算）' },
  'deadline.not_counted': { en: ', not counting {days} working days of consultation', zh: '，其中征求意见的 {days} 个工作日不计算在内' },
  'deadline.due_art35': {
    en: 'Due {due}: a reasonable later date set under Art. 35; the {period} after {start}{notCounted} ended on {replaced} ({law}).',
    zh: '答复期限为 {due}：依第三十五条确定的延迟答复的合理期限；自{start}起{period}{notCounted}的期限原为 {replaced}（{law}）。',
  },
  'deadline.not_counted_fee': { en: ', not counting {days} working days of fee payment', zh: '，其中等待缴纳信息处理费的 {days} 个工作日不计算在内' },
  'deadline.not_counted_both': { en: ', not counting {days} working days of consultation and fee payment', zh: '，其中征求意见和等待缴费的 {days} 个工作日不计算在内' },
  'deadline.paused_fee': {
    en: 'Paused since {since} (fee notice awaiting payment): {left} of {total} working days left, counted from {start}{notCounted} ({law}).',
    zh: '自 {since} 起暂停计时（收费通知发出后等待缴费，期间不计算在答复期限内）：自{start}起共 {total} 个工作日，还剩 {left} 个工作日{notCounted}（{law}）。',
  },
  'deadline.pause_after_due': { en: ' A consultation opened on {date}, after the deadline.', zh: '{date} 开始的征求意见在答复期限届满之后。' },
  'deadline.provisional': { en: ' Provisional: {reason}.', zh: '该期限为暂定：{reason}。' },
  'deadline.unknown_years': { en: 'the {years} holiday calendar (国务院办公厅 notice on 部分节假日安排) is not loaded; Monday–Friday assumed', zh: '{years} 年的节假日安排尚未载入，暂按周一至周五为工作日计算' },
  'deadline.unknown_years_plural': { en: 'the {years} holiday calendars (国务院办公厅 notice on 部分节假日安排) are not loaded; Monday–Friday assumed', zh: '{years} 年的节假日安排尚未载入，暂按周一至周五为工作日计算' },
  'deadline.counting': {
    en: 'The start day is not counted (期间开始的日不计算在期间内, 民法典 Art. 201): the deadline is the N-th counted working day strictly after the clock start, so it never falls on a holiday.',
    zh: '期间开始的日不计算在期间内（《民法典》第二百零一条）：答复期限是计时起点之后的第 N 个工作日，因此不会落在节假日。',
  },
  'law.2008': { en: '2008 Regulation (国务院令第492号)', zh: '《政府信息公开条例》（国务院令第492号）' },
  'law.2019': { en: '2019 Regulation (国务院令第711号)', zh: '《政府信息公开条例》（国务院令第711号）' },
  'law.2008.reply': { en: '2008 Regulation (国务院令第492号) Art. 24', zh: '《政府信息公开条例》（国务院令第492号）第二十四条' },
  'law.2019.reply': { en: '2019 Regulation (国务院令第711号) Art. 33', zh: '《政府信息公开条例》（国务院令第711号）第三十三条' },
  'rule.2008.reply': {
    en: '2008 Regulation (国务院令第492号) Art. 24 ¶2: reply within 15 working days of receipt (收到申请之日起15个工作日内)',
    zh: '《政府信息公开条例》（国务院令第492号）第二十四条第二款：收到申请之日起15个工作日内予以答复',
  },
  'rule.2008.extension': {
    en: '2008 Regulation (国务院令第492号) Art. 24 ¶2: one extension of at most 15 working days, approved by the head of the disclosure office (政府信息公开工作机构负责人同意) and notified to the applicant',
    zh: '《政府信息公开条例》（国务院令第492号）第二十四条第二款：经政府信息公开工作机构负责人同意并告知申请人，可以延长答复期限，延长期限最长不得超过15个工作日',
  },
  'rule.2008.third_party': {
    en: '2008 Regulation (国务院令第492号) Art. 24 ¶3 and Art. 23: the time consulting a third party (征求第三方意见) is not counted',
    zh: '《政府信息公开条例》（国务院令第492号）第二十四条第三款、第二十三条：征求第三方意见所需时间不计算在期限内',
  },
  'rule.2019.reply': {
    en: '2019 Regulation (国务院令第711号) Art. 33 ¶1: reply within 20 working days of receipt (收到申请之日起20个工作日内)',
    zh: '《政府信息公开条例》（国务院令第711号）第三十三条第一款：收到申请之日起20个工作日内予以答复',
  },
  'rule.2019.extension': {
    en: '2019 Regulation (国务院令第711号) Art. 33 ¶1: one extension of at most 20 working days, approved by the head of the disclosure office (政府信息公开工作机构负责人同意) and notified to the applicant',
    zh: '《政府信息公开条例》（国务院令第711号）第三十三条第一款：经政府信息公开工作机构负责人同意并告知申请人，可以延长答复期限，延长的期限最长不得超过20个工作日',
  },
  'rule.2019.correction': {
    en: '2019 Regulation (国务院令第711号) Art. 30: a correction notice (补正告知) within 7 working days of receipt, one time (一次性告知); the reply period runs from the day the corrected application is received',
    zh: '《政府信息公开条例》（国务院令第711号）第三十条：收到申请之日起7个工作日内一次性告知申请人补正；答复期限自收到补正的申请之日起计算',
  },
  'rule.2019.third_party': {
    en: '2019 Regulation (国务院令第711号) Art. 33 ¶2 and Art. 32: the time consulting a third party (征求第三方意见) is not counted',
    zh: '《政府信息公开条例》（国务院令第711号）第三十三条第二款、第三十二条：征求第三方意见所需时间不计算在答复期限内',
  },
  'rule.2019.art35': {
    en: '2019 Regulation (国务院令第711号) Art. 35: the reasons were found reasonable but the reply cannot be given within the Art. 33 period; a reasonable later date was set and the applicant told (确定延迟答复的合理期限并告知申请人)',
    zh: '《政府信息公开条例》（国务院令第711号）第三十五条：申请理由合理，但无法在第三十三条规定的期限内答复的，确定延迟答复的合理期限并告知申请人',
  },
  'rule.2019.fee': {
    en: 'Policy P13 (docs/domain.md "Policies"; 2019 Regulation Art. 42, 国办函〔2020〕109号): the time from the fee notice (收费通知) to payment or waiver is not counted',
    zh: '政策P13（docs/domain.md“政策”；《政府信息公开条例》第四十二条、国办函〔2020〕109号）：自发出收费通知至申请人缴纳费用或者费用减免之日的期间，不计算在答复期限内',
  },
  'rule.2019.other_agency': {
    en: '2019 Regulation (国务院令第711号) Art. 33 ¶2 and Art. 34: the time consulting another agency (征求其他机关意见) is not counted',
    zh: '《政府信息公开条例》（国务院令第711号）第三十三条第二款、第三十四条：征求其他机关意见所需时间不计算在答复期限内',
  },
} as const satisfies Record<string, LocalizedText>;

export type MessageKey = keyof typeof MESSAGES;

/** `key` in `locale`, `{name}` replaced by `params.name`. */
export function message(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  return fill(MESSAGES[key][locale], params);
}

function fill(template: string, params: Record<string, string | number>): string {
  return template.replaceAll(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(params, name) ? String(params[name]) : whole));
}

interface Compiled {
  key: MessageKey;
  pattern: RegExp;
}

let compiled: Compiled[] | undefined;

function compile(): Compiled[] {
  compiled ??= (Object.keys(MESSAGES) as MessageKey[]).map((key) => {
    const en = MESSAGES[key].en;
    const source = en
      .split(/(\{\w+\})/)
      .map((part) => {
        const param = /^\{(\w+)\}$/.exec(part);
        return param ? `(?<${param[1]}>.+?)` : part.replaceAll(/[.*+?^${}()|[\]\\]/g, '\\$&');
      })
      .join('');
    return { key, pattern: new RegExp(`^${source}$`, 's') };
  });
  return compiled;
}

/** The catalogue entry whose English template matches `english`, with its parameters. */
export function lookUp(english: string): { key: MessageKey; params: Record<string, string> } | undefined {
  for (const { key, pattern } of compile()) {
    const match = pattern.exec(english);
    if (match) return { key, params: { ...(match.groups ?? {}) } };
  }
  return undefined;
}

/**
 * A text the code produced in English, in `locale`: English as it is; otherwise the matching entry's
 * Chinese with the same parameters, or the English text when the catalogue has no entry for it.
 */
export function translate(locale: Locale, english: string): string {
  if (locale === 'en') return english;
  const found = lookUp(english);
  return found ? fill(MESSAGES[found.key][locale], found.params) : english;
}

/** Like `translate`, but says whether the catalogue knew the text (tests). */
export function isCatalogued(english: string): boolean {
  return lookUp(english) !== undefined;
}
