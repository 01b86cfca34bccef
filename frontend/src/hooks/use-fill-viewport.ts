import { useLayoutEffect, type RefObject } from 'react';

/**
 * Sizes an element to reach from where it starts down to the bottom of the viewport (less its container's bottom
 * padding), measured again when the window or the content above it changes size (a banner appearing): for pages
 * that scroll inside themselves, like a conversation whose composer must stay in view.
 */
export function useFillViewport(ref: RefObject<HTMLElement | null>, minHeightPx = 360): void {
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const container = element.parentElement;
    const measure = () => {
      const top = element.getBoundingClientRect().top + window.scrollY;
      const bottomPadding = container ? Number.parseFloat(getComputedStyle(container.closest('main') ?? container).paddingBottom) || 0 : 0;
      element.style.height = `max(${minHeightPx}px, calc(100dvh - ${Math.round(top + bottomPadding)}px))`;
    };
    measure();
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(measure);
    if (container) observer?.observe(container);
    window.addEventListener('resize', measure);
    return () => {
      observer?.disconnect();
      window.removeEventListener('resize', measure);
    };
  }, [ref, minHeightPx]);
}
