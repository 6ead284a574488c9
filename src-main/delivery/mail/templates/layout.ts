import { translator } from '../../../../src-shared/i18n/translate';
import type { UiLanguage } from '../../../../src-shared/settings/schema';

export interface MailContent {
  subject: string;
  text: string;
  html: string;
}

/** One block of a message: a paragraph from the catalogue, a button with a link, or a one-time code set large. */
export type Block =
  | { paragraph: string; vars?: Record<string, string> }
  | { button: string; href: string }
  | { code: string };

export function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/**
 * A catalogue text with its `{{values}}` filled for HTML: the text and each value escaped on their own, so neither a
 * contact's name ("<Anna>") nor a translation's "&" can become markup.
 */
function htmlText(template: string, vars: Record<string, string>): string {
  return escapeHtml(template).replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => (name in vars ? escapeHtml(vars[name]!) : whole));
}

/**
 * Renders one message in both forms from the same blocks: plain text for clients that show no HTML (and for spam
 * filters, which distrust HTML-only mail), and simple table-free HTML with inline styles, the only styling mail
 * clients reliably keep. `company` signs the footer.
 */
export function renderMail(language: UiLanguage, subjectKey: string, subjectVars: Record<string, string>, blocks: Block[], company: string): MailContent {
  const t = translator(language);
  const subject = t(subjectKey, subjectVars);
  const text: string[] = [];
  const html: string[] = [];
  for (const block of blocks) {
    if ('paragraph' in block) {
      text.push(t(block.paragraph, block.vars));
      html.push(`<p style="margin:0 0 16px">${htmlText(t(block.paragraph), block.vars ?? {})}</p>`);
    } else if ('button' in block) {
      text.push(`${t(block.button)}: ${block.href}`);
      const href = escapeHtml(block.href);
      html.push(
        `<p style="margin:24px 0"><a href="${href}" style="background:#1f5fbf;color:#ffffff;padding:12px 20px;border-radius:6px;text-decoration:none;display:inline-block">${escapeHtml(t(block.button))}</a></p>`,
        `<p style="margin:0 0 16px;font-size:13px;color:#555555">${escapeHtml(t('mail.layout.linkHint'))}<br><span style="word-break:break-all">${href}</span></p>`,
      );
    } else {
      text.push(block.code);
      html.push(`<p style="margin:16px 0;font-size:28px;letter-spacing:6px;font-weight:bold;font-family:monospace">${escapeHtml(block.code)}</p>`);
    }
  }
  const footer = t('mail.layout.footer', { company });
  text.push('--', footer);
  html.push(`<hr style="border:none;border-top:1px solid #dddddd;margin:24px 0 12px"><p style="margin:0;font-size:12px;color:#777777">${htmlText(t('mail.layout.footer'), { company })}</p>`);
  return {
    subject,
    text: `${text.join('\n\n')}\n`,
    html: `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body style="font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#222222;max-width:600px;margin:0 auto;padding:16px">${html.join('')}</body></html>`,
  };
}
