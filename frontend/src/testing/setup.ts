import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// findBy*/waitFor give up after 1 s by default; a page that restores the session and loads data on a
// busy 2-core CI machine can need longer, and a slow pass is not a failure.
configure({ asyncUtilTimeout: 4_000 });

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
// jsdom logs "not implemented" for window.scrollTo.
if (inBrowserLikeEnvironment) window.scrollTo = () => undefined;

// Textarea's autosize listens for web fonts loading; jsdom has no FontFaceSet.
if (inBrowserLikeEnvironment && !('fonts' in document)) {
  Object.defineProperty(document, 'fonts', {
    configurable: true,
    value: { addEventListener: () => undefined, removeEventListener: () => undefined, ready: Promise.resolve() },
  });
}

// jsdom has no object URLs (files shown from a fetched Blob): each Blob gets a distinct `blob:` URL here (revoking
// one does nothing); tests spy on these to see which Blob was shown.
if (inBrowserLikeEnvironment && typeof URL.createObjectURL !== 'function') {
  let made = 0;
  URL.createObjectURL = () => `blob:http://app.test/${++made}`;
  URL.revokeObjectURL = () => undefined;
}

afterEach(() => {
  cleanup();
});
