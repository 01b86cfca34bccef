import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

// jsdom lacks the layout APIs Mantine's components call; these stand-ins do nothing.
// (Some files run in the node environment, where there is no window at all.)
const inBrowserLikeEnvironment = typeof window !== 'undefined';

if (inBrowserLikeEnvironment && !window.matchMedia) {
  Object.defineProperty(window, 'matchMedia', {
    writable: true,
    value: (query: string): MediaQueryList => ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => undefined,
      removeListener: () => undefined,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      dispatchEvent: () => false,
    }),
  });
}

if (inBrowserLikeEnvironment && !('ResizeObserver' in window)) {
  class ResizeObserverStub {
    observe() {}
    unobserve() {}
    disconnect() {}
  }
  Object.defineProperty(window, 'ResizeObserver', { writable: true, value: ResizeObserverStub });
}

if (inBrowserLikeEnvironment) Element.prototype.scrollIntoView ??= () => undefined;

afterEach(() => {
  cleanup();
});
