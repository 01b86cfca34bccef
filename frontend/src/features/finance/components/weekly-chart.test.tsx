import { act, screen, within } from '@testing-library/react';
import { describe, expect, it, onTestFinished } from 'vitest';
import { formatPaise } from '@/lib/money';
import { addDays } from '@/lib/time-zone-clock';
import { renderUi } from '@/testing/render-ui';
import type { FinanceWeek } from '../types';
import { CHART_FONT_PX, WeeklyChart } from './weekly-chart';

// The chart is drawn at the width its box has (a ResizeObserver tells it), so its labels keep their size in CSS pixels.

const week = (weekStart: string, grossPaise: number): FinanceWeek => ({
  weekStart,
  bookings: 0,
  grossPaise,
  platformRevenuePaise: 0,
  gatewayFeesPaise: 0,
  refundsPaise: 0,
  payoutsPaise: 0,
  payoutReversalsPaise: 0,
});
const twelveWeeks = Array.from({ length: 12 }, (_, i) => week(addDays('2026-09-14', 7 * i), i === 11 ? 1_797_00 : 0));
const gross = { label: 'Gross volume', value: (w: FinanceWeek) => w.grossPaise, format: formatPaise };

/** A ResizeObserver that reports the width the test sets, as the browser would after layout. */
function observeWidths() {
  const observers: { callback: ResizeObserverCallback; target: Element }[] = [];
  class FakeResizeObserver {
    constructor(private readonly callback: ResizeObserverCallback) {}
    observe(target: Element) {
      observers.push({ callback: this.callback, target });
    }
    unobserve() {}
    disconnect() {}
  }
  // The test setup's stand-in is writable but not configurable: swap it, and put it back after the test.
  const original = window.ResizeObserver;
  window.ResizeObserver = FakeResizeObserver as unknown as typeof ResizeObserver;
  onTestFinished(() => {
    window.ResizeObserver = original;
  });
  return (width: number) =>
    act(() => {
      for (const { callback, target } of observers) {
        const contentRect = { width, height: 0, x: 0, y: 0, top: 0, left: 0, bottom: 0, right: width } as DOMRectReadOnly;
        callback([{ target, contentRect, borderBoxSize: [{ inlineSize: width, blockSize: 0 }], contentBoxSize: [{ inlineSize: width, blockSize: 0 }] } as unknown as ResizeObserverEntry], {} as ResizeObserver);
      }
    });
}

const attr = (element: Element, name: string) => element.getAttribute(name);
const numberAttr = (element: Element, name: string) => Number(element.getAttribute(name));

describe('the weekly chart', () => {
  it('when its box is a phone’s (296 px), then it is drawn 296 px wide at 12 px text, with only as many week labels as fit, none past an edge', () => {
    const resize = observeWidths();
    renderUi(<WeeklyChart weeks={twelveWeeks} metric={gross} />);
    resize(296);

    const chart = screen.getByRole('img', { name: /^Gross volume by week 12 weeks, ₹1,797 in all/ });
    expect(attr(chart, 'width')).toBe('296');
    expect(attr(chart, 'viewBox')).toBe(`0 0 296 ${attr(chart, 'height')}`);
    expect(attr(chart, 'font-size')).toBe(String(CHART_FONT_PX));
    // No label sets a size of its own: every one is 12 CSS px.
    expect(chart.querySelectorAll('text[font-size]')).toHaveLength(0);

    expect(within(chart).getAllByTestId('chart-bar')).toHaveLength(12);
    const labels = within(chart).getAllByTestId('chart-week-label');
    expect(labels.length).toBeGreaterThanOrEqual(2);
    expect(labels.length).toBeLessThanOrEqual(4);
    expect(labels[0]).toHaveTextContent('14 Sept');
    const xs = labels.map((label) => numberAttr(label, 'x'));
    // "28 Sept" is about 50 px at 12 px: centres at least 56 px apart never overlap, and a half-label from each edge.
    for (let i = 1; i < xs.length; i++) expect(xs[i]! - xs[i - 1]!).toBeGreaterThanOrEqual(56);
    for (const x of xs) expect(x).toBeGreaterThanOrEqual(25);
    for (const x of xs) expect(x).toBeLessThanOrEqual(296 - 25);
    expect(within(chart).getAllByTestId('chart-tick').map((tick) => tick.textContent)).toEqual(['₹0', '₹1,000', '₹2,000']);
  });

  it('when the box widens to a desktop’s, then the chart is redrawn at that width and every week is labelled', () => {
    const resize = observeWidths();
    renderUi(<WeeklyChart weeks={twelveWeeks} metric={gross} />);
    resize(296);
    const chart = screen.getByRole('img', { name: /Gross volume by week/ });
    const onPhone = within(chart).getAllByTestId('chart-week-label').length;

    resize(1000);
    expect(attr(chart, 'width')).toBe('1000');
    expect(attr(chart, 'viewBox')).toBe(`0 0 1000 ${attr(chart, 'height')}`);
    expect(within(chart).getAllByTestId('chart-week-label')).toHaveLength(12);
    expect(onPhone).toBeLessThan(12);
  });

  it('until its box is measured, then it still draws every bar and keeps its title and summary', () => {
    renderUi(<WeeklyChart weeks={twelveWeeks} metric={gross} />);

    const chart = screen.getByRole('img', { name: /Gross volume by week/ });
    expect(chart).toHaveAccessibleName(expect.stringContaining('the highest, ₹1,797, in the week of Mon, 30 Nov, 2026.'));
    expect(attr(chart, 'width')).toBe('100%');
    expect(within(chart).getAllByTestId('chart-bar').map((bar) => Number(bar.getAttribute('data-value')))).toEqual([...Array(11).fill(0), 1_797_00]);
  });
});
