/**
 * A document as DOCX, for the officer to review, sign and stamp, with the `docx` library, laid out after
 * GB/T 9704-2012 (党政机关公文格式): A4; margins top 37 mm, bottom 35 mm, inside 28 mm, outside 26 mm (a
 * 156 × 225 mm type area); the title in 2号 (22 pt) 方正小标宋简体, centred; the number and the body in 3号
 * (16 pt) 仿宋_GB2312, 28.95 pt fixed line pitch (22 lines a page), first lines indented two characters;
 * the issuing agency and the date on the right. Fonts are named with their fallbacks in the font table
 * (方正小标宋简体 → 宋体/SimSun, 仿宋_GB2312 → 仿宋/FangSong), so a machine without the 方正 fonts shows
 * the system's.
 *
 * The output is deterministic for the same content (fixed document dates: the core properties carry the
 * issue date), so a document regenerated from the same content has the same SHA-256.
 */
import { AlignmentType, Document, LineRuleType, Packer, Paragraph, TextRun } from 'docx';
import type { DocumentContent } from './compose.js';

const MM = 56.6929; // twips per millimetre
const TITLE_FONT = '方正小标宋简体';
const BODY_FONT = '仿宋_GB2312';
const LATIN_FONT = 'Times New Roman';
const TITLE_SIZE = 44; // half-points: 2号 = 22 pt
const BODY_SIZE = 32; // 3号 = 16 pt
const LINE = 579; // 28.95 pt in twips (GB/T 9704: 22 lines in the 225 mm type area)

const bodyRun = (text: string, bold = false) =>
  new TextRun({ text, size: BODY_SIZE, bold, font: { ascii: LATIN_FONT, hAnsi: LATIN_FONT, eastAsia: BODY_FONT } });

const indented = (text: string) =>
  new Paragraph({
    children: [bodyRun(text)],
    indent: { firstLine: 2 * 16 * 20 },
    spacing: { line: LINE, lineRule: LineRuleType.EXACT },
    alignment: AlignmentType.JUSTIFIED,
  });

const plain = (text: string, alignment: (typeof AlignmentType)[keyof typeof AlignmentType] = AlignmentType.LEFT, bold = false) =>
  new Paragraph({ children: [bodyRun(text, bold)], spacing: { line: LINE, lineRule: LineRuleType.EXACT }, alignment });

/** The font table with the fallbacks (w:altName) Word uses when a font is not installed. */
const FONT_TABLE = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:font w:name="${TITLE_FONT}"><w:altName w:val="宋体"/><w:charset w:val="86"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font><w:font w:name="${BODY_FONT}"><w:altName w:val="仿宋"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font><w:font w:name="仿宋"><w:altName w:val="FangSong"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font><w:font w:name="宋体"><w:altName w:val="SimSun"/><w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font><w:font w:name="${LATIN_FONT}"><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font></w:fonts>`;

export async function renderDocx(doc: DocumentContent, issuedOn: string): Promise<Buffer> {
  const children: Paragraph[] = [
    new Paragraph({
      children: [new TextRun({ text: doc.title, size: TITLE_SIZE, font: { ascii: LATIN_FONT, hAnsi: LATIN_FONT, eastAsia: TITLE_FONT } })],
      alignment: AlignmentType.CENTER,
      spacing: { line: LINE, lineRule: LineRuleType.EXACT, after: LINE },
    }),
    plain(doc.number, AlignmentType.CENTER),
    plain(''),
    plain(doc.addressee),
  ];
  for (const paragraph of doc.paragraphs) {
    if ('text' in paragraph) children.push(indented(paragraph.text));
    else paragraph.list.forEach((item, i) => children.push(indented(`${i + 1}. ${item}`)));
  }
  if (doc.remedy) children.push(indented(doc.remedy));
  if (doc.supersedes) children.push(indented(doc.supersedes));
  children.push(indented(`${doc.labels.basis}：${doc.basis}`));
  children.push(plain(''), plain(''));
  children.push(plain(doc.agencyName, AlignmentType.RIGHT), plain(doc.issuedOn, AlignmentType.RIGHT));
  if (doc.contact) children.push(plain(''), plain(doc.contact));

  // The issue date at noon Beijing time: fixed, so the same content always gives the same bytes.
  const date = new Date(`${issuedOn}T04:00:00.000Z`);
  const document = new Document({
    creator: doc.agencyName,
    lastModifiedBy: doc.agencyName,
    title: `${doc.title} ${doc.number}`,
    revision: 1,
    sections: [
      {
        properties: {
          page: {
            size: { width: Math.round(210 * MM), height: Math.round(297 * MM) },
            margin: { top: Math.round(37 * MM), bottom: Math.round(35 * MM), left: Math.round(28 * MM), right: Math.round(26 * MM) },
          },
        },
        children,
      },
    ],
  });
  const iso = date.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const core = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>${escapeXml(`${doc.title} ${doc.number}`)}</dc:title><dc:creator>${escapeXml(doc.agencyName)}</dc:creator><cp:lastModifiedBy>${escapeXml(doc.agencyName)}</cp:lastModifiedBy><cp:revision>1</cp:revision><dcterms:created xsi:type="dcterms:W3CDTF">${iso}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${iso}</dcterms:modified></cp:coreProperties>`;
  return Packer.toBuffer(document, false, [
    { path: 'word/fontTable.xml', data: FONT_TABLE },
    { path: 'docProps/core.xml', data: core },
  ]);
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
