/**
 * A document as printable HTML: the same content as the DOCX (render-docx.ts), one self-contained page
 * whose print style sheet lays it out on A4 after GB/T 9704 (margins 37/35/28/26 mm, title 22 pt
 * 方正小标宋简体, body 16 pt 仿宋_GB2312 with fallbacks to the system's Song / FangSong / any CJK serif
 * face), so the browser prints it to PDF. Every text is escaped; no script, no external resource.
 */
import type { DocumentContent } from './compose.js';

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const STYLE = `
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
html { background: #f3f3f3; }
body { margin: 0; font-family: "仿宋_GB2312", "仿宋", FangSong, STFangsong, "Noto Serif CJK SC", "Source Han Serif SC", "WenQuanYi Micro Hei", serif; font-size: 16pt; line-height: 28.95pt; color: #000; }
.page { box-sizing: border-box; width: 210mm; min-height: 297mm; margin: 8mm auto; padding: 37mm 26mm 35mm 28mm; background: #fff; box-shadow: 0 0 4px rgba(0,0,0,.25); }
h1 { font-family: "方正小标宋简体", "方正小标宋_GBK", "华文中宋", STZhongsong, "宋体", SimSun, "Noto Serif CJK SC", "WenQuanYi Micro Hei", serif; font-size: 22pt; font-weight: normal; line-height: 1.4; text-align: center; margin: 0 0 28.95pt; }
.number { text-align: center; margin: 0 0 28.95pt; }
p { margin: 0; text-align: justify; }
p.body, li { text-indent: 2em; }
ol { list-style: none; margin: 0; padding: 0; }
.signature { margin-top: 57.9pt; }
.signature p { text-align: right; }
.contact { margin-top: 28.95pt; font-size: 12pt; line-height: 1.6; }
@media print { html { background: none; } .page { width: auto; min-height: 0; margin: 0; padding: 0; box-shadow: none; } }
`;

export function renderHtml(doc: DocumentContent): string {
  const body: string[] = [];
  for (const paragraph of doc.paragraphs) {
    if ('text' in paragraph) body.push(`<p class="body">${escape(paragraph.text)}</p>`);
    else body.push(`<ol>${paragraph.list.map((item, i) => `<li>${i + 1}. ${escape(item)}</li>`).join('')}</ol>`);
  }
  if (doc.remedy) body.push(`<p class="body remedy">${escape(doc.remedy)}</p>`);
  if (doc.supersedes) body.push(`<p class="body supersedes">${escape(doc.supersedes)}</p>`);
  body.push(`<p class="body basis">${escape(doc.labels.basis)}：${escape(doc.basis)}</p>`);
  return `<!doctype html>
<html lang="${doc.language === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(doc.title)} ${escape(doc.number)}</title>
<style>${STYLE}</style>
</head>
<body>
<main class="page" data-kind="${escape(doc.kind)}">
<h1>${escape(doc.title)}</h1>
<p class="number" aria-label="${escape(doc.labels.number)}">${escape(doc.number)}</p>
<p class="addressee">${escape(doc.addressee)}</p>
${body.join('\n')}
<div class="signature"><p>${escape(doc.agencyName)}</p><p>${escape(doc.issuedOn)}</p></div>
${doc.contact ? `<p class="contact">${escape(doc.contact)}</p>` : ''}
</main>
</body>
</html>
`;
}
