// change.report on the sample CMDB: the CAB packet of a change as self-contained HTML, Markdown
// and a PDF printed by the installed Chromium (read back with pdftotext); where no Chromium is
// found, the refusal says so plainly.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SAMPLE_CHANGES } from '../../../../resources/sample/sample-changes';
import { findChromium, htmlToPdf, NO_CHROMIUM_MESSAGE } from '../../../../src/node/export';
import type { ChangeDetails, ExportedFile } from '../../../../src/shared/operations';
import { withSampleService } from '../../../support/sample-service';
import { okValue } from '../service/harness';

const DEMO = SAMPLE_CHANGES.ordersUpgrade;

function hasPdftotext(): boolean {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function pdfText(base64: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'faultline-pdftext-'));
  try {
    const file = join(dir, 'packet.pdf');
    writeFileSync(file, Buffer.from(base64, 'base64'));
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('change.report on the sample CMDB', () => {
  it('writes the packet of CHG0004 as self-contained HTML and as Markdown, naming its impacted services', async () => {
    await withSampleService(async (service) => {
      const details = okValue<ChangeDetails>(await service.dispatch('change.get', { id: DEMO.id }));
      const service0 = details.change.impactSnapshot?.services[0]?.name ?? '';
      expect(service0).not.toBe('');
      const html = okValue<{ files: ExportedFile[] }>(await service.dispatch('change.report', { id: DEMO.id, format: 'html' })).files;
      expect(html.map((f) => [f.name, f.mimeType, f.encoding])).toEqual([['CHG0004-cab-packet.html', 'text/html', 'utf8']]);
      expect(html[0].content).toContain(service0);
      expect(html[0].content).toContain(details.risk.factors[0].label);
      expect(html[0].content).not.toMatch(/https?:\/\/|\bsrc\s*=/);
      const md = okValue<{ files: ExportedFile[] }>(await service.dispatch('change.report', { id: DEMO.id, format: 'md' })).files;
      expect(md.map((f) => [f.name, f.mimeType])).toEqual([['CHG0004-cab-packet.md', 'text/markdown']]);
      expect(md[0].content).toContain('| Service | Level | Criticality | Path |');
      // The picture alone, as a standalone SVG (the change detail shows it).
      const svg = okValue<{ files: ExportedFile[] }>(await service.dispatch('change.report', { id: DEMO.id, format: 'svg' })).files;
      expect(svg.map((f) => [f.name, f.mimeType])).toEqual([['CHG0004-impact.svg', 'image/svg+xml']]);
      expect(svg[0].content).toMatch(/^<svg[^>]* xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
      expect(svg[0].content).toContain('Impact of CHG0004');
      expect(svg[0].content).toContain(service0);
    });
  });

  it('refuses an unknown change as not found', async () => {
    await withSampleService(async (service) => {
      const answer = await service.dispatch('change.report', { id: 'chg-nope', format: 'html' });
      expect(answer.ok).toBe(false);
      if (!answer.ok) expect(answer.error.code).toBe('not_found');
    });
  });

  // Chromium and pdftotext are installed by .ci/run (and named in the README's set-up): the test runs everywhere the suite runs.
  it('prints the packet to a PDF whose text holds the change number and an impacted service', async () => {
    expect(findChromium(), 'no Chromium found (apt-get install -y chromium)').not.toBeNull();
    expect(hasPdftotext(), 'no pdftotext found (apt-get install -y poppler-utils)').toBe(true);
    await withSampleService(async (service) => {
      const details = okValue<ChangeDetails>(await service.dispatch('change.get', { id: DEMO.id }));
      const { files } = okValue<{ files: ExportedFile[] }>(await service.dispatch('change.report', { id: DEMO.id, format: 'pdf' }));
      expect(files.map((f) => [f.name, f.mimeType, f.encoding])).toEqual([['CHG0004-cab-packet.pdf', 'application/pdf', 'base64']]);
      expect(Buffer.from(files[0].content, 'base64').subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const text = pdfText(files[0].content);
      expect(text).toContain('CHG0004');
      expect(text).toContain(details.change.impactSnapshot?.services[0]?.name);
    });
  }, 90_000);
});

describe('printing to PDF in the desktop app', () => {
  it("prints with the printer the app gives (Electron's printToPDF), not the installed Chromium", async () => {
    const printed: string[] = [];
    const printPdf = (html: string) => {
      printed.push(html);
      return Promise.resolve(new TextEncoder().encode('%PDF-1.7 printed by the app'));
    };
    await withSampleService(
      async (service) => {
        const { files } = okValue<{ files: ExportedFile[] }>(await service.dispatch('change.report', { id: DEMO.id, format: 'pdf' }));
        expect(Buffer.from(files[0].content, 'base64').toString('latin1')).toBe('%PDF-1.7 printed by the app');
      },
      { printPdf },
    );
    expect(printed).toHaveLength(1);
    expect(printed[0]).toContain('CHG0004');
    expect(printed[0]).toContain('<svg');
  });
});

describe('printing to PDF without Chromium', () => {
  it('finds none where FAULTLINE_CHROMIUM names no program and nothing is on PATH', () => {
    expect(findChromium({ FAULTLINE_CHROMIUM: '/nonexistent/chromium', PATH: '' })).toBeNull();
  });

  it('says plainly that no Chromium was found', async () => {
    await expect(htmlToPdf('<p>x</p>', { FAULTLINE_CHROMIUM: '/nonexistent/chromium', PATH: '' })).rejects.toThrow(NO_CHROMIUM_MESSAGE);
  });

  it('is refused by change.report as not found, with that message', async () => {
    const before = process.env.FAULTLINE_CHROMIUM;
    process.env.FAULTLINE_CHROMIUM = '/nonexistent/chromium';
    try {
      await withSampleService(async (service) => {
        const answer = await service.dispatch('change.report', { id: DEMO.id, format: 'pdf' });
        expect(answer.ok ? null : answer.error).toEqual({ code: 'not_found', message: NO_CHROMIUM_MESSAGE });
      });
    } finally {
      if (before === undefined) delete process.env.FAULTLINE_CHROMIUM;
      else process.env.FAULTLINE_CHROMIUM = before;
    }
  });
});
