import { rgb, type PDF } from '@libpdf/core';
import { maskEmail, maskPhone, type CertificateData, type CertificateSigner } from '../../../src-shared/pdf/certificate';
import type { Translate } from '../../../src-shared/i18n/translate';
import { PageWriter, a4 } from './page-writer';
import { drawQr } from './qr';

type Font = ReturnType<PDF['embedFont']>;

const grey: [number, number, number] = [0.38, 0.42, 0.48];

/** Appends the certificate-of-authenticity pages: the document, its signers, its history, a QR code and how to verify. */
export function drawCertificatePages(pdf: PDF, fonts: { regular: Font; bold: Font }, data: CertificateData, chainHead: string, t: Translate): number {
  const w = new PageWriter(pdf, fonts, (page, index) => {
    page.drawText(`${t('certificate.footer', { id: data.documentNumber })} · ${index + 1}`, { x: 50, y: 28, size: 7, font: fonts.regular, color: rgb(...grey) });
  });
  w.text(t('certificate.title'), { size: 18, bold: true });
  w.text(t('certificate.lead'), { size: 9, color: grey });
  w.gap(10);

  const qrSize = 110;
  const top = w.cursor;
  drawQr(top.page, `signet:${data.documentId}:${chainHead}`, a4.width - 50 - qrSize, top.y - qrSize, qrSize);
  // The header fields run beside the QR code, so they wrap before it.
  const field = (label: string, value: string) => {
    w.text(label, { size: 7.5, color: grey, rightInset: qrSize + 12 });
    w.text(value, { size: 10, rightInset: qrSize + 12 });
    w.gap(3);
  };
  field(t('certificate.document'), data.title);
  field(t('certificate.documentId'), `${data.documentNumber}  (${data.documentId})`);
  field(t('certificate.company'), data.companyName);
  field(t('certificate.originalHash'), data.originalSha256);
  field(t('certificate.originalPages'), t('certificate.pagesAndBytes', { pages: data.originalPages, bytes: data.originalSize }));
  field(t('certificate.chainHead'), chainHead);
  w.rule();

  w.text(t('certificate.signers'), { size: 12, bold: true });
  if (data.signers.length === 0) w.text(t('certificate.companySealOnly', { company: data.companyName }));
  for (const s of data.signers) drawSigner(pdf, w, s, t);
  w.rule();

  w.text(t('certificate.timeline'), { size: 12, bold: true });
  for (const e of data.events) {
    w.text(`${utc(e.at)} — ${t(`certificate.event.${e.type}`)} — ${e.actor}`, { size: 8.5 });
    w.text(`#${e.hash.slice(0, 16)}… ← #${e.prevHash.slice(0, 16)}…`, { size: 7, color: grey, indent: 12 });
  }
  w.rule();

  w.text(t('certificate.howToVerify'), { size: 12, bold: true });
  w.text(t('certificate.howToVerifyText'), { size: 9 });
  return w.pages.length;
}

function drawSigner(pdf: PDF, w: PageWriter, s: CertificateSigner, t: Translate): void {
  w.reserve(90);
  w.gap(4);
  const top = w.cursor;
  if (s.signaturePng) {
    const image = pdf.embedPng(s.signaturePng);
    const height = 40;
    const width = Math.min(160, (image.width / image.height) * height);
    top.page.drawImage(image, { x: a4.width - 50 - width, y: top.y - height - 4, width, height });
  }
  w.text(`${s.name} — ${t(`certificate.side.${s.side}`)}`, { bold: true, size: 10.5 });
  const contact = [s.email ? maskEmail(s.email) : null, s.phone ? maskPhone(s.phone) : null].filter(Boolean).join(' · ');
  if (contact) w.text(contact, { size: 9 });
  w.text(`${t('certificate.identityChecked')}: ${t(`certificate.identity.${s.identityCheck}`)}`, { size: 9 });
  w.text(`${t('certificate.signedAt')}: ${utc(s.signedAt)}${s.timeZone ? ` · ${local(s.signedAt, s.timeZone)}` : ''}`, { size: 9 });
  const device = [s.device, s.ip ? `IP ${s.ip}` : null].filter(Boolean).join(' · ');
  if (device) w.text(device, { size: 8.5, color: grey });
  w.gap(6);
}

function utc(iso: string): string {
  return `${iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z').replace(/Z$/, ' UTC')}`;
}

function local(iso: string, timeZone: string): string {
  const text = new Intl.DateTimeFormat('sv-SE', { timeZone, dateStyle: 'short', timeStyle: 'medium' }).format(new Date(iso));
  return `${text} (${timeZone})`;
}
