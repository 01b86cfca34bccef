import { Box } from '@mantine/core';
import { useId, useLayoutEffect, useRef, useState } from 'react';
import { formatCalendarDate } from '@/lib/time-zone-clock';
import type { FinanceWeek } from '../types';

/** Drawn at this width (and scaled) only until the chart's box has been measured. */
const FALLBACK_WIDTH = 640;
/** The labels' size in CSS pixels: the chart is drawn at its box's real width, so this is what a person reads. */
export const CHART_FONT_PX = 12;
/** A generous width of one character of the labels (digits, ₹, letters) at CHART_FONT_PX. */
const CHAR_PX = 7.2;
/** The least room a week's label gets along the axis, its own width included. */
const MIN_LABEL_GAP_PX = 16;

/** The smallest 1, 2 or 5 × 10ⁿ at or above `value`, so the axis reads in round numbers. */
export function niceCeiling(value: number): number {
  if (value <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 5, 10].find((s) => s * magnitude >= value)!;
  return step * magnitude;
}

const textWidth = (text: string) => text.length * CHAR_PX;

/** The element's content width in CSS pixels, followed as it changes (0 until measured). */
function useContentWidth<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    setWidth(element.clientWidth);
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setWidth(entry.contentRect.width);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, Math.floor(width)] as const;
}

interface WeeklyChartProps {
  weeks: FinanceWeek[];
  /** What the bars show, and how to write a value of it. */
  metric: { label: string; value: (week: FinanceWeek) => number; format: (value: number) => string };
}

/**
 * One bar per week (Monday, India), drawn as SVG at the width its box really has, so its labels keep their size
 * (CHART_FONT_PX) on a phone as on a desktop; only as many weeks are labelled as fit. It is a picture of the table
 * beside it, which carries the same figures for assistive technology; the picture itself is named and summed up in
 * one sentence.
 */
export function WeeklyChart({ weeks, metric }: WeeklyChartProps) {
  const titleId = useId();
  const descId = useId();
  const [boxRef, measured] = useContentWidth<HTMLElement>();
  const width = measured > 0 ? measured : FALLBACK_WIDTH;
  const height = width < 480 ? 200 : 240;

  const values = weeks.map(metric.value);
  const top = niceCeiling(Math.max(0, ...values));
  const ticks = [0, 0.5, 1].filter((share) => Number.isInteger(top * share)).map((share) => ({ share, label: metric.format(Math.round(top * share)) }));
  const weekLabel = (week: FinanceWeek) => formatCalendarDate(week.weekStart, 'short').replace(/^\w+, /, '');

  const pad = { top: CHART_FONT_PX, right: 8, bottom: CHART_FONT_PX * 2 + 8, left: Math.ceil(Math.max(...ticks.map((t) => textWidth(t.label)))) + 10 };
  const innerW = Math.max(1, width - pad.left - pad.right);
  const innerH = height - pad.top - pad.bottom;
  const slot = innerW / Math.max(1, weeks.length);
  const barWidth = Math.max(2, Math.min(48, slot * 0.7));
  // As many week labels as fit side by side, evenly spaced.
  const labelRoom = Math.max(...weeks.map((week) => textWidth(weekLabel(week))), 1) + MIN_LABEL_GAP_PX;
  const labelEvery = Math.max(1, Math.ceil(weeks.length / Math.max(1, Math.floor(innerW / labelRoom))));

  const highest = weeks.reduce<FinanceWeek | null>((best, week) => (best === null || metric.value(week) > metric.value(best) ? week : best), null);
  const total = values.reduce((sum, v) => sum + v, 0);
  const summary =
    highest && metric.value(highest) > 0
      ? `${weeks.length} weeks, ${metric.format(total)} in all; the highest, ${metric.format(metric.value(highest))}, in the week of ${formatCalendarDate(highest.weekStart, 'medium')}.`
      : `${weeks.length} weeks, none with any ${metric.label.toLowerCase()}.`;

  return (
    <Box component="figure" m={0} ref={boxRef}>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        width={measured > 0 ? width : '100%'}
        height={measured > 0 ? height : undefined}
        role="img"
        aria-labelledby={`${titleId} ${descId}`}
        data-testid="weekly-chart"
        fontSize={CHART_FONT_PX}
        // max-width lets the box narrow (and the chart follow it) instead of holding it at the last width drawn.
        style={{ display: 'block', maxWidth: '100%', height: 'auto', overflow: 'visible' }}
      >
        <title id={titleId}>{`${metric.label} by week`}</title>
        <desc id={descId}>{summary}</desc>
        {ticks.map(({ share, label }) => {
          const y = pad.top + innerH * (1 - share);
          return (
            <g key={share} aria-hidden>
              <line x1={pad.left} x2={width - pad.right} y1={y} y2={y} stroke="var(--mantine-color-default-border)" strokeDasharray={share === 0 ? undefined : '3 3'} />
              <text x={pad.left - 6} y={y} dy="0.32em" textAnchor="end" fill="var(--mantine-color-dimmed)" data-testid="chart-tick">
                {label}
              </text>
            </g>
          );
        })}
        {weeks.map((week, i) => {
          const value = metric.value(week);
          const barHeight = (Math.max(0, value) / top) * innerH;
          const x = pad.left + slot * i + (slot - barWidth) / 2;
          const label = weekLabel(week);
          // Centred under its bar, but never past either edge.
          const half = textWidth(label) / 2;
          const labelX = Math.min(Math.max(x + barWidth / 2, half), width - half);
          return (
            <g key={week.weekStart} data-testid="chart-bar" data-value={value}>
              <rect x={x} y={pad.top + innerH - barHeight} width={barWidth} height={barHeight} rx={2} fill="var(--mantine-primary-color-filled)">
                <title>{`Week of ${formatCalendarDate(week.weekStart, 'medium')}: ${metric.format(value)}`}</title>
              </rect>
              {i % labelEvery === 0 ? (
                <text x={labelX} y={height - pad.bottom + CHART_FONT_PX + 6} textAnchor="middle" fill="var(--mantine-color-dimmed)" aria-hidden data-testid="chart-week-label">
                  {label}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
    </Box>
  );
}
