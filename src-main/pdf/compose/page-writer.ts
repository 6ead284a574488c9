import { rgb, type PDF, type PDFPage } from '@libpdf/core';

type Font = ReturnType<PDF['embedFont']>;

export const a4 = { width: 595.28, height: 841.89 } as const;
const margin = 50;

export interface TextStyle {
  size?: number;
  bold?: boolean;
  color?: [number, number, number];
  indent?: number;
  /** Space kept free on the right (beside the QR code). */
  rightInset?: number;
}

/**
 * Flows text down A4 pages, wrapping at word boundaries and starting a new page when one is full: the certificate grows
 * with the number of signers and events and never runs off a page.
 */
export class PageWriter {
  private page!: PDFPage;
  private y = 0;
  readonly pages: PDFPage[] = [];

  constructor(
    private readonly pdf: PDF,
    private readonly fonts: { regular: Font; bold: Font },
    private readonly onNewPage: (page: PDFPage, index: number) => void = () => {},
  ) {
    this.newPage();
  }

  get width(): number {
    return a4.width - 2 * margin;
  }

  get cursor(): { page: PDFPage; y: number } {
    return { page: this.page, y: this.y };
  }

  newPage(): void {
    this.page = this.pdf.addPage({ width: a4.width, height: a4.height });
    this.pages.push(this.page);
    this.y = a4.height - margin;
    this.onNewPage(this.page, this.pages.length - 1);
  }

  /** Makes room for `height` points, moving to a new page if they do not fit. */
  reserve(height: number): void {
    if (this.y - height < margin + 20) this.newPage();
  }

  text(text: string, style: TextStyle = {}): void {
    const size = style.size ?? 9.5;
    const font = style.bold ? this.fonts.bold : this.fonts.regular;
    const indent = style.indent ?? 0;
    const lineHeight = size * 1.35;
    for (const line of wrap(text, (t) => font.widthOfTextAtSize(t, size), this.width - indent - (style.rightInset ?? 0))) {
      this.reserve(lineHeight);
      this.y -= lineHeight;
      this.page.drawText(line, { x: margin + indent, y: this.y, size, font, color: rgb(...(style.color ?? [0.1, 0.12, 0.16])) });
    }
  }

  gap(points: number): void {
    this.y -= points;
  }

  rule(): void {
    this.reserve(8);
    this.y -= 4;
    this.page.drawLine({ start: { x: margin, y: this.y }, end: { x: a4.width - margin, y: this.y }, thickness: 0.5, color: rgb(0.75, 0.78, 0.82) });
    this.y -= 4;
  }

  /** Moves the cursor below a block drawn by the caller at the current position. */
  advance(height: number): void {
    this.y -= height;
  }
}

/** Greedy word wrap; a single word longer than the line (a hash) is cut where it must be. */
export function wrap(text: string, width: (t: string) => number, max: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word;
      if (width(candidate) <= max) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      let rest = word;
      while (width(rest) > max) {
        let cut = rest.length - 1;
        while (cut > 1 && width(rest.slice(0, cut)) > max) cut--;
        lines.push(rest.slice(0, cut));
        rest = rest.slice(cut);
      }
      line = rest;
    }
    lines.push(line);
  }
  return lines;
}
