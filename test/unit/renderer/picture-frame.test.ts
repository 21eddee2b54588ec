import { describe, expect, it } from 'vitest';
import { fitScale, frameTitle, pictureFrame, pngTexts, withPngText } from '../../../src/renderer/data/picture-frame';

// A 1×1 PNG (signature, IHDR, IDAT, IEND).
const PIXEL = Uint8Array.from(
  atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='),
  (c) => c.charCodeAt(0),
);

describe('picture frame', () => {
  it('names the scope of each mode', () => {
    expect(frameTitle({ kind: 'blast-radius', targets: [{ name: 'orders-db primary', mode: 'down' }] })).toBe('Blast radius of orders-db primary, down');
    expect(frameTitle({ kind: 'dependencies', of: 'Checkout' })).toBe('What Checkout stands on');
    expect(frameTitle({ kind: 'explore', neighbourhoodOf: null })).toBe('CMDB graph');
    expect(frameTitle({ kind: 'explore', neighbourhoodOf: 'Payments' })).toBe('Neighbourhood of Payments');
    const frame = pictureFrame(
      { document: 'sample.faultline', date: new Date('2026-03-01T08:05:00Z'), nodes: 1234, edges: 5, mode: { kind: 'spof', of: 'Checkout' } },
      [{ colour: '#f00', label: 'Down' }],
    );
    expect(frame).toEqual({ title: 'Single points of failure of Checkout', subtitle: 'sample.faultline · 2026-03-01 08:05 UTC · 1,234 CIs, 5 relationships shown', legend: [{ colour: '#f00', label: 'Down' }] });
  });

  it('keeps the picture within a sensible size', () => {
    expect(fitScale(4714, 6788, 3000)).toBeCloseTo(3000 / 6788);
    expect(fitScale(800, 600, 3000)).toBe(1);
  });

  it('writes tEXt chunks a PNG reader finds', () => {
    const png = withPngText(PIXEL, { Title: 'Blast radius of orders-db primary, down', Description: 'sample · 2026' });
    expect([...png.subarray(0, 8)]).toEqual([...PIXEL.subarray(0, 8)]);
    expect(pngTexts(png)).toEqual({ Title: 'Blast radius of orders-db primary, down', Description: 'sample · 2026' });
    expect(pngTexts(PIXEL)).toEqual({});
  });
});
