/**
 * A heatmap's readout of a cell (src/components/heatmap-cell.ts), as the map, the embed's map
 * and the keyboard cursor show it: each axis's label and value, then the metric's, '…' while the
 * cell's row is not computed.
 */
import { describe, expect, it } from 'vitest';
import { cellLines } from '../../src/components/heatmap-cell.ts';
import { defaultView } from '../../src/model/view.ts';

describe('cellLines', () => {
  it('names both axes and the metric, with their units', () => {
    const lines = cellLines(defaultView(), 123.456, 87_654.3, -1_234_567);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe('Lease rate: $123.5/kW-mo');
    expect(lines[1]).toBe('BTC price: $87.65k');
    expect(lines[2]).toBe('Δ NPV, pivot − keep mining: −$1.23M');
  });

  it('says … for a cell whose row is not computed, and names the month of a per-month metric', () => {
    const lines = cellLines({ ...defaultView(), metric: 'hashprice', month: 7 }, 60, 30_000, null);
    expect(lines).toEqual(['Lease rate: $60/kW-mo', 'BTC price: $30k', 'Hashprice, month 7: …']);
  });
});
