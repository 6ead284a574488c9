import { rgb, type PDFPage } from '@libpdf/core';
import QRCode from 'qrcode';

/** Draws a QR code as vector squares (sharp at any zoom, no image to embed), lower-left corner at (x, y). */
export function drawQr(page: PDFPage, text: string, x: number, y: number, size: number): void {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const count = qr.modules.size;
  const cell = size / (count + 8);
  const origin = { x: x + 4 * cell, y: y + 4 * cell };
  page.drawRectangle({ x, y, width: size, height: size, color: rgb(1, 1, 1) });
  for (let row = 0; row < count; row++) {
    for (let col = 0; col < count; col++) {
      if (!qr.modules.get(row, col)) continue;
      page.drawRectangle({ x: origin.x + col * cell, y: origin.y + (count - 1 - row) * cell, width: cell, height: cell, color: rgb(0, 0, 0) });
    }
  }
}
